// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Reduced from sqlite3 3.40.1-2+deb12u2 shell.c (explain_data_prepare,
// exec_prepared_stmt_columnar, ...) and tool/sqldiff.c (columnNames): an
// array grown with p = sqlite3_realloc(p, n) in a loop. realloc takes over
// the old block; the result is checked and freed once at the end.
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

static void shell_check_oom(void *p) {
  if (p == 0) {
    fprintf(stderr, "Error: out of memory\n");
    exit(1);
  }
}

/* Expected: nothing. */
int collect_columns(sqlite3_stmt *pStmt) {
  char **azCol = 0;
  int nCol = 0, nAlloc = 0;
  while (sqlite3_step(pStmt) == SQLITE_ROW) {
    if (nCol >= nAlloc - 2) {
      nAlloc = nAlloc * 2 + nCol + 10;
      azCol = sqlite3_realloc(azCol, nAlloc * sizeof(azCol[0]));
      shell_check_oom(azCol);
    }
    azCol[++nCol] = sqlite3_mprintf("%s", sqlite3_column_text(pStmt, 1));
  }
  for (int i = 1; i <= nCol; i++)
    sqlite3_free(azCol[i]);
  sqlite3_free(azCol);
  return nCol;
}
