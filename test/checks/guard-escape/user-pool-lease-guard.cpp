// RUN: %check_dbleak %s dbleak-guard-escape %t -- -- %libflags
// A service's own pool: the lease's destructor gives the connection back to
// the pool's free list (through a same-file method), so the lease is a
// guard, and what it hands out must not outlive it.
#include <functional>
#include <libpq-fe.h>
#include <string>
#include <vector>

class PgPool {
public:
  explicit PgPool(std::string conninfo) : conninfo_(std::move(conninfo)) {}
  PGconn *acquire() {
    if (idle_.empty())
      return PQconnectdb(conninfo_.c_str());
    PGconn *c = idle_.back();
    idle_.pop_back();
    return c;
  }
  void put_back(PGconn *c) { idle_.push_back(c); }

private:
  std::string conninfo_;
  std::vector<PGconn *> idle_;
};

class PooledConn {
public:
  explicit PooledConn(PgPool &pool) : pool_(pool), conn_(pool.acquire()) {}
  ~PooledConn() { give_back(); }
  PooledConn(const PooledConn &) = delete;
  PooledConn &operator=(const PooledConn &) = delete;
  PGconn *native() const { return conn_; }
  operator PGconn *() const { return conn_; }

private:
  void give_back() { pool_.put_back(conn_); }
  PgPool &pool_;
  PGconn *conn_;
};

class SessionStore {
public:
  explicit SessionStore(PgPool &pool) : pool_(pool) {}

  void warm() {
    PooledConn lease(pool_);
    last_ = lease.native();
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: PooledConn owned by 'lease' is stored in 'last_', but 'lease' is destroyed at the end of 'warm' [dbleak-guard-escape]
  }

  PGconn *borrow() {
    PooledConn lease(pool_);
    return lease;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: PooledConn owned by 'lease' is returned from 'borrow', but 'lease' is destroyed at the end of 'borrow'
  }

  void on_expiry(const std::string &key) {
    PooledConn lease(pool_);
    expiry_hooks_.push_back([&lease, key] {
      // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: PooledConn owned by 'lease' is captured by reference by a callback stored in 'expiry_hooks_'; it may run after 'lease' is destroyed at the end of 'on_expiry'
      const char *params[] = {key.c_str()};
      PQclear(PQexecParams(lease.native(), "DELETE FROM sessions WHERE k = $1",
                           1, nullptr, params, nullptr, nullptr, 0));
    });
  }

  // Borrowed and used while the lease holds it.
  int count() {
    PooledConn lease(pool_);
    PGresult *res = PQexec(lease.native(), "SELECT count(*) FROM sessions");
    int n = PQntuples(res);
    PQclear(res);
    return n;
  }

private:
  PgPool &pool_;
  PGconn *last_ = nullptr;
  std::vector<std::function<void()>> expiry_hooks_;
};
