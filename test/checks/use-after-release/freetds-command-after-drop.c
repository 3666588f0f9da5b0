// RUN: %check_dbleak %s dbleak-use-after-release %t -- -- %libflags
#include <ctpublic.h>
#include <sybfront.h>
#include <sybdb.h>

/* Positive: results are read from a dropped command. */
CS_RETCODE finish(CS_COMMAND *cmd) {
  CS_INT type;
  ct_cmd_drop(cmd);
  return ct_results(cmd, &type);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: CS_COMMAND 'cmd' is used by 'ct_results' after it was released [dbleak-use-after-release]
  // CHECK-MESSAGES: :[[@LINE-5]]:31: note: 'cmd' was acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'cmd' was released here
}

/* Positive: a DBPROCESS is closed twice. */
void hang_up(LOGINREC *login, const char *server) {
  DBPROCESS *dbproc = dbopen(login, server);
  if (!dbproc)
    return;
  if (dbdead(dbproc))
    dbclose(dbproc);
  dbclose(dbproc);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: DBPROCESS 'dbproc' is released twice [dbleak-use-after-release]
  // CHECK-MESSAGES: :[[@LINE-7]]:23: note: 'dbproc' was acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'dbproc' was released here
  // CHECK-MESSAGES: :[[@LINE-8]]:7: note: taking the false branch
  // CHECK-MESSAGES: :[[@LINE-7]]:7: note: taking the true branch
}

/* Negative: the command is used, then dropped. */
CS_RETCODE finish_ok(CS_COMMAND *cmd) {
  CS_INT type;
  CS_RETCODE rc = ct_results(cmd, &type);
  ct_cmd_drop(cmd);
  return rc;
}
