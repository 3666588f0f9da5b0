// RUN: %check_dbleak %s dbleak-mismatched-release %t -- -- %libflags
// A smart pointer's deleter must release the kind it points to.
#include <cstdlib>
#include <hiredis.h>
#include <libpq-fe.h>
#include <memory>
#include <sqlite3.h>

struct FreeDeleter {
  void operator()(void *p) const { std::free(p); }
};

struct PgResultDeleter {
  void operator()(PGresult *r) const { PQclear(r); }
};

struct Session {
  /* Positive: a member whose deleter type names free(). */
  std::unique_ptr<PGconn, decltype(&std::free)> conn{nullptr, &std::free};
  // CHECK-MESSAGES: :[[@LINE-1]]:49: warning: PGconn 'conn' is released with 'free'; use 'PQfinish' [dbleak-mismatched-release]
  /* Negative: the right deleter. */
  std::unique_ptr<PGresult, PgResultDeleter> last;
};

void query(PGconn *c) {
  /* Positive: a deleter struct whose call operator frees. */
  std::unique_ptr<PGresult, FreeDeleter> res(PQexec(c, "SELECT 1"));
  // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: PGresult 'res' is released with 'free'; use 'PQclear' [dbleak-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-19]]:36: note: its deleter releases it with 'free' here
  /* Negative: the right release, as a function pointer type. */
  std::unique_ptr<PGresult, decltype(&PQclear)> ok(PQexec(c, "SELECT 2"),
                                                   &PQclear);
  /* Negative: char * is memory of any library. */
  std::unique_ptr<char, decltype(&PQfreemem)> text(PQescapeLiteral(c, "x", 1),
                                                   &PQfreemem);
}

void cache(redisContext *ctx) {
  /* Positive: a shared_ptr built with a lambda that frees. */
  std::shared_ptr<redisReply> reply(
      static_cast<redisReply *>(redisCommand(ctx, "PING")),
      [](void *p) { std::free(p); });
  // CHECK-MESSAGES: :[[@LINE-3]]:31: warning: redisReply 'reply' is released with 'free'; use 'freeReplyObject' [dbleak-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-2]]:21: note: its deleter releases it with 'free' here
  /* Negative: the right release. */
  std::shared_ptr<redisReply> ok(
      static_cast<redisReply *>(redisCommand(ctx, "PING")),
      freeReplyObject);
  /* Negative: the right deleter, as a lambda in the type. */
  auto finalize = [](sqlite3_stmt *s) { sqlite3_finalize(s); };
  std::unique_ptr<sqlite3_stmt, decltype(finalize)> stmt(nullptr, finalize);
}
