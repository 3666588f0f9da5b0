// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <hiredis.h>
#include <stdio.h>

/* A single `out:` label that frees the reply but forgets the context it
 * connected itself. */

struct lock_cfg {
  const char *host;
  int port;
  const char *name;
  int ttl_s;
};

/* Expected: a refused lock jumps to `out`, which leaks the context. */
int try_global_lock(const struct lock_cfg *cfg) {
  int rc = -1;
  redisReply *r = NULL;
  redisContext *c = redisConnect(cfg->host, cfg->port);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: redisContext 'c' acquired by 'redisConnect' is not released on every path; release it with 'redisFree' [dbleak-leak]
  if (c == NULL)
    return -1;
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: taking the false branch
  if (c->err) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the false branch
    redisFree(c);
    return -1;
  }
  r = redisCommand(c, "SET lock:%s 1 NX EX %d", cfg->name, cfg->ttl_s);
  if (r == NULL || r->type == REDIS_REPLY_NIL) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: assuming this operand is true
    fprintf(stderr, "lock %s is held elsewhere\n", cfg->name);
    goto out;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: jumping to 'out'
  }
  rc = 0;
  redisFree(c);
out:
  freeReplyObject(r);
  return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'c' leaks when the function returns here
}
