// RUN: %check_dbleak %s dbleak-overwrite %t -- -- %libflags
#include <ctpublic.h>
#include <sybfront.h>
#include <sybdb.h>

/* Positive: a second ct_cmd_alloc replaces a live command. */
int two_commands(CS_CONNECTION *con) {
  CS_COMMAND *cmd;
  if (ct_cmd_alloc(con, &cmd) != CS_SUCCEED)
    return -1;
  if (ct_cmd_alloc(con, &cmd) != CS_SUCCEED)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: CS_COMMAND 'cmd' acquired by 'ct_cmd_alloc' is overwritten before it is released; release it with 'ct_cmd_drop' [dbleak-overwrite]
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: 'cmd' was acquired here
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: taking the false branch
    return -1;
  ct_cmd_drop(cmd);
  return 0;
}

/* Positive: a reconnect drops the old DBPROCESS on the floor. */
DBPROCESS *reconnect(LOGINREC *login, const char *server) {
  DBPROCESS *dbproc = dbopen(login, server);
  if (dbproc && dbdead(dbproc))
    dbproc = dbopen(login, server);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: DBPROCESS 'dbproc' acquired by 'tdsdbopen' is overwritten before it is released; release it with 'dbclose' [dbleak-overwrite]
    // CHECK-MESSAGES: :[[@LINE-4]]:23: note: 'dbproc' was acquired here
    // CHECK-MESSAGES: :[[@LINE-4]]:7: note: assuming this operand is true
    // CHECK-MESSAGES: :[[@LINE-5]]:7: note: taking the true branch
  return dbproc;
}

/* Negative: the first command is dropped before the second allocation. */
int two_commands_ok(CS_CONNECTION *con) {
  CS_COMMAND *cmd;
  if (ct_cmd_alloc(con, &cmd) != CS_SUCCEED)
    return -1;
  ct_cmd_drop(cmd);
  if (ct_cmd_alloc(con, &cmd) != CS_SUCCEED)
    return -1;
  ct_cmd_drop(cmd);
  return 0;
}
