// RUN: %check_dbleak %s dbleak-guard-escape %t -- -- %libflags
// Where the fix is certain, the guard is handed to the task: moved into a
// thread's lambda (a unique_ptr), or shared with it (a shared_ptr).
#include <functional>
#include <libpq-fe.h>
#include <memory>
#include <string>
#include <thread>

using PgConnPtr = std::unique_ptr<PGconn, decltype(&PQfinish)>;

void export_rows(const std::string &conninfo) {
  PgConnPtr conn(PQconnectdb(conninfo.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK)
    return;
  std::thread([&conn] { PQclear(PQexec(conn.get(), "COPY t TO STDOUT")); })
      .detach();
  // CHECK-MESSAGES: :[[@LINE-2]]:15: warning: PGconn owned by 'conn' is captured by reference by a detached thread; it may run after 'conn' is destroyed at the end of 'export_rows' [dbleak-guard-escape]
  // CHECK-FIXES: std::thread([conn = std::move(conn)] { PQclear(PQexec(conn.get(), "COPY t TO STDOUT")); })
}

std::function<void()> g_flush;

void install_flush(const std::string &conninfo) {
  std::shared_ptr<PGconn> conn(PQconnectdb(conninfo.c_str()), &PQfinish);
  g_flush = [&conn] { PQclear(PQexec(conn.get(), "NOTIFY flush")); };
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: PGconn owned by 'conn' is captured by reference by a callback stored in 'g_flush'
  // CHECK-FIXES: g_flush = [conn] { PQclear(PQexec(conn.get(), "NOTIFY flush")); };
}

// Still used after the thread starts: moving it would break the caller's
// code, so no fix is offered.
void export_and_report(const std::string &conninfo) {
  PgConnPtr conn(PQconnectdb(conninfo.c_str()), &PQfinish);
  std::thread([&conn] { PQclear(PQexec(conn.get(), "COPY t TO STDOUT")); })
      .detach();
  // CHECK-MESSAGES: :[[@LINE-2]]:15: warning: PGconn owned by 'conn' is captured by reference by a detached thread
  // CHECK-FIXES: std::thread([&conn] { PQclear(PQexec(conn.get(), "COPY t TO STDOUT")); })
  PQclear(PQexec(conn.get(), "SELECT 1"));
}
