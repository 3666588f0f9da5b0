// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// A destructor callback takes the value (catalog: sink with when function);
// SQLITE_TRANSIENT does not.
#include <sqlite3.h>

/* Positive: SQLITE_TRANSIENT copies the text; the copy's source leaks. */
void upper_func(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  char *z = sqlite3_mprintf("%s", (const char *)sqlite3_value_text(argv[0]));
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: char 'z' acquired by 'sqlite3_mprintf' is not released on every path; release it with 'sqlite3_free' [dbleak-leak]
  if (!z)
    return;
  sqlite3_result_text(ctx, z, -1, SQLITE_TRANSIENT);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: 'z' leaks at the end of the function

/* Negative: sqlite3_free as the destructor hands z to SQLite. */
void upper_func_ok(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  char *z = sqlite3_mprintf("%s", (const char *)sqlite3_value_text(argv[0]));
  if (!z)
    return;
  sqlite3_result_text(ctx, z, -1, sqlite3_free);
}

/* Negative: so does a destructor held in a variable. */
int bind_owned(sqlite3_stmt *st, void (*del)(void *)) {
  char *z = sqlite3_mprintf("x");
  return sqlite3_bind_text(st, 1, z, -1, del);
}
