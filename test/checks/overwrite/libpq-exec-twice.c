// RUN: %check_dbleak %s dbleak-overwrite %t -- -- %libflags
#include <libpq-fe.h>
#include <stdio.h>

/* Positive: the first result is overwritten by the second query. */
int refresh_stats(PGconn *conn) {
  PGresult *res = PQexec(conn, "ANALYZE users");
  res = PQexec(conn, "SELECT count(*) FROM users");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: PGresult 'res' acquired by 'PQexec' is overwritten before it is released; release it with 'PQclear' [dbleak-overwrite]
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: 'res' was acquired here
  int ok = PQresultStatus(res) == PGRES_TUPLES_OK;
  PQclear(res);
  return ok;
}

/* Positive: a live result is dropped by assigning NULL. */
void reset_cursor(PGconn *conn) {
  PGresult *res = PQexec(conn, "CLOSE ALL");
  if (PQresultStatus(res) != PGRES_COMMAND_OK)
    fprintf(stderr, "close: %s", PQerrorMessage(conn));
  res = NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: PGresult 'res' acquired by 'PQexec' is overwritten before it is released; release it with 'PQclear' [dbleak-overwrite]
  // CHECK-MESSAGES: :[[@LINE-5]]:19: note: 'res' was acquired here
  (void)res;
}

/* Negative: released before reuse. */
int refresh_stats_ok(PGconn *conn) {
  PGresult *res = PQexec(conn, "ANALYZE users");
  PQclear(res);
  res = PQexec(conn, "SELECT count(*) FROM users");
  int ok = PQresultStatus(res) == PGRES_TUPLES_OK;
  PQclear(res);
  return ok;
}

/* Negative: NULL on the path where it is reassigned. */
PGresult *query_with_retry(PGconn *conn, const char *sql) {
  PGresult *res = PQexec(conn, sql);
  if (res == NULL) {
    PQreset(conn);
    res = PQexec(conn, sql);
  }
  return res;
}
