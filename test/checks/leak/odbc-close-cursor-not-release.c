// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>

/* SQLCloseCursor and SQLFreeStmt(SQL_CLOSE) close the result set so the
 * statement can be executed again; neither frees the statement handle. */

void log_odbc_error(const char *what, SQLSMALLINT type, SQLHANDLE h);

/* Expected: the statement leaks on the second query's error path, although
 * its cursor was closed. */
int refresh_counters(SQLHDBC dbc, long *users, long *orders) {
  SQLHSTMT stmt;
  SQLINTEGER n = 0;

  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: SQLHSTMT 'stmt' acquired by 'SQLAllocHandle' is not released on every path; release it with 'SQLFreeHandle' [dbleak-leak]
    return -1;
  SQLExecDirect(stmt, (SQLCHAR *)"SELECT COUNT(*) FROM users", SQL_NTS);
  if (SQLFetch(stmt) == SQL_SUCCESS)
    SQLGetData(stmt, 1, SQL_C_SLONG, &n, 0, NULL);
  *users = n;
  SQLCloseCursor(stmt);

  if (!SQL_SUCCEEDED(SQLExecDirect(
          stmt, (SQLCHAR *)"SELECT COUNT(*) FROM orders", SQL_NTS))) {
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: taking the true branch
    log_odbc_error("refresh_counters", SQL_HANDLE_STMT, stmt);
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'stmt' leaks when the function returns here
  }
  if (SQLFetch(stmt) == SQL_SUCCESS)
    SQLGetData(stmt, 1, SQL_C_SLONG, &n, 0, NULL);
  *orders = n;
  SQLFreeStmt(stmt, SQL_CLOSE);
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  return 0;
}

/* Expected: SQLFreeStmt(SQL_CLOSE) is not SQLFreeHandle: the statement
 * leaks at the end of the function. */
void print_table_names(SQLHDBC dbc) {
  SQLHSTMT stmt;
  SQLCHAR name[128];
  SQLLEN len;

  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: SQLHSTMT 'stmt' acquired by 'SQLAllocHandle' is not released on every path; release it with 'SQLFreeHandle' [dbleak-leak]
    return;
  SQLTables(stmt, NULL, 0, NULL, 0, NULL, 0, (SQLCHAR *)"TABLE", SQL_NTS);
  while (SQLFetch(stmt) == SQL_SUCCESS) {
    SQLGetData(stmt, 3, SQL_C_CHAR, name, sizeof name, &len);
    printf("%s\n", (const char *)name);
  }
  SQLFreeStmt(stmt, SQL_CLOSE);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: 'stmt' leaks at the end of the function
