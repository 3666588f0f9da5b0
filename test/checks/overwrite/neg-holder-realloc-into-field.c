// RUN: %check_dbleak %s dbleak-overwrite,dbleak-leak %t -- -- %libflags
#include <sqlite3.h>
#include <string.h>

/* sqldiff's string buffer: a buffer kept in a field grows with
 * sqlite3_realloc in a loop, which takes the old block along.
 * Expected: nothing. */
struct buf {
  char *z;
  sqlite3_int64 n, cap;
};

int buf_append(struct buf *p, const char *s, int n) {
  while (p->n + n >= p->cap) {
    p->cap = p->cap * 2 + n + 1;
    p->z = sqlite3_realloc64(p->z, p->cap);
    if (p->z == 0)
      return SQLITE_NOMEM;
  }
  memcpy(p->z + p->n, s, n);
  p->n += n;
  return SQLITE_OK;
}
