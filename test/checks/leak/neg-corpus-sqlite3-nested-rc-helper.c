// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// XFAIL: *
// ENGINE-BUG: FP-V. prepare_printf() hands its statement out through prepare(), which writes the failure code to the caller's *pRc; *pRc is set exactly when no statement exists, but only when the writing and the handing-out happen in the same helper does the summary say so (RcStatus), not through a nested helper.
// Reduced from sqlite3 3.40.1 shell.c (shellPrepare, shellPreparePrintf,
// arExtractCommand).
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>

static void prepare(sqlite3 *db, int *pRc, const char *zSql,
                    sqlite3_stmt **ppStmt) {
  *ppStmt = 0;
  if (*pRc == SQLITE_OK) {
    int rc = sqlite3_prepare_v2(db, zSql, -1, ppStmt, 0);
    if (rc != SQLITE_OK) {
      fprintf(stderr, "sql error: %s\n", sqlite3_errmsg(db));
      *pRc = rc;
    }
  }
}

static void prepare_printf(sqlite3 *db, int *pRc, sqlite3_stmt **ppStmt,
                           const char *zFmt, ...) {
  *ppStmt = 0;
  if (*pRc == SQLITE_OK) {
    va_list ap;
    char *z;
    va_start(ap, zFmt);
    z = sqlite3_vmprintf(zFmt, ap);
    va_end(ap);
    if (z == 0) {
      *pRc = SQLITE_NOMEM;
    } else {
      prepare(db, pRc, z, ppStmt);
      sqlite3_free(z);
    }
  }
}

/* Expected: nothing. */
int extract(sqlite3 *db, const char *zTable) {
  int rc = SQLITE_OK;
  sqlite3_stmt *pSql = 0;
  prepare_printf(db, &rc, &pSql, "SELECT name FROM %s", zTable);
  if (rc == SQLITE_OK) {
    while (sqlite3_step(pSql) == SQLITE_ROW)
      puts((const char *)sqlite3_column_text(pSql, 0));
    rc = sqlite3_finalize(pSql);
  }
  return rc;
}
