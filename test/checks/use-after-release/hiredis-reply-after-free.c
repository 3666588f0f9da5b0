// RUN: %check_dbleak %s dbleak-use-after-release %t -- -- %libflags
#include <hiredis.h>

/* Known false negative: a field read (r->type) after freeReplyObject is not
 * reported; uses are calls that take the handle. */
int ping(redisContext *c) {
  redisReply *r = redisCommand(c, "PING");
  if (r == NULL)
    return -1;
  freeReplyObject(r);
  return r->type == REDIS_REPLY_STATUS ? 0 : -1;
}

/* Positive: redisFree twice. */
void teardown(redisContext *c, int failed) {
  if (failed)
    redisFree(c);
  redisFree(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: redisContext 'c' is released twice [dbleak-use-after-release]
  // CHECK-MESSAGES: :[[@LINE-5]]:29: note: 'c' was acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'c' was released here
}
