// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// The exec family returns only when it failed, with -1 (libc.yaml
// 'returns: -1'): after `if (execvp(...) < 0) _exit(...)` nothing runs.
// Reduced from mongo-c-driver 1.23.1 mongoc-client-side-encryption.c
// (_spawn_mongocryptd).
#include <bson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

/* Negative: the return after the exec is unreachable. */
bool spawn(const char *path, char *const argv[]) {
  char *to_exec = bson_strdup(path);
  pid_t pid = fork();
  if (pid < 0) {
    bson_free(to_exec);
    return false;
  } else if (pid > 0) {
    bson_free(to_exec);
    return true;
  }
  if (execvp(to_exec, argv) < 0) {
    /* Need to exit. */
    _exit(EXIT_FAILURE);
  }
  /* Will never execute. */
  return false;
}

/* Positive: when exec returns, it failed, and the string is lost. */
bool spawn_leaky(const char *path, char *const argv[]) {
  char *to_exec = bson_strdup(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: char 'to_exec' acquired by 'bson_strdup' is not released on every path; release it with 'bson_free' [dbleak-leak]
  if (execvp(to_exec, argv) == -1)
    return false;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'to_exec' leaks when the function returns here
  bson_free(to_exec);
  return true;
}
