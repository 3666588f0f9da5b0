// RUN: %check_dbleak %s dbleak-use-after-release %t -- -- %libflags
// Reduced from postgresql-15 15.18-0+deb12u1 src/test/examples/testlibpq.c
// (the libpq documentation's example program; same helper in testlibpq2-4,
// testlo, testlo64): exit_nicely() finishes the connection and exits, so
// after the call the connection is still live on every path that continues.
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

static void exit_nicely(PGconn *conn) {
  PQfinish(conn);
  exit(1);
}

/* Expected: nothing. */
int main(int argc, char **argv) {
  PGconn *conn = PQconnectdb(argc > 1 ? argv[1] : "dbname = postgres");
  if (PQstatus(conn) != CONNECTION_OK) {
    fprintf(stderr, "%s", PQerrorMessage(conn));
    exit_nicely(conn);
  }
  PGresult *res = PQexec(conn, "SELECT 1");
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    fprintf(stderr, "SELECT failed: %s", PQerrorMessage(conn));
    PQclear(res);
    exit_nicely(conn);
  }
  printf("%s\n", PQgetvalue(res, 0, 0));
  PQclear(res);
  PQfinish(conn);
  return 0;
}
