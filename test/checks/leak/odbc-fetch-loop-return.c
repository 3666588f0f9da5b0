// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <sql.h>
#include <sqlext.h>
#include <string.h>

/* Looking a row up by scanning a result set and returning from inside the
 * fetch loop. */

/* Expected: returning the match from inside the loop leaks the statement. */
int find_user_id(SQLHDBC dbc, const char *login) {
  SQLHSTMT stmt;
  SQLCHAR name[64];
  SQLINTEGER id;
  SQLLEN len;

  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
    return -1;
    // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: SQLHSTMT 'stmt' acquired by 'SQLAllocHandle' is not released on every path; release it with 'SQLFreeHandle' [dbleak-leak]
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: taking the false branch
  SQLExecDirect(stmt, (SQLCHAR *)"SELECT id, login FROM users", SQL_NTS);
  while (SQLFetch(stmt) == SQL_SUCCESS) {
    // CHECK-MESSAGES: :[[@LINE-1]]:10: note: entering the loop body
    SQLGetData(stmt, 1, SQL_C_SLONG, &id, 0, NULL);
    SQLGetData(stmt, 2, SQL_C_CHAR, name, sizeof name, &len);
    if (strcmp((const char *)name, login) == 0)
      return (int)id;
      // CHECK-MESSAGES: :[[@LINE-2]]:9: note: taking the true branch
      // CHECK-MESSAGES: :[[@LINE-2]]:7: note: 'stmt' leaks when the function returns here
  }
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  return -1;
}

/* Expected: nothing; `break` leaves the loop and the statement is freed
 * after it. */
int find_user_id_fixed(SQLHDBC dbc, const char *login) {
  SQLHSTMT stmt;
  SQLCHAR name[64];
  SQLINTEGER id;
  SQLLEN len;
  int found = -1;

  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
    return -1;
  SQLExecDirect(stmt, (SQLCHAR *)"SELECT id, login FROM users", SQL_NTS);
  while (SQLFetch(stmt) == SQL_SUCCESS) {
    SQLGetData(stmt, 1, SQL_C_SLONG, &id, 0, NULL);
    SQLGetData(stmt, 2, SQL_C_CHAR, name, sizeof name, &len);
    if (strcmp((const char *)name, login) == 0) {
      found = (int)id;
      break;
    }
  }
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  return found;
}
