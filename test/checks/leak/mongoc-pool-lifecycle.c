// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <mongoc/mongoc.h>
#include <stdio.h>

/* Creating the pool at start-up: the URI is destroyed once the pool has
 * copied it, and the pool is handed to the application struct. */

struct app {
  mongoc_client_pool_t *pool;
  int max_clients;
};

/* Expected: the pool leaks when the size check fails after creating it. */
int app_init(struct app *app, const char *uri_string) {
  bson_error_t error;
  mongoc_uri_t *uri = mongoc_uri_new_with_error(uri_string, &error);
  if (!uri) {
    fprintf(stderr, "uri: %s\n", error.message);
    return -1;
  }
  mongoc_client_pool_t *pool = mongoc_client_pool_new(uri);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: mongoc_client_pool_t 'pool' acquired by 'mongoc_client_pool_new' is not released on every path; release it with 'mongoc_client_pool_destroy' [dbleak-leak]
  mongoc_uri_destroy(uri);
  if (pool == NULL)
    return -1;
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: taking the false branch
  if (app->max_clients < 1 || app->max_clients > 1000) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: assuming this operand is true
    fprintf(stderr, "max_clients out of range\n");
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'pool' leaks when the function returns here
  }
  mongoc_client_pool_max_size(pool, (uint32_t)app->max_clients);
  app->pool = pool;
  return 0;
}

/* Expected: nothing; the pool is destroyed on the error path and stored
 * on success. */
int app_init_fixed(struct app *app, const char *uri_string) {
  bson_error_t error;
  mongoc_uri_t *uri = mongoc_uri_new_with_error(uri_string, &error);
  if (!uri) {
    fprintf(stderr, "uri: %s\n", error.message);
    return -1;
  }
  mongoc_client_pool_t *pool = mongoc_client_pool_new(uri);
  mongoc_uri_destroy(uri);
  if (pool == NULL)
    return -1;
  if (app->max_clients < 1 || app->max_clients > 1000) {
    fprintf(stderr, "max_clients out of range\n");
    mongoc_client_pool_destroy(pool);
    return -1;
  }
  mongoc_client_pool_max_size(pool, (uint32_t)app->max_clients);
  app->pool = pool;
  return 0;
}
