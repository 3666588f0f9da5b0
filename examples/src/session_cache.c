#include "service.h"
#include <hiredis.h>
#include <stdlib.h>
#include <string.h>

int cache_get_session(const struct service_config *cfg, const char *key,
                      char *out, unsigned long outlen) {
  redisContext *c = redisConnect(cfg->redis_host, cfg->redis_port);
  if (c == NULL || c->err)
    return -1; /* BUG: a context with c->err set must still be freed */
  redisReply *reply = redisCommand(c, "GET session:%s", key);
  if (reply == NULL) {
    redisFree(c);
    return -1;
  }
  if (reply->type != REDIS_REPLY_STRING) {
    redisFree(c);
    return 0; /* BUG: reply leaks */
  }
  strncpy(out, reply->str, outlen - 1);
  out[outlen - 1] = '\0';
  free(reply); /* BUG: replies are released with freeReplyObject */
  redisFree(c);
  return 1;
}
