// RUN: %check_dbleak %s dbleak-unfinished-transaction %t -- -- %libflags
// XFAIL: *
// ENGINE-BUG: FP-AK. After running the user callback, the code reads the transaction state kept in the session (session->txn.state, here through mongoc_client_session_in_transaction) and leaves without committing when the callback already committed or aborted; the engine does not know that this state says whether the transaction is still open.
// Reduced from mongo-c-driver 1.23.1
// src/libmongoc/src/mongoc/mongoc-client-session.c
// (mongoc_client_session_with_transaction).
#include <mongoc/mongoc.h>

typedef bool (*txn_cb_t)(mongoc_client_session_t *session, bson_error_t *error);

/* Expected: nothing. */
bool with_transaction(mongoc_client_session_t *session, txn_cb_t cb,
                      bson_error_t *error) {
  if (!mongoc_client_session_start_transaction(session, NULL, error))
    return false;
  if (!cb(session, error)) {
    if (mongoc_client_session_in_transaction(session))
      mongoc_client_session_abort_transaction(session, NULL);
    return false;
  }
  if (!mongoc_client_session_in_transaction(session))
    return true; /* the callback committed or aborted it */
  return mongoc_client_session_commit_transaction(session, NULL, error);
}
