// RUN: %check_dbleak %s dbleak-use-after-release %t -- -- %libflags
// Reduced from postfix 3.7 src/global/dict_mysql.c (a false positive found
// on the corpus): the first result set is kept in another variable and each
// later one is freed; the two are different handles from the same call.
#include <mysql.h>
#include <stddef.h>

/* Expected: nothing; first_result is freed once. */
MYSQL_RES *first_result_set(MYSQL *db) {
  MYSQL_RES *first_result = NULL;
  int status;
  do {
    MYSQL_RES *temp_result;
    if ((temp_result = mysql_store_result(db)) != NULL) {
      if (first_result == NULL)
        first_result = temp_result;
      else
        mysql_free_result(temp_result);
    }
    status = mysql_next_result(db);
  } while (status == 0);
  if (status > 0 && first_result) {
    mysql_free_result(first_result);
    first_result = NULL;
  }
  return first_result;
}
