// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Reduced from pdns 4.7.3-2 pdns/ssqlite3.cc (SSQLite3::execute; same
// pattern in sqlite3 3.40.1 mptest/mptest.c): sqlite3_exec sets its *errmsg
// out-parameter only when it fails; with SQLITE_OK it is NULL.
#include <sqlite3.h>
#include <stdio.h>

/* Expected: nothing. */
int execute(sqlite3 *db, const char *query, int in_transaction) {
  char *errmsg;
  int rc = sqlite3_exec(db, query, NULL, NULL, &errmsg);
  if (rc != SQLITE_OK) {
    fprintf(stderr, "%s\n", errmsg);
    sqlite3_free(errmsg);
  }
  if (rc == SQLITE_BUSY) {
    if (in_transaction)
      return -1;
    rc = sqlite3_exec(db, query, NULL, NULL, &errmsg);
    if (rc != SQLITE_OK) {
      fprintf(stderr, "%s\n", errmsg);
      sqlite3_free(errmsg);
      return -1;
    }
  } else if (rc != SQLITE_OK) {
    return -1;
  }
  return 0;
}
