// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <hiredis.h>
#include <stdio.h>

/* A cleanup function that does not release the handle (here it only logs)
 * does not make the variable an owner. */

static void trace_reply(redisReply **r) {
  fprintf(stderr, "reply %p out of scope\n", (void *)*r);
}

/* Expected: the reply leaks; trace_reply does not free it. */
int key_exists(redisContext *c, const char *key) {
  __attribute__((cleanup(trace_reply))) redisReply *reply =
      redisCommand(c, "EXISTS %s", key);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: redisReply 'reply' acquired by 'redisCommand' is not released on every path; release it with 'freeReplyObject' [dbleak-leak]
  if (reply == NULL)
    return -1;
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: taking the false branch
  return reply->integer == 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'reply' leaks when the function returns here
}
