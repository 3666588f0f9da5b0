// RUN: %check_dbleak %s dbleak-use-after-release %t -- -- %libflags
// Reduced from libmongoc test-mongoc-collection.c: writing a member of a
// destroyed struct handle reuses its storage; what follows is not a use of
// the destroyed document.
#include <bson.h>
bool validate(const bson_t *opts, bson_t *out);
/* Negative: the destroyed reply's storage is overwritten by hand. */
bool check(const bson_t *opts) {
  bson_t reply;
  bson_init(&reply);
  bson_destroy(&reply);
  reply.len = 0;
  return !bson_validate(&reply, BSON_VALIDATE_NONE, NULL);
}
