// RUN: %check_dbleak %s dbleak-guard-escape %t -- -- %libflags
// Seed 003 with libpqxx: the response streamer runs on a detached thread
// that still uses the request's connection after the handler returned and
// the connection was closed.
#include <pqxx/pqxx>
#include <string>
#include <thread>

void stream_chat(const std::string &conninfo, const std::string &text) {
  pqxx::connection conn(conninfo);
  std::thread([&conn, text] {
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: pqxx::connection owned by 'conn' is captured by reference by a detached thread; it may run after 'conn' is destroyed at the end of 'stream_chat' [dbleak-guard-escape]
    pqxx::work w(conn);
    w.exec("INSERT INTO messages(body) VALUES (" + w.quote(text) + ")");
    w.commit();
  }).detach();
}

// The fix from the incident: the worker opens its own connection.
void stream_chat_fixed(const std::string &conninfo, const std::string &text) {
  std::thread([conninfo, text] {
    pqxx::connection conn(conninfo);
    pqxx::work w(conn);
    w.exec("INSERT INTO messages(body) VALUES (" + w.quote(text) + ")");
    w.commit();
  }).detach();
}
