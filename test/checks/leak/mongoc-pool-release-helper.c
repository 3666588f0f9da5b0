// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <mongoc/mongoc.h>

/* Same-file helpers that check a client out and back in: the first is an
 * acquirer at its call sites, the second a releaser. */

struct service {
  mongoc_client_pool_t *pool;
  long checkouts;
};

static mongoc_client_t *service_checkout(struct service *s) {
  s->checkouts++;
  return mongoc_client_pool_pop(s->pool);
}

static void service_checkin(struct service *s, mongoc_client_t *client) {
  s->checkouts--;
  mongoc_client_pool_push(s->pool, client);
}

/* Expected: nothing; checked out and back in. */
int service_ping(struct service *s) {
  bson_t cmd = BSON_INITIALIZER;
  mongoc_client_t *client = service_checkout(s);
  BSON_APPEND_INT32(&cmd, "ping", 1);
  int ok = mongoc_client_command_simple(client, "admin", &cmd, NULL, NULL,
                                        NULL);
  bson_destroy(&cmd);
  service_checkin(s, client);
  return ok ? 0 : -1;
}

/* Expected: the client from service_checkout is not checked back in when
 * the database name is empty. */
int service_drop(struct service *s, const char *dbname) {
  mongoc_client_t *client = service_checkout(s);
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: mongoc_client_t 'client' acquired by 'service_checkout' is not released on every path; release it with 'mongoc_client_pool_push' [dbleak-leak]
  if (dbname == NULL || *dbname == '\0')
    return -1;
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: assuming this operand is false
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: taking the true branch
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'client' leaks when the function returns here
  mongoc_database_t *db = mongoc_client_get_database(client, dbname);
  int ok = mongoc_database_drop(db, NULL);
  mongoc_database_destroy(db);
  service_checkin(s, client);
  return ok ? 0 : -1;
}
