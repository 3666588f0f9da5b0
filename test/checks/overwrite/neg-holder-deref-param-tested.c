// RUN: %check_dbleak %s dbleak-overwrite,dbleak-leak %t -- -- %libflags
#include <hiredis.h>

/* rsyslog's imhiredis: the caller's *conn is freed when set and reset to
 * NULL on failure. Expected: nothing; the test of *conn decides both the
 * handle it holds and what the function hands out. */
int connect_node(const char *host, int port, redisContext **conn) {
  int ok = 0;
  *conn = redisConnect(host, port);
  if (*conn == NULL || (*conn)->err)
    goto finalize_it;
  ok = 1;
finalize_it:
  if (!ok) {
    if (*conn)
      redisFree(*conn);
    *conn = NULL;
  }
  return ok;
}
