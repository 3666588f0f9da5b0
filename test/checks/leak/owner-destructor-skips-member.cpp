// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <libpq-fe.h>
#include <sqlite3.h>
#include <string>

// A class whose constructor acquires into a raw member and whose destructor
// forgets it.
class Repository {
public:
  explicit Repository(const std::string &ci)
      : conn_(PQconnectdb(ci.c_str())) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: PGconn 'conn_' acquired by 'Repository' is not released on every path; release it with 'PQfinish' [dbleak-leak]
  ~Repository() {
    if (last_)
      PQclear(last_);
  }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'conn_' leaks when the object is destroyed here
  Repository(const Repository &) = delete;
  Repository &operator=(const Repository &) = delete;

private:
  PGconn *conn_;
  PGresult *last_ = nullptr;
};

// Negatives: the destructor releases it; the destructor calls a member
// function that does; the class has a close() of its own.
class Store {
public:
  explicit Store(const char *path) { sqlite3_open(path, &db_); }
  ~Store() { sqlite3_close(db_); }
  Store(const Store &) = delete;
  Store &operator=(const Store &) = delete;

private:
  sqlite3 *db_ = nullptr;
};

class Session {
public:
  explicit Session(const char *ci) : conn_(PQconnectdb(ci)) {}
  ~Session() { shutdown(); }
  Session(const Session &) = delete;
  Session &operator=(const Session &) = delete;

private:
  void shutdown() {
    if (conn_)
      PQfinish(conn_);
    conn_ = nullptr;
  }
  PGconn *conn_;
};

class Client {
public:
  explicit Client(const char *ci) : conn_(PQconnectdb(ci)) {}
  void close() {
    PQfinish(conn_);
    conn_ = nullptr;
  }
  ~Client() {}
  Client(const Client &) = delete;
  Client &operator=(const Client &) = delete;

private:
  PGconn *conn_;
};

// Positive: an empty destructor.
class Cursor {
public:
  explicit Cursor(sqlite3 *db) {
    sqlite3_prepare_v2(db, "SELECT 1", -1, &stmt_, nullptr);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: sqlite3_stmt 'stmt_' acquired by 'Cursor' is not released on every path; release it with 'sqlite3_finalize' [dbleak-leak]
  }
  ~Cursor() {}
  // CHECK-MESSAGES: :[[@LINE-1]]:14: note: 'stmt_' leaks when the object is destroyed here
  Cursor(const Cursor &) = delete;
  Cursor &operator=(const Cursor &) = delete;

private:
  sqlite3_stmt *stmt_ = nullptr;
};
