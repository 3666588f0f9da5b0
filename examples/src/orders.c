#include "service.h"
#include <mysql.h>
#include <stdio.h>

/* Moves old orders to the archive. */
int orders_archive(const struct service_config *cfg, int older_than_days) {
  MYSQL *db = mysql_init(NULL);
  if (!db)
    return -1;
  if (!mysql_real_connect(db, cfg->mysql_host, "app", NULL, "shop", 0, NULL,
                          0)) {
    fprintf(stderr, "orders: %s\n", mysql_error(db));
    mysql_close(db);
    return -1;
  }
  mysql_autocommit(db, 0);
  char sql[256];
  snprintf(sql, sizeof sql,
           "INSERT INTO orders_archive SELECT * FROM orders "
           "WHERE created < NOW() - INTERVAL %d DAY",
           older_than_days);
  if (mysql_query(db, sql)) {
    fprintf(stderr, "orders: %s\n", mysql_error(db));
    mysql_close(db); /* fine: closing the connection rolls back */
    return -1;
  }
  MYSQL_RES *res = mysql_store_result(db);
  res = mysql_store_result(db); /* BUG: the first result is overwritten */
  mysql_free_result(res);
  mysql_commit(db);
  mysql_close(db);
  return 0;
}
