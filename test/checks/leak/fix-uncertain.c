// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <libpq-fe.h>

/* No fix-it where no insertion is certainly right: the file stays as it
 * was. */

/* The return value still reads the result: a release before the return
 * would be a use after free. */
// CHECK-FIXES:      {{^}}int rows(PGconn *conn) {{[{]$}}
// CHECK-FIXES-NOT:  PQclear
// CHECK-FIXES:      {{^}}  return PQntuples(res);{{$}}
int rows(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT count(*) FROM jobs");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: PGresult 'res' acquired by 'PQexec' is not released on every path; release it with 'PQclear' [dbleak-leak]
  return PQntuples(res);
}

/* One path reaches the return with the result released, the other with it
 * live: a release there would free it twice on the first. */
// CHECK-FIXES:      {{^}}    PQclear(res);{{$}}
// CHECK-FIXES-NEXT: {{^}}  return 0;{{$}}
int maybe_released(PGconn *conn, int keep) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: PGresult 'res' acquired by 'PQexec' is not released on every path; release it with 'PQclear' [dbleak-leak]
  if (!keep)
    PQclear(res);
  return 0;
}

/* Declared outside the loop and lost to the next iteration through
 * `continue`: the places where it dies do not say which paths hold it. */
// CHECK-FIXES:      {{^}}    if (PQresultStatus(res) != PGRES_COMMAND_OK){{$}}
// CHECK-FIXES-NEXT: {{^}}      continue;{{$}}
int outer_variable(PGconn *conn, int n) {
  PGresult *res;
  for (int i = 0; i < n; i++) {
    res = PQexec(conn, "UPDATE jobs SET state = 1");
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: PGresult 'res' acquired by 'PQexec' is not released {{.*}} [dbleak-leak]
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
      continue;
    PQclear(res);
  }
  return 0;
}
