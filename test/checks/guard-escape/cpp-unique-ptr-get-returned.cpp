// RUN: %check_dbleak %s dbleak-guard-escape %t -- -- %libflags
// Seed 001 in C++: the connection is opened inside the guard that is meant
// to finish it, and the raw handle is returned out of the guard's scope.
#include <libpq-fe.h>
#include <memory>
#include <string>

struct Config {
  std::string conninfo;
};

using PgConnPtr = std::unique_ptr<PGconn, decltype(&PQfinish)>;

PGconn *attempt_connection(const Config &cfg) {
  PgConnPtr conn(PQconnectdb(cfg.conninfo.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK)
    return nullptr;
  return conn.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: PGconn owned by 'conn' is returned from 'attempt_connection', but 'conn' is destroyed at the end of 'attempt_connection' [dbleak-guard-escape]
  // CHECK-MESSAGES: :[[@LINE-5]]:13: note: 'conn' releases the handle when it goes out of scope
}

// Handing ownership over with release() is the correct way out.
PGconn *attempt_connection_ok(const Config &cfg) {
  PgConnPtr conn(PQconnectdb(cfg.conninfo.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK)
    return nullptr;
  return conn.release();
}

// Borrowing inside the scope is fine.
int server_version(const Config &cfg) {
  PgConnPtr conn(PQconnectdb(cfg.conninfo.c_str()), &PQfinish);
  return PQserverVersion(conn.get());
}
