// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>

/* The allocation's return code kept in a variable that is compared with
 * both failure codes: `rc == SQL_ERROR || rc == SQL_INVALID_HANDLE`. Either
 * comparison being true means no handle was allocated. */

/* Expected: nothing; SQL_ERROR is the only failure this code expects. */
int touch_heartbeat(SQLHDBC dbc) {
  SQLHSTMT stmt;
  SQLRETURN rc = SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
  if (rc == SQL_ERROR || rc == SQL_INVALID_HANDLE) {
    fprintf(stderr, "heartbeat: no statement handle\n");
    return -1;
  }
  SQLExecDirect(stmt, (SQLCHAR *)"UPDATE heartbeat SET ts = CURRENT_TIMESTAMP",
                SQL_NTS);
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  return 0;
}
