// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <hiredis.h>

/* Passing a reply to a function the analysis cannot see, and whose name
 * says neither release nor keep, is a borrow: the caller still owns it. */

struct audit;
void audit_record(struct audit *a, const char *what, const redisReply *r);
int reply_to_json(const redisReply *r, char *buf, unsigned len);

/* Expected: the reply leaks when JSON conversion fails. */
int export_hash(redisContext *c, struct audit *a, const char *key, char *buf,
                unsigned len) {
  redisReply *reply = redisCommand(c, "HGETALL %s", key);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: redisReply 'reply' acquired by 'redisCommand' is not released on every path; release it with 'freeReplyObject' [dbleak-leak]
  if (reply == NULL)
    return -1;
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: taking the false branch
  audit_record(a, "HGETALL", reply);
  if (reply_to_json(reply, buf, len) < 0)
    return -1;
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: taking the true branch
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'reply' leaks when the function returns here
  freeReplyObject(reply);
  return 0;
}
