// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Reduced from postgresql-15 src/interfaces/ecpg/ecpglib/execute.c: the status
// assigned inside the loop condition decides the loop exit.
/* Expected: nothing. */
#include <libpq-fe.h>
#include <stdio.h>
void copy_out(PGconn *conn) {
  char *buffer;
  int res;
  while ((res = PQgetCopyData(conn, &buffer, 0)) > 0) {
    printf("%s", buffer);
    PQfreemem(buffer);
  }
  if (res == -1)
    PQclear(PQgetResult(conn));
}
