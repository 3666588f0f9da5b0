// RUN: %check_dbleak %s dbleak-unfinished-transaction %t -- -- %libflags
#include <mongoc.h>

/* Positive: a mongoc session transaction left open on the error path. */
bool record(mongoc_client_session_t *s, mongoc_collection_t *coll,
            const bson_t *doc) {
  bson_error_t err;
  bson_t opts = BSON_INITIALIZER;
  if (!mongoc_client_session_start_transaction(s, NULL, &err))
    return false;
  if (!mongoc_client_session_append(s, &opts, &err) ||
      !mongoc_collection_insert_one(coll, doc, &opts, NULL, &err)) {
    bson_destroy(&opts);
    return false;
  // CHECK-MESSAGES: :[[@LINE-6]]:8: warning: transaction begun on 's' by 'mongoc_client_session_start_transaction' is not committed or rolled back on every path [dbleak-unfinished-transaction]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the transaction on 's' is still open when the function returns here
  }
  bson_destroy(&opts);
  return mongoc_client_session_commit_transaction(s, NULL, &err);
}
