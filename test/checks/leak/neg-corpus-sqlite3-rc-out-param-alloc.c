// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Reduced from sqlite3 3.40.1-2+deb12u2 ext/expert/sqlite3expert.c
// (idxMalloc / idxProcessOneTrigger, sqlite3_expert_sql; the same helper is
// pasted into shell.c, and shell.c's shellPreparePrintf works the same way):
// the helper returns NULL exactly when it sets *pRc to SQLITE_NOMEM, so on
// 'rc != SQLITE_OK' there is nothing to free.
#include <sqlite3.h>
#include <string.h>

typedef struct IdxWrite {
  int eOp;
  struct IdxWrite *pNext;
} IdxWrite;

static void *idxMalloc(int *pRc, int nByte) {
  void *pRet = sqlite3_malloc(nByte);
  if (pRet) {
    memset(pRet, 0, nByte);
  } else {
    *pRc = SQLITE_NOMEM;
  }
  return pRet;
}

/* Expected: nothing. */
int add_write(IdxWrite **ppList, int eOp) {
  int rc = SQLITE_OK;
  IdxWrite *pWrite = idxMalloc(&rc, sizeof(IdxWrite));
  if (rc == SQLITE_OK) {
    pWrite->eOp = eOp;
    pWrite->pNext = *ppList;
    *ppList = pWrite;
  }
  return rc;
}
