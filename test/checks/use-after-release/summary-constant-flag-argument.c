// RUN: %check_dbleak %s dbleak-use-after-release,dbleak-leak %t -- -- %libflags
// A helper whose flag argument decides whether it clears the result
// (postgres_fdw's pgfdw_report_error(elevel, res, conn, clear, sql)): a
// call with a constant flag gets the summary of that flag's value.
#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>

static void report_error(int elevel, PGresult *res, PGconn *conn, bool clear,
                         const char *sql) {
  const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn);
  fprintf(stderr, "%d %s %s\n", elevel, msg, sql);
  if (clear)
    PQclear(res);
}

/* Negative: clear == false leaves the result to the caller. */
int count_rows(PGconn *conn, const char *sql) {
  PGresult *res = PQexec(conn, sql);
  if (PQresultStatus(res) != PGRES_TUPLES_OK)
    report_error(20, res, conn, false, sql);
  int n = PQntuples(res);
  PQclear(res);
  return n;
}

/* Negative: clear == true released it. */
int count_rows_clear(PGconn *conn, const char *sql) {
  PGresult *res = PQexec(conn, sql);
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    report_error(19, res, conn, true, sql);
    return -1;
  }
  int n = PQntuples(res);
  PQclear(res);
  return n;
}

/* Positive: cleared by the helper, then again. */
int count_rows_twice(PGconn *conn, const char *sql) {
  PGresult *res = PQexec(conn, sql);
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    report_error(19, res, conn, true, sql);
    PQclear(res);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: PGresult 'res' is released twice [dbleak-use-after-release]
    return -1;
  }
  PQclear(res);
  return 0;
}

/* Positive: with clear == false nobody clears it. */
int count_rows_leak(PGconn *conn, const char *sql) {
  PGresult *res = PQexec(conn, sql);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: PGresult 'res' acquired by 'PQexec' is not released on every path; release it with 'PQclear' [dbleak-leak]
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    report_error(19, res, conn, false, sql);
    return -1;
  }
  PQclear(res);
  return 0;
}
