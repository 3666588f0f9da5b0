// RUN: %check_dbleak %s dbleak-leak,dbleak-overwrite,dbleak-use-after-release %t -- -- %libflags
#include <hiredis.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdlib.h>

/* Handles kept in struct fields, out-parameters and globals stay tracked
 * there: what the caller can reach is handed off at exit, what dies with
 * the frame leaks. */

struct server {
  PGconn *db;
  sqlite3 *lite;
  sqlite3_stmt *stmts[4];
  redisContext *rc;
};
struct pair {
  PGconn *db;
  int port;
};
static PGconn *g_conn;

/* Expected: nothing; the caller's object keeps the connection. */
int server_open(struct server *s) {
  s->db = PQconnectdb("");
  if (PQstatus(s->db) != CONNECTION_OK)
    return -1;
  return 0;
}

/* Expected: nothing; the field is released on every path. */
int server_check(struct server *s, int fix) {
  if (fix) {
    PQfinish(s->db);
    s->db = NULL;
    return 1;
  }
  PQfinish(s->db);
  s->db = NULL;
  return 0;
}

/* Expected: nothing; handed to the caller through the out-parameter. */
int open_out(PGconn **out) {
  PGconn *c = PQconnectdb("");
  if (PQstatus(c) != CONNECTION_OK) {
    PQfinish(c);
    return -1;
  }
  *out = c;
  return 0;
}

/* Expected: nothing; a global connection reused across calls. */
int query_global(const char *sql) {
  if (!g_conn)
    g_conn = PQconnectdb("");
  PGresult *r = PQexec(g_conn, sql);
  int ok = PQresultStatus(r) == PGRES_TUPLES_OK;
  PQclear(r);
  return ok;
}

/* Expected: nothing; the destroy function releases every member, the
 * statements in a loop. */
void server_destroy(struct server *s) {
  PQfinish(s->db);
  redisFree(s->rc);
  for (int i = 0; i < 4; i++)
    sqlite3_finalize(s->stmts[i]);
  sqlite3_close(s->lite);
  free(s);
}

/* Expected: nothing; every statement is kept in the caller's object. */
int server_prepare(struct server *s, const char **sql) {
  if (sqlite3_open("db", &s->lite) != SQLITE_OK)
    return -1;
  for (int i = 0; i < 4; i++)
    if (sqlite3_prepare_v2(s->lite, sql[i], -1, &s->stmts[i], NULL) !=
        SQLITE_OK)
      return -1;
  return 0;
}

/* Expected: nothing; the member is reset right after release and the
 * reconnect stores a fresh one. */
int server_reconnect(struct server *s) {
  PQfinish(s->db);
  s->db = NULL;
  if (s->db)
    PQfinish(s->db);
  s->db = PQconnectdb("");
  return PQstatus(s->db) == CONNECTION_OK;
}

/* Expected: nothing; the struct is returned with its connection. */
struct pair pair_open(int port) {
  struct pair p;
  p.db = PQconnectdb("");
  p.port = port;
  return p;
}

/* Expected: nothing; a heap struct returned with its connection. */
struct server *server_new(void) {
  struct server *s = calloc(1, sizeof *s);
  if (!s)
    return NULL;
  s->db = PQconnectdb("");
  return s;
}

/* Positive: a struct of this frame dies with the live connection. */
int pair_probe(void) {
  struct pair p;
  p.db = PQconnectdb("");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: PGconn 'p.db' acquired by 'PQconnectdb' is not released on every path; release it with 'PQfinish' [dbleak-leak]
  return PQstatus(p.db) == CONNECTION_OK;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'p.db' leaks when the function returns here
}

/* Positive: the field's fresh connection is overwritten unreleased. */
int server_open_twice(struct server *s) {
  s->db = PQconnectdb("a");
  s->db = PQconnectdb("b");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: PGconn 's->db' acquired by 'PQconnectdb' is overwritten before it is released; release it with 'PQfinish' [dbleak-overwrite]
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: 's->db' was acquired here
  return 0;
}

/* Positive: the error message is read through the field after PQfinish. */
void server_fail(struct server *s) {
  PQfinish(s->db);
  fprintf(stderr, "%s", PQerrorMessage(s->db));
  // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: PGconn 's->db' is used by 'PQerrorMessage' after it was released [dbleak-use-after-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 's->db' was released here
}

/* Positive: the global closed twice. */
void global_close(void) {
  PQfinish(g_conn);
  PQfinish(g_conn);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: PGconn 'g_conn' is released twice [dbleak-use-after-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'g_conn' was released here
}

/* Positive: a fresh result stored into a field, cleared, then read. */
int server_count(struct server *s, PGresult **keep) {
  *keep = PQexec(s->db, "SELECT 1");
  PQclear(*keep);
  return PQntuples(*keep);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: PGresult '*keep' is used by 'PQntuples' after it was released [dbleak-use-after-release]
  // CHECK-MESSAGES: :[[@LINE-4]]:11: note: '*keep' was acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: '*keep' was released here
}

/* Expected: nothing; each node's result is cleared once while walking. */
struct node {
  struct node *next;
  PGresult *res;
};
void list_free(struct node *n) {
  while (n) {
    struct node *next = n->next;
    PQclear(n->res);
    free(n);
    n = next;
  }
}

/* Expected: nothing; unknown code may have replaced the connection. */
void reopen_elsewhere(struct server *s);
void server_retry(struct server *s) {
  PQfinish(s->db);
  reopen_elsewhere(s);
  PQclear(PQexec(s->db, "SELECT 1"));
}
