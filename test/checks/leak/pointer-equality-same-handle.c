// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// `a == b` makes two names of one handle (reduced from libmongoc
// test-mongoc-client-pool.c).
#include <mongoc/mongoc.h>

/* Negative: the pool hands the same client out again; the test pushes it
 * back under its first name. */
void requeue(mongoc_client_pool_t *pool) {
  mongoc_client_t *c1 = mongoc_client_pool_pop(pool);
  mongoc_client_t *client;
  mongoc_client_pool_push(pool, c1);
  client = mongoc_client_pool_pop(pool);
  BSON_ASSERT(client == c1);
  mongoc_client_pool_push(pool, c1);
}

/* Positive: popped again and never pushed back. */
void requeue_leak(mongoc_client_pool_t *pool) {
  mongoc_client_t *c1 = mongoc_client_pool_pop(pool);
  mongoc_client_t *client;
  mongoc_client_pool_push(pool, c1);
  client = mongoc_client_pool_pop(pool);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: mongoc_client_t 'c1' acquired by 'mongoc_client_pool_pop' is not released on every path; release it with 'mongoc_client_pool_push' [dbleak-leak]
  if (client != c1)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the false branch
    abort();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: 'c1' leaks at the end of the function
