// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Reduced from mongo-c-driver 1.23.1-1+deb12u3
// src/libmongoc/tests/test-mongoc-stream-tls-error.c (TLS_LOAD_ERR) and
// ssl-test.c: mongoc_stream_tls_new_with_hostname owns the base stream when
// it succeeds (destroying the TLS stream destroys the base); when it fails
// the caller still owns the base. docs/catalog.md lists this as not modelled.
#include <mongoc/mongoc.h>

/* Expected: nothing. */
mongoc_stream_t *open_tls(mongoc_socket_t *sock, mongoc_ssl_opt_t *opt) {
  mongoc_stream_t *base = mongoc_stream_socket_new(sock);
  mongoc_stream_t *tls = mongoc_stream_tls_new_with_hostname(base, NULL, opt, 0);
  if (!tls) {
    mongoc_stream_destroy(base);
    return NULL;
  }
  return tls;
}
