// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <hiredis.h>
#include <stdlib.h>
#include <string.h>

/* Fetching many keys one command at a time. */

struct session_store {
  redisContext *ctx;
  const char *prefix;
};

/* Expected: each iteration's reply is overwritten by the next one; only
 * the last is freed. */
int load_sessions(struct session_store *st, const char **ids, char **out,
                  int n) {
  redisReply *reply = NULL;
  for (int i = 0; i < n; i++) {
    reply = redisCommand(st->ctx, "GET %s:%s", st->prefix, ids[i]);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: redisReply 'reply' acquired by 'redisCommand' is not released before the next loop iteration acquires it again; release it with 'freeReplyObject' [dbleak-leak]
    if (reply == NULL)
      return -1;
      // CHECK-MESSAGES: :[[@LINE-2]]:9: note: taking the false branch
      // CHECK-MESSAGES: :[[@LINE-6]]:19: note: entering the loop body
    out[i] = reply->type == REDIS_REPLY_STRING ? strdup(reply->str) : NULL;
  }
  freeReplyObject(reply);
  return 0;
}

/* Expected: a reply declared in the loop body goes out of scope unfreed
 * when the key is missing. */
int count_live_sessions(struct session_store *st, const char **ids, int n) {
  int live = 0;
  for (int i = 0; i < n; i++) {
    redisReply *reply = redisCommand(st->ctx, "TTL %s:%s", st->prefix, ids[i]);
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: redisReply 'reply' acquired by 'redisCommand' is not released before the next loop iteration acquires it again; release it with 'freeReplyObject' [dbleak-leak]
    if (reply == NULL)
      return -1;
      // CHECK-MESSAGES: :[[@LINE-2]]:9: note: taking the false branch
    if (reply->type != REDIS_REPLY_INTEGER || reply->integer < 0)
      continue;
      // CHECK-MESSAGES: :[[@LINE-2]]:9: note: assuming this operand is true
      // CHECK-MESSAGES: :[[@LINE-2]]:7: note: continuing with the next iteration
      // CHECK-MESSAGES: :[[@LINE-10]]:19: note: entering the loop body
    live++;
    freeReplyObject(reply);
  }
  return live;
}

/* Expected: nothing; every reply is freed in the iteration that got it. */
int load_sessions_fixed(struct session_store *st, const char **ids, char **out,
                        int n) {
  for (int i = 0; i < n; i++) {
    redisReply *reply = redisCommand(st->ctx, "GET %s:%s", st->prefix, ids[i]);
    if (reply == NULL)
      return -1;
    out[i] = reply->type == REDIS_REPLY_STRING ? strdup(reply->str) : NULL;
    freeReplyObject(reply);
  }
  return 0;
}
