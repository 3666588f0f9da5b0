// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <hiredis.h>
#include <mongoc/mongoc.h>
#include <sql.h>
#include <sqlext.h>

/* Functions defined elsewhere whose name says they keep their argument
 * (push/add/append/insert/store/put/register/attach/enqueue/adopt/set) take
 * the handle over: the caller no longer has to release it. */

struct registry;
struct work_queue;

void registry_add(struct registry *r, SQLHSTMT stmt);
void conn_register(struct registry *r, SQLHDBC dbc);
int work_enqueue(struct work_queue *q, redisReply *reply);
void cachePut(struct registry *r, const char *key, redisContext *c);
void list_append(struct registry *r, mongoc_cursor_t *cursor);
void ownerAdopt(struct registry *r, mongoc_collection_t *coll);
void registry_set_default(struct registry *r, mongoc_client_t *client);

/* Expected: nothing. */
int track_statement(struct registry *reg, SQLHDBC dbc) {
  SQLHSTMT stmt;
  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
    return -1;
  registry_add(reg, stmt);
  return 0;
}

/* Expected: nothing. */
int track_connection(struct registry *reg, SQLHENV env) {
  SQLHDBC dbc;
  if (SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc) != SQL_SUCCESS)
    return -1;
  conn_register(reg, dbc);
  return 0;
}

/* Expected: nothing; the queue frees the reply once it is processed. */
int forward_reply(struct work_queue *q, redisContext *c, const char *key) {
  redisReply *reply = redisCommand(c, "HGETALL %s", key);
  if (reply == NULL)
    return -1;
  return work_enqueue(q, reply);
}

/* Expected: nothing. */
void cache_connection(struct registry *reg, const char *host, int port) {
  redisContext *c = redisConnect(host, port);
  cachePut(reg, host, c);
}

/* Expected: nothing. */
void keep_cursor_and_collection(struct registry *reg, mongoc_client_t *client) {
  mongoc_collection_t *coll = mongoc_client_get_collection(client, "a", "b");
  mongoc_cursor_t *cursor =
      mongoc_collection_find_with_opts(coll, NULL, NULL, NULL);
  list_append(reg, cursor);
  ownerAdopt(reg, coll);
}

/* Expected: nothing. */
int install_default_client(struct registry *reg, const char *uri) {
  mongoc_client_t *client = mongoc_client_new(uri);
  if (client == NULL)
    return -1;
  registry_set_default(reg, client);
  return 0;
}
