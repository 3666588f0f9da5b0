// RUN: %check_dbleak %s dbleak-leak,dbleak-use-after-release %t -- -- %libflags
#include <libpq-fe.h>

/* A release helper taking the handle by reference releases the caller's
 * handle, exactly like its `PGresult **` twin (issue 13's first class). */

static void clear(PGresult *&r) {
  if (r) {
    PQclear(r);
    r = nullptr;
  }
}
static void clear_ptr(PGresult **r) {
  if (*r) {
    PQclear(*r);
    *r = nullptr;
  }
}

/* Expected: nothing. */
int by_reference(PGconn *c) {
  PGresult *res = PQexec(c, "SELECT 1");
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    clear(res);
    return -1;
  }
  int n = PQntuples(res);
  clear(res);
  return n;
}

/* Expected: nothing. */
int by_pointer(PGconn *c) {
  PGresult *res = PQexec(c, "SELECT 1");
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    clear_ptr(&res);
    return -1;
  }
  int n = PQntuples(res);
  clear_ptr(&res);
  return n;
}

/* Expected: nothing; a reference out-parameter hands the connection to the
 * caller. */
static bool open_ref(PGconn *&out) {
  out = PQconnectdb("");
  return PQstatus(out) == CONNECTION_OK;
}

class Db {
  PGconn *conn_ = nullptr;

public:
  /* Expected: nothing; the object keeps the connection. */
  bool open() {
    conn_ = PQconnectdb("");
    return PQstatus(conn_) == CONNECTION_OK;
  }
  /* Expected: nothing; released and reset. */
  void close() {
    PQfinish(conn_);
    conn_ = nullptr;
  }
  /* Positive: a query on the member after it was closed. */
  void close_then_query() {
    PQfinish(conn_);
    PQclear(PQexec(conn_, "SELECT 1"));
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: PGconn 'conn_' is used by 'PQexec' after it was released [dbleak-use-after-release]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'conn_' was released here
  }
};
