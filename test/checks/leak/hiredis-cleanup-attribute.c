// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <hiredis.h>

/* GCC/Clang's cleanup attribute as C's RAII: the cleanup function frees
 * the reply whenever the variable goes out of scope. */

static void reply_cleanup(redisReply **r) {
  if (*r)
    freeReplyObject(*r);
}
#define AUTO_REPLY __attribute__((cleanup(reply_cleanup)))

static void ctx_cleanup(redisContext **c) { redisFree(*c); }

/* Expected: nothing; both returns run reply_cleanup. */
long long queue_length(redisContext *c, const char *queue) {
  AUTO_REPLY redisReply *reply = redisCommand(c, "LLEN %s", queue);
  if (reply == NULL || reply->type != REDIS_REPLY_INTEGER)
    return -1;
  return reply->integer;
}

/* Expected: nothing; the context is freed by ctx_cleanup on every path. */
int ping_once(const char *host, int port) {
  __attribute__((cleanup(ctx_cleanup))) redisContext *c =
      redisConnect(host, port);
  if (c == NULL || c->err)
    return -1;
  AUTO_REPLY redisReply *pong = redisCommand(c, "PING");
  return pong != NULL && pong->type == REDIS_REPLY_STATUS ? 0 : -1;
}
