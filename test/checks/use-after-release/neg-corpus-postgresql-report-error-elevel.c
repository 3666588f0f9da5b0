// RUN: %check_dbleak %s dbleak-use-after-release %t -- -- %libflags
// XFAIL: *
// ENGINE-BUG: report_error() returns or not depending on its first argument (elevel >= ERROR -> exit); the summary treats it as a release on a path that returns, so the caller's PQclear is a double release; needs argument-constant-dependent summaries (or at least: a path of the callee that releases and then never returns must not count as a release)
// Reduced from postgresql-15 15.18-0+deb12u1 contrib/postgres_fdw/connection.c
// (pgfdw_report_error / do_sql_command_end): with elevel ERROR the helper
// clears the result and then throws (ereport(ERROR) longjmps; here modelled
// with exit()), so it never returns to the caller's PQclear. Whether the
// helper returns depends on the value of its first argument.
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

#define WARNING 19
#define ERROR 21

static void report_error(int elevel, PGresult *res, PGconn *conn, int clear,
                         const char *sql) {
  fprintf(stderr, "%s: %s\n", sql, PQerrorMessage(conn));
  if (clear)
    PQclear(res);
  if (elevel >= ERROR)
    exit(1);
}

/* Expected: nothing. */
void do_sql_command(PGconn *conn, const char *sql) {
  PGresult *res = PQexec(conn, sql);
  if (PQresultStatus(res) != PGRES_COMMAND_OK)
    report_error(ERROR, res, conn, 1, sql);
  PQclear(res);
}
