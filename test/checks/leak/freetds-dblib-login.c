// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <sybfront.h>
#include <sybdb.h>
#include <stdio.h>

/* db-lib: dblogin() and dbopen() return NULL when they fail; dbopen is a
 * macro for tdsdbopen. */

/* Positive: the LOGINREC leaks when dbopen fails, and on success too (the
 * DBPROCESS does not own it). */
DBPROCESS *connect_server(const char *server, const char *user) {
  LOGINREC *login = dblogin();
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: LOGINREC 'login' acquired by 'dblogin' is not released on every path; release it with 'dbloginfree' [dbleak-leak]
  // CHECK-MESSAGES: :[[@LINE+3]]:7: note: taking the false branch
  // CHECK-MESSAGES: :[[@LINE+6]]:7: note: taking the true branch
  // CHECK-MESSAGES: :[[@LINE+7]]:5: note: 'login' leaks when the function returns here
  if (!login)
    return NULL;
  DBSETLUSER(login, user);
  DBPROCESS *dbproc = dbopen(login, server);
  if (!dbproc) {
    fprintf(stderr, "cannot open %s\n", server);
    return NULL;
  }
  return dbproc;
}

/* Positive: the DBPROCESS leaks when the command fails. */
int run(LOGINREC *login, const char *server, const char *sql) {
  DBPROCESS *dbproc = dbopen(login, server);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: DBPROCESS 'dbproc' acquired by 'tdsdbopen' is not released on every path; release it with 'dbclose' [dbleak-leak]
  // CHECK-MESSAGES: :[[@LINE+3]]:7: note: taking the false branch
  // CHECK-MESSAGES: :[[@LINE+4]]:7: note: assuming this operand is true
  // CHECK-MESSAGES: :[[@LINE+4]]:5: note: 'dbproc' leaks when the function returns here
  if (!dbproc)
    return -1;
  if (dbcmd(dbproc, sql) == FAIL || dbsqlexec(dbproc) == FAIL)
    return -1;
  while (dbresults(dbproc) != NO_MORE_RESULTS)
    while (dbnextrow(dbproc) != NO_MORE_ROWS)
      ;
  dbclose(dbproc);
  return 0;
}

/* Negative: the login is freed after the open whatever it returned. */
DBPROCESS *connect_server_ok(const char *server, const char *user) {
  LOGINREC *login = dblogin();
  if (!login)
    return NULL;
  DBSETLUSER(login, user);
  DBPROCESS *dbproc = dbopen(login, server);
  dbloginfree(login);
  return dbproc;
}
