// RUN: %check_dbleak %s dbleak-mismatched-release %t -- -- %libflags
#include <ctpublic.h>
#include <stdlib.h>
#include <sybfront.h>
#include <sybdb.h>

/* Positive: a LOGINREC handed to free() instead of dbloginfree(). */
DBPROCESS *open_as(const char *server, const char *user) {
  LOGINREC *login = dblogin();
  if (!login)
    return NULL;
  DBSETLUSER(login, user);
  DBPROCESS *dbproc = dbopen(login, server);
  free(login);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: LOGINREC 'login' is released with 'free'; use 'dbloginfree' [dbleak-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-7]]:21: note: 'login' was acquired here
  // CHECK-MESSAGES: :[[@LINE-7]]:7: note: taking the false branch
  return dbproc;
}

/* Positive: a command dropped as if it were a connection. */
void drop_all(CS_CONNECTION *con) {
  CS_COMMAND *cmd;
  if (ct_cmd_alloc(con, &cmd) != CS_SUCCEED)
    return;
  ct_con_drop((CS_CONNECTION *)cmd);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: CS_COMMAND 'cmd' is released with 'ct_con_drop'; use 'ct_cmd_drop' [dbleak-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: 'cmd' was acquired here
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: taking the false branch
}

/* Negative: each handle with its own release. */
void drop_all_ok(CS_CONNECTION *con) {
  CS_COMMAND *cmd;
  if (ct_cmd_alloc(con, &cmd) != CS_SUCCEED)
    return;
  ct_cmd_drop(cmd);
  ct_con_drop(con);
}
