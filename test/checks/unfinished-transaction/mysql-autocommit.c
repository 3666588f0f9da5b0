// RUN: %check_dbleak %s dbleak-unfinished-transaction %t -- -- %libflags
#include <mysql.h>
#include <stdio.h>

/* Positive (seed 002: commits left out): autocommit off, error path neither
 * commits nor rolls back. */
int move_stock(MYSQL *db, int from, int to, int qty) {
  char sql[256];
  mysql_autocommit(db, 0);
  snprintf(sql, sizeof sql, "UPDATE stock SET qty = qty - %d WHERE id = %d",
           qty, from);
  if (mysql_query(db, sql))
    return -1;
  // CHECK-MESSAGES: :[[@LINE-5]]:3: warning: transaction begun on 'db' by 'mysql_autocommit' is not committed or rolled back on every path [dbleak-unfinished-transaction]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the transaction on 'db' is still open when the function returns here
  snprintf(sql, sizeof sql, "UPDATE stock SET qty = qty + %d WHERE id = %d",
           qty, to);
  if (mysql_query(db, sql)) {
    mysql_rollback(db);
    return -1;
  }
  mysql_commit(db);
  return 0;
}

/* Positive: START TRANSACTION as SQL text. */
int purge(MYSQL *db) {
  mysql_query(db, "START TRANSACTION");
  if (mysql_query(db, "DELETE FROM sessions WHERE expired"))
    return -1;
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: transaction begun on 'db' by 'mysql_query' is not committed or rolled back on every path [dbleak-unfinished-transaction]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the transaction on 'db' is still open when the function returns here
  mysql_query(db, "COMMIT");
  return 0;
}
