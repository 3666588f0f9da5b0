// RUN: %check_dbleak %s dbleak-guard-escape %t -- -- %libflags
// A soci::session is a guard: it closes its connection when it goes out of
// scope, while a detached thread may still be using it.
#include <soci/soci.h>
#include <string>
#include <thread>

void audit_async(const std::string &connect, const std::string &what) {
  soci::session sql(connect);
  std::thread([&sql, what] {
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: soci::session owned by 'sql' is captured by reference by a detached thread; it may run after 'sql' is destroyed at the end of 'audit_async' [dbleak-guard-escape]
    // CHECK-MESSAGES: :[[@LINE-3]]:17: note: 'sql' releases the handle when it goes out of scope
    sql << "insert into audit(what) values(:w)", soci::use(what);
  }).detach();
}

// Negative: the thread opens its own session.
void audit_async_ok(const std::string &connect, const std::string &what) {
  std::thread([connect, what] {
    soci::session sql(connect);
    sql << "insert into audit(what) values(:w)", soci::use(what);
  }).detach();
}
