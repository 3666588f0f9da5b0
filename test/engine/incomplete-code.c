// Half-typed code, as an editor sends it: the engine must neither crash nor
// hang, and must not guess at broken bodies.
// RUN: not %clang-tidy --load %dbleak_plugin -checks='-*,dbleak-*' %s -- %libflags 2>&1 | FileCheck %s --implicit-check-not='[dbleak-'
// CHECK: error:
#include <libpq-fe.h>

int half_typed(PGconn *conn, int id) {
  PGresult *res = PQexec(conn, "SELECT name FROM users WHERE id = "
  if (PQresultStatus(res) != PGRES_TUPLES_OK {
    return -1;
  }
  int n = PQntuples(res)
  return n;
}

int unknown_calls(PGconn *conn) {
  PGresult *res = PQexec(conn, undeclared_query());
  if (no_such_function(res))
    return -1;
  PQclear(res);
  return 0;
}

void unterminated(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  for (int i = 0; i < PQntuples(res); i++) {
    if (i ==
