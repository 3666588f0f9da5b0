// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <stdio.h>

/* acquire_handle written before the declaration (a declaration attribute)
 * on a function returning a handle. */

struct tx_log;

__attribute__((acquire_handle("txlog"))) struct tx_log *
txlog_open(const char *dir);
void txlog_close(struct tx_log *l __attribute__((release_handle("txlog"))));
int txlog_append_record(struct tx_log *l __attribute__((use_handle("txlog"))),
                        const void *rec, unsigned len);

struct replay_cfg {
  const char *dir;
  int dry_run;
};

/* Expected: the log leaks on the dry-run early return. */
int replay(const struct replay_cfg *cfg, const void *rec, unsigned len) {
  struct tx_log *log = txlog_open(cfg->dir);
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: txlog 'log' acquired by 'txlog_open' is not released on every path [dbleak-leak]
  if (log == NULL) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the false branch
    perror("txlog_open");
    return -1;
  }
  if (cfg->dry_run) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the true branch
    printf("would append %u bytes\n", len);
    return 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'log' leaks when the function returns here
  }
  int rc = txlog_append_record(log, rec, len);
  txlog_close(log);
  return rc;
}

/* Expected: nothing; an unannotated use of the handle that passes it
 * straight to the release function. */
void replay_close(struct tx_log *log) { txlog_close(log); }

/* Expected: nothing; the same-file releaser above closes it. */
int replay_fixed(const struct replay_cfg *cfg, const void *rec, unsigned len) {
  struct tx_log *log = txlog_open(cfg->dir);
  if (log == NULL)
    return -1;
  int rc = cfg->dry_run ? 0 : txlog_append_record(log, rec, len);
  replay_close(log);
  return rc;
}
