// RUN: %check_dbleak %s dbleak-mismatched-release %t -- -- %libflags
// XFAIL: *
// ENGINE-BUG: FP-AE (last two). The strings of a NULL-terminated array are freed one by one through a cursor (`for (name = names; *name; ++name) bson_free(*name);`) and then the array with bson_free(): the same as bson_strfreev(names). The engine sees only bson_free() on a kind that bson_strfreev releases.
// Reduced from mongo-c-driver 1.23.1 src/libmongoc/tests/
// test-mongoc-collection.c (test_rename).
#include <mongoc/mongoc.h>
#include <string.h>

/* Expected: nothing. */
bool has_collection(mongoc_database_t *database, const char *wanted) {
  bson_error_t error;
  bool found = false;
  char **name;
  char **names =
      mongoc_database_get_collection_names_with_opts(database, NULL, &error);
  if (!names)
    return false;
  for (name = names; *name; ++name) {
    if (!strcmp(*name, wanted))
      found = true;
    bson_free(*name);
  }
  bson_free(names);
  return found;
}
