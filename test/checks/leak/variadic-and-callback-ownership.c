// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Ownership through '...' follows what the variadic helper does with its
// va_arg pointers; a handle given to unknown code together with a callback
// (a thread start routine) goes with it.
#include <bson.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>

/* Reads its documents and leaves them to the caller. */
static void print_all(const char *title, ...) {
  va_list ap;
  bson_t *b;
  va_start(ap, title);
  while ((b = va_arg(ap, bson_t *))) {
    char *s = bson_as_json(b, NULL);
    puts(s);
    bson_free(s);
  }
  va_end(ap);
}

/* Destroys every document it is given. */
static void print_and_destroy(const char *title, ...) {
  va_list ap;
  bson_t *b;
  va_start(ap, title);
  while ((b = va_arg(ap, bson_t *)))
    bson_destroy(b);
  va_end(ap);
}

/* Destroys them too; a flag it tests gives calls with a constant their own
   summary, which must still know that (libbson test-json.c). */
static void check_and_destroy(const char *json, int has_err, ...) {
  va_list ap;
  bson_t *b;
  va_start(ap, has_err);
  if (has_err)
    fprintf(stderr, "%s: expecting an error\n", json);
  while ((b = va_arg(ap, bson_t *)))
    bson_destroy(b);
  va_end(ap);
}

/* Negative. */
void check_docs(void) {
  check_and_destroy("{}", 0, bson_new(), bson_new(), NULL);
  check_and_destroy("{", 1, bson_new(), NULL);
}

/* Positive: print_all only reads; the document is never destroyed. */
void show(void) {
  bson_t *doc = bson_new();
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: bson_t 'doc' acquired by 'bson_new' is not released on every path; release it with 'bson_destroy' [dbleak-leak]
  print_all("doc", doc, NULL);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: 'doc' leaks at the end of the function

/* Negative: print_and_destroy takes it. */
void show_and_drop(void) {
  bson_t *doc = bson_new();
  print_and_destroy("doc", doc, NULL);
}

static void *worker(void *arg) {
  bson_destroy((bson_t *)arg);
  return NULL;
}

/* Negative: handed to a thread together with its start routine. */
int start(pthread_t *t) {
  bson_t *doc = bson_new();
  return pthread_create(t, NULL, worker, doc);
}
