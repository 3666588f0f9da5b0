// RUN: %check_dbleak %s dbleak-leak,dbleak-use-after-release %t -- -- %libflags
// Seed 004 in C++: a service's own connection pool, pre-filled, with a
// method that pops a connection off its free list and one that pushes it
// back. The pair makes it a pool: a checkout that some path (an early
// return, a `continue`, an exception) never gives back leaks a pooled
// connection.
#include <libpq-fe.h>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

class ConnectionPool {
public:
  ConnectionPool(const std::string &conninfo, int size) {
    for (int i = 0; i < size; ++i)
      idle_.push_back(PQconnectdb(conninfo.c_str()));
  }
  ~ConnectionPool() {
    for (PGconn *c : idle_)
      PQfinish(c);
  }
  ConnectionPool(const ConnectionPool &) = delete;
  ConnectionPool &operator=(const ConnectionPool &) = delete;

  PGconn *checkout() {
    std::lock_guard<std::mutex> lock(mu_);
    if (idle_.empty())
      return nullptr;
    PGconn *c = idle_.back();
    idle_.pop_back();
    return c;
  }
  void checkin(PGconn *c) {
    std::lock_guard<std::mutex> lock(mu_);
    idle_.push_back(c);
  }

private:
  std::mutex mu_;
  std::vector<PGconn *> idle_;
};

// A work queue pops with one method and pushes with another, but holds no
// database handles: not a pool.
struct Job {
  std::string sql;
};
class JobQueue {
public:
  Job *next() {
    std::lock_guard<std::mutex> lock(mu_);
    if (jobs_.empty())
      return nullptr;
    Job *j = jobs_.back();
    jobs_.pop_back();
    return j;
  }
  void submit(Job *j) {
    std::lock_guard<std::mutex> lock(mu_);
    jobs_.push_back(j);
  }

private:
  std::mutex mu_;
  std::vector<Job *> jobs_;
};

void drain(JobQueue &q, PGconn *conn) {
  while (Job *j = q.next()) {
    PQclear(PQexec(conn, j->sql.c_str()));
    if (j->sql.empty())
      return;
  }
}

class OrderRepository {
public:
  explicit OrderRepository(ConnectionPool &pool) : pool_(pool) {}

  int count_open() {
    PGconn *c = pool_.checkout();
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: pooled PGconn 'c' acquired by 'ConnectionPool::checkout' is not released on every path; release it with 'ConnectionPool::checkin' [dbleak-leak]
    if (!c)
      return -1;
    PGresult *res = PQexec(c, "SELECT count(*) FROM orders WHERE open");
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
      PQclear(res);
      return -1;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: note: 'c' leaks when the function returns here
    }
    int n = PQntuples(res);
    PQclear(res);
    pool_.checkin(c);
    return n;
  }

  void archive(const std::vector<std::string> &ids) {
    for (const std::string &id : ids) {
      PGconn *c = pool_.checkout();
      // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: pooled PGconn 'c' acquired by 'ConnectionPool::checkout' is not released before the next loop iteration acquires it again; release it with 'ConnectionPool::checkin' [dbleak-leak]
      if (!c)
        return;
      if (id.empty())
        continue;
      const char *params[] = {id.c_str()};
      PQclear(PQexecParams(c, "UPDATE orders SET archived = true WHERE id = $1",
                           1, nullptr, params, nullptr, nullptr, 0));
      pool_.checkin(c);
    }
  }

  std::string status(const std::string &id) {
    PGconn *c = pool_.checkout();
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: pooled PGconn 'c' acquired by 'ConnectionPool::checkout' is not released on every path; release it with 'ConnectionPool::checkin' [dbleak-leak]
    if (!c)
      throw std::runtime_error("pool exhausted");
    const char *params[] = {id.c_str()};
    PGresult *res = PQexecParams(c, "SELECT status FROM orders WHERE id = $1",
                                 1, nullptr, params, nullptr, nullptr, 0);
    if (PQntuples(res) == 0) {
      PQclear(res);
      throw std::runtime_error("no such order");
      // CHECK-MESSAGES: :[[@LINE-1]]:7: note: 'c' leaks when the exception is thrown here
    }
    std::string s = PQgetvalue(res, 0, 0);
    PQclear(res);
    pool_.checkin(c);
    return s;
  }

  void checkin_twice() {
    PGconn *c = pool_.checkout();
    if (!c)
      return;
    pool_.checkin(c);
    pool_.checkin(c);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: pooled PGconn 'c' is released twice [dbleak-use-after-release]
  }

  // Given back on every path, or handed to the caller: fine.
  bool ping() {
    PGconn *c = pool_.checkout();
    if (!c)
      return false;
    bool ok = PQstatus(c) == CONNECTION_OK;
    pool_.checkin(c);
    return ok;
  }

  PGconn *borrow() { return pool_.checkout(); }

  void give_back(PGconn *c) { pool_.checkin(c); }

  void with_helper() {
    PGconn *c = pool_.checkout();
    if (!c)
      return;
    PQclear(PQexec(c, "SELECT 1"));
    give_back(c);
  }

private:
  ConnectionPool &pool_;
};
