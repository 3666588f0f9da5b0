// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <hiredis.h>
#include <stdio.h>
#include <stdlib.h>

/* A command-line tool that exits on any Redis error. */

struct cli_opts {
  const char *host;
  int port;
  const char *key;
};

/* Expected: nothing; every early exit ends the process, and the normal
 * path frees both the reply and the context. */
int main_get(const struct cli_opts *o) {
  redisContext *c = redisConnect(o->host, o->port);
  if (c == NULL || c->err) {
    fprintf(stderr, "redis-get: %s\n", c ? c->errstr : "out of memory");
    exit(2);
  }
  redisReply *r = redisCommand(c, "GET %s", o->key);
  if (r == NULL)
    abort();
  if (r->type == REDIS_REPLY_STRING)
    puts(r->str);
  freeReplyObject(r);
  redisFree(c);
  return 0;
}
