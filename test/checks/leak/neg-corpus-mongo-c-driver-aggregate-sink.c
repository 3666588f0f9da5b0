// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// A same-TU helper that touches no database API but stores what it is
// given in an aggregate (`handle_t h = {data, destructor}; list[n++] = h;`)
// keeps it.
// Reduced from mongo-c-driver 1.23.1 src/libmongoc/tests/mock_server/
// mock-server.c (mock_server_auto_hello_callback -> mock_server_autoresponds).
#include <bson.h>

typedef void (*destructor_t)(void *);
typedef struct {
  void *data;
  destructor_t destructor;
  int id;
} handle_t;
typedef struct {
  handle_t items[8];
  int n;
} server_t;

static int autoresponds(server_t *server, void *data, destructor_t destructor) {
  handle_t handle = {data, destructor, server->n};
  server->items[server->n++] = handle;
  return handle.id;
}

typedef struct {
  int x;
} callback_t;

static void callback_free(void *p) { bson_free(p); }

/* Negative: the server keeps the callback and frees it with its destructor. */
int install(server_t *server) {
  callback_t *callback = bson_malloc0(sizeof(callback_t));
  return autoresponds(server, (void *)callback, callback_free);
}

/* Positive: nothing keeps it. */
int install_nothing(server_t *server) {
  callback_t *callback = bson_malloc0(sizeof(callback_t));
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: char 'callback' acquired by 'bson_malloc0' is not released on every path; release it with 'bson_free' [dbleak-leak]
  callback->x = server->n;
  return callback->x;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'callback' leaks when the function returns here
}
