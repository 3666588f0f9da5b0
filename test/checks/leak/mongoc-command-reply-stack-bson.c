// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <mongoc/mongoc.h>
#include <stdio.h>

/* mongoc_client_command_simple always initializes `reply`, on failure too
 * ("reply is always initialized and must be destroyed with bson_destroy"),
 * so a stack bson_t reply must be destroyed on every path. */

/* Expected: `reply` leaks on the failure path. */
int server_version(mongoc_client_t *client, char *buf, size_t len) {
  bson_t cmd = BSON_INITIALIZER;
  bson_t reply;
  bson_error_t error;
  bson_iter_t it;

  BSON_APPEND_INT32(&cmd, "buildInfo", 1);
  if (!mongoc_client_command_simple(client, "admin", &cmd, NULL, &reply,
                                    &error)) {
    // CHECK-MESSAGES: :[[@LINE-2]]:8: warning: bson_t 'reply' acquired by 'mongoc_client_command_simple' is not released on every path; release it with 'bson_destroy' [dbleak-leak]
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: taking the true branch
    fprintf(stderr, "buildInfo: %s\n", error.message);
    bson_destroy(&cmd);
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'reply' leaks when the function returns here
  }
  if (bson_iter_init_find(&it, &reply, "version") && BSON_ITER_HOLDS_UTF8(&it))
    snprintf(buf, len, "%s", bson_iter_utf8(&it, NULL));
  bson_destroy(&reply);
  bson_destroy(&cmd);
  return 0;
}

/* Expected: nothing; `reply` is destroyed on both paths. */
int server_version_fixed(mongoc_client_t *client, char *buf, size_t len) {
  bson_t cmd = BSON_INITIALIZER;
  bson_t reply;
  bson_error_t error;
  bson_iter_t it;
  int rc = -1;

  BSON_APPEND_INT32(&cmd, "buildInfo", 1);
  if (!mongoc_client_command_simple(client, "admin", &cmd, NULL, &reply,
                                    &error)) {
    fprintf(stderr, "buildInfo: %s\n", error.message);
  } else {
    if (bson_iter_init_find(&it, &reply, "version") &&
        BSON_ITER_HOLDS_UTF8(&it))
      snprintf(buf, len, "%s", bson_iter_utf8(&it, NULL));
    rc = 0;
  }
  bson_destroy(&reply);
  bson_destroy(&cmd);
  return rc;
}
