// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <mongoc/mongoc.h>
#include <stdio.h>

/* Building a client from a parsed URI: the URI stays the caller's to
 * destroy whether or not the client could be created. */

struct db_settings {
  const char *uri;
  const char *appname;
};

/* Expected: the URI leaks when mongoc_client_new_from_uri fails. */
mongoc_client_t *db_connect(const struct db_settings *cfg) {
  bson_error_t error;
  mongoc_uri_t *uri = mongoc_uri_new_with_error(cfg->uri, &error);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: mongoc_uri_t 'uri' acquired by 'mongoc_uri_new_with_error' is not released on every path; release it with 'mongoc_uri_destroy' [dbleak-leak]
  if (uri == NULL) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the false branch
    fprintf(stderr, "bad MongoDB URI '%s': %s\n", cfg->uri, error.message);
    return NULL;
  }
  mongoc_client_t *client = mongoc_client_new_from_uri(uri);
  if (client == NULL) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the true branch
    fprintf(stderr, "cannot create a client for '%s'\n", cfg->uri);
    return NULL;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'uri' leaks when the function returns here
  }
  mongoc_uri_destroy(uri);
  return client;
}

/* Expected: nothing; the URI is destroyed on both paths. */
mongoc_client_t *db_connect_fixed(const struct db_settings *cfg) {
  bson_error_t error;
  mongoc_uri_t *uri = mongoc_uri_new_with_error(cfg->uri, &error);
  if (uri == NULL) {
    fprintf(stderr, "bad MongoDB URI '%s': %s\n", cfg->uri, error.message);
    return NULL;
  }
  mongoc_client_t *client = mongoc_client_new_from_uri(uri);
  mongoc_uri_destroy(uri);
  if (client == NULL)
    fprintf(stderr, "cannot create a client for '%s'\n", cfg->uri);
  return client;
}
