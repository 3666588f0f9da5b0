// RUN: %check_dbleak %s dbleak-copyable-owner %t -- -- %libflags
// RUN: %clang -fsyntax-only -std=c++17 %libflags %t.cpp
// The fix-it deletes the copies in a public section right after the
// opening brace and gives what follows its access back; the fixed file
// still compiles (a member that is private stays private).
#include <hiredis.h>
#include <libpq-fe.h>
#include <sqlite3.h>

class Db {
  PGconn *conn_;

public:
  explicit Db(const char *info) : conn_(PQconnectdb(info)) {}
  ~Db() { PQfinish(conn_); }
  PGconn *get() { return conn_; }
};
// CHECK-MESSAGES: :[[@LINE-8]]:7: warning: class 'Db' releases 'conn_' (PGconn) in its destructor but is copyable; every copy releases the same handle twice [dbleak-copyable-owner]
// CHECK-FIXES: class Db {
// CHECK-FIXES-NEXT: public:
// CHECK-FIXES-NEXT:   Db(const Db &) = delete;
// CHECK-FIXES-NEXT:   Db &operator=(const Db &) = delete;
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: private:
// CHECK-FIXES-NEXT:   PGconn *conn_;

struct Cache {
  redisContext *ctx = nullptr;
  ~Cache() { redisFree(ctx); }
};
// CHECK-MESSAGES: :[[@LINE-4]]:8: warning: class 'Cache' releases 'ctx' (redisContext) in its destructor but is copyable; every copy releases the same handle twice [dbleak-copyable-owner]
// CHECK-FIXES: struct Cache {
// CHECK-FIXES-NEXT:   Cache(const Cache &) = delete;
// CHECK-FIXES-NEXT:   Cache &operator=(const Cache &) = delete;
// CHECK-FIXES-NEXT:   redisContext *ctx = nullptr;

/* Already in a public section: no access specifier to give back; the copy
   constructor is deleted already, so only the assignment is added. */
class Stmt {
public:
  Stmt(const Stmt &) = delete;
  ~Stmt() { sqlite3_finalize(stmt_); }

private:
  sqlite3_stmt *stmt_ = nullptr;
};
// CHECK-MESSAGES: :[[@LINE-8]]:7: warning: class 'Stmt' releases 'stmt_' (sqlite3_stmt) in its destructor but is copyable; every copy releases the same handle twice [dbleak-copyable-owner]
// CHECK-FIXES: class Stmt {
// CHECK-FIXES-NEXT: public:
// CHECK-FIXES-NEXT:   Stmt &operator=(const Stmt &) = delete;
// CHECK-FIXES-NEXT: public:
// CHECK-FIXES-NEXT:   Stmt(const Stmt &) = delete;

/* A copy written `= default` copies the handle just the same; deleting it
   is the author's call (a second declaration would not compile): no fix. */
struct Defaulted {
  Defaulted() = default;
  Defaulted(const Defaulted &) = default;
  ~Defaulted() { PQfinish(conn); }
  PGconn *conn = nullptr;
};
// CHECK-MESSAGES: :[[@LINE-6]]:8: warning: class 'Defaulted' releases 'conn' (PGconn) in its destructor but is copyable; every copy releases the same handle twice [dbleak-copyable-owner]
// CHECK-FIXES: struct Defaulted {
// CHECK-FIXES-NEXT:   Defaulted() = default;

int use(Db &db) { return PQstatus(db.get()) == CONNECTION_OK; }
