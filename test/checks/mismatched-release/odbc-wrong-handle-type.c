// RUN: %check_dbleak %s dbleak-mismatched-release %t -- -- %libflags
#include <sql.h>
#include <sqlext.h>

/* Positive: a statement freed as a connection handle. */
void run(SQLHDBC dbc) {
  SQLHSTMT stmt;
  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
    return;
  SQLExecDirect(stmt, (SQLCHAR *)"DELETE FROM tmp", SQL_NTS);
  SQLFreeHandle(SQL_HANDLE_DBC, stmt);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: SQLHSTMT 'stmt' is released by 'SQLFreeHandle' as another kind of handle; check the argument that selects the kind [dbleak-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: 'stmt' was acquired here
}

/* Negative: the right handle type. */
void run_ok(SQLHDBC dbc) {
  SQLHSTMT stmt;
  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
    return;
  SQLExecDirect(stmt, (SQLCHAR *)"DELETE FROM tmp", SQL_NTS);
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
}
