// RUN: %check_dbleak %s dbleak-unfinished-transaction %t -- -- %libflags
#include <libpq-fe.h>
#include <stdio.h>

static const char *BEGIN_SQL = "  -- start\n begin work";

/* Positive (seed 000): the error path returns the pooled connection
 * mid-transaction. */
int transfer(PGconn *conn, const char *const params[3]) {
  PQclear(PQexec(conn, BEGIN_SQL));
  PGresult *r = PQexecParams(conn, "UPDATE acct SET bal = bal - $1 WHERE id = $2",
                             2, NULL, params, NULL, NULL, 0);
  if (PQresultStatus(r) != PGRES_COMMAND_OK) {
    fprintf(stderr, "debit: %s", PQerrorMessage(conn));
    PQclear(r);
    return -1;
  // CHECK-MESSAGES: :[[@LINE-7]]:11: warning: transaction begun on 'conn' by 'PQexec' is not committed or rolled back on every path [dbleak-unfinished-transaction]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the transaction on 'conn' is still open when the function returns here
  }
  PQclear(r);
  PQclear(PQexec(conn, "COMMIT"));
  return 0;
}

/* Negative: ROLLBACK on the error path; ROLLBACK TO SAVEPOINT is not an end
 * but the final COMMIT is. */
int transfer_ok(PGconn *conn, const char *const params[3]) {
  PQclear(PQexec(conn, "BEGIN"));
  PQclear(PQexec(conn, "SAVEPOINT s1"));
  PGresult *r = PQexecParams(conn, "UPDATE acct SET bal = bal - $1 WHERE id = $2",
                             2, NULL, params, NULL, NULL, 0);
  if (PQresultStatus(r) != PGRES_COMMAND_OK) {
    PQclear(r);
    PQclear(PQexec(conn, "ROLLBACK"));
    return -1;
  }
  PQclear(r);
  PQclear(PQexec(conn, "ROLLBACK TO SAVEPOINT s1"));
  PQclear(PQexec(conn, "COMMIT"));
  return 0;
}

/* Negative: the connection is closed on the error path (server rolls back). */
int one_shot(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  PQclear(PQexec(conn, "BEGIN"));
  PGresult *r = PQexec(conn, "DELETE FROM tmp");
  if (PQresultStatus(r) != PGRES_COMMAND_OK) {
    PQclear(r);
    PQfinish(conn);
    return -1;
  }
  PQclear(r);
  PQclear(PQexec(conn, "END"));
  PQfinish(conn);
  return 0;
}
