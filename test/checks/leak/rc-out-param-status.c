// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// A helper that reports through an `int *pRc` whether it handed anything
// out: the caller's rc decides (negative side:
// neg-corpus-sqlite3-rc-out-param-alloc.c).
#include <sqlite3.h>
#include <string.h>

/* Returns NULL exactly when it sets *pRc (sqlite3expert.c idxMalloc). */
static void *idx_malloc(int *pRc, int n) {
  void *p = sqlite3_malloc(n);
  if (p)
    memset(p, 0, n);
  else
    *pRc = SQLITE_NOMEM;
  return p;
}

/* Positive: the block is lost when the caller returns on success. */
int fill(int n) {
  int rc = SQLITE_OK;
  char *buf = idx_malloc(&rc, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: char 'buf' acquired by 'idx_malloc' is not released on every path; release it with 'sqlite3_free' [dbleak-leak]
  if (rc != SQLITE_OK)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the false branch
    return rc;
  buf[0] = 'x';
  return SQLITE_OK;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'buf' leaks when the function returns here
}
