// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Reduced from sqlite3 3.40.1-2+deb12u2 shell.c (run_table_dump_query,
// bind_prepared_stmt): the status of sqlite3_prepare_v2 is tested as the
// first operand of ||; when it is not SQLITE_OK the statement is NULL.
// The same test without the '|| !pSelect' works.
#include <sqlite3.h>

/* Expected: nothing. */
int dump_query(sqlite3 *db, const char *zSelect) {
  sqlite3_stmt *pSelect;
  int rc = sqlite3_prepare_v2(db, zSelect, -1, &pSelect, 0);
  if (rc != SQLITE_OK || !pSelect)
    return rc;
  rc = sqlite3_step(pSelect);
  sqlite3_finalize(pSelect);
  return rc;
}

/* Expected: nothing. */
void bind_parameters(sqlite3 *db) {
  sqlite3_stmt *pQ = 0;
  int rc = sqlite3_prepare_v2(
      db, "SELECT value FROM temp.sqlite_parameters WHERE key=?1", -1, &pQ, 0);
  if (rc || pQ == 0)
    return;
  sqlite3_step(pQ);
  sqlite3_finalize(pQ);
}
