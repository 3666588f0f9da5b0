// RUN: %check_dbleak %s dbleak-unfinished-transaction,dbleak-leak %t -- -- %libflags
// The fixed file compiles with the real headers, and nothing is left to
// report in it.
// RUN: %clang -fsyntax-only %libflags %t.c
// RUN: %check_dbleak %t.c dbleak-* %t.again -- -- %libflags
#include <libpq-fe.h>
#include <sqlite3.h>

/* The catalog says how each library rolls back (`rollback:` of the
 * transaction kind): the fix-it inserts it before the return that leaves
 * the transaction open, in the same insertion as the release of what leaks
 * there, the last begun or acquired first. */
// CHECK-FIXES:      {{^}}  if (PQresultStatus(res) != PGRES_COMMAND_OK) {{[{]$}}
// CHECK-FIXES-NEXT: {{^}}    PQclear(res);{{$}}
// CHECK-FIXES-NEXT: {{^}}    PQclear(PQexec(conn, "ROLLBACK"));{{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}
int move_job(PGconn *conn) {
  PQclear(PQexec(conn, "BEGIN"));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: transaction begun on 'conn' by 'PQexec' is not committed or rolled back on every path [dbleak-unfinished-transaction]
  PGresult *res = PQexec(conn, "UPDATE jobs SET state = 2");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: PGresult 'res' acquired by 'PQexec' is not released on every path; release it with 'PQclear' [dbleak-leak]
  if (PQresultStatus(res) != PGRES_COMMAND_OK)
    return -1;
  PQclear(res);
  PQclear(PQexec(conn, "COMMIT"));
  return 0;
}

// CHECK-FIXES:      {{^}}  if (sqlite3_exec(db, "INSERT INTO t VALUES (1)", 0, 0, 0) != SQLITE_OK) {{[{]$}}
// CHECK-FIXES-NEXT: {{^}}    sqlite3_exec(db, "ROLLBACK", 0, 0, 0);{{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
int store(sqlite3 *db) {
  sqlite3_exec(db, "BEGIN", 0, 0, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: transaction begun on 'db' by 'sqlite3_exec' is not committed or rolled back on every path [dbleak-unfinished-transaction]
  if (sqlite3_exec(db, "INSERT INTO t VALUES (1)", 0, 0, 0) != SQLITE_OK) {
    return -1;
  }
  sqlite3_exec(db, "COMMIT", 0, 0, 0);
  return 0;
}
