// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// (Positive side at the end: the same helper where the caller does owe a release.)
// Reduced from kamailio 5.6.3-2 src/modules/cnxcc/cnxcc_redis.c
// (__redis_exec, redis_remove_credit_data, redis_publish_to_kill_list):
// with a NULL credit_data the helper frees the reply itself, so callers that
// pass NULL own nothing afterwards. (With a non-NULL credit_data the helper
// hands the reply out; that case is not in this test.)
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

/* Expected: nothing. */
int redis_remove_credit_data(const char *cmd) {
  redisReply *rpl = NULL;
  int ret = __redis_exec(NULL, cmd, &rpl);
  return ret;
}

/* Expected: nothing. */
int redis_publish_to_kill_list(const char *cmd) {
  redisReply *rpl = NULL;
  return __redis_exec(NULL, cmd, &rpl) < 0;
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
