// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Reduced from rsyslog 8.2302 contrib/imhiredis/imhiredis.c (a false
// positive found on the corpus): the temporary context is created and freed
// under the same `inst->mode` test, a member path rather than a local.
#include <hiredis.h>
#include <stddef.h>

enum mode { MODE_QUEUE, MODE_SUBSCRIBE };
struct instance {
  enum mode mode;
  redisContext *conn;
  const char *host;
};

int authenticate(redisContext *c, const char *password);

/* Expected: nothing; created and freed under the same condition. */
int check_auth(struct instance *inst, const char *password) {
  int ret = 0;
  redisContext *used = NULL;
  if (inst->mode == MODE_SUBSCRIBE) {
    used = redisConnect(inst->host, 6379);
    if (used == NULL)
      return -1;
  } else {
    used = inst->conn;
  }
  if (authenticate(used, password) != 0)
    ret = -1;
  if (inst->mode == MODE_SUBSCRIBE && used)
    redisFree(used);
  return ret;
}
