// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Reduced from sqlite3 3.40.1-2+deb12u2 ext/expert/sqlite3expert.c
// (idxGetTableInfo / idxCreateVtabSchema; the same shape in shell.c's
// zipfileGetEntry and mptest/mptest.c's startScript, and in postgresql-15
// contrib/postgres_fdw/connection.c's pgfdw_get_cleanup_result): a same-file
// helper frees what it allocated and leaves *ppOut NULL when it returns an
// error code; the caller uses and keeps the object only on SQLITE_OK.
#include <sqlite3.h>

typedef struct IdxTable {
  int nCol;
  struct IdxTable *pNext;
} IdxTable;

static int idxGetTableInfo(sqlite3 *db, const char *zTab, IdxTable **ppOut) {
  IdxTable *pNew = 0;
  int rc = SQLITE_OK;
  *ppOut = 0;
  if (zTab == 0)
    return SQLITE_ERROR;
  pNew = sqlite3_malloc(sizeof(IdxTable));
  if (pNew == 0)
    rc = SQLITE_NOMEM;
  if (rc == SQLITE_OK)
    rc = sqlite3_exec(db, "SELECT 1", 0, 0, 0);
  if (rc != SQLITE_OK) {
    sqlite3_free(pNew);
    pNew = 0;
  }
  *ppOut = pNew;
  return rc;
}

/* Expected: nothing. */
int idxCreateVtabSchema(sqlite3 *db, const char *zName, IdxTable **pList) {
  IdxTable *pTab;
  int rc = idxGetTableInfo(db, zName, &pTab);
  if (rc == SQLITE_OK) {
    pTab->pNext = *pList;
    *pList = pTab;
  }
  return rc;
}
