#include "workers.h"
#include <iostream>

int main(int argc, char **argv) {
  std::string conninfo = argc > 1 ? argv[1] : "dbname=inventory";
  PGconn *conn = reports_connect(conninfo);
  if (!conn)
    return 1;
  for (const std::string &name : report_names(conn))
    stream_report(conninfo, name);
  soci::connection_pool pool(1);
  pool.at(0).open("postgresql", conninfo);
  std::cout << archive_level(pool, "admin") << "\n";
  return 0;
}
