// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <hiredis.h>
#include <mongoc/mongoc.h>

/* Handles returned inside a struct value (a compound literal, or a local
 * struct filled field by field) go to the caller. */

struct backends {
  redisContext *cache;
  mongoc_client_t *store;
};

/* Expected: nothing. */
struct backends backends_open(const char *host, int port, const char *uri) {
  redisContext *cache = redisConnect(host, port);
  mongoc_client_t *store = mongoc_client_new(uri);
  return (struct backends){.cache = cache, .store = store};
}

/* Expected: nothing. */
struct backends backends_open_checked(const char *host, int port,
                                      const char *uri) {
  struct backends b = {0};
  redisContext *cache = redisConnect(host, port);
  if (cache == NULL || cache->err) {
    redisFree(cache);
    return b;
  }
  b.cache = cache;
  b.store = mongoc_client_new(uri);
  return b;
}
