// RUN: %check_dbleak %s dbleak-guard-escape %t -- -- %libflags
// Seed 001 in C: a variable with __attribute__((cleanup)) is C's context
// manager; returning it hands the caller a connection that is already
// finished.
#include <libpq-fe.h>
#include <stddef.h>

static void pq_finishp(PGconn **c) {
  if (*c)
    PQfinish(*c);
}
#define _cleanup_pq_ __attribute__((cleanup(pq_finishp)))

PGconn *open_checked(const char *conninfo) {
  _cleanup_pq_ PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK)
    return NULL;
  return conn;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: PGconn owned by 'conn' is returned from 'open_checked', but 'conn' is destroyed at the end of 'open_checked' [dbleak-guard-escape]
}

struct request {
  PGconn *db;
};

void attach_db(struct request *req, const char *conninfo) {
  _cleanup_pq_ PGconn *conn = PQconnectdb(conninfo);
  req->db = conn;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: PGconn owned by 'conn' is stored in 'req->db', but 'conn' is destroyed at the end of 'attach_db'
}

/* Using the guarded connection inside its scope is the point of the guard. */
int ping(const char *conninfo) {
  _cleanup_pq_ PGconn *conn = PQconnectdb(conninfo);
  return PQstatus(conn) == CONNECTION_OK ? 0 : -1;
}
