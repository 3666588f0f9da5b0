// RUN: %check_dbleak %s dbleak-guard-escape %t -- -- %libflags -std=c++17
// Seed 003 with callbacks: a streaming response registers a chunk handler
// that uses the request-scoped session after the request returned.
#include <functional>
#include <map>
#include <memory>
#include <soci/soci.h>
#include <string>
#include <vector>

using ChunkHandler = std::function<void(const std::string &)>;

class StreamRegistry {
public:
  void on_chunk(const std::string &id, ChunkHandler h) {
    handlers_[id] = std::move(h);
  }
  void subscribe(const std::string &conninfo, const std::string &id) {
    soci::session sql("postgresql", conninfo);
    handlers_[id] = [&sql, id](const std::string &chunk) {
      // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: soci::session owned by 'sql' is captured by reference by a callback stored in 'handlers_[id]'; it may run after 'sql' is destroyed at the end of 'subscribe' [dbleak-guard-escape]
      sql << "INSERT INTO chunks(id, body) VALUES (:id, :b)", soci::use(id),
          soci::use(chunk);
    };
  }
  void subscribe_all(const std::string &conninfo) {
    soci::session sql("postgresql", conninfo);
    auto log = [&](const std::string &chunk) {
      // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: soci::session owned by 'sql' is captured by reference by a callback stored in 'fallbacks_'; it may run after 'sql' is destroyed at the end of 'subscribe_all'
      sql << "INSERT INTO chunks(body) VALUES (:b)", soci::use(chunk);
    };
    fallbacks_.push_back(log);
  }
  // The session is shared with the callback: it lives as long as the callback.
  void subscribe_shared(const std::string &conninfo, const std::string &id) {
    auto sql = std::make_shared<soci::session>("postgresql", conninfo);
    handlers_[id] = [sql, id](const std::string &chunk) {
      *sql << "INSERT INTO chunks(id, body) VALUES (:id, :b)", soci::use(id),
          soci::use(chunk);
    };
  }

private:
  std::map<std::string, ChunkHandler> handlers_;
  std::vector<ChunkHandler> fallbacks_;
};

ChunkHandler g_audit;

void install_audit(const std::string &conninfo) {
  soci::session sql("postgresql", conninfo);
  g_audit = [&sql](const std::string &line) {
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: soci::session owned by 'sql' is captured by reference by a callback stored in 'g_audit'; it may run after 'sql' is destroyed at the end of 'install_audit'
    sql << "INSERT INTO audit(line) VALUES (:l)", soci::use(line);
  };
}

ChunkHandler make_writer(const std::string &conninfo) {
  soci::session sql("postgresql", conninfo);
  ChunkHandler h = [&sql](const std::string &chunk) {
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: soci::session owned by 'sql' is captured by reference by a lambda returned from 'make_writer'; it may run after 'sql' is destroyed at the end of 'make_writer'
    sql << "INSERT INTO chunks(body) VALUES (:b)", soci::use(chunk);
  };
  return h;
}

// Called while the session is alive: the ordinary use of a lambda.
int count_rows(const std::string &conninfo,
               const std::vector<std::string> &tables) {
  soci::session sql("postgresql", conninfo);
  int total = 0;
  auto count = [&](const std::string &t) {
    int n = 0;
    sql << "SELECT count(*) FROM " + t, soci::into(n);
    return n;
  };
  for (const std::string &t : tables)
    total += count(t);
  std::map<std::string, ChunkHandler> local;
  local["x"] = [&sql](const std::string &c) { sql << c; };
  local["x"]("SELECT 1");
  return total;
}
