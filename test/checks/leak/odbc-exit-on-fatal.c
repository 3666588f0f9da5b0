// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>
#include <stdlib.h>

/* Command-line tools that give up with exit() or a noreturn helper do not
 * leak: the process ends. */

__attribute__((noreturn)) void fatal(const char *msg);

/* Expected: nothing; the error path ends the process. */
SQLHENV tool_init_env(void) {
  SQLHENV env;
  if (SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env) != SQL_SUCCESS) {
    fprintf(stderr, "cannot allocate an ODBC environment\n");
    exit(EXIT_FAILURE);
  }
  SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3, 0);
  return env;
}

/* Expected: nothing; `fatal` does not return, so the DBC never leaks. */
void tool_ping(SQLHENV env, const char *dsn) {
  SQLHDBC dbc;
  if (SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc) != SQL_SUCCESS)
    fatal("no connection handle");
  if (!SQL_SUCCEEDED(SQLDriverConnect(dbc, NULL, (SQLCHAR *)dsn, SQL_NTS, NULL,
                                      0, NULL, SQL_DRIVER_NOPROMPT)))
    fatal("cannot connect");
  puts("ok");
  SQLDisconnect(dbc);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
}

/* Expected: nothing; abort() on a broken invariant. */
void tool_truncate_staging(SQLHDBC dbc) {
  SQLHSTMT stmt;
  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
    abort();
  if (!SQL_SUCCEEDED(SQLExecDirect(
          stmt, (SQLCHAR *)"TRUNCATE TABLE staging_events", SQL_NTS)))
    abort();
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
}
