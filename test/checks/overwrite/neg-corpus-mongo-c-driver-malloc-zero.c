// RUN: %check_dbleak %s dbleak-overwrite %t -- -- %libflags
// XFAIL: *
// ENGINE-BUG: FP-AP. bson_malloc(0) returns NULL (libbson documents it), so the second allocation under 'if (size == 0)' overwrites nothing; the catalog cannot say "no handle when argument 0 is 0" (a `when` row only adds effects), and the engine does not tie the size test to the first call's argument.
// Reduced from mongo-c-driver 1.23.1 src/libbson/tests/test-b64.c
// (test_bson_b64_pton_calculate_target_size's helper).
#include <bson.h>
#include <string.h>

/* Expected: nothing. */
void fill(const char *input, size_t target_size) {
  uint8_t *output = bson_malloc(target_size);
  /* bson_malloc returns NULL if requesting 0 bytes, memcmp expects non-NULL. */
  if (target_size == 0)
    output = bson_malloc(1);
  memcpy(output, input, target_size);
  bson_free(output);
}
