// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// XFAIL: *
// ENGINE-BUG: FP-B (last one). iOp counts the rows from 0 up; the early return under 'iOp == 0' can only happen in the first iteration, before the buffer exists. The loop has no constant bound, so iOp is forgotten at iOp++ and a later iteration may take the 'iOp == 0' branch with the buffer allocated; needs a 'greater than' fact (monotonic counters).
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
