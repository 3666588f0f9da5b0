// RUN: %check_dbleak %s dbleak-leak,dbleak-overwrite,dbleak-unfinished-transaction %t -- -- %libflags
// RUN: %check_dbleak --check-suffix=ALL %s dbleak-leak,dbleak-overwrite,dbleak-unfinished-transaction %t.all -- --config="{CheckOptions: {ReportLeaksAtExit: true}}" -- %libflags
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

/* A test harness's assertion: prints, then aborts. */
#define ASSERT_OR_PRINT(cond, msg)                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "assertion failed: %s\n", (msg));                       \
      abort();                                                                 \
    }                                                                          \
  } while (0)

/* Expected: nothing by default. The discarded message and the result lost
 * before abort() are reclaimed by the process's end. */
void check_count(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT count(*) FROM t");
  ASSERT_OR_PRINT(PQresultStatus(res) == PGRES_TUPLES_OK,
                  PQresultErrorMessage(res));
  if (PQntuples(res) != 1) {
    fprintf(stderr, "%s\n", PQencryptPassword("x", "y"));
    // CHECK-MESSAGES-ALL: :[[@LINE-1]]:29: warning: char returned by 'PQencryptPassword' is passed to 'fprintf' and never released; release it with 'PQfreemem' [dbleak-leak]
    abort();
  }
  PQclear(res);
}

/* Expected: nothing by default; with ReportLeaksAtExit the result lost by
 * main's early return is reported as before. */
int main(int argc, char **argv) {
  PGconn *conn = PQconnectdb(argc > 1 ? argv[1] : "");
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:18: warning: PGconn 'conn' acquired by 'PQconnectdb' is not released on every path; release it with 'PQfinish' [dbleak-leak]
  if (PQstatus(conn) != CONNECTION_OK)
    return EXIT_FAILURE;
  PQclear(PQexec(conn, "BEGIN"));
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:11: warning: transaction begun on 'conn' by 'PQexec' is not committed or rolled back on every path [dbleak-unfinished-transaction]
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:19: warning: PGresult 'res' acquired by 'PQexec' is not released on every path; release it with 'PQclear' [dbleak-leak]
  if (PQresultStatus(res) != PGRES_TUPLES_OK)
    return EXIT_FAILURE;
  PQclear(res);
  PQclear(PQexec(conn, "COMMIT"));
  PQfinish(conn);
  return 0;
}

/* A library function that returns to its caller: still reported. */
int fetch_one(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: PGresult 'res' acquired by 'PQexec' is not released on every path; release it with 'PQclear' [dbleak-leak]
  // CHECK-MESSAGES-ALL: :[[@LINE-2]]:19: warning: PGresult 'res' acquired by 'PQexec' is not released on every path; release it with 'PQclear' [dbleak-leak]
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    if (getenv("STRICT"))
      abort(); // ends the process: not this path
    return -1; // returns to the caller: this one
  }
  PQclear(res);
  return 0;
}

/* An overwrite followed by a return to the caller: reported; the same loss
 * followed only by exit(): not. */
void overwrite_then_return(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  res = PQexec(conn, "SELECT 2");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: PGresult 'res' acquired by 'PQexec' is overwritten before it is released; release it with 'PQclear' [dbleak-overwrite]
  // CHECK-MESSAGES-ALL: :[[@LINE-2]]:3: warning: PGresult 'res' acquired by 'PQexec' is overwritten before it is released; release it with 'PQclear' [dbleak-overwrite]
  PQclear(res);
}

void overwrite_then_exit(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  res = PQexec(conn, "SELECT 2");
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:3: warning: PGresult 'res' acquired by 'PQexec' is overwritten before it is released; release it with 'PQclear' [dbleak-overwrite]
  PQclear(res);
  exit(0);
}

/* A result discarded in a loop that goes round again is lost each time:
 * reported, even though the loop ends in exit(). */
void poll_forever(PGconn *conn) {
  for (int i = 0; i < 1000; ++i) {
    if (PQstatus(conn) != CONNECTION_OK)
      exit(1);
    PQexec(conn, "NOTIFY ping");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: PGresult returned by 'PQexec' is discarded and never released; release it with 'PQclear' [dbleak-leak]
    // CHECK-MESSAGES-ALL: :[[@LINE-2]]:5: warning: PGresult returned by 'PQexec' is discarded and never released; release it with 'PQclear' [dbleak-leak]
  }
  exit(0);
}
