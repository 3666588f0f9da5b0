// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>

/* The allocation's own return code examined with a switch: the `default`
 * case is a failed allocation, which leaves no handle behind. */

void log_odbc_error(const char *what, SQLSMALLINT type, SQLHANDLE h);

/* Expected: nothing; the only early return is the failed allocation. */
int vacuum_sessions(SQLHDBC dbc) {
  SQLHSTMT stmt;

  switch (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt)) {
  case SQL_SUCCESS:
    break;
  case SQL_SUCCESS_WITH_INFO:
    log_odbc_error("vacuum_sessions: allocated with warnings", SQL_HANDLE_DBC,
                   dbc);
    break;
  default:
    log_odbc_error("vacuum_sessions", SQL_HANDLE_DBC, dbc);
    return -1;
  }
  SQLExecDirect(stmt, (SQLCHAR *)"VACUUM ANALYZE sessions", SQL_NTS);
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  return 0;
}
