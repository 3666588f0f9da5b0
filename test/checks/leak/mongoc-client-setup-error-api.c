// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <mongoc/mongoc.h>
#include <stdio.h>

/* Configuring a new client (error API version, app name) keeps it the
 * caller's: mongoc_client_set_* are setters on the client, not sinks that
 * take it over. */

struct db_settings {
  const char *uri;
  const char *appname;
};

/* Expected: the client leaks when the application name is rejected. */
mongoc_client_t *db_open(const struct db_settings *cfg) {
  mongoc_client_t *client = mongoc_client_new(cfg->uri);
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: mongoc_client_t 'client' acquired by 'mongoc_client_new' is not released on every path; release it with 'mongoc_client_destroy' [dbleak-leak]
  if (client == NULL)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the false branch
    return NULL;
  mongoc_client_set_error_api(client, MONGOC_ERROR_API_VERSION_2);
  if (!mongoc_client_set_appname(client, cfg->appname)) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the true branch
    fprintf(stderr, "db_open: invalid appname '%s'\n", cfg->appname);
    return NULL;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'client' leaks when the function returns here
  }
  return client;
}
