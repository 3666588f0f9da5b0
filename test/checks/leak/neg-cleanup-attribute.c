// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <hiredis.h>
#include <mongoc/mongoc.h>
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>

/* `__attribute__((cleanup(fn)))` variables whose cleanup function releases
 * `*p` own their handle: no path leaks it, whatever the library. */

static void stmt_cleanup(SQLHSTMT *s) {
  if (*s != SQL_NULL_HSTMT)
    SQLFreeHandle(SQL_HANDLE_STMT, *s);
}
static void coll_cleanup(mongoc_collection_t **c) {
  mongoc_collection_destroy(*c);
}
static void bson_cleanup(bson_t **b) { bson_destroy(*b); }
static void reply_cleanup(redisReply **r) { freeReplyObject(*r); }

#define SCOPED(fn) __attribute__((cleanup(fn)))

/* Expected: nothing (ODBC statement). */
int odbc_delete_user(SQLHDBC dbc, int id) {
  SCOPED(stmt_cleanup) SQLHSTMT stmt = SQL_NULL_HSTMT;
  SQLINTEGER user_id = id;
  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
    return -1;
  SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0,
                   &user_id, 0, NULL);
  if (!SQL_SUCCEEDED(SQLExecDirect(
          stmt, (SQLCHAR *)"DELETE FROM users WHERE id = ?", SQL_NTS)))
    return -1;
  return 0;
}

/* Expected: nothing (mongoc collection and bson document). */
int mongo_delete_user(mongoc_client_t *client, const char *id) {
  SCOPED(coll_cleanup) mongoc_collection_t *coll =
      mongoc_client_get_collection(client, "app", "users");
  SCOPED(bson_cleanup) bson_t *filter = BCON_NEW("_id", BCON_UTF8(id));
  bson_error_t error;
  if (!mongoc_collection_delete_one(coll, filter, NULL, NULL, &error))
    return -1;
  return 0;
}

/* Expected: nothing (hiredis reply). */
int redis_delete_user(redisContext *c, const char *id) {
  SCOPED(reply_cleanup) redisReply *r = redisCommand(c, "DEL user:%s", id);
  if (r == NULL)
    return -1;
  if (r->type != REDIS_REPLY_INTEGER)
    return -1;
  return (int)r->integer;
}
