// RUN: %check_dbleak %s dbleak-use-after-release %t -- -- %libflags
// The address of a freed pointer variable is an out-parameter, not a use
// (reduced from libmongoc mongoc-scram.c).
#include <bson.h>
#include <stdlib.h>
/* Negative: &tmp is written by strtoll, not read. */
long parse(const char *a, const char *b) {
  char *tmp = bson_strdup(a);
  long x = strtol(tmp, NULL, 10);
  bson_free(tmp);
  x += strtol(b, &tmp, 10);
  return x;
}
/* Positive: the freed string itself is read. */
long parse_bad(const char *a) {
  char *tmp = bson_strdup(a);
  bson_free(tmp);
  return strtol(tmp, NULL, 10);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: char 'tmp' is used by 'strtol' after it was released [dbleak-use-after-release]
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: 'tmp' was acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'tmp' was released here
}
