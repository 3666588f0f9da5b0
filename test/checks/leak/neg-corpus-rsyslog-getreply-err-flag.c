// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Reduced from rsyslog 8.2302 contrib/omhiredis/omhiredis.c (a false
// positive found on the corpus): the return code of redisGetReply is
// ignored and failure is read from the context's err flag instead; a failed
// call produces no reply.
#include <hiredis.h>
#include <stdio.h>

struct worker {
  redisContext *conn;
  int count;
};

void close_worker(struct worker *w);

/* Expected: nothing; on c->err there is no reply to free. */
int end_transaction(struct worker *w) {
  redisReply *reply;
  for (int i = 0; i < w->count; i++) {
    redisGetReply(w->conn, (void **)&reply);
    if (w->conn->err) {
      fprintf(stderr, "redis: %s\n", w->conn->errstr);
      close_worker(w);
      return -1;
    }
    freeReplyObject(reply);
  }
  return 0;
}
