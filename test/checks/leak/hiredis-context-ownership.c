// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <hiredis.h>
#include <stdlib.h>

/* Contexts kept beyond the function: in a global, in a pool array, in a
 * struct, and handed to an unseen `pool_put`. */

#define POOL_SIZE 4

static redisContext *g_primary;

struct redis_pool {
  redisContext *conns[POOL_SIZE];
  int n;
};

struct worker {
  redisContext *ctx;
  int id;
};

void pool_put(struct redis_pool *p, redisContext *c);

/* Expected: nothing; the global keeps the context. */
int primary_init(const char *host, int port) {
  redisContext *c = redisConnect(host, port);
  if (c == NULL || c->err) {
    redisFree(c);
    return -1;
  }
  g_primary = c;
  return 0;
}

/* Expected: nothing; each context goes into the pool's array. */
int pool_fill(struct redis_pool *p, const char *host, int port) {
  while (p->n < POOL_SIZE) {
    redisContext *c = redisConnect(host, port);
    if (c == NULL || c->err) {
      redisFree(c);
      return -1;
    }
    p->conns[p->n++] = c;
  }
  return 0;
}

/* Expected: nothing; the worker struct owns the context. */
struct worker *worker_new(int id, const char *host, int port) {
  struct worker *w = malloc(sizeof *w);
  if (w == NULL)
    return NULL;
  w->id = id;
  w->ctx = redisConnect(host, port);
  return w;
}

/* Expected: nothing; pool_put (a sink by name) keeps the context. */
void pool_grow(struct redis_pool *p, const char *host, int port) {
  redisContext *c = redisConnect(host, port);
  if (c != NULL && !c->err)
    pool_put(p, c);
  else
    redisFree(c);
}
