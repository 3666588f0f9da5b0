// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <stdio.h>

/* A home-grown connection library annotated with Clang's handle
 * attributes instead of a catalog entry. The message names the tag as the
 * handle's type and has no release function to suggest. */

struct kv_conn;

struct kv_conn *kv_open(const char *path, int flags)
    __attribute__((acquire_handle("kvstore")));
void kv_close(struct kv_conn *c __attribute__((release_handle("kvstore"))));
int kv_get(struct kv_conn *c __attribute__((use_handle("kvstore"))),
           const char *key, char *buf, unsigned len);

struct kv_cfg {
  const char *path;
  int readonly;
};

/* Expected: the connection leaks when the key is missing. */
int read_setting(const struct kv_cfg *cfg, const char *key, char *buf,
                 unsigned len) {
  struct kv_conn *c = kv_open(cfg->path, cfg->readonly);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: kvstore 'c' acquired by 'kv_open' is not released on every path [dbleak-leak]
  if (c == NULL)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the false branch
    return -1;
  if (kv_get(c, key, buf, len) != 0) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the true branch
    fprintf(stderr, "setting '%s' not found\n", key);
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'c' leaks when the function returns here
  }
  kv_close(c);
  return 0;
}

/* Expected: nothing; released on both paths. */
int read_setting_fixed(const struct kv_cfg *cfg, const char *key, char *buf,
                       unsigned len) {
  struct kv_conn *c = kv_open(cfg->path, cfg->readonly);
  if (c == NULL)
    return -1;
  int rc = kv_get(c, key, buf, len);
  kv_close(c);
  return rc;
}
