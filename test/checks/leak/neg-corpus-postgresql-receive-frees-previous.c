// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// RUN: %check_dbleak %s dbleak-overwrite %t.ow -- -- %libflags
// Reduced from postgresql-15 15.18-0+deb12u1
// src/bin/pg_basebackup/receivelog.c (CopyStreamReceive / HandleCopyStream):
// the helper frees the buffer left in *buffer by the previous call before it
// stores the next one, so calling it again in the loop neither leaks nor
// overwrites.
#include <libpq-fe.h>
#include <stddef.h>

static int CopyStreamReceive(PGconn *conn, char **buffer) {
  char *copybuf = NULL;
  int rawlen;
  if (*buffer != NULL)
    PQfreemem(*buffer);
  *buffer = NULL;
  rawlen = PQgetCopyData(conn, &copybuf, 1);
  if (copybuf == NULL) /* (the original tests rawlen 0/-1/-2 here) */
    return rawlen == -1 ? -2 : rawlen == -2 ? -1 : 0;
  *buffer = copybuf;
  return rawlen;
}

int process(const char *msg, int len);

/* Expected: nothing. */
int HandleCopyStream(PGconn *conn) {
  char *copybuf = NULL;
  int r = CopyStreamReceive(conn, &copybuf);
  while (r > 0) {
    if (!process(copybuf, r))
      goto error;
    r = CopyStreamReceive(conn, &copybuf);
  }
error:
  if (copybuf != NULL)
    PQfreemem(copybuf);
  return r;
}
