// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Helpers that initialize the caller's reply and destroy it again before
// they report failure hand out nothing on that path (reduced from libmongoc
// mongoc-cluster.c, _mongoc_cluster_run_scram_command).
#include <mongoc/mongoc.h>

/* Destroys its reply before it returns false. */
static bool run_cmd(mongoc_client_t *c, const bson_t *cmd, bson_t *reply,
                    bson_error_t *e) {
  if (!mongoc_client_command_simple(c, "admin", cmd, NULL, reply, e)) {
    bson_destroy(reply);
    return false;
  }
  return true;
}

static bool start(mongoc_client_t *c, const bson_t *cmd, bson_t *reply,
                  bson_error_t *e) {
  if (!run_cmd(c, cmd, reply, e))
    return false;
  return true;
}

/* Negative: nothing is owed when start() fails. */
bool auth(mongoc_client_t *c, const bson_t *cmd, bson_error_t *e) {
  bson_t reply;
  if (!start(c, cmd, &reply, e))
    return false;
  bson_destroy(&reply);
  return true;
}

/* Positive: the reply of a successful start() is never destroyed. */
bool auth_leak(mongoc_client_t *c, const bson_t *cmd, bson_error_t *e) {
  bson_t reply;
  if (!start(c, cmd, &reply, e))
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: bson_t 'reply' acquired by 'start' is not released on every path; release it with 'bson_destroy' [dbleak-leak]
  // CHECK-MESSAGES: :[[@LINE-2]]:7: note: taking the false branch
    return false;
  return bson_has_field(&reply, "ok");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'reply' leaks when the function returns here
}
