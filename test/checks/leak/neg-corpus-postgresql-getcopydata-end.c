// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Reduced from postgresql-15 15.18-0+deb12u1 src/bin/psql/copy.c
// (handleCopyOut; same loop in src/bin/pg_dump/pg_dump.c,
// src/bin/pg_basebackup/pg_basebackup.c, ecpglib/execute.c, libpqxx 6.4.5
// src/connection_base.cxx): PQgetCopyData sets *buffer only when it returns
// a row (> 0); on 0 (async, no data), -1 (end of COPY) and -2 (error) the
// buffer is NULL.
#include <libpq-fe.h>
#include <stdio.h>

/* Expected: nothing. */
int copy_out(PGconn *conn, FILE *copystream) {
  char *buf;
  int ret;
  int ok = 1;
  for (;;) {
    ret = PQgetCopyData(conn, &buf, 0);
    if (ret < 0)
      break; /* done or server/connection error */
    if (buf) {
      if (fwrite(buf, 1, ret, copystream) != (size_t)ret)
        ok = 0;
      PQfreemem(buf);
    }
  }
  if (ret == -2)
    ok = 0;
  return ok;
}

/* Expected: nothing (async mode: 0 means no row yet). */
int receive_one(PGconn *conn, char **out) {
  char *copybuf = NULL;
  int rawlen = PQgetCopyData(conn, &copybuf, 1);
  if (rawlen == 0)
    return 0;
  if (rawlen == -1)
    return -2;
  if (rawlen == -2)
    return -1;
  *out = copybuf;
  return rawlen;
}
