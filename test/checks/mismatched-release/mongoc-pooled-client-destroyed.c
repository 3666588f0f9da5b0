// RUN: %check_dbleak %s dbleak-mismatched-release %t -- -- %libflags
// A client popped from a pool goes back with mongoc_client_pool_push;
// mongoc_client_destroy closes the pool's connection under it instead.
#include <mongoc/mongoc.h>

/* Positive: destroyed instead of given back. */
void ping_once(mongoc_client_pool_t *pool) {
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  mongoc_client_command_simple(client, "admin", NULL, NULL, NULL, NULL);
  mongoc_client_destroy(client);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: mongoc_client_t 'client' is released with 'mongoc_client_destroy'; use 'mongoc_client_pool_push' [dbleak-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-4]]:29: note: 'client' was acquired here
}

/* Negative: given back to the pool; a client of its own is destroyed. */
void ping_ok(mongoc_client_pool_t *pool, const char *uri) {
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  mongoc_client_command_simple(client, "admin", NULL, NULL, NULL, NULL);
  mongoc_client_pool_push(pool, client);
  mongoc_client_t *own = mongoc_client_new(uri);
  mongoc_client_destroy(own);
}
