// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// XFAIL: *
// ENGINE-BUG: the status of sqlite3_prepare_v2 is passed to a same-file wrapper (sql_check_error(db, status)) whose result is compared; the engine refines only direct comparisons of the status, not a wrapper that returns an error exactly when the status is not SQLITE_OK
// Reduced from freeradius 3.2.1+dfsg-4+deb12u1
// src/modules/rlm_sql/drivers/rlm_sql_sqlite/rlm_sql_sqlite.c (sql_loadfile):
// the status of sqlite3_prepare_v2 is checked through a same-file wrapper
// that reports failure whenever the status is not SQLITE_OK; on that branch
// no statement was created.
#include <sqlite3.h>

typedef enum { RLM_SQL_ERROR = -1, RLM_SQL_OK = 0 } sql_rcode_t;

static sql_rcode_t sql_check_error(sqlite3 *db, int status) {
  int hstatus = SQLITE_OK;
  if (db) {
    hstatus = sqlite3_errcode(db);
    switch (hstatus & 0xff) {
    case SQLITE_OK:
    case SQLITE_DONE:
    case SQLITE_ROW:
      hstatus = SQLITE_OK;
      break;
    default:
      break;
    }
  }
  switch (status & 0xff) {
  case SQLITE_OK:
  case SQLITE_DONE:
  case SQLITE_ROW:
    status = SQLITE_OK;
    break;
  default:
    break;
  }
  if (status != SQLITE_OK)
    return RLM_SQL_ERROR;
  if (hstatus != SQLITE_OK)
    return RLM_SQL_ERROR;
  return RLM_SQL_OK;
}

/* Expected: nothing. */
int load_statement(sqlite3 *db, const char *p, int n) {
  sqlite3_stmt *statement;
  const char *z_tail;
  int status = sqlite3_prepare_v2(db, p, n, &statement, &z_tail);
  if (sql_check_error(db, status) != RLM_SQL_OK)
    return -1;
  status = sqlite3_step(statement);
  if (sql_check_error(db, status) != RLM_SQL_OK) {
    sqlite3_finalize(statement);
    return -1;
  }
  status = sqlite3_finalize(statement);
  if (sql_check_error(db, status) != RLM_SQL_OK)
    return -1;
  return 0;
}
