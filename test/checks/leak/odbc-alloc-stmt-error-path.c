// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>

/* A reporting query that allocates a statement on an open connection and
 * forgets to free it when the query itself fails. (The fix-it, written from
 * the catalog's release call, is tested in fix-release-call.c.) */

struct report_cfg {
  const char *count_sql; /* "SELECT COUNT(*) FROM accounts WHERE age >= ?" */
  int min_age;
};

void log_odbc_error(const char *what, SQLSMALLINT type, SQLHANDLE h);

/* Expected: the statement leaks on the SQLExecDirect error path. */
long count_active_accounts(SQLHDBC dbc, const struct report_cfg *cfg) {
  SQLHSTMT stmt;
  SQLLEN count = 0;
  SQLINTEGER min_age = cfg->min_age;
  SQLRETURN rc;

  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt)))
    return -1;
    // CHECK-MESSAGES: :[[@LINE-2]]:22: warning: SQLHSTMT 'stmt' acquired by 'SQLAllocHandle' is not released on every path; release it with 'SQLFreeHandle' [dbleak-leak]
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: taking the false branch
  SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0,
                   &min_age, 0, NULL);
  rc = SQLExecDirect(stmt, (SQLCHAR *)cfg->count_sql, SQL_NTS);
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

/* Expected: nothing; the error path frees the statement too. */
long count_active_accounts_fixed(SQLHDBC dbc, const struct report_cfg *cfg) {
  SQLHSTMT stmt;
  SQLLEN count = 0;
  SQLINTEGER min_age = cfg->min_age;

  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt)))
    return -1;
  SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0,
                   &min_age, 0, NULL);
  if (!SQL_SUCCEEDED(
          SQLExecDirect(stmt, (SQLCHAR *)cfg->count_sql, SQL_NTS))) {
    log_odbc_error("count_active_accounts", SQL_HANDLE_STMT, stmt);
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    return -1;
  }
  if (SQLFetch(stmt) == SQL_SUCCESS)
    SQLGetData(stmt, 1, SQL_C_SLONG, &count, 0, NULL);
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  return (long)count;
}
