// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Loops whose counter decides the acquisition still report the lost handle
// (negative side, still failing: use-after-release/neg-corpus-mongo-c-driver-loop-counter.c).
#include <mongoc/mongoc.h>

/* Positive: the last iteration's prefs are never destroyed. */
void run_three(mongoc_collection_t *coll) {
  mongoc_read_prefs_t *prefs = NULL;
  int i;
  for (i = 0; i < 3; i++) {
    if (i == 2)
      prefs = mongoc_read_prefs_new(MONGOC_READ_PRIMARY);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: mongoc_read_prefs_t 'prefs' acquired by 'mongoc_read_prefs_new' is not released on every path; release it with 'mongoc_read_prefs_destroy' [dbleak-leak]
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: leaving the loop
    mongoc_cursor_t *c = mongoc_collection_find_with_opts(coll, NULL, NULL, prefs);
    mongoc_cursor_destroy(c);
  }
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: 'prefs' leaks at the end of the function
