// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <mysql.h>
#include <stdio.h>

/* Expected: nothing. After an INSERT there is no result set to store:
 * mysql_store_result returns NULL (the MySQL C API's contract), so there is
 * nothing to free. */
long long insert_row(MYSQL *c) {
  if (mysql_query(c, "INSERT INTO t (a) VALUES (1)"))
    return -1;
  MYSQL_RES *res = mysql_store_result(c);
  if (mysql_field_count(c) == 0)
    return (long long)mysql_affected_rows(c);
  mysql_free_result(res);
  return 0;
}

/* Expected: nothing; a session command, its (absent) result drained. */
int set_names(MYSQL *c) {
  if (mysql_query(c, "SET NAMES utf8mb4"))
    return -1;
  mysql_store_result(c);
  return 0;
}

/* A SELECT does return a result set: the early return leaks it. */
long count_rows(MYSQL *c) {
  if (mysql_query(c, "SELECT id FROM t"))
    return -1;
  MYSQL_RES *res = mysql_store_result(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: MYSQL_RES 'res' acquired by 'mysql_store_result' is not released on every path; release it with 'mysql_free_result' [dbleak-leak]
  if (!res)
    return -1;
  long n = (long)mysql_num_rows(res);
  if (n == 0)
    return 0;
  mysql_free_result(res);
  return n;
}

/* INSERT ... RETURNING (MariaDB) returns rows: still tracked. */
long insert_returning(MYSQL *c) {
  if (mysql_query(c, "INSERT INTO t (a) VALUES (1) RETURNING id"))
    return -1;
  MYSQL_RES *res = mysql_store_result(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: MYSQL_RES 'res' acquired by 'mysql_store_result' is not released on every path; release it with 'mysql_free_result' [dbleak-leak]
  if (res && mysql_num_rows(res) == 0)
    return 0;
  mysql_free_result(res);
  return 1;
}
