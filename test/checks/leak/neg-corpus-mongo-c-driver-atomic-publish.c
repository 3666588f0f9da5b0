// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// A pointer published with an atomic compare-and-swap or exchange is kept
// by the slot it went into (when the swap fails the code frees it itself).
// Reduced from mongo-c-driver 1.23.1 src/libmongoc/src/mongoc/
// mongoc-topology-scanner.c (_mongoc_topology_scanner_set_appname), through
// libbson's header-inline bson_atomic_ptr_compare_exchange_strong.
#include <bson.h>

typedef struct {
  const char *appname;
} scanner_t;

/* Negative: through libbson's inline helper. */
bool set_appname(scanner_t *ts, const char *appname) {
  char *s = bson_strdup(appname);
  const char *prev = bson_atomic_ptr_compare_exchange_strong(
      (void *)&ts->appname, NULL, s, bson_memory_order_relaxed);
  if (prev == NULL)
    return true;
  bson_free(s);
  return false;
}

static char *volatile slot;

/* Negative: the builtin itself. */
bool publish(const char *v) {
  char *s = bson_strdup(v);
  char *expected = NULL;
  if (__atomic_compare_exchange_n(&slot, &expected, s, false, __ATOMIC_SEQ_CST,
                                  __ATOMIC_SEQ_CST))
    return true;
  bson_free(s);
  return false;
}

/* Positive: only the slot's address is used; the copy is lost. */
bool publish_nothing(const char *v) {
  char *s = bson_strdup(v);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: char 's' acquired by 'bson_strdup' is not released on every path; release it with 'bson_free' [dbleak-leak]
  char *expected = NULL;
  if (__atomic_compare_exchange_n(&slot, &expected, NULL, false,
                                  __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
    return true;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 's' leaks when the function returns here
  bson_free(s);
  return false;
}
