// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// ExplainMissingFixes says why each finding has no fix:
// RUN: %check_dbleak --check-suffix=WHY %s dbleak-leak %t.why -- --config="{CheckOptions: {ExplainMissingFixes: true}}" -- %libflags
#include <libpq-fe.h>
#include <mongoc/mongoc.h>
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>

/* No fix-it where no insertion is certainly right: the file stays as it
 * was. */

/* The return value still reads the result: a release before the return
 * would be a use after free. */
// CHECK-FIXES:      {{^}}int rows(PGconn *conn) {{[{]$}}
// CHECK-FIXES-NOT:  PQclear
// CHECK-FIXES:      {{^}}  return PQntuples(res);{{$}}
int rows(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT count(*) FROM jobs");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: PGresult 'res' acquired by 'PQexec' is not released on every path; release it with 'PQclear' [dbleak-leak]
  // CHECK-MESSAGES-WHY: :[[@LINE-2]]:19: warning: PGresult 'res' {{.*}} [dbleak-leak]
  // CHECK-MESSAGES-WHY: :[[@LINE-3]]:19: note: no fix-it: return-value-reads-it
  return PQntuples(res);
}

/* One path reaches the return with the result released, the other with it
 * live: a release there would free it twice on the first. */
// CHECK-FIXES:      {{^}}    PQclear(res);{{$}}
// CHECK-FIXES-NEXT: {{^}}  return 0;{{$}}
int maybe_released(PGconn *conn, int keep) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: PGresult 'res' acquired by 'PQexec' is not released on every path; release it with 'PQclear' [dbleak-leak]
  // CHECK-MESSAGES-WHY: :[[@LINE-2]]:19: warning: PGresult 'res' {{.*}} [dbleak-leak]
  // CHECK-MESSAGES-WHY: :[[@LINE-3]]:19: note: no fix-it: place-reached-with-it-released; no-jump-that-certainly-loses-it
  if (!keep)
    PQclear(res);
  return 0;
}

/* The label's block reads the result it may be given (an error message),
 * and is also reached before the query, with the result still NULL from
 * its initializer: released after that read, where every path holds it or
 * NULL. */
// CHECK-FIXES:      {{^}}  if (PQresultStatus(res) != PGRES_TUPLES_OK){{$}}
// CHECK-FIXES-NEXT: {{^}}    goto fail;{{$}}
// CHECK-FIXES:      {{^}}fail:{{$}}
// CHECK-FIXES-NEXT: {{^}}  fprintf(stderr, "failed: %s", res ? PQresultErrorMessage(res) : "bad id");{{$}}
// CHECK-FIXES-NEXT: {{^}}  PQclear(res);{{$}}
// CHECK-FIXES-NEXT: {{^}}  return -1;{{$}}
int label_reads_it(PGconn *conn, int id) {
  PGresult *res = NULL;
  if (id < 0)
    goto fail;
  res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: PGresult 'res' acquired by 'PQexec' is not released on every path; release it with 'PQclear' [dbleak-leak]
  // CHECK-MESSAGES-WHY: :[[@LINE-2]]:9: warning: PGresult 'res' {{.*}} [dbleak-leak]
  if (PQresultStatus(res) != PGRES_TUPLES_OK)
    goto fail;
  PQclear(res);
  return 0;
fail:
  fprintf(stderr, "failed: %s", res ? PQresultErrorMessage(res) : "bad id");
  return -1;
}

/* The pool is reached through a member that anything may change between
 * the pop and the return: no give-back is written. */
// CHECK-FIXES:      {{^}}  if (!mongoc_client_command_simple(client, "admin", cmd, NULL, NULL, NULL)){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
struct app {
  mongoc_client_pool_t *pool;
};
int pool_member(struct app *app, const bson_t *cmd) {
  mongoc_client_t *client = mongoc_client_pool_pop(app->pool);
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: mongoc_client_t 'client' {{.*}} [dbleak-leak]
  // CHECK-MESSAGES-WHY: :[[@LINE-2]]:29: warning: mongoc_client_t 'client' {{.*}} [dbleak-leak]
  // CHECK-MESSAGES-WHY: :[[@LINE-3]]:29: note: no fix-it: release-argument-not-a-stable-variable
  if (!mongoc_client_command_simple(client, "admin", cmd, NULL, NULL, NULL))
    return -1;
  mongoc_client_pool_push(app->pool, client);
  return 0;
}

/* The pool variable is assigned after the pop: the client may not belong
 * to what it holds at the return. */
// CHECK-FIXES:      {{^}}  if (!mongoc_client_command_simple(client, "admin", cmd, NULL, NULL, NULL)){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
int pool_reassigned(mongoc_client_pool_t *pool, mongoc_client_pool_t *other,
                    const bson_t *cmd) {
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: mongoc_client_t 'client' {{.*}} [dbleak-leak]
  // CHECK-MESSAGES-WHY: :[[@LINE-2]]:29: warning: mongoc_client_t 'client' {{.*}} [dbleak-leak]
  // CHECK-MESSAGES-WHY: :[[@LINE-3]]:29: note: no fix-it: release-argument-not-a-stable-variable
  mongoc_client_pool_t *home = pool;
  pool = other;
  if (!mongoc_client_command_simple(client, "admin", cmd, NULL, NULL, NULL))
    return -1;
  mongoc_client_pool_push(home, client);
  return 0;
}

/* SQLFreeHandle on a DBC that is still connected fails (HY010) and frees
 * nothing: no release while the connection is open. */
// CHECK-FIXES:      {{^}}  if (check){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
int connected_dbc(SQLHENV env, const char *dsn, int check) {
  SQLHDBC dbc;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc)))
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: SQLHDBC 'dbc' {{.*}} [dbleak-leak]
    // CHECK-MESSAGES-WHY: :[[@LINE-2]]:22: warning: SQLHDBC 'dbc' {{.*}} [dbleak-leak]
    // CHECK-MESSAGES-WHY: :[[@LINE-3]]:22: note: no fix-it: another-handle-depends-on-it
    return -1;
  if (!SQL_SUCCEEDED(SQLDriverConnect(dbc, NULL, (SQLCHAR *)dsn, SQL_NTS, NULL,
                                      0, NULL, SQL_DRIVER_NOPROMPT))) {
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    return -1;
  }
  if (check)
    return -1;
  SQLDisconnect(dbc);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  return 0;
}

/* The label, which reads the result, is also reached before the query with
 * the variable holding the caller's result, not NULL: no release is
 * certainly right there. */
// CHECK-FIXES:      {{^}}fail2:{{$}}
// CHECK-FIXES-NEXT: {{^}}  fprintf(stderr, "failed: %s", PQresultErrorMessage(res));{{$}}
// CHECK-FIXES-NEXT: {{^}}  return -1;{{$}}
int label_not_null(PGconn *conn, PGresult *prev, int id) {
  PGresult *res = prev;
  if (id < 0)
    goto fail2;
  res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: PGresult 'res' {{.*}} [dbleak-leak]
  // CHECK-MESSAGES-WHY: :[[@LINE-2]]:9: warning: PGresult 'res' {{.*}} [dbleak-leak]
  // CHECK-MESSAGES-WHY: :[[@LINE-3]]:9: note: no fix-it: place-reached-without-the-handle; no-jump-that-certainly-loses-it
  if (PQresultStatus(res) != PGRES_TUPLES_OK)
    goto fail2;
  PQclear(res);
  return 0;
fail2:
  fprintf(stderr, "failed: %s", PQresultErrorMessage(res));
  return -1;
}
