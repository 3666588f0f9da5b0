// RUN: %check_dbleak %s dbleak-overwrite,dbleak-leak,dbleak-use-after-release %t -- -- %libflags
#include <stddef.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <mysql.h>

/* A handle the caller keeps in a struct, a global or behind an
 * out-parameter is owned elsewhere: this function answers for it only once
 * it has seen it live (tested non-NULL) and then overwrites it unreleased. */

struct server {
  PGconn *db;
  const char *conninfo;
};

/* The reconnect that forgets the old connection. */
int server_reconnect(struct server *srv) {
  if (srv->db && PQstatus(srv->db) == CONNECTION_OK)
    return 0;
  srv->db = PQconnectdb(srv->conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: PGconn 'srv->db' held on entry is overwritten before it is released; release it with 'PQfinish' [dbleak-overwrite]
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: 'srv->db' was tested non-NULL here
  return PQstatus(srv->db) == CONNECTION_OK ? 0 : -1;
}

/* Reset to NULL while still open. */
static sqlite3 *g_db;
void cache_drop(void) {
  if (g_db != NULL) {
    sqlite3_exec(g_db, "PRAGMA optimize", NULL, NULL, NULL);
    g_db = NULL;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: sqlite3 'g_db' held on entry is overwritten before it is released; release it with 'sqlite3_close' [dbleak-overwrite]
  }
}

/* *out tested, then replaced. */
int reopen(MYSQL **out, const char *host) {
  if (*out)
    mysql_ping(*out);
  *out = mysql_init(NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: MYSQL '*out' held on entry is overwritten before it is released; release it with 'mysql_close' [dbleak-overwrite]
  if (!*out)
    return -1;
  return mysql_real_connect(*out, host, "u", "p", "d", 0, NULL, 0) ? 0 : -1;
}

/* Negatives. Closed before it is replaced. */
int server_reconnect_ok(struct server *srv) {
  if (srv->db && PQstatus(srv->db) == CONNECTION_OK)
    return 0;
  if (srv->db)
    PQfinish(srv->db);
  srv->db = PQconnectdb(srv->conninfo);
  return PQstatus(srv->db) == CONNECTION_OK ? 0 : -1;
}

/* Replaced only where it was NULL. */
void server_ensure(struct server *srv) {
  if (srv->db == NULL)
    srv->db = PQconnectdb(srv->conninfo);
}

/* No evidence: never tested here, so maybe never set (an init function). */
void server_init(struct server *srv, const char *ci) {
  srv->conninfo = ci;
  srv->db = PQconnectdb(ci);
}

/* The old value is kept elsewhere before the store. */
PGconn *server_swap(struct server *srv) {
  PGconn *old = srv->db;
  if (srv->db)
    srv->db = PQconnectdb(srv->conninfo);
  return old;
}

/* Handed to code we cannot see, which may close it. */
void server_close_impl(PGconn *c);
void server_close(struct server *srv) {
  if (srv->db) {
    server_close_impl(srv->db);
    srv->db = NULL;
  }
}

/* Released on the only path where it was live. */
void cache_close(void) {
  if (g_db) {
    sqlite3_close(g_db);
    g_db = NULL;
  }
}
