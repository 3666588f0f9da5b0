// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Reduced from mongo-c-driver 1.23.1-1+deb12u3 src/libbson/tests/test-json.c
// (and ~50 other libbson/libmongoc test functions): BSON_ASSERT(test)
// (libbson's bson-macros.h) is 'if (!(BSON_LIKELY (test))) { ...; abort (); }'
// with BSON_LIKELY(x) = __builtin_expect (!!(x), 1). After BSON_ASSERT(!b)
// the handle is NULL on the path that continues. The same condition written
// without __builtin_expect is understood.
#include <bson/bson.h>

/* Expected: nothing. */
void test_bson_json_read_invalid(void) {
  bson_error_t error;
  bson_t *b = bson_new_from_json((const uint8_t *)"{\"a\":*}", -1, &error);
  BSON_ASSERT(!b);
}

/* Expected: nothing (likely()/unlikely() as in many code bases). */
#define unlikely(x) __builtin_expect(!!(x), 0)
int parse_or_fail(const char *json) {
  bson_t *b = bson_new_from_json((const uint8_t *)json, -1, NULL);
  if (unlikely(b == NULL))
    return -1;
  bson_destroy(b);
  return 0;
}
