// RUN: %check_dbleak %s dbleak-copyable-owner %t -- -- %libflags
// A class that releases a raw handle member in its destructor and can be
// copied: every copy releases the same handle again.
#include <cstdlib>
#include <libpq-fe.h>
#include <memory>
#include <sqlite3.h>
#include <string>

/* Positive: the rule of three, broken. */
class Db {
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: class 'Db' releases 'conn_' (PGconn) in its destructor but is copyable; every copy releases the same handle twice [dbleak-copyable-owner]
public:
  explicit Db(const char *info) : conn_(PQconnectdb(info)) {}
  ~Db() { PQfinish(conn_); }
  // CHECK-MESSAGES: :[[@LINE-1]]:11: note: 'conn_' is released here when a 'Db' is destroyed

private:
  PGconn *conn_;
};

/* Positive: a struct, the release through this->, the destructor out of
   line; only the copy assignment is left implicit. */
struct Stmt {
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: class 'Stmt' releases 'stmt' (sqlite3_stmt) in its destructor but is copyable; every copy releases the same handle twice [dbleak-copyable-owner]
  Stmt(sqlite3 *db, const char *sql) {
    sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
  }
  Stmt(const Stmt &) = delete;
  ~Stmt();
  sqlite3_stmt *stmt = nullptr;
};
Stmt::~Stmt() {
  if (this->stmt)
    sqlite3_finalize(this->stmt);
}

/* Negative: the copies are deleted. */
class NoCopy {
public:
  NoCopy(const NoCopy &) = delete;
  NoCopy &operator=(const NoCopy &) = delete;
  ~NoCopy() { PQfinish(conn_); }

private:
  PGconn *conn_ = nullptr;
};

/* Negative: the copies are written by hand (they reconnect). */
class Reconnecting {
public:
  Reconnecting(const Reconnecting &o) : conn_(PQconnectdb(o.info_.c_str())) {}
  Reconnecting &operator=(const Reconnecting &o) {
    if (this != &o) {
      PQfinish(conn_);
      conn_ = PQconnectdb(o.info_.c_str());
    }
    return *this;
  }
  ~Reconnecting() { PQfinish(conn_); }

private:
  std::string info_;
  PGconn *conn_ = nullptr;
};

/* Negative: move-only; declaring the moves deletes the copies. */
class MoveOnly {
public:
  MoveOnly(MoveOnly &&o) noexcept : conn_(o.conn_) { o.conn_ = nullptr; }
  MoveOnly &operator=(MoveOnly &&o) noexcept {
    std::swap(conn_, o.conn_);
    return *this;
  }
  ~MoveOnly() { PQfinish(conn_); }

private:
  PGconn *conn_ = nullptr;
};

/* Negative: a std::unique_ptr member makes it non-copyable. */
class WithUnique {
public:
  ~WithUnique() { sqlite3_close(db_); }

private:
  sqlite3 *db_ = nullptr;
  std::unique_ptr<int> scratch_;
};

/* Negative: a non-copyable base makes it non-copyable. */
struct NonCopyable {
  NonCopyable() = default;
  NonCopyable(const NonCopyable &) = delete;
  NonCopyable &operator=(const NonCopyable &) = delete;
};
class Derived : NonCopyable {
public:
  ~Derived() { PQclear(res_); }

private:
  PGresult *res_ = nullptr;
};

/* Negative: the member is released elsewhere, not in the destructor. */
class Closer {
public:
  void close() {
    PQfinish(conn_);
    conn_ = nullptr;
  }
  ~Closer() {}

private:
  PGconn *conn_ = nullptr;
};

/* Negative: a char * member is memory, not a handle. */
class Buffer {
public:
  ~Buffer() { std::free(data_); }

private:
  char *data_ = nullptr;
};

/* Negative: the handle is not a member of this object. */
PGconn *shared_conn;
class Borrower {
public:
  ~Borrower() { PQfinish(shared_conn); }
};

/* Negative: class templates are not analyzed (each instantiation may hold
   another type), not even their instantiations. */
template <class Tag> class Tagged {
public:
  ~Tagged() { PQfinish(conn_); }

private:
  PGconn *conn_ = nullptr;
};
Tagged<int> tagged_instance;

/* Negative: an explicitly private, undefined copy (the C++03 idiom). */
class Old {
public:
  ~Old() { PQfinish(conn_); }

private:
  Old(const Old &);
  Old &operator=(const Old &);
  PGconn *conn_ = nullptr;
};
