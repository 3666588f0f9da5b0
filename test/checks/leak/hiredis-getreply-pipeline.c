// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <hiredis.h>
#include <stdio.h>

/* Pipelining: queue commands with redisAppendCommand, then read the
 * replies with redisGetReply, which fails without producing one. */

struct counters {
  redisContext *ctx;
  const char **names;
  int n;
};

/* Expected: an error reply makes the loop `break` with that reply still
 * unfreed. */
int bump_counters(struct counters *cs) {
  redisReply *reply;
  int done = 0;

  for (int i = 0; i < cs->n; i++)
    redisAppendCommand(cs->ctx, "INCR counter:%s", cs->names[i]);
  for (int i = 0; i < cs->n; i++) {
    if (redisGetReply(cs->ctx, (void **)&reply) != REDIS_OK)
      return -1;
      // CHECK-MESSAGES: :[[@LINE-2]]:9: warning: redisReply 'reply' acquired by 'redisGetReply' is not released on every path; release it with 'freeReplyObject' [dbleak-leak]
      // CHECK-MESSAGES: :[[@LINE-3]]:9: note: taking the false branch
    if (reply->type == REDIS_REPLY_ERROR) {
      // CHECK-MESSAGES: :[[@LINE-1]]:9: note: taking the true branch
      fprintf(stderr, "INCR %s: %s\n", cs->names[i], reply->str);
      break;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: note: leaving via 'break'
    }
    freeReplyObject(reply);
    done++;
  }
  return done;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'reply' leaks when the function returns here
}

/* Expected: nothing; a failed redisGetReply leaves no reply, and the error
 * reply is freed before breaking out. */
int bump_counters_fixed(struct counters *cs) {
  void *r;
  int done = 0;

  for (int i = 0; i < cs->n; i++)
    redisAppendCommand(cs->ctx, "INCR counter:%s", cs->names[i]);
  for (int i = 0; i < cs->n; i++) {
    if (redisGetReply(cs->ctx, &r) == REDIS_ERR)
      return -1;
    redisReply *reply = r;
    int failed = reply->type == REDIS_REPLY_ERROR;
    freeReplyObject(reply);
    if (failed)
      break;
    done++;
  }
  return done;
}
