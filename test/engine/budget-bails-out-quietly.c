// The exploration budget is per function: past MaxSteps the engine stops
// quietly instead of hanging an editor, and the findings of other functions
// are unaffected.
// RUN: %clang-tidy --load %dbleak_plugin -checks='-*,dbleak-leak' --config="{CheckOptions: {MaxSteps: 30}}" %s -- %libflags 2>&1 | FileCheck %s --check-prefix=SMALL --implicit-check-not='warning:'
// RUN: %clang-tidy --load %dbleak_plugin -checks='-*,dbleak-leak' %s -- %libflags 2>&1 | FileCheck %s --check-prefix=DEFAULT --implicit-check-not='warning:'
#include <libpq-fe.h>

// Eight results released under eight independent flags: 2^8 path states.
void flush_all(PGconn *c, int a, int b, int d, int e, int f, int g, int h,
               int i) {
  PGresult *r1 = PQexec(c, "SELECT 1");
  PGresult *r2 = PQexec(c, "SELECT 2");
  PGresult *r3 = PQexec(c, "SELECT 3");
  PGresult *r4 = PQexec(c, "SELECT 4");
  PGresult *r5 = PQexec(c, "SELECT 5");
  PGresult *r6 = PQexec(c, "SELECT 6");
  PGresult *r7 = PQexec(c, "SELECT 7");
  PGresult *r8 = PQexec(c, "SELECT 8");
  PGresult *leaked = PQexec(c, "SELECT 9");
  if (a) PQclear(r1);
  if (b) PQclear(r2);
  if (d) PQclear(r3);
  if (e) PQclear(r4);
  if (f) PQclear(r5);
  if (g) PQclear(r6);
  if (h) PQclear(r7);
  if (i) PQclear(r8);
  PQclear(r1), PQclear(r2), PQclear(r3), PQclear(r4);
  PQclear(r5), PQclear(r6), PQclear(r7), PQclear(r8);
}
// DEFAULT: budget-bails-out-quietly.c:[[@LINE-12]]:22: warning: PGresult 'leaked' acquired by 'PQexec' is not released on every path

int small(PGconn *c) {
  PGresult *r = PQexec(c, "SELECT 1");
  if (!PQntuples(r))
    return 0;
  PQclear(r);
  return 1;
}
// SMALL: budget-bails-out-quietly.c:[[@LINE-6]]:17: warning: PGresult 'r' acquired by 'PQexec' is not released on every path
// DEFAULT: budget-bails-out-quietly.c:[[@LINE-7]]:17: warning: PGresult 'r' acquired by 'PQexec' is not released on every path
