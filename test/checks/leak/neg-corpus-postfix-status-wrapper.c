// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Reduced from postfix 3.7 src/global/dict_mysql.c (a false positive found
// on the corpus): a same-file helper hands out a result through an
// out-parameter only when it returns true, so a false return means there is
// nothing to free.
#include <mysql.h>
#include <stddef.h>

static int run_query(MYSQL *db, const char *sql, MYSQL_RES **result) {
  MYSQL_RES *first = NULL;
  int error = 1;
  if (mysql_query(db, sql) == 0) {
    error = 0;
    first = mysql_store_result(db);
    if (first == NULL && mysql_field_count(db) != 0)
      error = 1;
  }
  if (error) {
    if (first) {
      mysql_free_result(first);
      first = NULL;
    }
  }
  *result = first;
  return error == 0;
}

/* Expected: nothing; on a false return no result was handed out. */
long count_rows(MYSQL *db, const char *sql) {
  MYSQL_RES *res;
  if (run_query(db, sql, &res) == 0)
    return -1;
  if (res == NULL)
    return 0;
  long n = (long)mysql_num_rows(res);
  mysql_free_result(res);
  return n;
}
