// RUN: %check_dbleak %s dbleak-guard-escape %t -- -- %libflags
// Seed 003 with tasks: work handed to std::async or to an executor may run
// after the handler that owns the connection has returned.
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <future>
#include <libpq-fe.h>
#include <memory>
#include <string>
#include <vector>

using PgConnPtr = std::unique_ptr<PGconn, decltype(&PQfinish)>;

class ReportService {
public:
  void refresh(const std::string &conninfo) {
    PgConnPtr db(PQconnectdb(conninfo.c_str()), &PQfinish);
    boost::asio::post(pool_, [&db] {
      // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: PGconn owned by 'db' is captured by reference by a task handed to 'post'; it may run after 'db' is destroyed at the end of 'refresh' [dbleak-guard-escape]
      PQclear(PQexec(db.get(), "REFRESH MATERIALIZED VIEW daily_totals"));
    });
  }

  // The future outlives the handler: the task may still be running when
  // 'db' finishes the connection.
  std::future<int> count_async(const std::string &conninfo) {
    PgConnPtr db(PQconnectdb(conninfo.c_str()), &PQfinish);
    return std::async(std::launch::async, [&db] {
      // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: PGconn owned by 'db' is captured by reference by a std::async task whose future is returned from 'count_async'; it may run after 'db' is destroyed at the end of 'count_async'
      PGresult *res = PQexec(db.get(), "SELECT count(*) FROM orders");
      int n = PQntuples(res);
      PQclear(res);
      return n;
    });
  }

  void count_later(const std::string &conninfo) {
    PgConnPtr db(PQconnectdb(conninfo.c_str()), &PQfinish);
    pending_.push_back(std::async(std::launch::async, [&db] {
      // CHECK-MESSAGES: :[[@LINE-1]]:55: warning: PGconn owned by 'db' is captured by reference by a std::async task whose future is stored in 'pending_'
      PQclear(PQexec(db.get(), "VACUUM orders"));
      return 0;
    }));
  }

  // Waited for before the scope ends.
  int count_now(const std::string &conninfo) {
    PgConnPtr db(PQconnectdb(conninfo.c_str()), &PQfinish);
    auto n = std::async(std::launch::async, [&db] {
      PGresult *res = PQexec(db.get(), "SELECT count(*) FROM orders");
      int rows = PQntuples(res);
      PQclear(res);
      return rows;
    });
    return n.get();
  }

  // The task owns its connection: nothing borrowed from the handler.
  void refresh_owned(const std::string &conninfo) {
    boost::asio::post(pool_, [conninfo] {
      PgConnPtr db(PQconnectdb(conninfo.c_str()), &PQfinish);
      PQclear(PQexec(db.get(), "REFRESH MATERIALIZED VIEW daily_totals"));
    });
  }

private:
  boost::asio::thread_pool pool_{2};
  std::vector<std::future<int>> pending_;
};

// A small in-house executor: submit() queues the task for a worker.
class Executor {
public:
  void submit(std::function<void()> task) { queue_.push_back(std::move(task)); }

private:
  std::vector<std::function<void()>> queue_;
};

void audit_login(Executor &ex, const std::string &conninfo,
                 const std::string &user) {
  PgConnPtr db(PQconnectdb(conninfo.c_str()), &PQfinish);
  PGconn *raw = db.get();
  ex.submit([raw, user] {
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: PGconn owned by 'db' is captured as a raw handle by a task handed to 'submit'; it may run after 'db' is destroyed at the end of 'audit_login'
    const char *params[] = {user.c_str()};
    PQclear(PQexecParams(raw, "INSERT INTO logins(name) VALUES ($1)", 1,
                         nullptr, params, nullptr, nullptr, 0));
  });
  ex.submit([conn = db.get()] {
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: PGconn owned by 'db' is captured as a raw handle by a task handed to 'submit'
    PQclear(PQexec(conn, "NOTIFY logins"));
  });
}
