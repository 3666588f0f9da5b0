// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <hiredis.h>
#include <stdio.h>

/* redisConnect returns NULL only when it cannot allocate the context. A
 * context whose `err` is set is still allocated and must be freed with
 * redisFree, which the usual idiom below forgets. */

struct cache_cfg {
  const char *host;
  int port;
  int db;
};

/* Expected: `c` leaks when the connection failed with c->err set. */
redisContext *cache_open(const struct cache_cfg *cfg) {
  redisContext *c = redisConnect(cfg->host, cfg->port);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: redisContext 'c' acquired by 'redisConnect' is not released on every path; release it with 'redisFree' [dbleak-leak]
  if (c == NULL || c->err) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: assuming this operand is false
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: taking the true branch
    fprintf(stderr, "cache: cannot connect to %s:%d: %s\n", cfg->host,
            cfg->port, c ? c->errstr : "out of memory");
    return NULL;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'c' leaks when the function returns here
  }
  return c;
}

/* Expected: nothing; the context is freed when it exists. */
redisContext *cache_open_fixed(const struct cache_cfg *cfg) {
  redisContext *c = redisConnect(cfg->host, cfg->port);
  if (c == NULL || c->err) {
    fprintf(stderr, "cache: cannot connect to %s:%d: %s\n", cfg->host,
            cfg->port, c ? c->errstr : "out of memory");
    if (c)
      redisFree(c);
    return NULL;
  }
  return c;
}

/* Expected: nothing; redisFree accepts NULL, so it needs no test. */
redisContext *cache_open_fixed_unconditional(const struct cache_cfg *cfg) {
  redisContext *c = redisConnect(cfg->host, cfg->port);
  if (c == NULL || c->err) {
    redisFree(c);
    return NULL;
  }
  return c;
}
