// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// `*out = f(); ... return *out != NULL;`: what was stored through an
// out-parameter is tested through it (reduced from libmongoc
// test-libmongoc.c, test_framework_get_user_password).
#include <bson.h>
#include <stdio.h>
#include <stdlib.h>

static char *get_admin_user(void) {
  const char *u = getenv("TEST_USER");
  return u ? bson_strdup(u) : NULL;
}
static char *get_admin_password(void) {
  const char *p = getenv("TEST_PASSWORD");
  return p ? bson_strdup(p) : NULL;
}

/* Hands out both strings exactly when it returns true. */
static bool get_user_password(char **user, char **password) {
  *user = get_admin_user();
  *password = get_admin_password();
  if ((*user && !*password) || (!*user && *password)) {
    fprintf(stderr, "Specify both or neither\n");
    abort();
  }
  return *user != NULL;
}

/* Negative. */
char *uri_with_auth(const char *uri) {
  char *user, *password, *out;
  if (get_user_password(&user, &password)) {
    out = bson_strdup_printf("%s?u=%s&p=%s", uri, user, password);
    bson_free(user);
    bson_free(password);
  } else {
    out = bson_strdup(uri);
  }
  return out;
}

/* Positive: the password is never freed. */
char *uri_with_user(const char *uri) {
  char *user, *password, *out;
  if (get_user_password(&user, &password)) {
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: char 'password' acquired by 'get_user_password' is not released on every path; release it with 'bson_free' [dbleak-leak]
  // CHECK-MESSAGES: :[[@LINE-2]]:7: note: taking the true branch
    out = bson_strdup_printf("%s?u=%s", uri, user);
    bson_free(user);
  } else {
    out = bson_strdup(uri);
  }
  return out;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'password' leaks when the function returns here
}
