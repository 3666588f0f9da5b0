// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <stdlib.h>

/* Annotated handles follow the same rules as catalogued ones: loops,
 * ownership transfer, same-file releasers. */

typedef struct blob_reader blob_reader;

__attribute__((acquire_handle("blob"))) blob_reader *
blob_open(const char *bucket, const char *key);
void blob_dispose(blob_reader *r __attribute__((release_handle("blob"))));
long blob_size(blob_reader *r __attribute__((use_handle("blob"))));

struct manifest {
  const char *bucket;
  const char **keys;
  int n;
  blob_reader *largest;
};

static void blob_done(blob_reader *r) { blob_dispose(r); }

/* Expected: an empty blob is skipped without being closed, and the next
 * iteration opens another over it. */
long total_size(const struct manifest *m) {
  long total = 0;
  for (int i = 0; i < m->n; i++) {
    blob_reader *r = blob_open(m->bucket, m->keys[i]);
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: blob 'r' acquired by 'blob_open' is not released before the next loop iteration acquires it again [dbleak-leak]
    if (r == NULL)
      continue;
      // CHECK-MESSAGES: :[[@LINE-2]]:9: note: taking the false branch
    long sz = blob_size(r);
    if (sz == 0)
      continue;
      // CHECK-MESSAGES: :[[@LINE-2]]:9: note: taking the true branch
      // CHECK-MESSAGES: :[[@LINE-2]]:7: note: continuing with the next iteration
      // CHECK-MESSAGES: :[[@LINE-11]]:19: note: entering the loop body
    total += sz;
    blob_done(r);
  }
  return total;
}

/* Expected: nothing; the largest reader is kept in the manifest, the
 * others are closed by the same-file helper. */
void find_largest(struct manifest *m) {
  long best = -1;
  for (int i = 0; i < m->n; i++) {
    blob_reader *r = blob_open(m->bucket, m->keys[i]);
    if (r == NULL)
      continue;
    long sz = blob_size(r);
    if (sz > best) {
      if (m->largest)
        blob_done(m->largest);
      m->largest = r;
      best = sz;
    } else {
      blob_done(r);
    }
  }
}
