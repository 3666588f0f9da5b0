// RUN: %check_dbleak %s dbleak-use-after-release %t -- -- %libflags
// Reduced from postgresql-15 15.18-0+deb12u1 src/bin/pg_dump/pg_dumpall.c
// (executeQuery; same shape in contrib/oid2name/oid2name.c sql_exec() and
// contrib/dblink/dblink.c dblink_security_check()): the helper finishes the
// connection only on its error path, which ends the process; on the paths
// that return, the connection is untouched.
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

/* pg_backup_utils.h */
extern void exit_nicely(int code) __attribute__((noreturn));

static PGresult *executeQuery(PGconn *conn, const char *query) {
  PGresult *res = PQexec(conn, query);
  if (!res || PQresultStatus(res) != PGRES_TUPLES_OK) {
    fprintf(stderr, "query failed: %s", PQerrorMessage(conn));
    PQfinish(conn);
    exit_nicely(1);
  }
  return res;
}

/* Expected: nothing. */
void dumpRoles(PGconn *conn) {
  PGresult *res = executeQuery(conn, "SELECT rolname FROM pg_authid");
  for (int i = 0; i < PQntuples(res); i++)
    printf("%s\n", PQgetvalue(res, i, 0));
  PQclear(res);
  res = executeQuery(conn, "SELECT 1");
  PQclear(res);
}
