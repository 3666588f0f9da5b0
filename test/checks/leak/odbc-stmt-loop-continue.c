// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>

/* A migration runner that allocates one statement per migration step. */

struct migration {
  const char *name;
  const char *sql;
};

void log_odbc_error(const char *what, SQLSMALLINT type, SQLHANDLE h);

/* Expected: a failed step `continue`s to the next one without freeing the
 * statement, which the next iteration's SQLAllocHandle then overwrites. */
int run_migrations(SQLHDBC dbc, const struct migration *steps, int n) {
  SQLHSTMT stmt;
  int failures = 0;

  for (int i = 0; i < n; i++) {
    if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
      return -1;
      // CHECK-MESSAGES: :[[@LINE-2]]:9: warning: SQLHSTMT 'stmt' acquired by 'SQLAllocHandle' is not released before the next loop iteration acquires it again; release it with 'SQLFreeHandle' [dbleak-leak]
      // CHECK-MESSAGES: :[[@LINE-3]]:9: note: taking the false branch
    if (!SQL_SUCCEEDED(
            SQLExecDirect(stmt, (SQLCHAR *)steps[i].sql, SQL_NTS))) {
      // CHECK-MESSAGES: :[[@LINE-2]]:9: note: taking the true branch
      log_odbc_error(steps[i].name, SQL_HANDLE_STMT, stmt);
      failures++;
      continue;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: note: continuing with the next iteration
      // CHECK-MESSAGES: :[[@LINE-12]]:19: note: entering the loop body
    }
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  }
  return failures;
}

/* Expected: nothing; the statement is freed on both paths. */
int run_migrations_fixed(SQLHDBC dbc, const struct migration *steps, int n) {
  int failures = 0;

  for (int i = 0; i < n; i++) {
    SQLHSTMT stmt;
    if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
      return -1;
    if (!SQL_SUCCEEDED(
            SQLExecDirect(stmt, (SQLCHAR *)steps[i].sql, SQL_NTS))) {
      log_odbc_error(steps[i].name, SQL_HANDLE_STMT, stmt);
      failures++;
      SQLFreeHandle(SQL_HANDLE_STMT, stmt);
      continue;
    }
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  }
  return failures;
}
