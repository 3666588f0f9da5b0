// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>

/* A connection that fails to connect still owns its DBC handle. */

struct pool_cfg {
  const char *conn_str;
  int timeout;
};

void log_odbc_error(const char *what, SQLSMALLINT type, SQLHANDLE h);

/* Expected: the DBC handle leaks when SQLDriverConnect fails (the
 * environment belongs to the caller). */
SQLHDBC open_connection(SQLHENV env, const struct pool_cfg *cfg) {
  SQLHDBC dbc;
  SQLRETURN rc;

  rc = SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: SQLHDBC 'dbc' acquired by 'SQLAllocHandle' is not released on every path; release it with 'SQLFreeHandle' [dbleak-leak]
  if (!SQL_SUCCEEDED(rc))
    return SQL_NULL_HDBC;
  SQLSetConnectAttr(dbc, SQL_LOGIN_TIMEOUT, (SQLPOINTER)(SQLLEN)cfg->timeout,
                    0);
  rc = SQLDriverConnect(dbc, NULL, (SQLCHAR *)cfg->conn_str, SQL_NTS, NULL, 0,
                        NULL, SQL_DRIVER_NOPROMPT);
  if (!SQL_SUCCEEDED(rc)) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the true branch
    log_odbc_error("SQLDriverConnect", SQL_HANDLE_DBC, dbc);
    return SQL_NULL_HDBC;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'dbc' leaks when the function returns here
  }
  return dbc;
}
