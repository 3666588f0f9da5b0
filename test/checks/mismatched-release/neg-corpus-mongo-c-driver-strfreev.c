// RUN: %check_dbleak %s dbleak-mismatched-release %t -- -- %libflags
// Reduced from mongo-c-driver 1.23.1-1+deb12u3
// src/libmongoc/tests/test-mongoc-client.c and test-mongoc-database.c: a
// NULL-terminated string array built with bson_malloc0 + bson_strdup is
// released with bson_strfreev (which frees the strings and the array), or by
// freeing each string and then the array with bson_free.
#include <bson/bson.h>

/* Expected: nothing. */
void strv_roundtrip(void) {
  char **uri_strs = bson_malloc0(3 * sizeof(char *));
  uri_strs[0] = bson_strdup("mongodb://a");
  uri_strs[1] = bson_strdup("mongodb://b");
  bson_strfreev(uri_strs);
}
