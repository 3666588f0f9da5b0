// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// A wrapper that owns its base stream only when it returns non-NULL (catalog:
// release with failure: status); negative side:
// neg-corpus-mongo-c-driver-tls-wraps-base.c.
#include <mongoc/mongoc.h>

/* Positive: when the TLS wrapper fails the base stream is still ours. */
mongoc_stream_t *wrap(const char *path, const char *host,
                      mongoc_ssl_opt_t *opt) {
  mongoc_stream_t *base = mongoc_stream_file_new_for_path(path, 0, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: mongoc_stream_t 'base' acquired by 'mongoc_stream_file_new_for_path' is not released on every path; release it with 'mongoc_stream_destroy' [dbleak-leak]
  if (!base)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the false branch
    return NULL;
  mongoc_stream_t *tls = mongoc_stream_tls_new_with_hostname(base, host, opt, 1);
  if (!tls)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the true branch
    return NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'base' leaks when the function returns here
  return tls;
}
