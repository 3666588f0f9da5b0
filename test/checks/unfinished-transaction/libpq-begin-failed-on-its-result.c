// RUN: %check_dbleak %s dbleak-unfinished-transaction %t -- -- %libflags
#include <libpq-fe.h>
#include <stdio.h>

/* Expected: nothing. The BEGIN's own result says it failed: no transaction
 * is open on that return. */
int transfer(PGconn *c, const char *from, const char *to) {
  PGresult *r = PQexec(c, "begin");
  if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) {
    if (r)
      PQclear(r);
    return -1;
  }
  PQclear(r);
  r = PQexec(c, "update accounts set n = n - 1 where id = 1");
  if (PQresultStatus(r) != PGRES_COMMAND_OK) {
    PQclear(r);
    PQclear(PQexec(c, "rollback"));
    return -1;
  }
  PQclear(r);
  PQclear(PQexec(c, "commit"));
  return 0;
}

/* Expected: nothing; the same test in the other order. */
int archive(PGconn *c) {
  PGresult *r = PQexec(c, "BEGIN");
  if (PQresultStatus(r) == PGRES_COMMAND_OK) {
    PQclear(r);
    PQclear(PQexec(c, "INSERT INTO archive SELECT * FROM live"));
    PQclear(PQexec(c, "COMMIT"));
    return 0;
  }
  PQclear(r);
  return -1;
}

/* Still reported: the BEGIN succeeded, a later statement failed, and the
 * error return leaves the transaction open. */
int transfer_bad(PGconn *c) {
  PGresult *r = PQexec(c, "begin");
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: transaction begun on 'c' by 'PQexec' is not committed or rolled back on every path [dbleak-unfinished-transaction]
  if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) {
    if (r)
      PQclear(r);
    return -1;
  }
  PQclear(r);
  r = PQexec(c, "update accounts set n = n - 1 where id = 1");
  if (PQresultStatus(r) != PGRES_COMMAND_OK) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the true branch
    PQclear(r);
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the transaction on 'c' is still open when the function returns here
  }
  PQclear(r);
  PQclear(PQexec(c, "commit"));
  return 0;
}
