// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <hiredis.h>
#include <stdio.h>

/* redisCommand always returns a reply that must be freed, even for
 * commands whose answer nobody reads. */

void log_reply(const redisReply *r);

/* Expected: the reply of SET is thrown away. */
void cache_touch(redisContext *c, const char *key) {
  redisCommand(c, "SET %s:touched 1", key);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: redisReply returned by 'redisCommand' is discarded and never released; release it with 'freeReplyObject' [dbleak-leak]
}

/* Expected: the reply is only compared with NULL and then lost. */
int cache_select(redisContext *c, int db) {
  if (redisCommand(c, "SELECT %d", db) == NULL) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: redisReply returned by 'redisCommand' is discarded and never released; release it with 'freeReplyObject' [dbleak-leak]
    fprintf(stderr, "cache: %s\n", c->errstr);
    return -1;
  }
  return 0;
}

/* Expected: the reply is passed to a logger that only reads it. */
void cache_debug_info(redisContext *c) {
  log_reply(redisCommand(c, "INFO memory"));
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: redisReply returned by 'redisCommand' is passed to 'log_reply' and never released; release it with 'freeReplyObject' [dbleak-leak]
}

/* Expected: nothing; the temporary goes straight to freeReplyObject. */
void cache_expire(redisContext *c, const char *key, int ttl) {
  freeReplyObject(redisCommand(c, "EXPIRE %s %d", key, ttl));
}
