// RUN: %check_dbleak %s dbleak-mismatched-release %t -- -- %libflags
#include <libpq-fe.h>
#include <mongoc.h>

/* Positive (seed 002: two libraries' APIs on one session): a mongo cursor
 * handed to libpq's PQclear. */
int mirror_count(mongoc_collection_t *coll, const bson_t *q) {
  const bson_t *doc;
  int n = 0;
  mongoc_cursor_t *cur = mongoc_collection_find_with_opts(coll, q, NULL, NULL);
  while (mongoc_cursor_next(cur, &doc))
    n++;
  PQclear((PGresult *)cur);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: mongoc_cursor_t 'cur' is released with 'PQclear'; use 'mongoc_cursor_destroy' [dbleak-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-5]]:26: note: 'cur' was acquired here
  return n;
}

/* Negative: bson_destroy releases both heap documents and initialized
 * storage (two catalog rows). */
void build(void) {
  bson_t *doc = bson_new();
  bson_t local;
  bson_init(&local);
  bson_destroy(&local);
  bson_destroy(doc);
}
