// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Reduced from mongo-c-driver 1.23.1-1+deb12u3
// src/libmongoc/tests/test-mongoc-uri.c (72 such lines) with the ASSERT
// macro of src/libmongoc/tests/TestSuite.h: the test checks that parsing
// fails; a non-NULL result aborts the process, so on every path that
// continues the discarded result is NULL.
#include <mongoc/mongoc.h>
#include <stdio.h>
#include <stdlib.h>

#define ASSERT(Cond)                                                          \
  do {                                                                        \
    if (!(Cond)) {                                                            \
      fprintf(stderr, "FAIL:%s:%d  %s()\n  %s\n\n", __FILE__, __LINE__,       \
              __func__, #Cond);                                               \
      abort();                                                                \
    }                                                                         \
  } while (0)

/* Expected: nothing. */
void test_mongoc_uri_new_invalid(void) {
  bson_error_t error;
  ASSERT(!mongoc_uri_new("mongodb://"));
  ASSERT(!mongoc_uri_new("mongodb://localhost:65536"));
  ASSERT(!mongoc_uri_new_with_error("mongo://localhost", &error));
  BSON_ASSERT(!mongoc_uri_new_with_error("mongodb://\xfa", &error));
}
