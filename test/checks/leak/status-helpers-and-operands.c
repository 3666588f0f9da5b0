// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Status that says whether a handle exists: a same-file helper that hands
// out *out only with one return value, an error message that exists only
// when the call returned NULL, a status test inside '||'.
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>

/* Hands out *pz only when it returns SQLITE_OK. */
static int get_name(sqlite3 *db, const char *id, char **pz) {
  int rc = SQLITE_OK;
  char *z = sqlite3_mprintf("%s:%s", sqlite3_db_filename(db, "main"), id);
  *pz = 0;
  if (z == 0)
    rc = SQLITE_NOMEM;
  if (rc != SQLITE_OK) {
    sqlite3_free(z);
    return rc;
  }
  *pz = z;
  return rc;
}

/* Positive: the name leaks on the success path only. */
int print_name(sqlite3 *db, const char *id) {
  char *name;
  int rc = get_name(db, id, &name);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: char 'name' acquired by 'get_name' is not released on every path; release it with 'sqlite3_free' [dbleak-leak]
  if (rc != SQLITE_OK)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the false branch
    return rc;
  puts(name);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'name' leaks when the function returns here
}

/* Negative: freed on success; nothing exists on failure. */
int print_name_ok(sqlite3 *db, const char *id) {
  char *name;
  int rc = get_name(db, id, &name);
  if (rc != SQLITE_OK)
    return rc;
  puts(name);
  sqlite3_free(name);
  return 0;
}

/* Positive: the parse error message is not freed. */
int check_conninfo(const char *ci) {
  char *err = NULL;
  PQconninfoOption *opts = PQconninfoParse(ci, &err);
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: char 'err' acquired by 'PQconninfoParse' is not released on every path; release it with 'PQfreemem' [dbleak-leak]
  if (opts == NULL) {
  // CHECK-MESSAGES: :[[@LINE-1]]:7: note: taking the true branch
    fprintf(stderr, "invalid connection string\n");
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'err' leaks when the function returns here
  }
  PQconninfoFree(opts);
  return 0;
}

/* Negative: a status test and a null test in one condition. */
int count(sqlite3 *db) {
  sqlite3_stmt *st = 0;
  int rc = sqlite3_prepare_v2(db, "SELECT 1", -1, &st, 0);
  if (rc != SQLITE_OK || st == 0)
    return rc;
  rc = sqlite3_step(st);
  sqlite3_finalize(st);
  return rc;
}
