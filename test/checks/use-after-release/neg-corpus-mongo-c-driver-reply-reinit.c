// RUN: %check_dbleak %s dbleak-use-after-release %t -- -- %libflags
// Reduced from mongo-c-driver 1.23.1-1+deb12u3
// src/libmongoc/tests/test-mongoc-transactions.c (TEST_CMD_ERR),
// src/libmongoc/src/mongoc/mongoc-cursor-legacy.c (projection option) and
// src/libmongoc/src/mongoc/mongoc-cluster-aws.c: a bson_t that was destroyed
// is initialized again (memset to zero, bson_copy_to, bson_init_static)
// before it is used; that is not a use after release.
#include <bson/bson.h>
#include <string.h>

/* Expected: nothing. */
void clean_slate(bson_t *src) {
  bson_t reply;
  bson_copy_to(src, &reply);
  bson_destroy(&reply);
  /* clean slate for next test */
  memset(&reply, 0, sizeof(reply));
  bson_copy_to(src, &reply);
  bson_destroy(&reply);
}

/* Expected: nothing. */
void take_projection(bson_t *fields /* OUT, initialized */,
                     const uint8_t *data, uint32_t len) {
  bson_t subdocument;
  if (!bson_init_static(&subdocument, data, len))
    return;
  bson_destroy(fields);
  bson_copy_to(&subdocument, fields);
}

/* Expected: nothing. */
bool reinit_static(bson_t *payload, const uint8_t *data, uint32_t len) {
  bson_destroy(payload);
  if (!bson_init_static(payload, data, len))
    return false;
  return bson_has_field(payload, "x");
}
