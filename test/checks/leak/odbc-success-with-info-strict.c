// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// XFAIL: *
// ENGINE-BUG: refineStatus evaluates the branch only for success.front(), so `rc != SQL_SUCCESS` is taken as failure although SQL_SUCCESS_WITH_INFO (1) is a success
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>

/* SQL_SUCCESS_WITH_INFO is a success: the handle exists. A strict mode
 * that turns warnings into errors must still free it. */

struct exporter_cfg {
  int strict;
  const char *query;
};

void log_odbc_error(const char *what, SQLSMALLINT type, SQLHANDLE h);

/* Expected: with `strict` set, an allocation that succeeded with a warning
 * returns without freeing the statement. */
int export_rows(SQLHDBC dbc, const struct exporter_cfg *cfg) {
  SQLHSTMT stmt;
  SQLRETURN rc;

  rc = SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: SQLHSTMT 'stmt' acquired by 'SQLAllocHandle' is not released on every path; release it with 'SQLFreeHandle' [dbleak-leak]
  if (rc != SQL_SUCCESS) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the true branch
    if (rc != SQL_SUCCESS_WITH_INFO)
    // CHECK-MESSAGES: :[[@LINE-1]]:9: note: taking the false branch
      return -1;
    log_odbc_error("export_rows: warning", SQL_HANDLE_STMT, stmt);
    if (cfg->strict)
    // CHECK-MESSAGES: :[[@LINE-1]]:9: note: taking the true branch
      return -1;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: note: 'stmt' leaks when the function returns here
  }
  SQLExecDirect(stmt, (SQLCHAR *)cfg->query, SQL_NTS);
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  return 0;
}
