// RUN: %check_dbleak %s dbleak-mismatched-release %t -- -- %libflags
#include <hiredis.h>
#include <stdlib.h>
#include <string.h>

/* Positive: a reply released with free(); the fix-it swaps the function. */
int get_flag(redisContext *c, const char *key) {
  redisReply *reply = redisCommand(c, "GET %s", key);
  if (reply == NULL)
    return -1;
  int on = reply->type == REDIS_REPLY_STRING && strcmp(reply->str, "1") == 0;
  free(reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: redisReply 'reply' is released with 'free'; use 'freeReplyObject' [dbleak-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-6]]:23: note: 'reply' was acquired here
  return on;
}
// CHECK-FIXES: {{^}}  freeReplyObject(reply);{{$}}
