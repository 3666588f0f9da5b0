// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <hiredis.h>
#include <mongoc/mongoc.h>
#include <sql.h>
#include <sqlext.h>

/* Functions defined elsewhere whose name says they release their argument
 * (close/free/release/destroy/finish/disconnect/dispose/cleanup/unref as a
 * word, snake_case or CamelCase) are trusted to release it. */

void db_close(SQLHDBC dbc);
void connReleaseHandle(SQLHSTMT stmt);
void cache_disconnect(redisContext *c);
void reply_free(redisReply *r);
void cursor_cleanup(mongoc_cursor_t *cursor);
void DisposeCollection(mongoc_collection_t *coll);
void doc_unref(bson_t *doc);
void session_finish(mongoc_client_t *client);

/* Expected: nothing. */
int odbc_one_query(SQLHENV env, const char *dsn, const char *sql) {
  SQLHDBC dbc;
  SQLHSTMT stmt;
  if (SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc) != SQL_SUCCESS)
    return -1;
  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS) {
    db_close(dbc);
    return -1;
  }
  SQLExecDirect(stmt, (SQLCHAR *)sql, SQL_NTS);
  connReleaseHandle(stmt);
  db_close(dbc);
  (void)dsn;
  return 0;
}

/* Expected: nothing. */
int redis_one_query(const char *host, int port) {
  redisContext *c = redisConnect(host, port);
  if (c == NULL)
    return -1;
  if (c->err) {
    cache_disconnect(c);
    return -1;
  }
  redisReply *r = redisCommand(c, "DBSIZE");
  long long n = r ? r->integer : -1;
  reply_free(r);
  cache_disconnect(c);
  return (int)n;
}

/* Expected: nothing. */
int mongo_one_query(const char *uri) {
  const bson_t *doc;
  mongoc_client_t *client = mongoc_client_new(uri);
  if (!client)
    return -1;
  mongoc_collection_t *coll =
      mongoc_client_get_collection(client, "app", "events");
  bson_t *filter = bson_new();
  mongoc_cursor_t *cursor =
      mongoc_collection_find_with_opts(coll, filter, NULL, NULL);
  int n = 0;
  while (mongoc_cursor_next(cursor, &doc))
    n++;
  cursor_cleanup(cursor);
  doc_unref(filter);
  DisposeCollection(coll);
  session_finish(client);
  return n;
}
