// RUN: %check_dbleak %s dbleak-overwrite %t -- -- %libflags
#include <hiredis.h>

/* Positive: the INCR reply is overwritten by the EXPIRE reply. */
long long bump_counter(redisContext *c, const char *key) {
  redisReply *r = redisCommand(c, "INCR %s", key);
  if (r == NULL)
    return -1;
  long long v = r->integer;
  r = redisCommand(c, "EXPIRE %s 60", key);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: redisReply 'r' acquired by 'redisCommand' is overwritten before it is released; release it with 'freeReplyObject' [dbleak-overwrite]
  // CHECK-MESSAGES: :[[@LINE-6]]:19: note: 'r' was acquired here
  freeReplyObject(r);
  return v;
}

/* Negative: each reply freed before the next command. */
long long bump_counter_ok(redisContext *c, const char *key) {
  redisReply *r = redisCommand(c, "INCR %s", key);
  if (r == NULL)
    return -1;
  long long v = r->integer;
  freeReplyObject(r);
  r = redisCommand(c, "EXPIRE %s 60", key);
  freeReplyObject(r);
  return v;
}
