#include "service.h"
#include <sqlite3.h>
#include <stdio.h>

/* Imports product names; a failed bind skips the finalize. */
int catalog_import(const char *path, const char *const *names, int n) {
  sqlite3 *db;
  if (sqlite3_open(path, &db) != SQLITE_OK) {
    fprintf(stderr, "catalog: %s\n", sqlite3_errmsg(db));
    return -1; /* BUG: a failed sqlite3_open still needs sqlite3_close */
  }
  for (int i = 0; i < n; i++) {
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(db, "INSERT INTO products(name) VALUES (?)", -1,
                           &stmt, NULL) != SQLITE_OK)
      break;
    if (sqlite3_bind_text(stmt, 1, names[i], -1, SQLITE_STATIC) != SQLITE_OK)
      continue; /* BUG: stmt lost on the next iteration */
    sqlite3_step(stmt);
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return 0;
}

/* Correct: every path closes what it opened. */
int catalog_lookup(const char *path, const char *name) {
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int found = -1;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    goto out;
  if (sqlite3_prepare_v2(db, "SELECT id FROM products WHERE name = ?", -1,
                         &stmt, NULL) != SQLITE_OK)
    goto out;
  sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step(stmt) == SQLITE_ROW)
    found = sqlite3_column_int(stmt, 0);
out:
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return found;
}
