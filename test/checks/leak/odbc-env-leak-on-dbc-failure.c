// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>

/* Two-step setup where the second allocation fails and the first handle
 * is abandoned. */

struct odbc_conn {
  SQLHENV env;
  SQLHDBC dbc;
};

/* Expected: the environment leaks when the connection handle cannot be
 * allocated. */
int odbc_conn_init(struct odbc_conn *conn) {
  SQLHENV env;
  SQLHDBC dbc;

  if (SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env) != SQL_SUCCESS)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: SQLHENV 'env' acquired by 'SQLAllocHandle' is not released on every path; release it with 'SQLFreeHandle' [dbleak-leak]
  // CHECK-MESSAGES: :[[@LINE-2]]:7: note: taking the false branch
    return -1;
  SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3, 0);
  if (SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc) != SQL_SUCCESS) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the true branch
    fprintf(stderr, "odbc: cannot allocate a connection handle\n");
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'env' leaks when the function returns here
  }
  conn->env = env;
  conn->dbc = dbc;
  return 0;
}

/* Expected: nothing; the environment is freed before giving up, and both
 * handles are handed to the caller's struct on success. */
int odbc_conn_init_fixed(struct odbc_conn *conn) {
  SQLHENV env;
  SQLHDBC dbc;

  if (SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env) != SQL_SUCCESS)
    return -1;
  SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3, 0);
  if (SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc) != SQL_SUCCESS) {
    fprintf(stderr, "odbc: cannot allocate a connection handle\n");
    SQLFreeHandle(SQL_HANDLE_ENV, env);
    return -1;
  }
  conn->env = env;
  conn->dbc = dbc;
  return 0;
}
