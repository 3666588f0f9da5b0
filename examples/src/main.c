#include "service.h"
#include <stdio.h>

int main(int argc, char **argv) {
  struct service_config cfg = {"dbname=inventory", "catalog.db", "127.0.0.1",
                               6379, "127.0.0.1"};
  PGconn *conn = users_connect(&cfg);
  if (!conn)
    return 1;
  printf("%d active users\n", users_count_active(conn));
  PQfinish(conn);
  return argc > 1 ? catalog_lookup(cfg.sqlite_path, argv[1]) : 0;
}
