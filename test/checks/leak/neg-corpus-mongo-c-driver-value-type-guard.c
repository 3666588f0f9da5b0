// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// XFAIL: *
// ENGINE-BUG: FP-AC. bson_value_copy() sets the destination's value_type (non-zero for any copied value), and the cleanup destroys the value only 'if (v.value_type)'; the engine does not know that a member the acquisition writes tells whether the handle exists.
// Reduced from mongo-c-driver 1.23.1
// src/libmongoc/examples/example-start-at-optime.c.
#include <bson.h>

/* Expected: nothing. */
int cache_first(const bson_t *reply) {
  bson_value_t cached = {0};
  bson_iter_t iter;
  int rc = 1;
  for (int i = 0; i < 5; i++) {
    if (i == 0) {
      if (bson_iter_init_find(&iter, reply, "operationTime"))
        bson_value_copy(bson_iter_value(&iter), &cached);
      else
        goto cleanup;
    }
  }
  rc = 0;
cleanup:
  if (cached.value_type)
    bson_value_destroy(&cached);
  return rc;
}
