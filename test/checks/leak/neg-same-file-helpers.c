// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <hiredis.h>
#include <mongoc/mongoc.h>
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>
#include <stdlib.h>

/* Handles passed to a same-file function that releases or stores them
 * are not leaked by the caller, whatever the helper is called. */

struct conn_set {
  mongoc_cursor_t *open_cursor;
};

static void odbc_end(SQLHDBC dbc, SQLHSTMT stmt) {
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  SQLDisconnect(dbc);
}

static void remember_cursor(struct conn_set *set, mongoc_cursor_t *cursor) {
  if (set->open_cursor)
    mongoc_cursor_destroy(set->open_cursor);
  set->open_cursor = cursor;
}

static void done_with(redisReply *r, int verbose) {
  if (verbose && r && r->type == REDIS_REPLY_ERROR)
    fprintf(stderr, "error: %s\n", r->str);
  freeReplyObject(r);
}

/* Expected: nothing; odbc_end frees the statement. */
int run_and_end(SQLHDBC dbc, const char *sql) {
  SQLHSTMT stmt;
  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
    return -1;
  SQLExecDirect(stmt, (SQLCHAR *)sql, SQL_NTS);
  odbc_end(dbc, stmt);
  return 0;
}

/* Expected: nothing; remember_cursor keeps the cursor. */
void open_scan(struct conn_set *set, mongoc_collection_t *coll) {
  mongoc_cursor_t *cursor =
      mongoc_collection_find_with_opts(coll, NULL, NULL, NULL);
  remember_cursor(set, cursor);
}

/* Expected: nothing; done_with frees the reply on both paths. */
int incr(redisContext *c, const char *key, int verbose) {
  redisReply *r = redisCommand(c, "INCR %s", key);
  if (r == NULL || r->type != REDIS_REPLY_INTEGER) {
    done_with(r, verbose);
    return -1;
  }
  int v = (int)r->integer;
  done_with(r, verbose);
  return v;
}
