// RUN: %check_dbleak %s dbleak-leak %t -- -- -I/usr/include/postgresql/15/server %libflags
/* Server-side code (an extension using libpq, like dblink): ereport(ERROR)
 * and elog(ERROR) do not return but do not end the process either; they
 * longjmp to the nearest PG_TRY or to the main loop. */
#include "postgres.h"
#include "libpq-fe.h"

/* The error leaves the function while 'res' is held: it leaks. */
int64 remote_count(PGconn *conn, const char *sql) {
  PGresult *res = PQexec(conn, sql);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: PGresult 'res' acquired by 'PQexec' is not released on every path; release it with 'PQclear' [dbleak-leak]
  if (PQresultStatus(res) != PGRES_TUPLES_OK)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the true branch
    ereport(ERROR, (errmsg("could not count: %s", PQerrorMessage(conn))));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'res' leaks when the error raised here unwinds the stack
  int64 n = PQntuples(res);
  PQclear(res);
  return n;
}

/* Expected: nothing; the result is cleared before the error is raised. */
int64 remote_count_ok(PGconn *conn, const char *sql) {
  PGresult *res = PQexec(conn, sql);
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    PQclear(res);
    elog(ERROR, "could not count");
  }
  int64 n = PQntuples(res);
  PQclear(res);
  return n;
}

/* Expected: nothing; PG_FINALLY clears the result on the error path and on
 * the normal one (postgres_fdw's pattern). */
int64 remote_count_finally(PGconn *conn, const char *sql) {
  PGresult *volatile res = NULL;
  int64 n = 0;
  PG_TRY();
  {
    res = PQexec(conn, sql);
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
      elog(ERROR, "could not count");
    n = PQntuples(res);
  }
  PG_FINALLY();
  {
    PQclear(res);
  }
  PG_END_TRY();
  return n;
}

/* Expected: nothing; PG_CATCH clears it and re-throws (dblink's pattern). */
int64 remote_count_catch(PGconn *conn, const char *sql) {
  PGresult *volatile res = NULL;
  int64 n = 0;
  PG_TRY();
  {
    res = PQexec(conn, sql);
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
      elog(ERROR, "could not count");
    n = PQntuples(res);
    PQclear(res);
  }
  PG_CATCH();
  {
    PQclear(res);
    PG_RE_THROW();
  }
  PG_END_TRY();
  return n;
}

/* A PG_CATCH that forgets the result: the error raised in the protected
 * block reaches the handler, which re-throws while 'res' is held. */
int64 remote_count_catch_forgets(PGconn *conn, const char *sql) {
  PGresult *volatile res = NULL;
  int64 n = 0;
  PG_TRY();
  {
    res = PQexec(conn, sql);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: PGresult 'res' acquired by 'PQexec' is not released on every path; release it with 'PQclear' [dbleak-leak]
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
      elog(ERROR, "could not count");
    n = PQntuples(res);
    PQclear(res);
  }
  PG_CATCH();
  {
    PG_RE_THROW();
  }
  PG_END_TRY();
  return n;
}

/* Expected: nothing; a WARNING returns. */
void remote_warn(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  if (PQresultStatus(res) != PGRES_TUPLES_OK)
    elog(WARNING, "odd");
  PQclear(res);
}

/* Expected: nothing (postgres_fdw's connect_pg_server). On the normal path
 * PG_END_TRY does not re-throw: `_do_rethrow` keeps its initial false when
 * the block has a PG_CATCH, so the connection is returned, not leaked. */
PGconn *connect_remote(const char *connstr) {
  PGconn *volatile conn = NULL;
  PG_TRY();
  {
    conn = PQconnectdb(connstr);
    if (PQstatus(conn) != CONNECTION_OK)
      ereport(ERROR, (errmsg("could not connect")));
  }
  PG_CATCH();
  {
    if (conn)
      PQfinish(conn);
    PG_RE_THROW();
  }
  PG_END_TRY();
  return conn;
}
