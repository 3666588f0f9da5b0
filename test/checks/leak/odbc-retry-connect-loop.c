// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>
#include <unistd.h>

/* Reconnecting with retries: each attempt allocates a fresh DBC. */

struct retry_policy {
  int attempts;
  unsigned backoff_ms;
};

void log_odbc_error(const char *what, SQLSMALLINT type, SQLHANDLE h);

/* Expected: a failed attempt retries without freeing its DBC, so the next
 * attempt's SQLAllocHandle loses it. */
SQLHDBC connect_with_retry(SQLHENV env, const char *dsn,
                           const struct retry_policy *policy) {
  SQLHDBC dbc;

  for (int attempt = 0; attempt < policy->attempts; attempt++) {
    if (SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc) != SQL_SUCCESS)
      return SQL_NULL_HDBC;
      // CHECK-MESSAGES: :[[@LINE-2]]:9: warning: SQLHDBC 'dbc' acquired by 'SQLAllocHandle' is not released before the next loop iteration acquires it again; release it with 'SQLFreeHandle' [dbleak-leak]
      // CHECK-MESSAGES: :[[@LINE-3]]:9: note: taking the false branch
    if (SQL_SUCCEEDED(SQLDriverConnect(dbc, NULL, (SQLCHAR *)dsn, SQL_NTS,
                                       NULL, 0, NULL, SQL_DRIVER_NOPROMPT)))
      return dbc;
    // CHECK-MESSAGES: :[[@LINE-3]]:9: note: taking the false branch
    // CHECK-MESSAGES: :[[@LINE-9]]:25: note: entering the loop body
    log_odbc_error("connect attempt", SQL_HANDLE_DBC, dbc);
    usleep(policy->backoff_ms * 1000u);
  }
  return SQL_NULL_HDBC;
}

/* Expected: nothing; each failed attempt frees its DBC before sleeping. */
SQLHDBC connect_with_retry_fixed(SQLHENV env, const char *dsn,
                                 const struct retry_policy *policy) {
  for (int attempt = 0; attempt < policy->attempts; attempt++) {
    SQLHDBC dbc;
    if (SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc) != SQL_SUCCESS)
      return SQL_NULL_HDBC;
    if (SQL_SUCCEEDED(SQLDriverConnect(dbc, NULL, (SQLCHAR *)dsn, SQL_NTS,
                                       NULL, 0, NULL, SQL_DRIVER_NOPROMPT)))
      return dbc;
    log_odbc_error("connect attempt", SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    usleep(policy->backoff_ms * 1000u);
  }
  return SQL_NULL_HDBC;
}
