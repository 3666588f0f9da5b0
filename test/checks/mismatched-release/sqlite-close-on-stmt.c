// RUN: %check_dbleak %s dbleak-mismatched-release %t -- -- %libflags
#include <sqlite3.h>
#include <stddef.h>

/* Positive: a statement "closed" like a database. */
int first_id(sqlite3 *db) {
  sqlite3_stmt *stmt;
  if (sqlite3_prepare_v2(db, "SELECT id FROM t", -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  int id = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : -1;
  sqlite3_close((sqlite3 *)stmt);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: sqlite3_stmt 'stmt' is released with 'sqlite3_close'; use 'sqlite3_finalize' [dbleak-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: 'stmt' was acquired here
  return id;
}

/* Negative: finalize, and sqlite3_free for sqlite3_mprintf strings. */
int first_id_ok(sqlite3 *db, const char *table) {
  sqlite3_stmt *stmt;
  char *sql = sqlite3_mprintf("SELECT id FROM %q", table);
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK) {
    sqlite3_free(sql);
    return -1;
  }
  sqlite3_free(sql);
  int id = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : -1;
  sqlite3_finalize(stmt);
  return id;
}
