// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Reduced from sqlite3 3.40.1-2+deb12u2 shell.c (seriesOpen, fsdirOpen,
// completionOpen): a virtual-table xOpen allocates its cursor and hands it to
// SQLite through *ppCursor = &pCur->base (base is the first member); SQLite
// frees it in xClose.
#include <sqlite3.h>
#include <string.h>

typedef struct series_cursor {
  sqlite3_vtab_cursor base; /* Base class - must be first */
  sqlite3_int64 iValue;
} series_cursor;

/* Expected: nothing. */
static int seriesOpen(sqlite3_vtab *pUnused, sqlite3_vtab_cursor **ppCursor) {
  series_cursor *pCur;
  (void)pUnused;
  pCur = sqlite3_malloc(sizeof(*pCur));
  if (pCur == 0)
    return SQLITE_NOMEM;
  memset(pCur, 0, sizeof(*pCur));
  *ppCursor = &pCur->base;
  return SQLITE_OK;
}

static int seriesClose(sqlite3_vtab_cursor *cur) {
  sqlite3_free(cur);
  return SQLITE_OK;
}

int (*const series_methods[])(void) = {(int (*)(void))seriesOpen,
                                       (int (*)(void))seriesClose};
