// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// sqlite3_exec sets *errmsg only when it fails (catalog: only_on_failure).
#include <sqlite3.h>
#include <stdio.h>

/* Positive: the message is freed for one failure code only. */
int dump_schema(sqlite3 *db, const char *q) {
  char *err = 0;
  int rc = sqlite3_exec(db, q, 0, 0, &err);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: char 'err' acquired by 'sqlite3_exec' is not released on every path; release it with 'sqlite3_free' [dbleak-leak]
  if (rc == SQLITE_CORRUPT) {
  // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the false branch
    fprintf(stderr, "corrupt: %s\n", err);
    sqlite3_free(err);
  }
  return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'err' leaks when the function returns here
}

/* Negative: freed on every failure. */
int run(sqlite3 *db, const char *q) {
  char *err = 0;
  if (sqlite3_exec(db, q, 0, 0, &err) != SQLITE_OK) {
    fprintf(stderr, "%s\n", err);
    sqlite3_free(err);
    return 1;
  }
  return 0;
}

/* Negative: a switch whose success case returns. */
int run_switch(sqlite3 *db, const char *q) {
  char *err = 0;
  int rc = sqlite3_exec(db, q, 0, 0, &err);
  switch (rc) {
  case SQLITE_OK:
    return 0;
  default:
    sqlite3_free(err);
    return 1;
  }
}

/* Negative: the transaction and the message share one status. */
int begin(sqlite3 *db) {
  char *err = 0;
  int rc = sqlite3_exec(db, "BEGIN", 0, 0, &err);
  if (rc != SQLITE_OK) {
    sqlite3_free(err);
    return rc;
  }
  rc = sqlite3_exec(db, "COMMIT", 0, 0, 0);
  return rc;
}
