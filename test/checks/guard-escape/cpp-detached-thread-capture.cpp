// RUN: %check_dbleak %s dbleak-guard-escape %t -- -- %libflags
// Seed 003 in C++: a streaming worker captures the request's connection by
// reference and keeps running after the request scope finished it.
#include <libpq-fe.h>
#include <functional>
#include <memory>
#include <thread>

using PgConnPtr = std::unique_ptr<PGconn, decltype(&PQfinish)>;

void stream_response(const char *conninfo, int chunks) {
  PgConnPtr conn(PQconnectdb(conninfo), &PQfinish);
  std::thread worker([&conn, chunks] {
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: PGconn owned by 'conn' is captured by reference by a detached thread; it may run after 'conn' is destroyed at the end of 'stream_response' [dbleak-guard-escape]
    for (int i = 0; i < chunks; ++i)
      PQclear(PQexec(conn.get(), "SELECT pg_sleep(0.1)"));
  });
  worker.detach();
}

std::function<void()> make_flusher(const char *conninfo) {
  PgConnPtr conn(PQconnectdb(conninfo), &PQfinish);
  return [&conn] { PQclear(PQexec(conn.get(), "NOTIFY flush")); };
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: PGconn owned by 'conn' is captured by reference by a lambda returned from 'make_flusher'; it may run after 'conn' is destroyed at the end of 'make_flusher'
}

// Joined before the scope ends: the thread does not outlive the guard.
void stream_response_joined(const char *conninfo) {
  PgConnPtr conn(PQconnectdb(conninfo), &PQfinish);
  std::thread worker([&conn] { PQclear(PQexec(conn.get(), "SELECT 1")); });
  worker.join();
}
