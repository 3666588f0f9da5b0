// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// The fixed file compiles with the real headers, and nothing is left to
// report in it.
// RUN: %clang -fsyntax-only %libflags %t.c
// RUN: %check_dbleak %t.c dbleak-* %t.again -- -- %libflags
#include <mongoc/mongoc.h>
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>

/* Releases that take more than the handle are written from the catalog's
 * release call: SQLFreeHandle with the handle type of the kind. It does not
 * accept SQL_NULL_HANDLE, and the engine does not know the out-parameter
 * non-NULL after a successful allocation: the release is guarded. */
// CHECK-FIXES:      {{^}}  if (!SQL_SUCCEEDED(rc)) {{[{]$}}
// CHECK-FIXES-NEXT: {{^}}    fprintf(stderr, "count failed\n");{{$}}
// CHECK-FIXES-NEXT: {{^}}    if (stmt) SQLFreeHandle(SQL_HANDLE_STMT, stmt);{{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
long count_rows(SQLHDBC dbc, const char *sql) {
  SQLHSTMT stmt;
  SQLLEN count = 0;
  SQLRETURN rc;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt)))
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: SQLHSTMT 'stmt' acquired by 'SQLAllocHandle' is not released on every path; release it with 'SQLFreeHandle' [dbleak-leak]
    return -1;
  rc = SQLExecDirect(stmt, (SQLCHAR *)sql, SQL_NTS);
  if (!SQL_SUCCEEDED(rc)) {
    fprintf(stderr, "count failed\n");
    return -1;
  }
  if (SQLFetch(stmt) == SQL_SUCCESS)
    SQLGetData(stmt, 1, SQL_C_SLONG, &count, 0, NULL);
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  return (long)count;
}

/* A connection handle whose connect failed: nothing depends on it. */
// CHECK-FIXES:      {{^}}  if (!SQL_SUCCEEDED(rc)) {{[{]$}}
// CHECK-FIXES-NEXT: {{^}}    if (dbc) SQLFreeHandle(SQL_HANDLE_DBC, dbc);{{$}}
// CHECK-FIXES-NEXT: {{^}}    return SQL_NULL_HDBC;{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}
SQLHDBC open_dbc(SQLHENV env, const char *dsn) {
  SQLHDBC dbc;
  SQLRETURN rc = SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: SQLHDBC 'dbc' acquired by 'SQLAllocHandle' is not released on every path; release it with 'SQLFreeHandle' [dbleak-leak]
  if (!SQL_SUCCEEDED(rc))
    return SQL_NULL_HDBC;
  rc = SQLDriverConnect(dbc, NULL, (SQLCHAR *)dsn, SQL_NTS, NULL, 0, NULL,
                        SQL_DRIVER_NOPROMPT);
  if (!SQL_SUCCEEDED(rc))
    return SQL_NULL_HDBC;
  return dbc;
}

/* A pooled client goes back to the pool it was popped from, a variable
 * nothing changes: the catalog's call names the pop's argument. */
// CHECK-FIXES:      {{^}}    fprintf(stderr, "ping: %s\n", error.message);{{$}}
// CHECK-FIXES-NEXT: {{^}}    bson_destroy(&ping);{{$}}
// CHECK-FIXES-NEXT: {{^}}    if (client) mongoc_client_pool_push(pool, client);{{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
int ping(mongoc_client_pool_t *pool) {
  bson_error_t error;
  bson_t ping = BSON_INITIALIZER;
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: mongoc_client_t 'client' acquired by 'mongoc_client_pool_pop' is not released on every path; release it with 'mongoc_client_pool_push' [dbleak-leak]
  BSON_APPEND_INT32(&ping, "ping", 1);
  if (!mongoc_client_command_simple(client, "admin", &ping, NULL, NULL,
                                    &error)) {
    fprintf(stderr, "ping: %s\n", error.message);
    bson_destroy(&ping);
    return -1;
  }
  bson_destroy(&ping);
  mongoc_client_pool_push(pool, client);
  return 0;
}

/* A handle that is a struct on the stack, initialized by the call whatever
 * it returns: released through its address where the variable dies. */
// CHECK-FIXES:      {{^}}    fprintf(stderr, "buildInfo: %s\n", error.message);{{$}}
// CHECK-FIXES-NEXT: {{^}}    bson_destroy(&cmd);{{$}}
// CHECK-FIXES-NEXT: {{^}}    bson_destroy(&reply);{{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
int server_version(mongoc_client_t *client, char *buf, size_t len) {
  bson_t cmd = BSON_INITIALIZER;
  bson_t reply;
  bson_error_t error;
  bson_iter_t it;
  BSON_APPEND_INT32(&cmd, "buildInfo", 1);
  if (!mongoc_client_command_simple(client, "admin", &cmd, NULL, &reply,
                                    &error)) {
    // CHECK-MESSAGES: :[[@LINE-2]]:8: warning: bson_t 'reply' {{.*}} [dbleak-leak]
    fprintf(stderr, "buildInfo: %s\n", error.message);
    bson_destroy(&cmd);
    return -1;
  }
  if (bson_iter_init_find(&it, &reply, "version") && BSON_ITER_HOLDS_UTF8(&it))
    snprintf(buf, len, "%s", bson_iter_utf8(&it, NULL));
  bson_destroy(&reply);
  bson_destroy(&cmd);
  return 0;
}

/* A cleanup block also reached before the allocation, where the handle is
 * still NULL from its initializer (and nothing but the allocation assigns
 * it): released there behind a test, SQLFreeHandle refusing NULL. */
// CHECK-FIXES:      {{^}}out:{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (stmt) SQLFreeHandle(SQL_HANDLE_STMT, stmt);{{$}}
// CHECK-FIXES-NEXT: {{^}}  return n;{{$}}
long count_or_skip(SQLHDBC dbc, const char *sql, int skip) {
  SQLHSTMT stmt = SQL_NULL_HSTMT;
  SQLLEN count = 0;
  long n = -1;
  if (skip)
    goto out;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt)))
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: SQLHSTMT 'stmt' {{.*}} [dbleak-leak]
    goto out;
  if (SQL_SUCCEEDED(SQLExecDirect(stmt, (SQLCHAR *)sql, SQL_NTS)) &&
      SQLFetch(stmt) == SQL_SUCCESS &&
      SQL_SUCCEEDED(SQLGetData(stmt, 1, SQL_C_SLONG, &count, 0, NULL)))
    n = (long)count;
out:
  return n;
}
