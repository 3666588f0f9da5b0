// RUN: %check_dbleak %s dbleak-overwrite %t -- -- %libflags
#include <sqlite3.h>
#include <stddef.h>

/* Positive: the second prepare writes over a live statement. */
int migrate(sqlite3 *db) {
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2(db, "CREATE TABLE IF NOT EXISTS t(x)", -1, &stmt,
                         NULL) != SQLITE_OK)
    return -1;
  sqlite3_step(stmt);
  if (sqlite3_prepare_v2(db, "CREATE INDEX IF NOT EXISTS ix ON t(x)", -1,
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: sqlite3_stmt 'stmt' acquired by 'sqlite3_prepare_v2' is overwritten before it is released; release it with 'sqlite3_finalize' [dbleak-overwrite]
  // CHECK-MESSAGES: :[[@LINE-6]]:7: note: 'stmt' was acquired here
                         &stmt, NULL) != SQLITE_OK)
    return -1;
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  return 0;
}

/* Negative: finalized before the next prepare; p = realloc(p) style. */
int migrate_ok(sqlite3 *db) {
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2(db, "CREATE TABLE IF NOT EXISTS t(x)", -1, &stmt,
                         NULL) != SQLITE_OK)
    return -1;
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  if (sqlite3_prepare_v2(db, "CREATE INDEX IF NOT EXISTS ix ON t(x)", -1,
                         &stmt, NULL) != SQLITE_OK)
    return -1;
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  char *buf = sqlite3_malloc(16);
  buf = sqlite3_realloc(buf, 64);
  sqlite3_free(buf);
  return 0;
}
