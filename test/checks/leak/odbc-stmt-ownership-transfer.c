// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <sql.h>
#include <sqlext.h>
#include <stdlib.h>

/* Statements handed on to someone else are not leaks: returned, stored in
 * a struct, written through an out-parameter or kept in a cache array. */

struct prepared_cache {
  SQLHSTMT slots[8];
  int used;
};

struct session {
  SQLHDBC dbc;
  SQLHSTMT current;
};

/* Expected: nothing; the caller receives the statement. */
SQLHSTMT prepare_lookup(SQLHDBC dbc) {
  SQLHSTMT stmt;
  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
    return SQL_NULL_HSTMT;
  SQLPrepare(stmt, (SQLCHAR *)"SELECT name FROM users WHERE id = ?", SQL_NTS);
  return stmt;
}

/* Expected: nothing; the statement now belongs to the session. */
int session_begin_query(struct session *s, const char *sql) {
  SQLHSTMT stmt;
  if (SQLAllocHandle(SQL_HANDLE_STMT, s->dbc, &stmt) != SQL_SUCCESS)
    return -1;
  s->current = stmt;
  return SQL_SUCCEEDED(SQLExecDirect(stmt, (SQLCHAR *)sql, SQL_NTS)) ? 0 : -1;
}

/* Expected: nothing; the statement goes out through `*out`. */
int open_cursor(SQLHDBC dbc, const char *sql, SQLHSTMT *out) {
  SQLHSTMT stmt;
  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
    return -1;
  SQLExecDirect(stmt, (SQLCHAR *)sql, SQL_NTS);
  *out = stmt;
  return 0;
}

/* Expected: nothing; the statement is parked in the cache array. */
int cache_prepare(struct prepared_cache *cache, SQLHDBC dbc, const char *sql) {
  SQLHSTMT stmt;
  if (cache->used == 8)
    return -1;
  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
    return -1;
  SQLPrepare(stmt, (SQLCHAR *)sql, SQL_NTS);
  cache->slots[cache->used++] = stmt;
  return cache->used - 1;
}
