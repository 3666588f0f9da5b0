// RUN: %check_dbleak %s dbleak-use-after-release %t -- -- %libflags
#include <mysql.h>

/* Positive: freed in the loop's error branch and again after it. */
int dump(MYSQL *db) {
  if (mysql_query(db, "SELECT name FROM t"))
    return -1;
  MYSQL_RES *res = mysql_store_result(db);
  if (!res)
    return -1;
  MYSQL_ROW row;
  while ((row = mysql_fetch_row(res))) {
    if (!row[0]) {
      mysql_free_result(res);
      break;
    }
  }
  mysql_free_result(res);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: MYSQL_RES 'res' is released twice [dbleak-use-after-release]
  // CHECK-MESSAGES: :[[@LINE-12]]:20: note: 'res' was acquired here
  // CHECK-MESSAGES: :[[@LINE-7]]:7: note: 'res' was released here
  return 0;
}
