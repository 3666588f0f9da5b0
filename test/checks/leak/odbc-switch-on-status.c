// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>

/* Dispatching on SQLExecDirect's return code with a switch. */

enum job_state { JOB_DONE, JOB_EMPTY, JOB_FAILED };

void log_odbc_error(const char *what, SQLSMALLINT type, SQLHANDLE h);

/* Expected: the SQL_NO_DATA case returns without freeing the statement. */
enum job_state claim_next_job(SQLHDBC dbc, int worker_id) {
  SQLHSTMT stmt;
  SQLINTEGER owner = worker_id;

  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
    return JOB_FAILED;
    // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: SQLHSTMT 'stmt' acquired by 'SQLAllocHandle' is not released on every path; release it with 'SQLFreeHandle' [dbleak-leak]
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: taking the false branch
  SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0,
                   &owner, 0, NULL);
  switch (SQLExecDirect(
      stmt, (SQLCHAR *)"UPDATE jobs SET owner = ? WHERE owner IS NULL LIMIT 1",
      SQL_NTS)) {
  case SQL_SUCCESS:
  case SQL_SUCCESS_WITH_INFO:
    break;
  case SQL_NO_DATA:
    return JOB_EMPTY;
    // CHECK-MESSAGES: :[[@LINE-2]]:3: note: taking this case
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'stmt' leaks when the function returns here
  default:
    log_odbc_error("claim_next_job", SQL_HANDLE_STMT, stmt);
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    return JOB_FAILED;
  }
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  return JOB_DONE;
}
