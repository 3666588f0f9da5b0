// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <hiredis.h>
#include <mongoc/mongoc.h>
#include <sql.h>
#include <sqlext.h>

/* Handles received as parameters belong to the caller: using them, or
 * re-executing on them, is not a leak in the callee. */

/* Expected: nothing. */
int exec_on(SQLHSTMT stmt, const char *sql) {
  if (!SQL_SUCCEEDED(SQLExecDirect(stmt, (SQLCHAR *)sql, SQL_NTS)))
    return -1;
  return SQLFetch(stmt) == SQL_SUCCESS;
}

/* Expected: nothing. */
long long reply_int(const redisReply *r) {
  return r && r->type == REDIS_REPLY_INTEGER ? r->integer : -1;
}

/* Expected: nothing. */
int drain(mongoc_cursor_t *cursor) {
  const bson_t *doc;
  int n = 0;
  while (mongoc_cursor_next(cursor, &doc))
    n++;
  return n;
}

/* Expected: nothing; the pooled client was popped by the caller, who
 * pushes it back. */
bool ping_client(mongoc_client_t *client) {
  bson_t cmd = BSON_INITIALIZER;
  BSON_APPEND_INT32(&cmd, "ping", 1);
  bool ok =
      mongoc_client_command_simple(client, "admin", &cmd, NULL, NULL, NULL);
  bson_destroy(&cmd);
  return ok;
}
