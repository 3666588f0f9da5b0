// RUN: %check_dbleak %s dbleak-overwrite %t -- -- %libflags
// SQLite's %z frees its string argument (catalog: format_z); %s does not
// (negative side: leak/neg-corpus-sqlite3-mprintf-percent-z.c).
#include <sqlite3.h>

/* Negative: %z frees the previous string. */
char *join_ok(const char **parts, int n) {
  char *z = sqlite3_mprintf("");
  for (int i = 0; i < n && z; i++)
    z = sqlite3_mprintf("%z%s%s", z, i ? ", " : "", parts[i]);
  return z;
}

/* Positive: %s copies it, and the previous string is lost. */
char *join_leaky(const char **parts, int n) {
  char *z = sqlite3_mprintf("");
  for (int i = 0; i < n && z; i++)
    z = sqlite3_mprintf("%s%s%s", z, i ? ", " : "", parts[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: char 'z' acquired by 'sqlite3_mprintf' is overwritten before it is released; release it with 'sqlite3_free' [dbleak-overwrite]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'z' was acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:19: note: assuming this operand is true
  // CHECK-MESSAGES: :[[@LINE-5]]:19: note: entering the loop body
  // CHECK-MESSAGES: :[[@LINE-5]]:38: note: taking the false branch
  return z;
}
