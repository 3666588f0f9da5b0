// RUN: %check_dbleak %s dbleak-guard-escape %t -- -- %libflags
// Seed 003 without a lambda capture: the scoped connection goes to the task
// as a thread argument (a raw handle, std::ref of the guard), or a worker
// object's guard member is used through `this` by a task that outlives the
// member (a task started in the destructor, or before the member is reset).
#include <functional>
#include <future>
#include <libpq-fe.h>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

using PgConnPtr = std::unique_ptr<PGconn, decltype(&PQfinish)>;

void stream_rows(PGconn *conn, std::string table);
void notify_listeners(pqxx::connection &db, const std::string &channel);
int count_rows(PGconn *conn);

class ExportHandler {
public:
  void handle(const std::string &conninfo, const std::string &table) {
    PgConnPtr conn(PQconnectdb(conninfo.c_str()), &PQfinish);
    std::thread(stream_rows, conn.get(), table).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: PGconn owned by 'conn' is passed as a raw handle to a detached thread; it may run after 'conn' is destroyed at the end of 'handle' [dbleak-guard-escape]
    // CHECK-MESSAGES: :[[@LINE-2]]:49: note: the thread is detached here
  }

  void announce(const std::string &conninfo, const std::string &channel) {
    pqxx::connection db(conninfo);
    std::thread t(notify_listeners, std::ref(db), channel);
    // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: pqxx::connection owned by 'db' is passed by reference to a thread that is not joined on every path; it may run after 'db' is destroyed at the end of 'announce'
    if (channel.empty())
      return;
    t.join();
  }

  std::future<int> count_async(const std::string &conninfo) {
    PgConnPtr conn(PQconnectdb(conninfo.c_str()), &PQfinish);
    PGconn *raw = conn.get();
    return std::async(std::launch::async, count_rows, raw);
    // CHECK-MESSAGES: :[[@LINE-1]]:55: warning: PGconn owned by 'conn' is passed as a raw handle to a std::async task whose future is returned from 'count_async'; it may run after 'conn' is destroyed at the end of 'count_async'
  }

  void keep_workers(const std::string &conninfo) {
    pqxx::connection db(conninfo);
    workers_.emplace_back(notify_listeners, std::ref(db), "exports");
    // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: pqxx::connection owned by 'db' is passed by reference to a thread stored in 'workers_'; it may run after 'db' is destroyed at the end of 'keep_workers'
  }

  // Joined, waited for, or given its own copy: nothing to report.
  void export_now(const std::string &conninfo, const std::string &table) {
    PgConnPtr conn(PQconnectdb(conninfo.c_str()), &PQfinish);
    std::thread t(stream_rows, conn.get(), table);
    t.join();
  }

  void export_all(const std::string &conninfo,
                  const std::vector<std::string> &tables) {
    PgConnPtr conn(PQconnectdb(conninfo.c_str()), &PQfinish);
    std::vector<std::thread> streams;
    for (const std::string &t : tables)
      streams.emplace_back(stream_rows, conn.get(), t);
    for (std::thread &t : streams)
      t.join();
  }

  int count_now(const std::string &conninfo) {
    PgConnPtr conn(PQconnectdb(conninfo.c_str()), &PQfinish);
    auto f = std::async(std::launch::async, count_rows, conn.get());
    return f.get();
  }

  void share(const std::string &conninfo) {
    auto db = std::make_shared<pqxx::connection>(conninfo);
    std::thread(
        [](std::shared_ptr<pqxx::connection> c) { notify_listeners(*c, "x"); },
        db)
        .detach();
  }

private:
  std::vector<std::thread> workers_;
};

// A streaming worker that owns its connection.
class ChangeFeed {
public:
  explicit ChangeFeed(const std::string &conninfo)
      : db_(std::make_unique<pqxx::connection>(conninfo)) {}

  ~ChangeFeed() {
    std::thread([this] {
      // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: pqxx::connection owned by 'db_' is captured through 'this' by a detached thread; it may run after 'db_' is destroyed with the object at the end of '~ChangeFeed' [dbleak-guard-escape]
      pqxx::nontransaction tx(*db_);
      tx.exec("UNLISTEN *");
    }).detach();
  }

  void disconnect() {
    std::thread([this] {
      // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: pqxx::connection owned by 'db_' is captured through 'this' by a detached thread; it may run after 'db_' is reset in 'disconnect' [dbleak-guard-escape]
      pqxx::nontransaction tx(*db_);
      tx.exec("NOTIFY feed, 'reconnecting'");
    }).detach();
    db_.reset();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'db_' is reset here
  }

  // The task reads the member when it runs and finds the new connection:
  // a reconnect, not certainly wrong.
  void reconnect_replacing(const std::string &conninfo) {
    std::thread([this] {
      pqxx::nontransaction tx(*db_);
      tx.exec("NOTIFY feed, 'reconnecting'");
    }).detach();
    db_.reset(new pqxx::connection(conninfo));
  }

  // Joined before the reset, or the member is not reset: fine.
  void reconnect_joined(const std::string &conninfo) {
    std::thread t([this] {
      pqxx::nontransaction tx(*db_);
      tx.exec("NOTIFY feed, 'reconnecting'");
    });
    t.join();
    db_.reset(new pqxx::connection(conninfo));
  }

  void poll() {
    std::thread([this] {
      pqxx::nontransaction tx(*db_);
      tx.exec("SELECT 1");
    }).detach();
  }

private:
  std::unique_ptr<pqxx::connection> db_;
};
