// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>

/* The canonical ODBC program: environment, connection and statement, with
 * one `goto cleanup` that frees whatever was allocated. */

struct db_config {
  const char *dsn;
  int login_timeout;
};

void log_odbc_error(const char *what, SQLSMALLINT type, SQLHANDLE h);

/* Expected: nothing; every handle is freed at `cleanup` when it was
 * allocated, and the NULL-initialized ones are skipped. */
int print_schema_version(const struct db_config *cfg) {
  SQLHENV env = SQL_NULL_HENV;
  SQLHDBC dbc = SQL_NULL_HDBC;
  SQLHSTMT stmt = SQL_NULL_HSTMT;
  SQLINTEGER version = 0;
  int result = -1;
  int connected = 0;

  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env)))
    goto cleanup;
  SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3, 0);
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc)))
    goto cleanup;
  SQLSetConnectAttr(dbc, SQL_LOGIN_TIMEOUT,
                    (SQLPOINTER)(SQLLEN)cfg->login_timeout, 0);
  if (!SQL_SUCCEEDED(SQLDriverConnect(dbc, NULL, (SQLCHAR *)cfg->dsn, SQL_NTS,
                                      NULL, 0, NULL, SQL_DRIVER_NOPROMPT))) {
    log_odbc_error("connect", SQL_HANDLE_DBC, dbc);
    goto cleanup;
  }
  connected = 1;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt)))
    goto cleanup;
  if (!SQL_SUCCEEDED(SQLExecDirect(
          stmt, (SQLCHAR *)"SELECT version FROM schema_info", SQL_NTS)))
    goto cleanup;
  if (SQLFetch(stmt) == SQL_SUCCESS &&
      SQL_SUCCEEDED(SQLGetData(stmt, 1, SQL_C_SLONG, &version, 0, NULL))) {
    printf("schema version %d\n", (int)version);
    result = 0;
  }

cleanup:
  if (stmt != SQL_NULL_HSTMT)
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  if (connected)
    SQLDisconnect(dbc);
  if (dbc != SQL_NULL_HDBC)
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  if (env != SQL_NULL_HENV)
    SQLFreeHandle(SQL_HANDLE_ENV, env);
  return result;
}
