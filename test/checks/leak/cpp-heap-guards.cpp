// RUN: %check_dbleak %s dbleak-leak,dbleak-overwrite,dbleak-use-after-release %t -- -- %libflags
// Heap guards: `new` of a libpqxx/SOCI class, or of a service's own class
// whose destructor closes or gives back a handle, is a handle that `delete`
// releases; a smart pointer, a member, a container or a caller taking it
// owns it from then on.
#include <libpq-fe.h>
#include <memory>
#include <pqxx/pqxx>
#include <soci/soci.h>
#include <stdexcept>
#include <string>
#include <vector>

// A service's own connection wrapper: its destructor finishes the handle.
class PgConnection {
public:
  explicit PgConnection(const std::string &conninfo)
      : conn_(PQconnectdb(conninfo.c_str())) {}
  ~PgConnection() { PQfinish(conn_); }
  PgConnection(const PgConnection &) = delete;
  PgConnection &operator=(const PgConnection &) = delete;
  bool ok() const { return PQstatus(conn_) == CONNECTION_OK; }
  PGconn *raw() const { return conn_; }

private:
  PGconn *conn_;
};

// Holds a pqxx::connection by value: deleting it closes the connection.
struct ReportContext {
  explicit ReportContext(const std::string &conninfo) : db(conninfo) {}
  pqxx::connection db;
  std::string name;
};

int count_users(pqxx::connection &c);

int user_count(const std::string &conninfo) {
  pqxx::connection *c = new pqxx::connection(conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: pqxx::connection 'c' acquired by 'new' is not released on every path; release it with 'delete' [dbleak-leak]
  int n = count_users(*c);
  if (n < 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'c' leaks when the function returns here
  // CHECK-FIXES: {{^}}  if (n < 0) {
  // CHECK-FIXES-NEXT: {{^}}    delete c;
  // CHECK-FIXES-NEXT: {{^}}    return -1;
  delete c;
  return n;
}

bool ping(const std::string &conninfo) {
  auto *conn = new PgConnection(conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: PgConnection 'conn' acquired by 'new' is not released on every path; release it with 'delete' [dbleak-leak]
  if (!conn->ok())
    return false;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'conn' leaks when the function returns here
  // CHECK-FIXES: {{^}}  if (!conn->ok()) {
  // CHECK-FIXES-NEXT: {{^}}    delete conn;
  // CHECK-FIXES-NEXT: {{^}}    return false;
  PQclear(PQexec(conn->raw(), "SELECT 1"));
  delete conn;
  return true;
}

std::string describe(const std::string &conninfo, const std::string &table) {
  soci::session *sql = new soci::session("postgresql", conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: soci::session 'sql' acquired by 'new' is not released on every path; release it with 'delete' [dbleak-leak]
  std::string owner;
  *sql << "SELECT tableowner FROM pg_tables WHERE tablename = :t",
      soci::use(table), soci::into(owner);
  if (owner.empty())
    throw std::runtime_error("no such table");
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'sql' leaks when the exception is thrown here
  delete sql;
  return owner;
}

void reconnect_all(const std::vector<std::string> &hosts) {
  for (const std::string &h : hosts) {
    ReportContext *ctx = new ReportContext("host=" + h);
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: ReportContext 'ctx' acquired by 'new' is not released before the next loop iteration acquires it again; release it with 'delete' [dbleak-leak]
    ctx->name = h;
  }
}

void switch_database(const std::string &a, const std::string &b) {
  PgConnection *c = new PgConnection(a);
  c = new PgConnection(b);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: PgConnection 'c' acquired by 'new' is overwritten before it is released; release it with 'delete' [dbleak-overwrite]
  delete c;
}

void close_twice(const std::string &conninfo, bool retry) {
  PgConnection *c = new PgConnection(conninfo);
  if (!c->ok())
    delete c;
  delete c;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: PgConnection 'c' is released twice [dbleak-use-after-release]
}

int use_after_delete(const std::string &conninfo) {
  PgConnection *c = new PgConnection(conninfo);
  bool ok = c->ok();
  delete c;
  if (!ok)
    return PQstatus(c->raw());
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: PgConnection 'c' is used by 'raw' after it was released [dbleak-use-after-release]
  return 0;
}

void discarded(const std::string &conninfo) {
  new pqxx::connection(conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: pqxx::connection returned by 'new' is discarded and never released; release it with 'delete' [dbleak-leak]
}

// --- ownership handed away: nothing to report -----------------------------

class UserRepository {
public:
  explicit UserRepository(const std::string &conninfo)
      : db_(new pqxx::connection(conninfo)) {}
  ~UserRepository() { delete db_; }
  UserRepository(const UserRepository &) = delete;
  UserRepository &operator=(const UserRepository &) = delete;

  void reopen(const std::string &conninfo) {
    delete db_;
    db_ = new pqxx::connection(conninfo);
  }

  void attach_reports(const std::string &conninfo) {
    auto *ctx = new ReportContext(conninfo);
    contexts_.push_back(ctx);
  }

private:
  pqxx::connection *db_;
  std::vector<ReportContext *> contexts_;
};

std::unique_ptr<pqxx::connection> open_owned(const std::string &conninfo) {
  std::unique_ptr<pqxx::connection> c(new pqxx::connection(conninfo));
  return c;
}

PgConnection *make_connection(const std::string &conninfo) {
  auto *c = new PgConnection(conninfo);
  if (!c->ok()) {
    delete c;
    return nullptr;
  }
  return c;
}

void reset_into(std::unique_ptr<soci::session> &slot,
                const std::string &conninfo) {
  slot.reset(new soci::session("postgresql", conninfo));
}

void into_list(std::vector<std::unique_ptr<PgConnection>> &pool,
               const std::string &conninfo, int n) {
  for (int i = 0; i < n; ++i) {
    PgConnection *c = new PgConnection(conninfo);
    pool.emplace_back(c);
  }
}

void checked(const std::string &conninfo) {
  pqxx::connection *c = new pqxx::connection(conninfo);
  try {
    count_users(*c);
  } catch (...) {
    delete c;
    throw;
  }
  delete c;
}

// Given to code this file cannot see: handed over.
class BackendRegistry {
public:
  void install(PgConnection *backend);
};
void install_backend(BackendRegistry &registry, const std::string &conninfo) {
  auto *b = new PgConnection(conninfo);
  if (!b->ok())
    PQstatus(b->raw());
  registry.install(b);
}

// A plain class that owns no handle is not followed.
struct Options {
  std::string conninfo;
};
void plain(const std::string &s) {
  Options *o = new Options{s};
  (void)o;
}
