// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <hiredis.h>

/* A same-file helper that only stores its parameter (and calls no
 * database function at all) still takes the handle over. */

struct replica_set {
  redisContext *replicas[8];
  int n;
};

static void adopt_replica(struct replica_set *set, redisContext *c) {
  set->replicas[set->n++] = c;
}

/* Expected: nothing; adopt_replica stores the context. */
int add_replica(struct replica_set *set, const char *host, int port) {
  redisContext *c = redisConnect(host, port);
  if (c == NULL || c->err) {
    redisFree(c);
    return -1;
  }
  adopt_replica(set, c);
  return 0;
}

