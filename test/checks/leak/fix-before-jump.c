// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// The fixed file compiles with the real headers, and nothing is left to
// report in it.
// RUN: %clang -fsyntax-only %libflags %t.c
// RUN: %check_dbleak %t.c dbleak-* %t.again -- -- %libflags
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

/* A cleanup label reached with the result live (a goto after the query),
 * not yet acquired (a goto before it) and released (the normal path): no
 * release at the label is right on every path, but the goto that loses it
 * is followed by nothing that reads it. Released before that goto. */
// CHECK-FIXES:      {{^}}  if (PQresultStatus(res) != PGRES_TUPLES_OK) {{[{]$}}
// CHECK-FIXES-NEXT: {{^}}    PQclear(res);{{$}}
// CHECK-FIXES-NEXT: {{^}}    goto out;{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}
int cleanup_label_mixed(PGconn *conn, int id) {
  int rc = -1;
  PGresult *res = NULL;
  if (id < 0)
    goto out;
  res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: PGresult 'res' acquired by 'PQexec' is not released on every path; release it with 'PQclear' [dbleak-leak]
  if (PQresultStatus(res) != PGRES_TUPLES_OK)
    goto out;
  rc = atoi(PQgetvalue(res, 0, 0));
  PQclear(res);
out:
  return rc;
}

/* Declared outside the loop and lost to the next iteration through
 * `continue`: the next iteration assigns it before reading it, so the
 * release goes before the `continue`. */
// CHECK-FIXES:      {{^}}    if (PQresultStatus(res) != PGRES_COMMAND_OK) {{[{]$}}
// CHECK-FIXES-NEXT: {{^}}      PQclear(res);{{$}}
// CHECK-FIXES-NEXT: {{^}}      continue;{{$}}
// CHECK-FIXES-NEXT: {{^}}    }{{$}}
int outer_variable_continue(PGconn *conn, int n) {
  PGresult *res;
  int done = 0;
  for (int i = 0; i < n; i++) {
    res = PQexec(conn, "UPDATE jobs SET state = 1");
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: PGresult 'res' acquired by 'PQexec' is not released {{.*}} [dbleak-leak]
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
      continue;
    done++;
    PQclear(res);
  }
  return done;
}
