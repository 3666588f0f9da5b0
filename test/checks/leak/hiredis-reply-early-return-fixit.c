// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <hiredis.h>
#include <stdio.h>
#include <string.h>

/* freeReplyObject takes the reply alone and accepts NULL, so the check can
 * insert it before an early return. */

struct rate_limit {
  redisContext *ctx;
  long max_per_minute;
};

/* Expected: the reply leaks when the counter is not an integer; fix-it
 * inserts freeReplyObject(reply) before that return. */
// CHECK-FIXES: {{^}}    freeReplyObject(reply);{{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
int rate_limit_hit(struct rate_limit *rl, const char *client) {
  redisReply *reply = redisCommand(rl->ctx, "INCR rl:%s", client);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: redisReply 'reply' acquired by 'redisCommand' is not released on every path; release it with 'freeReplyObject' [dbleak-leak]
  if (reply->type != REDIS_REPLY_INTEGER) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the true branch
    fprintf(stderr, "rate limit: unexpected reply type %d\n", reply->type);
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'reply' leaks when the function returns here
  }
  long hits = (long)reply->integer;
  freeReplyObject(reply);
  return hits > rl->max_per_minute;
}

/* Expected: the reply leaks on the WRONGTYPE error path; the return is the
 * lone statement of the if, so the fix-it adds braces around the release and
 * the return. */
// CHECK-FIXES: {{^}}  if (reply->type == REDIS_REPLY_ERROR && strstr(reply->str, "WRONGTYPE")) {{[{]$}}
// CHECK-FIXES-NEXT: {{^}}    freeReplyObject(reply);{{$}}
// CHECK-FIXES-NEXT: {{^}}    return -2;{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}
int rate_limit_reset(struct rate_limit *rl, const char *client) {
  redisReply *reply = redisCommand(rl->ctx, "DEL rl:%s", client);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: redisReply 'reply' acquired by 'redisCommand' is not released on every path; release it with 'freeReplyObject' [dbleak-leak]
  if (reply == NULL)
    return -1;
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: taking the false branch
  if (reply->type == REDIS_REPLY_ERROR && strstr(reply->str, "WRONGTYPE"))
    return -2;
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: assuming this operand is true
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: taking the true branch
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'reply' leaks when the function returns here
  freeReplyObject(reply);
  return 0;
}
