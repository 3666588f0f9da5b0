// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Reduced from postgresql-15 src/test/modules/libpq_pipeline (test_singlerowmode,
// 3 true findings lost in session 1): facts about a variable declared in a
// loop body outlived the iteration and made the loop's exit unreachable.
#include <libpq-fe.h>
#include <stdbool.h>

void fatal(const char *msg) __attribute__((noreturn));

/* Positive: a status declared anew in each iteration says nothing about the
 * previous one; the loop ends on the sync result, and the result read after
 * it is never cleared. */
void drain_then_read(PGconn *conn) {
  PGresult *res;
  bool ended = false;
  while (!ended) {
    while ((res = PQgetResult(conn)) != NULL) {
      ExecStatusType est = PQresultStatus(res);
      if (est == PGRES_PIPELINE_SYNC) {
        ended = true;
        PQclear(res);
        break;
      }
      if (est != PGRES_TUPLES_OK)
        fatal("unexpected status");
      PQclear(res);
    }
  }
  res = PQgetResult(conn);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: PGresult 'res' acquired by 'PQgetResult' is not released on every path; release it with 'PQclear' [dbleak-leak]
  if (res == NULL)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the false branch
    fatal("unexpected NULL");
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: 'res' leaks at the end of the function
