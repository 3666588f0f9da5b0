// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <sql.h>
#include <sqlext.h>
#include <stddef.h>

/* A function that either borrows the caller's statement or allocates its
 * own, and frees only the one it allocated: the two `if (own)` tests are
 * correlated. */

struct query_opts {
  SQLHSTMT reuse;
  int max_rows;
};

/* Expected: nothing. */
long sum_balances(SQLHDBC dbc, const struct query_opts *opts) {
  SQLHSTMT stmt = opts->reuse;
  int own = stmt == SQL_NULL_HSTMT;
  SQLDOUBLE balance, total = 0;
  int rows = 0;

  if (own) {
    if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
      return -1;
  }
  SQLExecDirect(stmt, (SQLCHAR *)"SELECT balance FROM accounts", SQL_NTS);
  while (rows < opts->max_rows && SQLFetch(stmt) == SQL_SUCCESS) {
    SQLGetData(stmt, 1, SQL_C_DOUBLE, &balance, 0, NULL);
    total += balance;
    rows++;
  }
  if (own)
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  return (long)total;
}
