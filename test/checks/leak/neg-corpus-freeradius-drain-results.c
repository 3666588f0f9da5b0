// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Reduced from freeradius 3.2.1+dfsg-4+deb12u1
// src/modules/rlm_sql/drivers/rlm_sql_mysql/rlm_sql_mysql.c
// (sql_free_result): the loop condition assigns the result in the second
// operand of &&, so the loop is left only when no result was stored (the
// first operand failed) or the stored result is NULL.
#include <mysql.h>

/* Expected: nothing. */
int drain_results(MYSQL *sock) {
  MYSQL_RES *result;
  int ret;
  while (((ret = mysql_next_result(sock)) == 0) &&
         (result = mysql_store_result(sock))) {
    mysql_free_result(result);
  }
  if (ret > 0)
    return -1;
  return 0;
}
