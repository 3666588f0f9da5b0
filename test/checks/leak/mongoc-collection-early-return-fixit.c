// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <mongoc/mongoc.h>
#include <stdio.h>

/* mongoc_collection_destroy takes the collection alone and accepts NULL,
 * so an early return inside a block gets the release inserted. */

struct inventory {
  mongoc_client_t *client;
  const char *db;
};

/* Expected: the collection leaks when the SKU is invalid; fix-it inserts
 * mongoc_collection_destroy(coll) before that return. */
// CHECK-FIXES: {{^}}    mongoc_collection_destroy(coll);{{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
int64_t stock_level(struct inventory *inv, const char *sku) {
  bson_error_t error;
  mongoc_collection_t *coll =
      mongoc_client_get_collection(inv->client, inv->db, "stock");
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: mongoc_collection_t 'coll' acquired by 'mongoc_client_get_collection' is not released on every path; release it with 'mongoc_collection_destroy' [dbleak-leak]
  if (sku == NULL || sku[0] == '\0') {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: assuming this operand is false
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: taking the true branch
    fprintf(stderr, "stock_level: empty SKU\n");
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'coll' leaks when the function returns here
  }
  bson_t *filter = BCON_NEW("sku", BCON_UTF8(sku));
  int64_t n =
      mongoc_collection_count_documents(coll, filter, NULL, NULL, NULL, &error);
  bson_destroy(filter);
  mongoc_collection_destroy(coll);
  return n;
}
