// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <assert.h>
#include <hiredis.h>
#include <mongoc/mongoc.h>
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>
#include <stdlib.h>

/* Paths that end the process (exit, abort, assert, user noreturn
 * functions) leak nothing. */

_Noreturn void die(const char *fmt, ...);
void panic_with_code(int code, const char *msg) __attribute__((noreturn));

/* Expected: nothing. */
void init_cache_or_die(redisContext **out, const char *host, int port) {
  redisContext *c = redisConnect(host, port);
  if (c == NULL || c->err)
    die("redis %s:%d: %s", host, port, c ? c->errstr : "oom");
  *out = c;
}

/* Expected: nothing. */
void migrate_or_panic(mongoc_client_t *client) {
  mongoc_collection_t *coll =
      mongoc_client_get_collection(client, "app", "schema");
  bson_error_t error;
  bson_t *doc = BCON_NEW("version", BCON_INT32(7));
  if (!mongoc_collection_insert_one(coll, doc, NULL, NULL, &error))
    panic_with_code(3, error.message);
  bson_destroy(doc);
  mongoc_collection_destroy(coll);
}

/* Expected: nothing. */
void must_alloc_stmt(SQLHDBC dbc) {
  SQLHSTMT stmt;
  SQLRETURN rc = SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
  assert(SQL_SUCCEEDED(rc));
  if (!SQL_SUCCEEDED(SQLExecDirect(stmt, (SQLCHAR *)"SELECT 1", SQL_NTS))) {
    fprintf(stderr, "SELECT 1 failed\n");
    exit(1);
  }
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
}

/* Expected: nothing. */
void must_get(redisContext *c, const char *key) {
  redisReply *r = redisCommand(c, "GET %s", key);
  if (r == NULL || r->type == REDIS_REPLY_ERROR)
    abort();
  puts(r->str ? r->str : "(nil)");
  freeReplyObject(r);
}
