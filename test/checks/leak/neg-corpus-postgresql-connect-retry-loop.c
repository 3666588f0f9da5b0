// RUN: %check_dbleak %s dbleak-leak %t.leak -- -- %libflags
// RUN: %check_dbleak %s dbleak-use-after-release %t.uar -- -- %libflags
// RUN: %check_dbleak %s dbleak-unfinished-transaction %t.tx -- -- %libflags
// Reduced from postgresql-15 15.18-0+deb12u1 contrib/vacuumlo/vacuumlo.c
// (the same password-retry loop is in contrib/oid2name/oid2name.c,
// src/bin/pg_dump/pg_dumpall.c, src/bin/pgbench/pgbench.c and
// src/fe_utils/connect_utils.c).
#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>

char *prompt_password(void);

/* Expected: nothing. */
int vacuum_database(const char *const *keywords, const char **values,
                    char *password) {
  PGconn *conn;
  bool new_pass;
  do {
    values[3] = password;
    new_pass = false;
    conn = PQconnectdbParams(keywords, values, true);
    if (!conn) {
      fprintf(stderr, "connection failed\n");
      return -1;
    }
    if (PQstatus(conn) == CONNECTION_BAD && PQconnectionNeedsPassword(conn) &&
        !password) {
      PQfinish(conn);
      password = prompt_password();
      new_pass = true;
    }
  } while (new_pass);

  if (PQstatus(conn) == CONNECTION_BAD) {
    fprintf(stderr, "%s", PQerrorMessage(conn));
    PQfinish(conn);
    return -1;
  }
  PGresult *res = PQexec(conn, "begin");
  if (PQresultStatus(res) != PGRES_COMMAND_OK) {
    PQclear(res);
    PQfinish(conn);
    return -1;
  }
  PQclear(res);
  res = PQexec(conn, "commit");
  PQclear(res);
  PQfinish(conn);
  return 0;
}
