// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Reduced from mongo-c-driver 1.23.1-1+deb12u3 src/libbson/tests/test-json.c
// (_test_json_produces_multiple / _test_bson_json_read_compare): the
// expected documents are passed through '...' to a same-file helper that
// takes each one with va_arg and destroys it.
#include <bson/bson.h>
#include <stdarg.h>

static void produces_multiple(const char *json, int err_expected, ...) {
  va_list ap;
  bson_t *expected;
  (void)json;
  (void)err_expected;
  va_start(ap, err_expected);
  while ((expected = va_arg(ap, bson_t *))) {
    bson_destroy(expected);
  }
  va_end(ap);
}

/* Expected: nothing. */
void test_bson_as_json_multi_object(void) {
  produces_multiple("{'a': 1} {'b': 1}", 0, BCON_NEW("a", BCON_INT32(1)),
                    BCON_NEW("b", BCON_INT32(1)), NULL);
  produces_multiple("{}{}", 0, bson_new(), bson_new(), NULL);
}
