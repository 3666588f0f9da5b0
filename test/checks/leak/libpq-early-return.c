// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <libpq-fe.h>
#include <stdio.h>

/* A count query whose error branch returns before PQclear. */
int count_users(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT count(*) FROM users");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: PGresult 'res' acquired by 'PQexec' is not released on every path; release it with 'PQclear' [dbleak-leak]
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the true branch
    fprintf(stderr, "count failed: %s", PQerrorMessage(conn));
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'res' leaks when the function returns here
  }
  int n = PQntuples(res);
  PQclear(res);
  return n;
}

/* The same query, released on both paths: nothing to report. */
int count_users_ok(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT count(*) FROM users");
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    PQclear(res);
    return -1;
  }
  int n = PQntuples(res);
  PQclear(res);
  return n;
}
