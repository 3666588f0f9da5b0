// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <mongoc/mongoc.h>
#include <stdio.h>

/* Iterating a cursor and checking mongoc_cursor_error afterwards. */

struct export_cfg {
  const char *status;
  int limit;
};

/* Expected: the cursor leaks when iteration ended with an error. */
int print_orders(mongoc_collection_t *orders, const struct export_cfg *cfg) {
  const bson_t *doc;
  bson_error_t error;
  bson_t *filter = BCON_NEW("status", BCON_UTF8(cfg->status));
  bson_t *opts = BCON_NEW("limit", BCON_INT64(cfg->limit));
  mongoc_cursor_t *cursor =
      mongoc_collection_find_with_opts(orders, filter, opts, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: mongoc_cursor_t 'cursor' acquired by 'mongoc_collection_find_with_opts' is not released on every path; release it with 'mongoc_cursor_destroy' [dbleak-leak]
  bson_destroy(filter);
  bson_destroy(opts);

  while (mongoc_cursor_next(cursor, &doc)) {
    // CHECK-MESSAGES: :[[@LINE-1]]:10: note: leaving the loop
    char *json = bson_as_relaxed_extended_json(doc, NULL);
    puts(json);
    bson_free(json);
  }
  if (mongoc_cursor_error(cursor, &error)) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the true branch
    fprintf(stderr, "orders: %s\n", error.message);
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'cursor' leaks when the function returns here
  }
  mongoc_cursor_destroy(cursor);
  return 0;
}
