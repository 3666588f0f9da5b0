// RUN: %check_dbleak %s dbleak-use-after-release %t -- -- %libflags
#include <hiredis.h>

/* Positive: a field read after freeReplyObject reads freed memory. */
int ping(redisContext *c) {
  redisReply *r = redisCommand(c, "PING");
  if (r == NULL)
    return -1;
  freeReplyObject(r);
  return r->type == REDIS_REPLY_STATUS ? 0 : -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: redisReply 'r' is read ('r->type') after it was released [dbleak-use-after-release]
  // CHECK-MESSAGES: :[[@LINE-6]]:19: note: 'r' was acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'r' was released here
}

/* Positive: the reply kept in a struct, its elements read after release. */
struct job {
  redisReply *reply;
};
size_t job_count(struct job *j, redisContext *c) {
  j->reply = redisCommand(c, "LRANGE q 0 -1");
  if (!j->reply)
    return 0;
  freeReplyObject(j->reply);
  return j->reply->elements;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: redisReply 'j->reply' is read ('j->reply->elements') after it was released [dbleak-use-after-release]
  // CHECK-MESSAGES: :[[@LINE-6]]:14: note: 'j->reply' was acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'j->reply' was released here
}

/* Negative: read before the release, and a new reply after it. */
long long ping_twice(redisContext *c) {
  redisReply *r = redisCommand(c, "INCR n");
  if (!r)
    return -1;
  long long n = r->integer;
  freeReplyObject(r);
  r = redisCommand(c, "INCR n");
  if (!r)
    return -1;
  n += r->integer;
  freeReplyObject(r);
  return n;
}

/* Negative: the address of a member computes, it does not read. */
void *reply_slot(redisReply *r) {
  freeReplyObject(r);
  return &r->str;
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
