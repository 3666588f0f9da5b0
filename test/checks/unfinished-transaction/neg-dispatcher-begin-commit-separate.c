// RUN: %check_dbleak %s dbleak-unfinished-transaction %t -- -- %libflags
// A function that begins a transaction in one operation and commits it in
// another (libmongoc's json test runner, ecpglib's ECPGsetcommit) leaves the
// end to a later call: only a begin that can flow into the function's own
// COMMIT/ROLLBACK is judged.
#include <libpq-fe.h>
#include <string.h>

/* Expected: nothing. */
int run_op(PGconn *conn, const char *op) {
  if (strcmp(op, "begin") == 0) {
    PGresult *r = PQexec(conn, "BEGIN");
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    return ok ? 0 : -1;
  }
  if (strcmp(op, "commit") == 0) {
    PQclear(PQexec(conn, "COMMIT"));
    return 0;
  }
  return -1;
}
