// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Reduced from sqlite3 3.40.1-2+deb12u2 shell.c (shellModuleSchema,
// shellIdQuote, readfileFunc, zipfileFinal, re_sql_func): memory handed to
// sqlite3_result_text/_blob64 or sqlite3_set_auxdata together with a
// destructor (sqlite3_free or the object's own free function) belongs to
// SQLite afterwards.
#include <sqlite3.h>

/* Expected: nothing. */
void idquote_func(sqlite3_context *context, int argc, sqlite3_value **argv) {
  const char *zName = (const char *)sqlite3_value_text(argv[0]);
  (void)argc;
  if (zName) {
    char *z = sqlite3_mprintf("\"%w\"", zName);
    sqlite3_result_text(context, z, -1, sqlite3_free);
  }
}

/* Expected: nothing. */
void readfile_func(sqlite3_context *ctx, const unsigned char *data,
                   sqlite3_int64 nIn) {
  void *pBuf = sqlite3_malloc64(nIn ? nIn : 1);
  if (pBuf == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  for (sqlite3_int64 i = 0; i < nIn; i++)
    ((unsigned char *)pBuf)[i] = data[i];
  sqlite3_result_blob64(ctx, pBuf, nIn, sqlite3_free);
}

/* Expected: nothing. */
void aux_func(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  char *pRe = sqlite3_get_auxdata(ctx, 0);
  (void)argc;
  if (pRe == 0) {
    pRe = sqlite3_mprintf("%s", sqlite3_value_text(argv[0]));
    if (pRe == 0) {
      sqlite3_result_error_nomem(ctx);
      return;
    }
    sqlite3_set_auxdata(ctx, 0, pRe, sqlite3_free);
  }
  sqlite3_result_int(ctx, pRe[0] != 0);
}
