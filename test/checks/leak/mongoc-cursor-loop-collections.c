// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <mongoc/mongoc.h>
#include <stdio.h>

/* Opening one collection per tenant in a loop. */

struct tenants {
  const char **names;
  int n;
};

/* Expected: a tenant whose collection is empty `continue`s without
 * destroying its collection, which the next iteration then loses. */
int64_t total_documents(mongoc_client_t *client, const struct tenants *t) {
  int64_t total = 0;
  for (int i = 0; i < t->n; i++) {
    mongoc_collection_t *coll =
        mongoc_client_get_collection(client, t->names[i], "documents");
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: mongoc_collection_t 'coll' acquired by 'mongoc_client_get_collection' is not released before the next loop iteration acquires it again; release it with 'mongoc_collection_destroy' [dbleak-leak]
    int64_t n = mongoc_collection_estimated_document_count(coll, NULL, NULL,
                                                           NULL, NULL);
    if (n <= 0)
      continue;
      // CHECK-MESSAGES: :[[@LINE-2]]:9: note: taking the true branch
      // CHECK-MESSAGES: :[[@LINE-2]]:7: note: continuing with the next iteration
      // CHECK-MESSAGES: :[[@LINE-10]]:19: note: entering the loop body
    total += n;
    mongoc_collection_destroy(coll);
  }
  return total;
}
