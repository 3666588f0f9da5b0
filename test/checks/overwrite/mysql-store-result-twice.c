// RUN: %check_dbleak %s dbleak-overwrite %t -- -- %libflags
#include <mysql.h>

/* Positive: the first result set is overwritten. */
unsigned long long count_both(MYSQL *db) {
  mysql_query(db, "SELECT * FROM a; SELECT * FROM b");
  MYSQL_RES *res = mysql_store_result(db);
  mysql_next_result(db);
  res = mysql_store_result(db);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: MYSQL_RES 'res' acquired by 'mysql_store_result' is overwritten before it is released; release it with 'mysql_free_result' [dbleak-overwrite]
  // CHECK-MESSAGES: :[[@LINE-4]]:20: note: 'res' was acquired here
  unsigned long long n = res ? mysql_num_rows(res) : 0;
  mysql_free_result(res);
  return n;
}

/* Negative: the first result is kept in another variable. */
unsigned long long count_both_ok(MYSQL *db) {
  mysql_query(db, "SELECT * FROM a; SELECT * FROM b");
  MYSQL_RES *first = mysql_store_result(db);
  MYSQL_RES *res = first;
  mysql_next_result(db);
  res = mysql_store_result(db);
  unsigned long long n = (first ? mysql_num_rows(first) : 0) +
                         (res ? mysql_num_rows(res) : 0);
  mysql_free_result(first);
  mysql_free_result(res);
  return n;
}
