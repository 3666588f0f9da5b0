// RUN: %check_dbleak %s dbleak-use-after-release %t -- -- %libflags
// XFAIL: *
// ENGINE-BUG: FP-I. receive() returns -2 only when PQgetCopyData returned -1, and then leaves *buffer NULL; handle_end() frees its buffer argument only when it is not NULL, so the caller's error path frees nothing twice. The engine does not carry "returned -2 => *buffer is NULL" from receive()'s summary to the caller (the out-parameter is handed out with a known return value only when every handing-out return has the same one).
// Reduced from postgresql-15 15.18-0+deb12u1
// src/bin/pg_basebackup/receivelog.c (HandleCopyStream, CopyStreamReceive,
// HandleEndOfCopyStream).
#include <libpq-fe.h>
#include <stddef.h>

static int receive(PGconn *conn, char **buffer) {
  char *copybuf = NULL;
  int rawlen;
  if (*buffer != NULL)
    PQfreemem(*buffer);
  *buffer = NULL;
  rawlen = PQgetCopyData(conn, &copybuf, 1);
  if (rawlen == 0)
    return 0;
  if (rawlen == -1) /* end-of-streaming or error */
    return -2;
  if (rawlen == -2)
    return -1;
  *buffer = copybuf;
  return rawlen;
}

static PGresult *handle_end(PGconn *conn, char *copybuf) {
  PGresult *res = PQgetResult(conn);
  if (copybuf != NULL)
    PQfreemem(copybuf);
  return res;
}

/* Expected: nothing. */
PGresult *stream(PGconn *conn) {
  char *copybuf = NULL;
  int r = receive(conn, &copybuf);
  while (r != 0) {
    if (r == -1)
      goto error;
    if (r == -2) {
      PGresult *res = handle_end(conn, copybuf);
      if (res == NULL)
        goto error;
      return res;
    }
    r = receive(conn, &copybuf);
  }
error:
  if (copybuf != NULL)
    PQfreemem(copybuf);
  return NULL;
}
