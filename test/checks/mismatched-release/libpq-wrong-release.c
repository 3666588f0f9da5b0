// RUN: %check_dbleak %s dbleak-mismatched-release %t -- -- %libflags
#include <libpq-fe.h>
#include <stdlib.h>

/* Positive: a result finished like a connection (cast needed in C). */
void drop_result(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  PQfinish((PGconn *)res);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: PGresult 'res' is released with 'PQfinish'; use 'PQclear' [dbleak-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: 'res' was acquired here
}

/* Positive: an escaped literal freed with free() instead of PQfreemem. */
void log_literal(PGconn *conn, const char *name) {
  char *lit = PQescapeLiteral(conn, name, 64);
  free(lit);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: char 'lit' is released with 'free'; use 'PQfreemem' [dbleak-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'lit' was acquired here
}

/* Positive: a result freed with PQfreemem. */
void drop_result_mem(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  PQfreemem(res);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: PGresult 'res' is released with 'PQfreemem'; use 'PQclear' [dbleak-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: 'res' was acquired here
}

/* Negative: the right releases. */
void all_right(PGconn *conn, const char *name) {
  PGresult *res = PQexec(conn, "SELECT 1");
  char *lit = PQescapeLiteral(conn, name, 64);
  PQfreemem(lit);
  PQclear(res);
}
