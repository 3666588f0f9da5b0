// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>

/* SQLAllocHandle reports failure through its return code: on that path
 * there is no handle to free. None of these functions leaks. */

void log_odbc_error(const char *what, SQLSMALLINT type, SQLHANDLE h);

/* Expected: nothing; the comparison with SQL_SUCCESS guards the return. */
int purge_sessions(SQLHDBC dbc) {
  SQLHSTMT stmt;
  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
    return -1;
  SQLExecDirect(stmt, (SQLCHAR *)"DELETE FROM sessions WHERE expired = 1",
                SQL_NTS);
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  return 0;
}

/* Expected: nothing; `rc` remembers the allocation's outcome. */
int archive_orders(SQLHDBC dbc, int days) {
  SQLHSTMT stmt;
  SQLINTEGER max_age = days;
  SQLRETURN rc;

  rc = SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
  if (!SQL_SUCCEEDED(rc))
    goto fail;
  SQLPrepare(stmt,
             (SQLCHAR *)"UPDATE orders SET archived = 1 WHERE age_days > ?",
             SQL_NTS);
  SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0,
                   &max_age, 0, NULL);
  rc = SQLExecute(stmt);
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  return SQL_SUCCEEDED(rc) ? 0 : -1;
fail:
  log_odbc_error("archive_orders", SQL_HANDLE_DBC, dbc);
  return -1;
}
