// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <ctpublic.h>
#include <stdio.h>

/* ct-lib and cs-lib return a CS_RETCODE and store the handle through their
 * last argument: on CS_SUCCEED (1) there is a handle to drop, on CS_FAIL
 * none, as with ODBC's SQLAllocHandle. */

/* Positive: the context leaks when ct_init fails. */
CS_CONTEXT *make_context(void) {
  CS_CONTEXT *ctx;
  if (cs_ctx_alloc(CS_VERSION_100, &ctx) != CS_SUCCEED)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: CS_CONTEXT 'ctx' acquired by 'cs_ctx_alloc' is not released on every path; release it with 'cs_ctx_drop' [dbleak-leak]
  // CHECK-MESSAGES: :[[@LINE-2]]:7: note: taking the false branch
  // CHECK-MESSAGES: :[[@LINE+3]]:7: note: taking the true branch
  // CHECK-MESSAGES: :[[@LINE+3]]:5: note: 'ctx' leaks when the function returns here
    return NULL;
  if (ct_init(ctx, CS_VERSION_100) != CS_SUCCEED)
    return NULL;
  return ctx;
}

/* Positive: the command leaks when sending fails; the connection is
 * dropped. */
int send_sql(CS_CONTEXT *ctx, char *server, char *sql) {
  CS_CONNECTION *con;
  CS_COMMAND *cmd;
  if (ct_con_alloc(ctx, &con) != CS_SUCCEED)
    return -1;
  if (ct_connect(con, server, CS_NULLTERM) != CS_SUCCEED ||
      ct_cmd_alloc(con, &cmd) != CS_SUCCEED) {
        // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: CS_COMMAND 'cmd' acquired by 'ct_cmd_alloc' is not released on every path; release it with 'ct_cmd_drop' [dbleak-leak]
        // CHECK-MESSAGES: :[[@LINE-3]]:7: note: taking the false branch
        // CHECK-MESSAGES: :[[@LINE+5]]:7: note: assuming this operand is true
        // CHECK-MESSAGES: :[[@LINE+8]]:5: note: 'cmd' leaks when the function returns here
    ct_con_drop(con);
    return -1;
  }
  if (ct_command(cmd, CS_LANG_CMD, sql, CS_NULLTERM, CS_UNUSED) != CS_SUCCEED ||
      ct_send(cmd) != CS_SUCCEED) {
    ct_close(con, CS_UNUSED);
    ct_con_drop(con);
    return -1;
  }
  ct_cmd_drop(cmd);
  ct_close(con, CS_UNUSED);
  ct_con_drop(con);
  return 0;
}

/* Negative: a failed allocation leaves nothing to drop; everything else is
 * dropped on every path. */
int send_sql_ok(CS_CONTEXT *ctx, char *server, char *sql) {
  CS_CONNECTION *con;
  CS_COMMAND *cmd;
  int rc = -1;
  if (ct_con_alloc(ctx, &con) != CS_SUCCEED)
    return -1;
  if (ct_connect(con, server, CS_NULLTERM) == CS_SUCCEED) {
    if (ct_cmd_alloc(con, &cmd) == CS_SUCCEED) {
      if (ct_command(cmd, CS_LANG_CMD, sql, CS_NULLTERM, CS_UNUSED) == CS_SUCCEED &&
          ct_send(cmd) == CS_SUCCEED)
        rc = 0;
      ct_cmd_drop(cmd);
    }
    ct_close(con, CS_UNUSED);
  }
  ct_con_drop(con);
  return rc;
}

/* Negative: the context is dropped when ct_init fails. */
CS_CONTEXT *make_context_ok(void) {
  CS_CONTEXT *ctx;
  if (cs_ctx_alloc(CS_VERSION_100, &ctx) != CS_SUCCEED)
    return NULL;
  if (ct_init(ctx, CS_VERSION_100) != CS_SUCCEED) {
    cs_ctx_drop(ctx);
    return NULL;
  }
  return ctx;
}
