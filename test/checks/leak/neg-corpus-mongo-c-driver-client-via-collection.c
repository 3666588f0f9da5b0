// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// XFAIL: *
// ENGINE-BUG: FP-AJ. A client popped from a pool is returned inside the collection made from it (coll->client); the caller's release helper pushes it back through the collection. The engine does not know that the returned collection keeps its client reachable.
// Reduced from mongo-c-driver 1.23.1
// src/libmongoc/src/mongoc/mongoc-client-side-encryption.c (_get_keyvault_coll).
#include <mongoc/mongoc.h>

/* Expected: nothing. */
mongoc_collection_t *get_keyvault_coll(mongoc_client_pool_t *pool,
                                       mongoc_client_t *fallback, int pooled) {
  mongoc_client_t *keyvault_client;
  if (pooled)
    keyvault_client = mongoc_client_pool_pop(pool);
  else
    keyvault_client = fallback;
  return mongoc_client_get_collection(keyvault_client, "keyvault", "datakeys");
}
