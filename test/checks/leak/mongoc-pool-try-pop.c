// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <mongoc/mongoc.h>
#include <stdio.h>

/* mongoc_client_pool_try_pop returns NULL when the pool is exhausted; that
 * path has nothing to push back. */

struct app {
  mongoc_client_pool_t *pool;
};

/* Expected: nothing on the NULL path; the client leaks (is never pushed
 * back) when the collection name is rejected. */
long count_orders_nonblocking(struct app *app, const char *coll_name) {
  mongoc_client_t *client = mongoc_client_pool_try_pop(app->pool);
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: mongoc_client_t 'client' acquired by 'mongoc_client_pool_try_pop' is not released on every path; release it with 'mongoc_client_pool_push' [dbleak-leak]
  if (!client) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the false branch
    fprintf(stderr, "pool exhausted, try later\n");
    return -2;
  }
  if (coll_name[0] == '\0' || coll_name[0] == '$')
    return -1;
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: assuming this operand is true
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'client' leaks when the function returns here
  mongoc_collection_t *coll =
      mongoc_client_get_collection(client, "shop", coll_name);
  bson_t filter = BSON_INITIALIZER;
  long n = (long)mongoc_collection_count_documents(coll, &filter, NULL, NULL,
                                                   NULL, NULL);
  bson_destroy(&filter);
  mongoc_collection_destroy(coll);
  mongoc_client_pool_push(app->pool, client);
  return n;
}
