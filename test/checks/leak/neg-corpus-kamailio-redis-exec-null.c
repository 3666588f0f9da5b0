// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
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
