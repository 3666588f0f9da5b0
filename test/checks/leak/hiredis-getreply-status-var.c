// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <hiredis.h>
#include <stdio.h>

/* redisGetReply's status kept in a variable and tested twice: once to
 * bail out, once more to count errors. A failed read leaves no reply. */

struct stats {
  long errors;
  long reads;
};

/* Expected: nothing. */
int read_one(redisContext *c, struct stats *st) {
  redisReply *reply = NULL;
  int status = redisGetReply(c, (void **)&reply);
  if (status == REDIS_ERR) {
    fprintf(stderr, "read failed: %s\n", c->errstr);
    st->errors++;
    return -1;
  }
  st->reads++;
  if (status == REDIS_OK && reply->type == REDIS_REPLY_ERROR)
    st->errors++;
  freeReplyObject(reply);
  return 0;
}
