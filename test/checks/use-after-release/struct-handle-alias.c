// RUN: %check_dbleak %s dbleak-use-after-release %t -- -- %libflags
// A pointer to a struct handle is that handle (reduced from libmongoc
// mongoc-client-session.c).
#include <mongoc/mongoc.h>
bool failure(const bson_t *r);
/* Negative: mongoc_client_session_with_transaction's reply handling: a
 * pointer to a local reply, destroyed and initialized again in place. */
bool with_txn(mongoc_client_session_t *session, bson_t *reply, bson_error_t *error) {
  bson_t local_reply;
  bson_t *active_reply = NULL;
  bool res = false;
  bson_init(&local_reply);
  active_reply = &local_reply;
  for (;;) {
    bson_destroy(active_reply);
    active_reply = &local_reply;
    res = mongoc_client_session_commit_transaction(session, active_reply, error);
    if (failure(active_reply))
      goto done;
    if (res)
      break;
  }
done:
  if (reply)
    bson_copy_to(active_reply, reply);
  bson_destroy(active_reply);
  return res;
}

/* Positive: destroyed through the alias, then read through the name. */
bool read_after_destroy(void) {
  bson_t local;
  bson_t *p;
  bson_init(&local);
  p = &local;
  bson_destroy(p);
  return bson_has_field(&local, "ok");
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: bson_t 'local' is used by 'bson_has_field' after it was released [dbleak-use-after-release]
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'local' was acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'local' was released here
}
