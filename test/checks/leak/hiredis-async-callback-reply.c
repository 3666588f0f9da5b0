// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <async.h>
#include <hiredis.h>
#include <stdio.h>

/* In the asynchronous API hiredis owns the replies it hands to callbacks
 * and frees them after the callback returns; the callback must not. */

struct job_counter {
  long done;
};

/* Expected: nothing; the reply is borrowed for the callback's duration. */
void on_job_done(redisAsyncContext *ac, void *r, void *privdata) {
  redisReply *reply = r;
  struct job_counter *jc = privdata;
  if (reply == NULL) {
    fprintf(stderr, "job: %s\n", ac->errstr);
    return;
  }
  if (reply->type == REDIS_REPLY_INTEGER)
    jc->done += reply->integer;
}

/* Expected: nothing; redisAsyncCommand queues the command, there is no
 * reply to free here. */
int queue_job_done(redisAsyncContext *ac, struct job_counter *jc,
                   const char *job) {
  return redisAsyncCommand(ac, on_job_done, jc, "INCR jobs:%s:done", job);
}
