// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// The err flag says the call succeeded, so the reply exists and the early
// return loses it.
#include <hiredis.h>

int first_is_ok(redisContext *c) {
  redisReply *reply;
  redisGetReply(c, (void **)&reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: redisReply 'reply' acquired by 'redisGetReply' is not released on every path; release it with 'freeReplyObject' [dbleak-leak]
  if (c->err)
    return -1;
  if (reply->type == REDIS_REPLY_ERROR)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the true branch
    return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'reply' leaks when the function returns here
  freeReplyObject(reply);
  return 1;
}
