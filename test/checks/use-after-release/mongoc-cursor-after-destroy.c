// RUN: %check_dbleak %s dbleak-use-after-release %t -- -- %libflags
#include <mongoc.h>

/* Positive: the cursor's error is read after it was destroyed. */
bool scan(mongoc_collection_t *coll, const bson_t *q, bson_error_t *err) {
  const bson_t *doc;
  mongoc_cursor_t *cur = mongoc_collection_find_with_opts(coll, q, NULL, NULL);
  while (mongoc_cursor_next(cur, &doc))
    ;
  mongoc_cursor_destroy(cur);
  return !mongoc_cursor_error(cur, err);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: mongoc_cursor_t 'cur' is used by 'mongoc_cursor_error' after it was released [dbleak-use-after-release]
  // CHECK-MESSAGES: :[[@LINE-6]]:26: note: 'cur' was acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'cur' was released here
}

/* Negative: error read first. */
bool scan_ok(mongoc_collection_t *coll, const bson_t *q, bson_error_t *err) {
  const bson_t *doc;
  mongoc_cursor_t *cur = mongoc_collection_find_with_opts(coll, q, NULL, NULL);
  while (mongoc_cursor_next(cur, &doc))
    ;
  bool failed = mongoc_cursor_error(cur, err);
  mongoc_cursor_destroy(cur);
  return !failed;
}
