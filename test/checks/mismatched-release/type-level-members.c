// RUN: %check_dbleak %s dbleak-mismatched-release %t -- -- %libflags
// A release whose argument is declared as another kind of handle is wrong
// wherever the handle came from: a struct member, a parameter, a global.
#include <hiredis.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdlib.h>

struct server {
  PGconn *conn;
  char *name;
  redisReply *last;
};

static sqlite3_stmt *cached_stmt;

/* Positive: free() on a PGconn member; the fix-it swaps in PQfinish. */
void server_close(struct server *srv) {
  free(srv->conn);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: PGconn 'srv->conn' is released with 'free'; use 'PQfinish' [dbleak-mismatched-release]
  free(srv->name);
  freeReplyObject(srv->last);
}
// CHECK-FIXES: {{^}}  PQfinish(srv->conn);{{$}}

/* Positive: a reply release on a context parameter. */
void drop_context(redisContext *ctx) {
  freeReplyObject(ctx);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: redisContext 'ctx' is released with 'freeReplyObject'; use 'redisFree' [dbleak-mismatched-release]
}

/* Positive: libpq's memory release on a connection. */
void drop_conn(PGconn *conn) {
  PQfreemem(conn);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: PGconn 'conn' is released with 'PQfreemem'; use 'PQfinish' [dbleak-mismatched-release]
}

/* Positive: a global statement freed with sqlite3_free. */
void reset_cache(void) {
  sqlite3_free(cached_stmt);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: sqlite3_stmt 'cached_stmt' is released with 'sqlite3_free'; use 'sqlite3_finalize' [dbleak-mismatched-release]
  cached_stmt = NULL;
}

/* Positive: a local copied out of a member is still a PGconn. */
void server_reset(struct server *srv) {
  PGconn *old = srv->conn;
  srv->conn = NULL;
  free(old);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: PGconn 'old' is released with 'free'; use 'PQfinish' [dbleak-mismatched-release]
}

/* Negative: the right release for each declared type; char * is memory of
   any library, so free() on it says nothing. */
void server_close_ok(struct server *srv, char *buf) {
  PQfinish(srv->conn);
  freeReplyObject(srv->last);
  free(srv->name);
  free(buf);
  PQfreemem(buf);
  sqlite3_finalize(cached_stmt);
}

/* Negative: a struct the function allocates itself with calloc and frees
   with free (a mock reply): the engine follows it from its allocation. */
void fake_reply(void) {
  redisReply *r = calloc(1, sizeof *r);
  if (!r)
    return;
  r->type = REDIS_REPLY_NIL;
  free(r);
}

/* Negative: an array of statements is memory, its elements are not. */
void drop_all(sqlite3_stmt **stmts, int n) {
  for (int i = 0; i < n; i++)
    sqlite3_finalize(stmts[i]);
  free(stmts);
}

/* Negative: releases of a state attached to a handle take the handle
   itself (the transaction of a connection). */
void finish_tx(struct server *srv) { PQclear(PQexec(srv->conn, "COMMIT")); }
