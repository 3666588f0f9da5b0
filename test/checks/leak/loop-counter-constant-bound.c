// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Loops whose counter decides the acquisition still report the lost handle
// (negative side: use-after-release/neg-corpus-mongo-c-driver-loop-counter.c).
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

/* Positive: a counter bounded by a variable is not walked value by value;
   the prefs of one iteration are still lost to the next. */
void run_n(mongoc_collection_t *coll, int n) {
  mongoc_read_prefs_t *prefs = NULL;
  for (int i = 0; i < n; i++) {
    if (i == 1 || i == 2)
      prefs = mongoc_read_prefs_new(MONGOC_READ_PRIMARY);
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: mongoc_read_prefs_t 'prefs' acquired by 'mongoc_read_prefs_new' is not released
    mongoc_cursor_t *c = mongoc_collection_find_with_opts(coll, NULL, NULL, prefs);
    mongoc_cursor_destroy(c);
  }
  mongoc_read_prefs_destroy(prefs);
}
