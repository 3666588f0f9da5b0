// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <hiredis.h>
#include <stdio.h>

/* A same-file connect helper returns a fresh context, so its callers are
 * checked as if they had called redisConnect. */

struct cache_cfg {
  const char *socket_path;
  const char *password;
};

static redisContext *cache_connect(const struct cache_cfg *cfg) {
  redisContext *c = redisConnectUnix(cfg->socket_path);
  if (c == NULL)
    return NULL;
  if (c->err) {
    fprintf(stderr, "cache: %s\n", c->errstr);
    redisFree(c);
    return NULL;
  }
  return c;
}

/* Expected: a failed AUTH returns without freeing the context. */
int cache_warmup(const struct cache_cfg *cfg) {
  redisContext *c = cache_connect(cfg);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: redisContext 'c' acquired by 'cache_connect' is not released on every path; release it with 'redisFree' [dbleak-leak]
  if (c == NULL)
    return -1;
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: taking the false branch
  redisReply *auth = redisCommand(c, "AUTH %s", cfg->password);
  if (auth == NULL)
    return -1;
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: taking the true branch
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'c' leaks when the function returns here
  freeReplyObject(auth);
  freeReplyObject(redisCommand(c, "PING"));
  redisFree(c);
  return 0;
}
