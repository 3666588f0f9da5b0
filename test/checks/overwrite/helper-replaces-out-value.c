// RUN: %check_dbleak %s dbleak-overwrite %t -- -- %libflags
// Helpers that free the old *out value (also through a local copy) or
// replace a caller's document in place do not overwrite it (reduced from
// libmongoc mongoc-uri.c); one that stores over it does.
#include <bson.h>
#include <string.h>

char *unescape(const char *s);

/* Frees the old string after storing the new one (mongoc_uri_do_unescape). */
static void do_unescape(char **str) {
  char *tmp;
  if ((tmp = *str)) {
    *str = unescape(tmp);
    bson_free(tmp);
  }
}

/* Stores a new string without freeing the old one. */
static void do_unescape_leaky(char **str) {
  if (*str)
    *str = bson_strdup("x");
}

/* Destroys the document and copies a new one into it, in place. */
static void replace_key(bson_t *options, const char *key, const char *value) {
  bson_t tmp = BSON_INITIALIZER;
  bson_append_utf8(&tmp, key, -1, value, -1);
  bson_destroy(options);
  bson_copy_to(&tmp, options);
  bson_destroy(&tmp);
}

/* Negative. */
bool valid_service(const char *str) {
  char *service = bson_strdup(str);
  do_unescape(&service);
  bool ok = service && strchr(service, '.');
  bson_free(service);
  return ok;
}

/* Negative: one document, replaced in place, destroyed once. */
void parse_options(const char *k1, const char *k2) {
  bson_t options;
  bson_init(&options);
  replace_key(&options, k1, "1");
  replace_key(&options, k2, "2");
  bson_destroy(&options);
}

/* Positive: the old string is lost. */
void unescape_twice(const char *str) {
  char *service = bson_strdup(str);
  do_unescape_leaky(&service);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: char 'service' acquired by 'bson_strdup' is overwritten before it is released; release it with 'bson_free' [dbleak-overwrite]
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: 'service' was acquired here
  bson_free(service);
}
