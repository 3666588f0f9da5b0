// RUN: %check_dbleak %s dbleak-guard-escape %t -- -- %libflags -std=c++20
// Seed 003 with threads: a report worker borrows the request's connection;
// it is only safe when every path out of the scope joins the thread first.
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

struct Report {
  std::string sql;
  bool valid() const { return !sql.empty(); }
};

void refresh_report(const std::string &conninfo, const Report &r) {
  pqxx::connection db(conninfo);
  std::thread worker([&db, &r] {
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: pqxx::connection owned by 'db' is captured by reference by a thread that is not joined on every path; it may run after 'db' is destroyed at the end of 'refresh_report' [dbleak-guard-escape]
    pqxx::nontransaction tx(db);
    tx.exec(r.sql);
  });
  if (!r.valid())
    return; // the worker is still running here
  worker.join();
}

// Joined on every path, including through `if (joinable())`.
void refresh_report_joined(const std::string &conninfo, const Report &r) {
  pqxx::connection db(conninfo);
  std::thread worker([&db, &r] {
    pqxx::nontransaction tx(db);
    tx.exec(r.sql);
  });
  if (!r.valid()) {
    worker.join();
    return;
  }
  if (worker.joinable())
    worker.join();
}

// A std::jthread joins itself when the scope ends.
void refresh_report_jthread(const std::string &conninfo, const Report &r) {
  pqxx::connection db(conninfo);
  std::jthread worker([&db, &r] {
    pqxx::nontransaction tx(db);
    tx.exec(r.sql);
  });
}

// Fan-out over a local pool of threads, all joined before the scope ends.
void warm_caches(const std::string &conninfo,
                 const std::vector<std::string> &tables) {
  pqxx::connection db(conninfo);
  std::vector<std::thread> workers;
  for (const std::string &t : tables)
    workers.emplace_back([&db, t] {
      pqxx::nontransaction tx(db);
      tx.exec("SELECT count(*) FROM " + tx.quote_name(t));
    });
  for (std::thread &w : workers)
    w.join();
}

class Warmer {
public:
  // The threads are kept by the object, the connection is not.
  void start(const std::string &conninfo, const std::string &table) {
    pqxx::connection db(conninfo);
    workers_.emplace_back([&] {
      // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: pqxx::connection owned by 'db' is captured by reference by a thread stored in 'workers_'; it may run after 'db' is destroyed at the end of 'start'
      pqxx::nontransaction tx(db);
      tx.exec("SELECT count(*) FROM " + tx.quote_name(table));
    });
  }
  ~Warmer() {
    for (std::thread &w : workers_)
      w.join();
  }

private:
  std::vector<std::thread> workers_;
};
