// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Reduced from sqlite3 3.40.1-2+deb12u2 shell.c (completionFilter,
// arWhereClause, do_meta_command .dump/.imposter, shell_error_context, the
// recover extension's recoverMPrintf): the %z conversion of sqlite3_mprintf
// works like %s and then sqlite3_free()s its argument, so
// z = sqlite3_mprintf("%z...", z, ...) releases the previous string.
#include <sqlite3.h>

/* Expected: nothing. */
char *build_union(sqlite3 *db) {
  sqlite3_stmt *pS2;
  char *zSql = 0;
  const char *zSep = "";
  if (sqlite3_prepare_v2(db, "PRAGMA database_list", -1, &pS2, 0) != SQLITE_OK)
    return 0;
  while (sqlite3_step(pS2) == SQLITE_ROW) {
    const char *zDb = (const char *)sqlite3_column_text(pS2, 1);
    zSql = sqlite3_mprintf("%z%sSELECT name FROM \"%w\".sqlite_schema", zSql,
                           zSep, zDb);
    if (zSql == 0)
      break;
    zSep = " UNION ";
  }
  sqlite3_finalize(pS2);
  return zSql;
}

/* Expected: nothing. */
char *error_context(const char *zSql, int len, int iOffset) {
  char *zCode = sqlite3_mprintf("%.*s", len, zSql);
  char *zMsg;
  if (zCode == 0)
    return 0;
  if (iOffset < 25)
    zMsg = sqlite3_mprintf("\n  %z\n  %*s^--- error here", zCode, iOffset, "");
  else
    zMsg = sqlite3_mprintf("\n  %z\n  %*serror here ---^", zCode, iOffset - 14,
                           "");
  return zMsg;
}
