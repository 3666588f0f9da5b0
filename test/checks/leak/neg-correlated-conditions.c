// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <hiredis.h>
#include <mongoc/mongoc.h>
#include <stdbool.h>

/* `if (own) h = acquire(); ... if (own) release(h);` releases exactly
 * what it acquired; the two conditions are correlated. */

struct job {
  redisContext *shared;
  mongoc_client_pool_t *pool;
  mongoc_client_t *pinned;
  const char *host;
  int port;
};

/* Expected: nothing. */
int job_publish(struct job *j, const char *channel, const char *msg) {
  redisContext *c = j->shared;
  bool own = c == NULL;
  if (own) {
    c = redisConnect(j->host, j->port);
    if (c == NULL)
      return -1;
  }
  redisReply *r = redisCommand(c, "PUBLISH %s %s", channel, msg);
  int receivers = r ? (int)r->integer : -1;
  freeReplyObject(r);
  if (own)
    redisFree(c);
  return receivers;
}

/* Expected: nothing; a pinned client is used as is, a pooled one is pushed
 * back. */
int job_ping(struct job *j) {
  int from_pool = j->pinned == NULL;
  mongoc_client_t *client;
  bson_t cmd = BSON_INITIALIZER;

  if (from_pool)
    client = mongoc_client_pool_pop(j->pool);
  else
    client = j->pinned;
  BSON_APPEND_INT32(&cmd, "ping", 1);
  bool ok =
      mongoc_client_command_simple(client, "admin", &cmd, NULL, NULL, NULL);
  bson_destroy(&cmd);
  if (from_pool)
    mongoc_client_pool_push(j->pool, client);
  return ok ? 0 : -1;
}
