// RUN: %check_dbleak %s dbleak-use-after-release %t -- -- %libflags
// Reduced from sqlite3 3.40.1-2+deb12u2 shell.c (close_db): sqlite3_close
// returns SQLITE_BUSY and leaves the connection open while statements are
// not finalized, so reading the error message after a failed close is
// valid.
#include <sqlite3.h>
#include <stdio.h>

/* Expected: nothing. */
void close_db(sqlite3 *db) {
  int rc = sqlite3_close(db);
  if (rc) {
    fprintf(stderr, "Error: sqlite3_close() returns %d: %s\n", rc,
            sqlite3_errmsg(db));
  }
}
