// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Reduced from sqlite3 3.40.1-2+deb12u2 shell.c (fsdirColumn, readlink into
// a growing buffer): the buffer starts as a stack array; every heap block
// replaces it and is freed by 'if( aBuf!=aStatic ) sqlite3_free(aBuf)'.
#include <sqlite3.h>
#include <unistd.h>

/* Expected: nothing. */
int link_target(sqlite3_context *ctx, const char *zPath) {
  char aStatic[64];
  char *aBuf = aStatic;
  sqlite3_int64 nBuf = 64;
  int n;
  while (1) {
    n = readlink(zPath, aBuf, nBuf);
    if (n < nBuf)
      break;
    if (aBuf != aStatic)
      sqlite3_free(aBuf);
    nBuf = nBuf * 2;
    aBuf = sqlite3_malloc64(nBuf);
    if (aBuf == 0) {
      sqlite3_result_error_nomem(ctx);
      return SQLITE_NOMEM;
    }
  }
  sqlite3_result_text(ctx, aBuf, n, SQLITE_TRANSIENT);
  if (aBuf != aStatic)
    sqlite3_free(aBuf);
  return SQLITE_OK;
}
