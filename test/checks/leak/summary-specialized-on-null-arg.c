// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// A helper's summary for a NULL argument is its own: __redis_exec(NULL, ...)
// frees the reply itself, __redis_exec(cd, ...) hands it out (negative
// side: neg-corpus-kamailio-redis-exec-null.c).
#include <hiredis.h>
#include <stddef.h>

struct credit_data;
redisContext *g_ctxt;

static int __redis_exec(struct credit_data *credit_data, const char *cmd,
                        redisReply **rpl) {
  *rpl = redisCommand(g_ctxt, cmd);
  if (!(*rpl) || (*rpl)->type == REDIS_REPLY_ERROR) {
    if (*rpl)
      freeReplyObject(*rpl);
    return -1;
  }
  if (credit_data == NULL) {
    freeReplyObject(*rpl);
    return 1;
  }
  return 1;
}

/* Positive: with credit data the reply is the caller's. */
int redis_get_credit(struct credit_data *cd, const char *cmd) {
  redisReply *rpl = NULL;
  int ret = __redis_exec(cd, cmd, &rpl);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: redisReply 'rpl' acquired by '__redis_exec' is not released on every path; release it with 'freeReplyObject' [dbleak-leak]
  if (ret < 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: note: taking the false branch
  return rpl->integer > 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'rpl' leaks when the function returns here
}
