// RUN: %check_dbleak %s dbleak-use-after-release %t -- -- %libflags
#include <sqlite3.h>
#include <stddef.h>

/* Positive: stepping a finalized statement. */
int count_rows(sqlite3 *db) {
  sqlite3_stmt *stmt;
  if (sqlite3_prepare_v2(db, "SELECT count(*) FROM t", -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  sqlite3_finalize(stmt);
  return sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: sqlite3_stmt 'stmt' is used by 'sqlite3_step' after it was released [dbleak-use-after-release]
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: 'stmt' was acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'stmt' was released here
}

/* Negative. */
int count_rows_ok(sqlite3 *db) {
  sqlite3_stmt *stmt;
  if (sqlite3_prepare_v2(db, "SELECT count(*) FROM t", -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  int n = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : -1;
  sqlite3_finalize(stmt);
  return n;
}
