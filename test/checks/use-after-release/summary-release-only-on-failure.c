// RUN: %check_dbleak %s dbleak-use-after-release,dbleak-leak %t -- -- %libflags
// A same-TU checker that PQclear()s the result it rejects and returns false
// releases only when it fails (ecpglib's ecpg_check_PQresult); one that
// keeps it on some failures too is still an unconditional release.
#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>

static bool check_res(PGresult *results, int lineno, PGconn *connection) {
  if (results == NULL) {
    fprintf(stderr, "no result on line %d\n", lineno);
    return false;
  }
  switch (PQresultStatus(results)) {
  case PGRES_TUPLES_OK:
  case PGRES_COMMAND_OK:
    return true;
  case PGRES_COPY_IN:
    PQendcopy(connection);
    PQclear(results);
    return false;
  default:
    fprintf(stderr, "error on line %d\n", lineno);
    PQclear(results);
    return false;
  }
}

/* Negative: false means check_res cleared it; true means it is ours. */
bool trans(int lineno, PGconn *conn, const char *transaction) {
  PGresult *res = PQexec(conn, transaction);
  if (!check_res(res, lineno, conn))
    return false;
  PQclear(res);
  return true;
}

/* Positive: on success the result is the caller's, and is lost. */
bool trans_leak(int lineno, PGconn *conn, const char *transaction) {
  PGresult *res = PQexec(conn, transaction);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: PGresult 'res' acquired by 'PQexec' is not released on every path; release it with 'PQclear' [dbleak-leak]
  if (!check_res(res, lineno, conn))
    return false;
  return true;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'res' leaks when the function returns here
}

/* Positive: a rejected result was already cleared by check_res. */
bool trans_double(int lineno, PGconn *conn, const char *transaction) {
  PGresult *res = PQexec(conn, transaction);
  if (!check_res(res, lineno, conn)) {
    PQclear(res);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: PGresult 'res' is released twice [dbleak-use-after-release]
    return false;
  }
  PQclear(res);
  return true;
}

/* A release on a path whose return value is not known: unconditional. */
static int consume(PGresult *res) {
  int ok = PQresultStatus(res) == PGRES_TUPLES_OK;
  PQclear(res);
  return ok;
}

/* Positive: consume() always clears. */
void use_twice(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  if (!consume(res))
    return;
  PQclear(res);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: PGresult 'res' is released twice [dbleak-use-after-release]
}

/* Released on success only: what it keeps on failure went to a handler
   that frees it (postgresql fe_utils/parallel_slot.c processQueryResult),
   so it stays an unconditional release. */
typedef bool (*result_handler)(PGresult *res, PGconn *conn);
static bool process(result_handler handler, PGresult *result, PGconn *conn) {
  if (!handler(result, conn))
    return false;
  PQclear(result);
  return true;
}

/* Negative. */
bool consume_all(result_handler handler, PGconn *conn) {
  bool ok = true;
  PGresult *result;
  while ((result = PQgetResult(conn)) != NULL)
    if (!process(handler, result, conn))
      ok = false;
  return ok;
}
