// RUN: %check_dbleak %s dbleak-unfinished-transaction %t -- -- %libflags
#include <libpq-fe.h>

static void begin_tx(PGconn *c) { PQclear(PQexec(c, "BEGIN")); }
static void rollback_tx(PGconn *c) { PQclear(PQexec(c, "ROLLBACK")); }
static void commit_tx(PGconn *c) { PQclear(PQexec(c, "COMMIT")); }

/* Positive: a same-file begin helper makes the caller responsible. */
int archive(PGconn *conn) {
  begin_tx(conn);
  PGresult *r = PQexec(conn, "INSERT INTO archive SELECT * FROM live");
  if (PQresultStatus(r) != PGRES_COMMAND_OK) {
    PQclear(r);
    return -1;
  // CHECK-MESSAGES: :[[@LINE-5]]:3: warning: transaction begun on 'conn' by 'begin_tx' is not committed or rolled back on every path [dbleak-unfinished-transaction]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the transaction on 'conn' is still open when the function returns here
  }
  PQclear(r);
  commit_tx(conn);
  return 0;
}

/* Negative: a same-file rollback helper ends it. */
int archive_ok(PGconn *conn) {
  begin_tx(conn);
  PGresult *r = PQexec(conn, "INSERT INTO archive SELECT * FROM live");
  if (PQresultStatus(r) != PGRES_COMMAND_OK) {
    PQclear(r);
    rollback_tx(conn);
    return -1;
  }
  PQclear(r);
  commit_tx(conn);
  return 0;
}
