// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <hiredis.h>
#include <stdio.h>
#include <sys/time.h>

/* Connecting with a timeout and selecting a database: the SELECT reply
 * and, on failure, the context itself must be released. */

struct cache_cfg {
  const char *host;
  int port;
  int db;
  int timeout_ms;
};

/* Expected: the context leaks when SELECT fails (the reply is freed). */
redisContext *cache_connect_db(const struct cache_cfg *cfg) {
  struct timeval tv = {cfg->timeout_ms / 1000, (cfg->timeout_ms % 1000) * 1000};
  redisContext *c = redisConnectWithTimeout(cfg->host, cfg->port, tv);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: redisContext 'c' acquired by 'redisConnectWithTimeout' is not released on every path; release it with 'redisFree' [dbleak-leak]
  if (c == NULL)
    return NULL;
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: taking the false branch
  if (c->err) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the false branch
    redisFree(c);
    return NULL;
  }
  redisReply *r = redisCommand(c, "SELECT %d", cfg->db);
  if (r == NULL || r->type == REDIS_REPLY_ERROR) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: assuming this operand is true
    fprintf(stderr, "cache: SELECT %d failed\n", cfg->db);
    freeReplyObject(r);
    return NULL;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'c' leaks when the function returns here
  }
  freeReplyObject(r);
  return c;
}
