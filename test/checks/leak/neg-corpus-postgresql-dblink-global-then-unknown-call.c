// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <libpq-fe.h>

/* dblink_connect: the connection is stored into a struct reached through a
 * global, then code the catalog does not describe runs. It may change the
 * global, so dbleak stops following `pconn->conn`; the connection stays the
 * one the global holds, not a leak of the local that also names it. */
typedef struct remoteConn {
  PGconn *conn;
  int openCursorCount;
} remoteConn;

static remoteConn *pconn = NULL;

void note_connected(const char *name);

int remote_connect(const char *connstr) {
  PGconn *conn = PQconnectdb(connstr);
  if (PQstatus(conn) == CONNECTION_BAD) {
    PQfinish(conn);
    return -1;
  }
  if (pconn->conn)
    PQfinish(pconn->conn);
  pconn->conn = conn;
  note_connected("unnamed");
  return 0;
}
