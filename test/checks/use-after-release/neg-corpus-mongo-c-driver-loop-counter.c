// RUN: %check_dbleak %s dbleak-use-after-release %t -- -- %libflags
// Reduced from libmongoc test-mongoc-read-prefs.c: the read prefs exist
// only in the second iteration of `for (i = 0; i < 2; i++)` and are
// destroyed in it; no later iteration uses them.
#include <mongoc/mongoc.h>

/* Negative: prefs exist only in the second iteration, destroyed in it. */
void run_twice(mongoc_collection_t *coll) {
  mongoc_read_prefs_t *prefs = NULL;
  int i;
  for (i = 0; i < 2; i++) {
    if (i == 1)
      prefs = mongoc_read_prefs_new(MONGOC_READ_PRIMARY);
    mongoc_cursor_t *c = mongoc_collection_find_with_opts(coll, NULL, NULL, prefs);
    mongoc_cursor_destroy(c);
    mongoc_read_prefs_destroy(prefs);
  }
}
