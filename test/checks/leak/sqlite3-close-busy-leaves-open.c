// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// sqlite3_close releases only when it succeeds (catalog: a release entry
// with failure: status); SQLITE_BUSY leaves the connection open (negative
// side: use-after-release/neg-corpus-sqlite3-close-busy.c).
#include <sqlite3.h>
#include <stdio.h>

/* Positive: sqlite3_close fails while a statement is unfinalized, and the
 * connection stays open. */
int count_rows(const char *path) {
  sqlite3 *db;
  sqlite3_stmt *st;
  if (sqlite3_open(path, &db) != SQLITE_OK) {
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: sqlite3 'db' acquired by 'sqlite3_open' is not released on every path; release it with 'sqlite3_close' [dbleak-leak]
  // CHECK-MESSAGES: :[[@LINE-2]]:7: note: taking the false branch
    sqlite3_close(db);
    return -1;
  }
  if (sqlite3_prepare_v2(db, "SELECT count(*) FROM t", -1, &st, 0) !=
      SQLITE_OK) {
  // CHECK-MESSAGES: :[[@LINE-2]]:7: note: taking the false branch
    sqlite3_close(db);
    return -1;
  }
  int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: note: taking the true branch
  sqlite3_finalize(st);
  if (sqlite3_close(db) != SQLITE_OK) {
  // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the true branch
    fprintf(stderr, "close failed\n");
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'db' leaks when the function returns here
  }
  return n;
}
