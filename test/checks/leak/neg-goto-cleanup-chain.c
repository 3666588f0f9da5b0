// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <hiredis.h>
#include <mongoc/mongoc.h>
#include <stdio.h>

/* Layered cleanup labels, each undoing one more acquisition, in the style
 * of the Linux kernel: jumps land on the label that frees exactly what was
 * acquired so far. */

struct sync_cfg {
  const char *redis_host;
  int redis_port;
  const char *mongo_uri;
  const char *key;
};

/* Expected: nothing. */
int sync_key_to_mongo(const struct sync_cfg *cfg) {
  int rc = -1;
  bson_error_t error;

  redisContext *c = redisConnect(cfg->redis_host, cfg->redis_port);
  if (c == NULL)
    goto out;
  if (c->err)
    goto out_ctx;
  redisReply *r = redisCommand(c, "GET %s", cfg->key);
  if (r == NULL)
    goto out_ctx;
  if (r->type != REDIS_REPLY_STRING)
    goto out_reply;
  mongoc_client_t *client = mongoc_client_new(cfg->mongo_uri);
  if (client == NULL)
    goto out_reply;
  mongoc_collection_t *coll =
      mongoc_client_get_collection(client, "cache", "mirror");
  bson_t *doc = BCON_NEW("_id", BCON_UTF8(cfg->key), "v", BCON_UTF8(r->str));
  if (doc == NULL)
    goto out_coll;
  if (!mongoc_collection_insert_one(coll, doc, NULL, NULL, &error)) {
    fprintf(stderr, "mirror: %s\n", error.message);
    goto out_doc;
  }
  rc = 0;
out_doc:
  bson_destroy(doc);
out_coll:
  mongoc_collection_destroy(coll);
  mongoc_client_destroy(client);
out_reply:
  freeReplyObject(r);
out_ctx:
  redisFree(c);
out:
  return rc;
}
