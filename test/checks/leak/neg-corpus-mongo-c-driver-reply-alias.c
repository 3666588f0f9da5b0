// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Reduced from mongo-c-driver 1.23.1-1+deb12u3
// src/libmongoc/src/mongoc/mongoc-client-session.c
// (mongoc_client_session_with_transaction): a local bson_t is released
// through a pointer that was pointed at it (active_reply = &local_reply).
#include <bson/bson.h>

bool run_callback(bson_t **reply);

/* Expected: nothing. */
bool with_transaction(bson_t *reply) {
  bson_t local_reply;
  bson_t *active_reply = NULL;
  bool res = run_callback(&active_reply);
  if (!active_reply) {
    bson_init(&local_reply);
    active_reply = &local_reply;
  }
  if (reply)
    bson_copy_to(active_reply, reply);
  bson_destroy(active_reply);
  return res;
}
