// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <mongoc/mongoc.h>
#include <stdio.h>

/* A client popped from a pool must go back with mongoc_client_pool_push,
 * like a pooled connection returned to its pool; an early return keeps it
 * checked out forever and the pool eventually blocks. */

struct app {
  mongoc_client_pool_t *pool;
  const char *db;
};

/* Expected: the popped client is never pushed back when the ping fails. */
int health_check(struct app *app) {
  bson_error_t error;
  bson_t ping = BSON_INITIALIZER;
  mongoc_client_t *client = mongoc_client_pool_pop(app->pool);
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: mongoc_client_t 'client' acquired by 'mongoc_client_pool_pop' is not released on every path; release it with 'mongoc_client_pool_push' [dbleak-leak]

  BSON_APPEND_INT32(&ping, "ping", 1);
  if (!mongoc_client_command_simple(client, "admin", &ping, NULL, NULL,
                                    &error)) {
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: taking the true branch
    fprintf(stderr, "health: %s\n", error.message);
    bson_destroy(&ping);
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'client' leaks when the function returns here
  }
  bson_destroy(&ping);
  mongoc_client_pool_push(app->pool, client);
  return 0;
}

/* Expected: nothing; both paths push the client back. */
int health_check_fixed(struct app *app) {
  bson_error_t error;
  bson_t ping = BSON_INITIALIZER;
  mongoc_client_t *client = mongoc_client_pool_pop(app->pool);
  int ok;

  BSON_APPEND_INT32(&ping, "ping", 1);
  ok = mongoc_client_command_simple(client, "admin", &ping, NULL, NULL,
                                    &error);
  if (!ok)
    fprintf(stderr, "health: %s\n", error.message);
  bson_destroy(&ping);
  mongoc_client_pool_push(app->pool, client);
  return ok ? 0 : -1;
}
