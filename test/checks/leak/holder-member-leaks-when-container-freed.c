// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <stdlib.h>
#include <libpq-fe.h>
#include <sqlite3.h>

/* A handle stored in a heap object is followed there; freeing the object
 * while the handle is open loses it. */
struct server {
  PGconn *db;
  sqlite3_stmt *stmt;
};

int probe(const char *ci) {
  struct server *s = malloc(sizeof *s);
  if (!s)
    return -1;
  s->db = PQconnectdb(ci);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: PGconn 's->db' acquired by 'PQconnectdb' is not released on every path; release it with 'PQfinish' [dbleak-leak]
  if (PQstatus(s->db) != CONNECTION_OK) {
    free(s);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 's->db' leaks when 's' is released here
    return -1;
  }
  PQfinish(s->db);
  free(s);
  return 0;
}

/* Negatives: released first; handed out first; stored elsewhere first. */
int probe_ok(const char *ci) {
  struct server *s = calloc(1, sizeof *s);
  if (!s)
    return -1;
  s->db = PQconnectdb(ci);
  int ok = PQstatus(s->db) == CONNECTION_OK;
  PQfinish(s->db);
  free(s);
  return ok ? 0 : -1;
}

PGconn *detach(const char *ci) {
  struct server *s = malloc(sizeof *s);
  if (!s)
    return NULL;
  s->db = PQconnectdb(ci);
  PGconn *c = s->db;
  free(s);
  return c;
}

static sqlite3_stmt *g_cached;
void cache_stmt(sqlite3 *db) {
  struct server *s = malloc(sizeof *s);
  if (!s)
    return;
  if (sqlite3_prepare_v2(db, "SELECT 1", -1, &s->stmt, NULL) != SQLITE_OK) {
    free(s);
    return;
  }
  g_cached = s->stmt;
  free(s);
}
