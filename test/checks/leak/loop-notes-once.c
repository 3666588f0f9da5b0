// RUN: %clang-tidy --load %dbleak_plugin -checks='-*,dbleak-leak' %s -- %libflags 2>&1 | FileCheck %s
// A loop with a small constant bound is walked iteration by iteration; the
// path notes tell its repeated steps once.
#include <mongoc/mongoc.h>

void find_three(mongoc_collection_t *coll) {
  mongoc_read_prefs_t *prefs = mongoc_read_prefs_new(MONGOC_READ_PRIMARY);
  for (int i = 0; i < 3; i++) {
    if (i == 5)
      mongoc_read_prefs_destroy(prefs);
    mongoc_cursor_t *c = mongoc_collection_find_with_opts(coll, NULL, NULL, prefs);
    mongoc_cursor_destroy(c);
  }
}
// CHECK: loop-notes-once.c:7:32: warning: mongoc_read_prefs_t 'prefs' acquired by 'mongoc_read_prefs_new' is not released on every path
// CHECK: loop-notes-once.c:8:19: note: entering the loop body
// CHECK: loop-notes-once.c:9:9: note: taking the false branch
// CHECK-NOT: note: entering the loop body
// CHECK: loop-notes-once.c:8:19: note: leaving the loop
// CHECK: note: 'prefs' leaks at the end of the function
