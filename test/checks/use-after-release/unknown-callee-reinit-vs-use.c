// RUN: %check_dbleak %s dbleak-use-after-release %t -- -- %libflags
// Unknown code given a released object: a use, unless the object lives in
// storage the release did not free (a struct variable, the caller's
// out-parameter) and the callee may be initializing it again.
#include <hiredis.h>
#include <bson.h>

void log_reply(redisReply *r);
void fill_reply(bson_t *reply);

/* Positive: freed heap memory is never initialized again. */
void report(redisContext *c) {
  redisReply *r = redisCommand(c, "PING");
  if (!r)
    return;
  freeReplyObject(r);
  log_reply(r);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: redisReply 'r' is used by 'log_reply' after it was released [dbleak-use-after-release]
  // CHECK-MESSAGES: :[[@LINE-6]]:19: note: 'r' was acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'r' was released here
  // CHECK-MESSAGES: :[[@LINE-7]]:7: note: taking the false branch
}

/* Negative: a destroyed stack document handed to code that fills it. */
bool refill(void) {
  bson_t reply;
  bson_init(&reply);
  bson_destroy(&reply);
  fill_reply(&reply);
  bool ok = bson_has_field(&reply, "ok");
  bson_destroy(&reply);
  return ok;
}
