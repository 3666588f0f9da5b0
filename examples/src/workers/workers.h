#ifndef INVENTORY_WORKERS_H
#define INVENTORY_WORKERS_H

#include <libpq-fe.h>
#include <memory>
#include <pqxx/pqxx>
#include <soci/soci.h>
#include <string>
#include <vector>

PGconn *reports_connect(const std::string &conninfo);
void stream_report(const std::string &conninfo, const std::string &name);
std::vector<std::string> report_names(PGconn *conn);
int archive_level(soci::connection_pool &pool, const std::string &user);

#endif
