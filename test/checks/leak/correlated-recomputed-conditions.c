// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>

enum { OPT_VERBOSE = 1, OPT_STATS = 2 };

/* Expected: nothing. The result exists exactly when `flags & OPT_STATS`,
 * and it is cleared under the same test of the same, unchanged flags. */
void report(PGconn *conn, unsigned flags, int n) {
  PGresult *stats = NULL;
  if (flags & OPT_STATS)
    stats = PQexec(conn, "SELECT * FROM pg_stat_activity");
  if (n > 0)
    printf("%d rows\n", n);
  if (flags & OPT_STATS) {
    printf("%d sessions\n", PQntuples(stats));
    PQclear(stats);
  }
}

/* Expected: nothing; the second test reads a flag computed from the same
 * input as the first. */
int maybe_open(const char *path, int readonly) {
  sqlite3 *db = NULL;
  int want = path != NULL && !readonly;
  if (path != NULL && !readonly)
    sqlite3_open(path, &db);
  if (want)
    sqlite3_close(db);
  return 0;
}

/* The input changes between the two tests: the second one decides
 * nothing, and the path where it is false leaks. */
void report_changed(PGconn *conn, unsigned flags) {
  PGresult *stats = NULL;
  if (flags & OPT_STATS)
    stats = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: PGresult 'stats' acquired by 'PQexec' is not released on every path; release it with 'PQclear' [dbleak-leak]
  flags &= ~OPT_STATS;
  if (flags & OPT_STATS)
    PQclear(stats);
}
