// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// XFAIL: *
// ENGINE-BUG: no way to say that a resource (odbc.stmt) is freed by its parent's release (SQLDisconnect); `parent:` makes a resource attached, and attached resources are never reported as leaks
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>

/* ODBC 3: "If an application calls SQLDisconnect before it has freed all
 * statements associated with the connection, the driver, after it
 * successfully disconnects from the data source, frees those statements".
 * A one-shot function that disconnects and frees its DBC has therefore not
 * leaked the statement it allocated on it. */

/* Expected: nothing. */
int one_shot_query(SQLHENV env, const char *dsn, const char *sql) {
  SQLHDBC dbc;
  SQLHSTMT stmt;
  int ok;

  if (SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc) != SQL_SUCCESS)
    return -1;
  if (!SQL_SUCCEEDED(SQLDriverConnect(dbc, NULL, (SQLCHAR *)dsn, SQL_NTS, NULL,
                                      0, NULL, SQL_DRIVER_NOPROMPT))) {
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    return -1;
  }
  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS) {
    SQLDisconnect(dbc);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    return -1;
  }
  ok = SQL_SUCCEEDED(SQLExecDirect(stmt, (SQLCHAR *)sql, SQL_NTS));
  SQLDisconnect(dbc);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  return ok ? 0 : -1;
}
