// RUN: %check_dbleak %s dbleak-mismatched-release %t -- -- %libflags
// The strings of a NULL-terminated array freed one by one and then the
// array: the same as bson_strfreev().
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

/* Negative: through a local (test-mongoc-database.c). */
int count_known(mongoc_database_t *database, const char *wanted) {
  bson_error_t error;
  int n = 0;
  char **name, *curname;
  char **names =
      mongoc_database_get_collection_names_with_opts(database, NULL, &error);
  if (!names)
    return -1;
  for (name = names; *name; ++name) {
    curname = *name;
    if (!strcmp(curname, wanted))
      ++n;
    bson_free(curname);
  }
  bson_free(names);
  return n;
}

/* Positive: the strings are not freed; bson_free leaks them. */
size_t count_collections(mongoc_database_t *database) {
  bson_error_t error;
  size_t n = 0;
  char **names =
      mongoc_database_get_collection_names_with_opts(database, NULL, &error);
  if (!names)
    return 0;
  while (names[n])
    n++;
  bson_free(names);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: char * 'names' is released with 'bson_free'; use 'bson_strfreev' [dbleak-mismatched-release]
  return n;
}
