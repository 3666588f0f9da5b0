// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <mongoc/mongoc.h>
#include <stdio.h>

/* bson_as_*_extended_json returns a string allocated by libbson, to be
 * released with bson_free. */

struct logger {
  FILE *out;
  int verbose;
};

/* Expected: the JSON string leaks when verbose logging is off. */
void log_document(struct logger *lg, const char *what, const bson_t *doc) {
  char *json = bson_as_canonical_extended_json(doc, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: char 'json' acquired by 'bson_as_canonical_extended_json' is not released on every path; release it with 'bson_free' [dbleak-leak]
  if (!lg->verbose)
    return;
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: taking the true branch
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'json' leaks when the function returns here
  fprintf(lg->out, "%s: %s\n", what, json);
  bson_free(json);
}

/* Expected: nothing; the string is only built when it is printed. */
void log_document_fixed(struct logger *lg, const char *what,
                        const bson_t *doc) {
  if (!lg->verbose)
    return;
  char *json = bson_as_canonical_extended_json(doc, NULL);
  fprintf(lg->out, "%s: %s\n", what, json);
  bson_free(json);
}
