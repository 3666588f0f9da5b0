// RUN: %check_dbleak %s dbleak-unfinished-transaction %t -- -- %libflags
#include <sqlite3.h>
#include <stddef.h>

/* Positive: BEGIN IMMEDIATE through sqlite3_exec, error path keeps the
 * database locked. */
int bulk_insert(sqlite3 *db, const char *const *names, int n) {
  if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return -1;
  for (int i = 0; i < n; i++) {
    char *sql = sqlite3_mprintf("INSERT INTO t(name) VALUES (%Q)", names[i]);
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_free(sql);
    if (rc != SQLITE_OK)
      return -1;
  // CHECK-MESSAGES: :[[@LINE-8]]:7: warning: transaction begun on 'db' by 'sqlite3_exec' is not committed or rolled back on every path [dbleak-unfinished-transaction]
  // CHECK-MESSAGES: :[[@LINE-2]]:7: note: the transaction on 'db' is still open when the function returns here
  }
  return sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* Negative: rolled back on the error path. */
int bulk_insert_ok(sqlite3 *db, const char *const *names, int n) {
  if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return -1;
  for (int i = 0; i < n; i++) {
    char *sql = sqlite3_mprintf("INSERT INTO t(name) VALUES (%Q)", names[i]);
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_free(sql);
    if (rc != SQLITE_OK) {
      sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
      return -1;
    }
  }
  return sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}
