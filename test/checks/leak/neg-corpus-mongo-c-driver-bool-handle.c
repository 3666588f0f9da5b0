// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// A handle stored in a bool and tested through it: on the path where the
// bool is false there is no handle.
// Reduced from mongo-c-driver 1.23.1 src/libmongoc/tests/
// test-mongoc-client-session.c (test_session_opts_causal_consistency_and_snapshot).
#include <mongoc/mongoc.h>
#include <stdio.h>
#include <stdlib.h>

#define ASSERT(c)                                                              \
  do {                                                                         \
    if (!(c)) {                                                                \
      fprintf(stderr, "FAIL: %s\n", #c);                                       \
      abort();                                                                 \
    }                                                                          \
  } while (0)

/* Negative: starting the session fails by construction, and that is
   asserted; a session would have aborted the test. */
void start_must_fail(mongoc_client_t *client, mongoc_session_opt_t *opts) {
  bson_error_t error;
  bool r;
  r = mongoc_client_start_session(client, opts, &error);
  ASSERT(!r);
}

/* Positive: the session that did start is only tested, never ended. */
void start_and_forget(mongoc_client_t *client, mongoc_session_opt_t *opts) {
  bson_error_t error;
  bool r;
  r = mongoc_client_start_session(client, opts, &error);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: mongoc_client_session_t 'r' acquired by 'mongoc_client_start_session' is not released on every path; release it with 'mongoc_client_session_destroy' [dbleak-leak]
  if (!r)
    return;
  puts("started");
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: 'r' leaks at the end of the function
