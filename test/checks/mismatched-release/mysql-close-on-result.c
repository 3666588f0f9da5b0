// RUN: %check_dbleak %s dbleak-mismatched-release %t -- -- %libflags
#include <mysql.h>

/* Positive: a result set released with mysql_close. */
unsigned long long rows(MYSQL *db) {
  if (mysql_query(db, "SELECT 1"))
    return 0;
  MYSQL_RES *res = mysql_store_result(db);
  unsigned long long n = res ? mysql_num_rows(res) : 0;
  mysql_close((MYSQL *)res);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: MYSQL_RES 'res' is released with 'mysql_close'; use 'mysql_free_result' [dbleak-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-4]]:20: note: 'res' was acquired here
  return n;
}
