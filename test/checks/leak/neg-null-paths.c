// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <hiredis.h>
#include <mongoc/mongoc.h>
#include <stdio.h>

/* On a path where the handle is NULL there is nothing to release: the
 * acquisition failed without producing one. */

struct shard {
  const char *uri;
  const char *db;
};

/* Expected: nothing; `!client` means no client. */
int shard_ping(const struct shard *s) {
  mongoc_client_t *client = mongoc_client_new(s->uri);
  if (!client) {
    fprintf(stderr, "shard %s: invalid URI\n", s->uri);
    return -1;
  }
  bson_t *cmd = BCON_NEW("ping", BCON_INT32(1));
  bool ok = mongoc_client_command_simple(client, "admin", cmd, NULL, NULL,
                                         NULL);
  bson_destroy(cmd);
  mongoc_client_destroy(client);
  return ok ? 0 : -1;
}

/* Expected: nothing; the assignment inside the condition is understood. */
long long queue_depth(redisContext *c, const char *queue) {
  redisReply *r;
  long long depth;
  if ((r = redisCommand(c, "LLEN %s", queue)) == NULL)
    return -1;
  depth = r->integer;
  freeReplyObject(r);
  return depth;
}

/* Expected: nothing; NULL is tested with `!` on the assignment itself. */
int shard_collection_exists(mongoc_client_t *client, const struct shard *s,
                            const char *name) {
  mongoc_database_t *db;
  bson_error_t error;
  if (!(db = mongoc_client_get_database(client, s->db)))
    return -1;
  bool found = mongoc_database_has_collection(db, name, &error);
  mongoc_database_destroy(db);
  return found;
}

/* Expected: nothing; the NULL reply is returned as is (the caller checks
 * c->err). */
redisReply *try_get(redisContext *c, const char *key) {
  redisReply *r = redisCommand(c, "GET %s", key);
  if (r == NULL)
    return NULL;
  if (r->type == REDIS_REPLY_NIL) {
    freeReplyObject(r);
    return NULL;
  }
  return r;
}
