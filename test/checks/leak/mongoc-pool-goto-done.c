// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <mongoc/mongoc.h>
#include <stdio.h>

/* A request handler in the style of the mongoc examples: pop, do the work,
 * `goto done`, push back and destroy everything there. */

struct handler_ctx {
  mongoc_client_pool_t *pool;
  const char *db;
  const char *coll;
};

/* Expected: nothing; every path reaches `done`. */
int handle_get_user(struct handler_ctx *h, const char *user_id,
                    char **json_out) {
  mongoc_client_t *client = mongoc_client_pool_pop(h->pool);
  mongoc_collection_t *coll = NULL;
  mongoc_cursor_t *cursor = NULL;
  bson_t *filter = NULL;
  const bson_t *doc;
  bson_error_t error;
  int rc = -1;

  coll = mongoc_client_get_collection(client, h->db, h->coll);
  filter = BCON_NEW("_id", BCON_UTF8(user_id));
  if (filter == NULL)
    goto done;
  cursor = mongoc_collection_find_with_opts(coll, filter, NULL, NULL);
  if (!mongoc_cursor_next(cursor, &doc)) {
    if (mongoc_cursor_error(cursor, &error))
      fprintf(stderr, "get_user: %s\n", error.message);
    goto done;
  }
  *json_out = bson_as_relaxed_extended_json(doc, NULL);
  rc = 0;

done:
  if (cursor)
    mongoc_cursor_destroy(cursor);
  if (filter)
    bson_destroy(filter);
  mongoc_collection_destroy(coll);
  mongoc_client_pool_push(h->pool, client);
  return rc;
}
