// RUN: %check_dbleak %s dbleak-leak,dbleak-overwrite %t -- -- %libflags
#include <stdlib.h>
#include <libpq-fe.h>
#include <sqlite3.h>

/* A destroy function (it frees the object) that skips a member the
 * object's create function acquired. */
struct cache {
  sqlite3 *db;
  PGconn *pg;
};

struct cache *cache_new(const char *path, const char *ci) {
  struct cache *c = calloc(1, sizeof *c);
  if (!c)
    return NULL;
  if (sqlite3_open(path, &c->db) != SQLITE_OK) {
    sqlite3_close(c->db);
    free(c);
    return NULL;
  }
  c->pg = PQconnectdb(ci);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: PGconn 'c->pg' acquired by 'cache_new' is not released on every path; release it with 'PQfinish' [dbleak-leak]
  return c;
}

void cache_free(struct cache *c) {
  if (!c)
    return;
  sqlite3_close(c->db);
  free(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'c->pg' leaks when 'c' is released here
}

/* Negatives. A destroy function that releases every member. */
struct pair {
  sqlite3 *db;
  PGconn *pg;
};

struct pair *pair_new(const char *path, const char *ci) {
  struct pair *p = calloc(1, sizeof *p);
  if (!p)
    return NULL;
  sqlite3_open(path, &p->db);
  p->pg = PQconnectdb(ci);
  return p;
}

void pair_free(struct pair *p) {
  if (p->pg)
    PQfinish(p->pg);
  sqlite3_close(p->db);
  free(p);
}

/* A close function of its own: the destroy function relies on it. */
struct session {
  PGconn *pg;
};

struct session *session_new(const char *ci) {
  struct session *s = malloc(sizeof *s);
  if (s)
    s->pg = PQconnectdb(ci);
  return s;
}

void session_close(struct session *s) {
  PQfinish(s->pg);
  s->pg = NULL;
}

void session_free(struct session *s) { free(s); }

/* A destroy function that hands the object to a helper first. */
struct link {
  PGconn *pg;
};
void link_shutdown(struct link *l);

struct link *link_new(const char *ci) {
  struct link *l = malloc(sizeof *l);
  if (l)
    l->pg = PQconnectdb(ci);
  return l;
}

void link_free(struct link *l) {
  link_shutdown(l);
  free(l);
}

/* A library's struct follows the library's protocol: SQLite frees a
 * virtual table's zErrMsg itself (reduced from sqlite3's shell.c). */
static int series_best_index(sqlite3_vtab *tab, sqlite3_index_info *info) {
  if (info->nConstraint > 4) {
    tab->zErrMsg = sqlite3_mprintf("too many constraints");
    return SQLITE_ERROR;
  }
  return SQLITE_OK;
}

static int series_disconnect(sqlite3_vtab *tab) {
  sqlite3_free(tab);
  return SQLITE_OK;
}

int series_register(sqlite3_vtab *tab, sqlite3_index_info *info) {
  return series_best_index(tab, info) || series_disconnect(tab);
}
