// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// The fixed file compiles with the real headers, and nothing is left to
// report in it.
// RUN: %clang -fsyntax-only %libflags %t.c
// RUN: %check_dbleak %t.c dbleak-* %t.again -- -- %libflags
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

/* The exit is the lone statement of an if: braces around the release and
 * the return. */
// CHECK-FIXES: {{^}}  if (PQresultStatus(res) != PGRES_TUPLES_OK) { PQclear(res); return -1; }{{$}}
int lone_return_same_line(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: PGresult 'res' acquired by 'PQexec' is not released on every path; release it with 'PQclear' [dbleak-leak]
  if (PQresultStatus(res) != PGRES_TUPLES_OK) return -1;
  PQclear(res);
  return 0;
}

// CHECK-FIXES:      {{^}}  if (PQresultStatus(res) != PGRES_TUPLES_OK) {{[{]$}}
// CHECK-FIXES-NEXT: {{^}}    PQclear(res);{{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}
// CHECK-FIXES-NEXT: {{^}}  else if (PQntuples(res) == 0) {{[{]$}}
// CHECK-FIXES-NEXT: {{^}}    PQclear(res);{{$}}
// CHECK-FIXES-NEXT: {{^}}    return 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}
int lone_return_next_line(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: PGresult 'res' acquired by 'PQexec' is not released on every path; release it with 'PQclear' [dbleak-leak]
  if (PQresultStatus(res) != PGRES_TUPLES_OK)
    return -1;
  else if (PQntuples(res) == 0)
    return 0;
  PQclear(res);
  return 1;
}

/* The message still reads the result: the release goes after it, right
 * before the return. */
// CHECK-FIXES:      {{^}}    fprintf(stderr, "query failed: %s", PQresultErrorMessage(res));{{$}}
// CHECK-FIXES-NEXT: {{^}}    PQclear(res);{{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
int logged_then_returned(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: PGresult 'res' acquired by 'PQexec' is not released on every path; release it with 'PQclear' [dbleak-leak]
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    fprintf(stderr, "query failed: %s", PQresultErrorMessage(res));
    return -1;
  }
  PQclear(res);
  return 0;
}

/* Lost to the next iteration through `continue`: released before it, where
 * `res` is in scope, not after the loop. */
// CHECK-FIXES:      {{^}}    if (PQresultStatus(res) != PGRES_COMMAND_OK) {{[{]$}}
// CHECK-FIXES-NEXT: {{^}}      PQclear(res);{{$}}
// CHECK-FIXES-NEXT: {{^}}      continue;{{$}}
// CHECK-FIXES-NEXT: {{^}}    }{{$}}
int continue_in_loop(PGconn *conn, int n) {
  int done = 0;
  for (int i = 0; i < n; i++) {
    PGresult *res = PQexec(conn, "UPDATE jobs SET state = 1");
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: PGresult 'res' acquired by 'PQexec' is not released before the next loop iteration acquires it again; release it with 'PQclear' [dbleak-leak]
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
      continue;
    done++;
    PQclear(res);
  }
  return done;
}

/* Never released in the loop body: at its end, before the next iteration. */
// CHECK-FIXES:      {{^}}      fprintf(stderr, "notify failed\n");{{$}}
// CHECK-FIXES-NEXT: {{^}}    PQclear(res);{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}
void end_of_body(PGconn *conn, int n) {
  while (n-- > 0) {
    PGresult *res = PQexec(conn, "NOTIFY jobs");
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: PGresult 'res' acquired by 'PQexec' is not released on every path; release it with 'PQclear' [dbleak-leak]
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
      fprintf(stderr, "notify failed\n");
  }
}

/* Two handles lost at one exit: one insertion, the last acquired first. */
// CHECK-FIXES:      {{^}}  if (PQntuples(a) != PQntuples(b)) {{[{]$}}
// CHECK-FIXES-NEXT: {{^}}    PQclear(b);{{$}}
// CHECK-FIXES-NEXT: {{^}}    PQclear(a);{{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
int two_at_one_exit(PGconn *conn) {
  PGresult *a = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: PGresult 'a' acquired by 'PQexec' is not released on every path; release it with 'PQclear' [dbleak-leak]
  PGresult *b = PQexec(conn, "SELECT 2");
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: PGresult 'b' acquired by 'PQexec' is not released on every path; release it with 'PQclear' [dbleak-leak]
  if (PQntuples(a) != PQntuples(b)) {
    return -1;
  }
  PQclear(b);
  PQclear(a);
  return 0;
}

/* Every path reaches the label holding the result: released there, in the
 * function's own cleanup block. */
// CHECK-FIXES:      {{^}}out:{{$}}
// CHECK-FIXES-NEXT: {{^}}  PQclear(res);{{$}}
// CHECK-FIXES-NEXT: {{^}}  return rc;{{$}}
int cleanup_label(PGconn *conn) {
  int rc = -1;
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: PGresult 'res' acquired by 'PQexec' is not released on every path; release it with 'PQclear' [dbleak-leak]
  if (PQresultStatus(res) != PGRES_TUPLES_OK)
    goto out;
  rc = atoi(PQgetvalue(res, 0, 0));
out:
  return rc;
}

/* Lost by `break`: released before it. */
// CHECK-FIXES:      {{^}}    if (PQntuples(res) == 0) {{[{]$}}
// CHECK-FIXES-NEXT: {{^}}      PQclear(res);{{$}}
// CHECK-FIXES-NEXT: {{^}}      break;{{$}}
// CHECK-FIXES-NEXT: {{^}}    }{{$}}
int break_loop(PGconn *conn) {
  int n = 0;
  for (;;) {
    PGresult *res = PQexec(conn, "FETCH 1 FROM c");
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: PGresult 'res' acquired by 'PQexec' is not released on every path; release it with 'PQclear' [dbleak-leak]
    if (PQntuples(res) == 0)
      break;
    n++;
    PQclear(res);
  }
  return n;
}
