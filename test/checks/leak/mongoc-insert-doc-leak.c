// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <mongoc/mongoc.h>
#include <stdio.h>

/* mongoc_collection_insert_one copies the document; the caller still owns
 * (and must destroy) the bson_t it built. Neither bson_append_* nor
 * insert_one take ownership although their names say "append"/"insert". */

struct event {
  const char *kind;
  const char *user;
  int64_t ts;
};

/* Expected: the document leaks on both paths. */
int record_event(mongoc_collection_t *events, const struct event *ev) {
  bson_error_t error;
  bson_t *doc = bson_new();
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: bson_t 'doc' acquired by 'bson_new' is not released on every path; release it with 'bson_destroy' [dbleak-leak]
  BSON_APPEND_UTF8(doc, "kind", ev->kind);
  BSON_APPEND_UTF8(doc, "user", ev->user);
  BSON_APPEND_DATE_TIME(doc, "ts", ev->ts);
  if (!mongoc_collection_insert_one(events, doc, NULL, NULL, &error)) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the true branch
    fprintf(stderr, "record_event: %s\n", error.message);
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'doc' leaks when the function returns here
  }
  return 0;
}

/* Expected: nothing; the document is destroyed after the insert. */
int record_event_fixed(mongoc_collection_t *events, const struct event *ev) {
  bson_error_t error;
  bson_t *doc = bson_new();
  BSON_APPEND_UTF8(doc, "kind", ev->kind);
  BSON_APPEND_UTF8(doc, "user", ev->user);
  BSON_APPEND_DATE_TIME(doc, "ts", ev->ts);
  bool ok = mongoc_collection_insert_one(events, doc, NULL, NULL, &error);
  if (!ok)
    fprintf(stderr, "record_event: %s\n", error.message);
  bson_destroy(doc);
  return ok ? 0 : -1;
}
