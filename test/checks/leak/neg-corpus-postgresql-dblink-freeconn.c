// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// (Positive side at the end: the same helper where the caller does owe a release.)
// Reduced from postgresql-15 15.18-0+deb12u1 contrib/dblink/dblink.c
// (dblink_get_conn / dblink_record_internal): the helper either returns a
// persistent named connection (freeconn = false) or opens a new one
// (freeconn = true); the caller finishes it only when freeconn is set.
#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

PGconn *lookup_named_connection(const char *name);
void report_error(const char *msg) __attribute__((noreturn));

static void get_conn(const char *name_or_str, PGconn **conn_p,
                     bool *freeconn_p) {
  PGconn *conn = lookup_named_connection(name_or_str);
  bool freeconn = false;
  if (!conn) {
    conn = PQconnectdb(name_or_str);
    if (PQstatus(conn) == CONNECTION_BAD) {
      PQfinish(conn);
      report_error("could not establish connection");
    }
    freeconn = true;
  }
  *conn_p = conn;
  *freeconn_p = freeconn;
}

/* Expected: nothing. */
int record(const char *name_or_str, const char *sql) {
  PGconn *conn = NULL;
  bool freeconn = false;
  int n;
  get_conn(name_or_str, &conn, &freeconn);
  PGresult *res = PQexec(conn, sql);
  n = PQntuples(res);
  PQclear(res);
  if (freeconn)
    PQfinish(conn);
  return n;
}

/* Positive: a connection opened for this call is never finished. */
int record_leaky(const char *name_or_str, const char *sql) {
  PGconn *conn = NULL;
  bool freeconn = false;
  get_conn(name_or_str, &conn, &freeconn);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: PGconn 'conn' acquired by 'get_conn' is not released on every path; release it with 'PQfinish' [dbleak-leak]
  PGresult *res = PQexec(conn, sql);
  int n = PQntuples(res);
  PQclear(res);
  return n;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'conn' leaks when the function returns here
}
