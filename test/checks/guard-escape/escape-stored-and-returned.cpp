// RUN: %check_dbleak %s dbleak-guard-escape %t -- -- %libflags
// Seed 001 in C++ service code: a raw handle (or the guard's address) taken
// out of the guard that releases it and kept past the guard's scope.
#include <libpq-fe.h>
#include <map>
#include <memory>
#include <pqxx/pqxx>
#include <soci/soci.h>
#include <string>
#include <vector>

using PgConnPtr = std::unique_ptr<PGconn, decltype(&PQfinish)>;

// A lease from the service's own pool: it gives the connection back when it
// goes out of scope, and hands out the native handle for libpq calls.
class Lease {
public:
  explicit Lease(const std::string &conninfo)
      : conn_(PQconnectdb(conninfo.c_str())) {}
  ~Lease() { PQfinish(conn_); }
  Lease(const Lease &) = delete;
  Lease &operator=(const Lease &) = delete;
  PGconn *native() const { return conn_; }

private:
  PGconn *conn_;
};

class UserRepository {
public:
  void connect(const std::string &conninfo) {
    PgConnPtr c(PQconnectdb(conninfo.c_str()), &PQfinish);
    if (PQstatus(c.get()) != CONNECTION_OK)
      return;
    conn_ = c.get();
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: PGconn owned by 'c' is stored in 'conn_', but 'c' is destroyed at the end of 'connect' [dbleak-guard-escape]
  }

  void remember(const std::string &conninfo, int shard) {
    Lease lease(conninfo);
    by_shard_[shard] = lease.native();
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: Lease owned by 'lease' is stored in 'by_shard_[shard]', but 'lease' is destroyed at the end of 'remember'
    PGconn *raw = lease.native();
    open_.push_back(raw);
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: Lease owned by 'lease' is stored in 'open_', but 'lease' is destroyed at the end of 'remember'
  }

  // The address of a scoped transaction kept in a member after returning.
  void begin_batch(pqxx::connection &db) {
    pqxx::work tx(db);
    current_ = &tx;
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: pqxx::work owned by 'tx' is stored in 'current_', but 'tx' is destroyed at the end of 'begin_batch'
    tx.exec("SET LOCAL statement_timeout = 1000");
  }

  // Published only while the transaction runs: undone before the scope ends.
  void run_batch(pqxx::connection &db) {
    pqxx::work tx(db);
    current_ = &tx;
    tx.exec("UPDATE users SET seen = now()");
    tx.commit();
    current_ = nullptr;
  }

  // Ownership handed over with release(): no guard finishes it.
  void adopt(const std::string &conninfo) {
    PgConnPtr c(PQconnectdb(conninfo.c_str()), &PQfinish);
    conn_ = c.release();
  }

  // A local bookkeeping struct dies with the guard.
  int ping(const std::string &conninfo) {
    struct {
      PGconn *conn;
      int tries;
    } probe;
    PgConnPtr c(PQconnectdb(conninfo.c_str()), &PQfinish);
    probe.conn = c.get();
    probe.tries = 1;
    return PQstatus(probe.conn) == CONNECTION_OK ? 0 : -1;
  }

private:
  PGconn *conn_ = nullptr;
  std::map<int, PGconn *> by_shard_;
  std::vector<PGconn *> open_;
  pqxx::work *current_ = nullptr;
};

static soci::details::session_backend *g_backend;

void cache_backend(const std::string &conninfo) {
  soci::session sql("postgresql", conninfo);
  g_backend = sql.get_backend();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: soci::session owned by 'sql' is stored in 'g_backend', but 'sql' is destroyed at the end of 'cache_backend'
}

// Returned through a local: the caller gets a finished connection.
PGconn *open_reporting(const std::string &conninfo) {
  Lease lease(conninfo);
  PGconn *raw = lease.native();
  if (PQstatus(raw) != CONNECTION_OK)
    return nullptr;
  return raw;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: Lease owned by 'lease' is returned from 'open_reporting', but 'lease' is destroyed at the end of 'open_reporting'
}

pqxx::connection &session_for(const std::string &conninfo) {
  std::unique_ptr<pqxx::connection> conn =
      std::make_unique<pqxx::connection>(conninfo);
  return *conn;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: pqxx::connection owned by 'conn' is returned from 'session_for', but 'conn' is destroyed at the end of 'session_for'
}

// The chain: the dangling handle travels through same-file callers; the
// finding stays at the root, the callers are its notes.
PGconn *reporting_conn(const std::string &conninfo) {
  PgConnPtr conn(PQconnectdb(conninfo.c_str()), &PQfinish);
  return conn.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: PGconn owned by 'conn' is returned from 'reporting_conn', but 'conn' is destroyed at the end of 'reporting_conn'
  // CHECK-MESSAGES: :[[@LINE+6]]:10: note: 'conn_for_reports' gets the dangling handle from 'reporting_conn' and returns it to its callers
  // CHECK-MESSAGES: :[[@LINE+9]]:15: note: 'count_reports' gets the dangling handle from 'conn_for_reports' here
}

PGconn *conn_for_reports() {
  static const std::string conninfo = "dbname=reports";
  return reporting_conn(conninfo);
}

int count_reports() {
  PGconn *c = conn_for_reports();
  PGresult *res = PQexec(c, "SELECT count(*) FROM reports");
  int n = PQntuples(res);
  PQclear(res);
  return n;
}
