// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// RUN: %check_dbleak %s dbleak-overwrite %t.ow -- -- %libflags
// Reduced from mongo-c-driver 1.23.1-1+deb12u3
// src/libmongoc/src/mongoc/mongoc-cursor-legacy.c, mongoc-opts-helpers.c and
// src/libmongoc/tests/test-conveniences.c: bson_init_static() makes a bson_t
// that points into existing data and owns nothing; it needs no bson_destroy
// (calling it is allowed and does nothing), also when it is initialized
// again for the next document.
#include <bson/bson.h>

/* Expected: nothing. */
bool has_projection(const bson_iter_t *iter) {
  uint32_t len;
  const uint8_t *data;
  bson_t subdocument;
  bson_iter_document(iter, &len, &data);
  if (!bson_init_static(&subdocument, data, len))
    return false;
  return bson_has_field(&subdocument, "x");
}

/* Expected: nothing (same-file helper, as in test-conveniences.c). */
static void lookup_doc(const bson_iter_t *iter, bson_t *doc) {
  uint32_t len;
  const uint8_t *data;
  bson_iter_document(iter, &len, &data);
  BSON_ASSERT(bson_init_static(doc, data, len));
}

bool both_have_x(const bson_iter_t *a, const bson_iter_t *b) {
  bson_t doc;
  bool r;
  lookup_doc(a, &doc);
  r = bson_has_field(&doc, "x");
  lookup_doc(b, &doc);
  return r && bson_has_field(&doc, "x");
}
