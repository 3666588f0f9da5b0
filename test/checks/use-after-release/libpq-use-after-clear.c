// RUN: %check_dbleak %s dbleak-use-after-release %t -- -- %libflags
#include <libpq-fe.h>
#include <stdio.h>

/* Positive: the error message is read from a cleared result. */
int check(PGconn *conn, const char *sql) {
  PGresult *res = PQexec(conn, sql);
  if (PQresultStatus(res) != PGRES_COMMAND_OK) {
    PQclear(res);
    fprintf(stderr, "failed: %s", PQresultErrorMessage(res));
  // CHECK-MESSAGES: :[[@LINE-1]]:56: warning: PGresult 'res' is used by 'PQresultErrorMessage' after it was released [dbleak-use-after-release]
  // CHECK-MESSAGES: :[[@LINE-5]]:19: note: 'res' was acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'res' was released here
    return -1;
  }
  PQclear(res);
  return 0;
}

/* Positive: double PQfinish on the error path (seed 002: close only if
 * !active, then close again). */
void shutdown_conn(PGconn *conn, int active) {
  if (!active)
    PQfinish(conn);
  PQfinish(conn);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: PGconn 'conn' is released twice [dbleak-use-after-release]
  // CHECK-MESSAGES: :[[@LINE-5]]:28: note: 'conn' was acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'conn' was released here
}

/* Negative: set to NULL after release; re-acquired. */
int check_ok(PGconn *conn, const char *sql) {
  PGresult *res = PQexec(conn, sql);
  PQclear(res);
  res = NULL;
  PQclear(res);
  res = PQexec(conn, sql);
  int ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  PQclear(res);
  return ok;
}
