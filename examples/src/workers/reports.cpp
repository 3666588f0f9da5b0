// The C++ side of the inventory service: report workers built on libpq,
// libpqxx and SOCI, with each incident pattern in its C++ form.
#include "workers.h"
#include <stdexcept>
#include <thread>

using PgConnPtr = std::unique_ptr<PGconn, decltype(&PQfinish)>;

// Seed 001: the connection is returned out of the guard that finishes it.
PGconn *reports_connect(const std::string &conninfo) {
  PgConnPtr conn(PQconnectdb(conninfo.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK)
    return nullptr;
  return conn.get(); /* BUG: finished when 'conn' goes out of scope */
}

// Seed 003: the streamer keeps using the request's connection after the
// request handler returned and closed it.
void stream_report(const std::string &conninfo, const std::string &name) {
  pqxx::connection db(conninfo);
  std::thread([&db, name] { /* BUG: 'db' is gone when this runs */
    pqxx::nontransaction tx(db);
    tx.exec("NOTIFY reports, " + tx.quote(name));
  }).detach();
}

// Seed 000: a throwing parser skips the PQclear of a raw result.
std::vector<std::string> report_names(PGconn *conn) {
  std::vector<std::string> names;
  PGresult *res = PQexec(conn, "SELECT name FROM reports");
  for (int i = 0; i < PQntuples(res); ++i) {
    if (PQgetisnull(res, i, 0))
      throw std::runtime_error("unnamed report"); /* BUG: res leaks */
    names.emplace_back(PQgetvalue(res, i, 0));
  }
  PQclear(res);
  return names;
}
