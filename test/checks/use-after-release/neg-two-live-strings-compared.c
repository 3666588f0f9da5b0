// RUN: %check_dbleak %s dbleak-use-after-release %t -- -- %libflags
// Two live allocations compared for identity stay two handles (libmongoc's
// ASSERT_CMPSTR: `if (a != b && strcmp(a, b)) abort();`).
#include <bson.h>
#include <stdlib.h>
#include <string.h>

/* Expected: nothing. */
void compare(const char *a, const char *b) {
  char *x = bson_strdup(a);
  char *y = bson_strdup(b);
  if (x != y && strcmp(x, y))
    abort();
  bson_free(x);
  bson_free(y);
}
