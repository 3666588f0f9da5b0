// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// A counter that starts at a constant and is only ever incremented is not
// that constant after the first iteration, whatever bounds the loop.
// Reduced from sqlite3 3.40.1 shell.c (explain_data_prepare).
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* Expected: nothing. */
void explain(sqlite3_stmt *pSql, int *aiIndent) {
  int *abYield = 0;
  int nAlloc = 0;
  int iOp;
  for (iOp = 0; SQLITE_ROW == sqlite3_step(pSql); iOp++) {
    if (iOp >= nAlloc) {
      if (iOp == 0) {
        if (strcmp(sqlite3_column_name(pSql, 0), "addr") != 0) {
          sqlite3_reset(pSql);
          return;
        }
      }
      nAlloc += 100;
      abYield = (int *)sqlite3_realloc64(abYield, nAlloc * sizeof(int));
      if (abYield == 0)
        abort(); /* shell_check_oom */
    }
    abYield[iOp] = sqlite3_column_int(pSql, 1);
    aiIndent[iOp] = abYield[iOp];
  }
  sqlite3_free(abYield);
  sqlite3_reset(pSql);
}

/* Positive: a counter that is also decremented may come back to 0. */
void explain_rewind(sqlite3_stmt *pSql, int *aiIndent) {
  int *abYield = 0;
  int nAlloc = 0;
  int iOp;
  for (iOp = 0; SQLITE_ROW == sqlite3_step(pSql); iOp++) {
    if (iOp >= nAlloc) {
      if (iOp == 0) {
        if (strcmp(sqlite3_column_name(pSql, 0), "addr") != 0) {
          sqlite3_reset(pSql);
          return;
        }
      }
      nAlloc += 100;
      abYield = (int *)sqlite3_realloc64(abYield, nAlloc * sizeof(int));
      // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: char 'abYield' acquired by 'sqlite3_realloc64' is not released on every path; release it with 'sqlite3_free' [dbleak-leak]
      if (abYield == 0)
        abort();
    }
    abYield[iOp] = sqlite3_column_int(pSql, 1);
    aiIndent[iOp] = abYield[iOp];
    if (aiIndent[iOp] < 0)
      iOp--;
  }
  sqlite3_free(abYield);
  sqlite3_reset(pSql);
}
