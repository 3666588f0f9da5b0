// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Reduced from osm2pgsql 1.8.0+ds-1 src/pgsql.hpp / src/pgsql.cpp
// (pg_conn_t): the connection returned by PQconnectdb initializes a
// std::unique_ptr member whose deleter calls PQfinish.
#include <libpq-fe.h>
#include <memory>
#include <stdexcept>
#include <string>

struct pg_conn_deleter_t {
  void operator()(PGconn *p) const noexcept { PQfinish(p); }
};

class pg_conn_t {
public:
  explicit pg_conn_t(std::string const &conninfo);

private:
  std::unique_ptr<PGconn, pg_conn_deleter_t> m_conn;
};

/* Expected: nothing. */
pg_conn_t::pg_conn_t(std::string const &conninfo)
    : m_conn(PQconnectdb(conninfo.c_str())) {
  if (!m_conn)
    throw std::runtime_error{"Connecting to database failed."};
  if (PQstatus(m_conn.get()) != CONNECTION_OK)
    throw std::runtime_error{PQerrorMessage(m_conn.get())};
}
