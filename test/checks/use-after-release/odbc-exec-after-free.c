// RUN: %check_dbleak %s dbleak-use-after-release %t -- -- %libflags
#include <sql.h>
#include <sqlext.h>

/* Positive: executing on a freed statement handle. */
int exec_twice(SQLHDBC dbc) {
  SQLHSTMT stmt;
  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
    return -1;
  SQLExecDirect(stmt, (SQLCHAR *)"DELETE FROM a", SQL_NTS);
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  SQLExecDirect(stmt, (SQLCHAR *)"DELETE FROM b", SQL_NTS);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: SQLHSTMT 'stmt' is used by 'SQLExecDirect' after it was released [dbleak-use-after-release]
  // CHECK-MESSAGES: :[[@LINE-6]]:7: note: 'stmt' was acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'stmt' was released here
  return 0;
}
