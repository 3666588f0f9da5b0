// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>

/* SQL text built with snprintf into a local buffer and handed to
 * SQLExecDirect: the engine must analyse this like any other call (it
 * inspects the SQL text for transaction statements). The statement leaks
 * when the query fails. */

struct report_cfg {
  const char *table;
  int min_age;
};

void log_odbc_error(const char *what, SQLSMALLINT type, SQLHANDLE h);

/* Expected: the statement leaks on the SQLExecDirect error path. */
long count_active_accounts(SQLHDBC dbc, const struct report_cfg *cfg) {
  SQLHSTMT stmt;
  SQLLEN count = 0;
  SQLRETURN rc;
  char sql[256];

  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt)))
    return -1;
    // CHECK-MESSAGES: :[[@LINE-2]]:22: warning: SQLHSTMT 'stmt' acquired by 'SQLAllocHandle' is not released on every path; release it with 'SQLFreeHandle' [dbleak-leak]
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: taking the false branch
  snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s WHERE age >= %d",
           cfg->table, cfg->min_age);
  rc = SQLExecDirect(stmt, (SQLCHAR *)sql, SQL_NTS);
  if (!SQL_SUCCEEDED(rc)) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the true branch
    log_odbc_error("count_active_accounts", SQL_HANDLE_STMT, stmt);
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'stmt' leaks when the function returns here
  }
  if (SQLFetch(stmt) == SQL_SUCCESS)
    SQLGetData(stmt, 1, SQL_C_SLONG, &count, 0, NULL);
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  return (long)count;
}
