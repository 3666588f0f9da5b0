// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <async.h>
#include <hiredis.h>
#include <stdio.h>

/* redisAsyncConnect, like redisConnect, returns a context with `err` set
 * when the connection fails; it must be freed with redisAsyncFree. */

struct event_loop;
int event_loop_attach(struct event_loop *loop, redisAsyncContext *ac);

struct pubsub_cfg {
  const char *host;
  int port;
};

/* Expected: the async context leaks on the error path. */
redisAsyncContext *pubsub_open(struct event_loop *loop,
                               const struct pubsub_cfg *cfg) {
  redisAsyncContext *ac = redisAsyncConnect(cfg->host, cfg->port);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: redisAsyncContext 'ac' acquired by 'redisAsyncConnect' is not released on every path; release it with 'redisAsyncFree' [dbleak-leak]
  if (ac == NULL)
    return NULL;
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: taking the false branch
  if (ac->err) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the true branch
    fprintf(stderr, "pubsub: %s\n", ac->errstr);
    return NULL;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'ac' leaks when the function returns here
  }
  if (event_loop_attach(loop, ac) != REDIS_OK) {
    redisAsyncFree(ac);
    return NULL;
  }
  return ac;
}

/* Expected: nothing; on success the event loop takes the context (its
 * name says attach), on failure it is freed. */
int pubsub_start(struct event_loop *loop, const struct pubsub_cfg *cfg) {
  redisAsyncContext *ac = redisAsyncConnect(cfg->host, cfg->port);
  if (ac == NULL)
    return -1;
  if (ac->err) {
    fprintf(stderr, "pubsub: %s\n", ac->errstr);
    redisAsyncFree(ac);
    return -1;
  }
  event_loop_attach(loop, ac);
  return 0;
}
