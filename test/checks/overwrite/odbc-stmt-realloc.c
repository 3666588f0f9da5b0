// RUN: %check_dbleak %s dbleak-overwrite %t -- -- %libflags
#include <sql.h>
#include <sqlext.h>

/* Positive: a second statement handle is allocated into the live one. */
int two_queries(SQLHDBC dbc) {
  SQLHSTMT stmt;
  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
    return -1;
  SQLExecDirect(stmt, (SQLCHAR *)"DELETE FROM tmp", SQL_NTS);
  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: SQLHSTMT 'stmt' acquired by 'SQLAllocHandle' is overwritten before it is released; release it with 'SQLFreeHandle' [dbleak-overwrite]
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: 'stmt' was acquired here
    return -1;
  SQLExecDirect(stmt, (SQLCHAR *)"VACUUM", SQL_NTS);
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  return 0;
}

/* Negative: freed in between. */
int two_queries_ok(SQLHDBC dbc) {
  SQLHSTMT stmt;
  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
    return -1;
  SQLExecDirect(stmt, (SQLCHAR *)"DELETE FROM tmp", SQL_NTS);
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
    return -1;
  SQLExecDirect(stmt, (SQLCHAR *)"VACUUM", SQL_NTS);
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  return 0;
}
