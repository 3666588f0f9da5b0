// RUN: %check_dbleak %s dbleak-overwrite %t -- -- %libflags
#include <mongoc.h>

/* Positive: the first cursor is overwritten by the second find. */
int scan_twice(mongoc_collection_t *coll, const bson_t *q1, const bson_t *q2) {
  const bson_t *doc;
  int n = 0;
  mongoc_cursor_t *cur = mongoc_collection_find_with_opts(coll, q1, NULL, NULL);
  while (mongoc_cursor_next(cur, &doc))
    n++;
  cur = mongoc_collection_find_with_opts(coll, q2, NULL, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: mongoc_cursor_t 'cur' acquired by 'mongoc_collection_find_with_opts' is overwritten before it is released; release it with 'mongoc_cursor_destroy' [dbleak-overwrite]
  // CHECK-MESSAGES: :[[@LINE-5]]:26: note: 'cur' was acquired here
  while (mongoc_cursor_next(cur, &doc))
    n++;
  mongoc_cursor_destroy(cur);
  return n;
}
