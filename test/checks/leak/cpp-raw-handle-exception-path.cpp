// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Seed 000 in C++: the cleanup of a raw libpq handle is skipped when a
// helper throws, the exception path of a session generator.
#include <libpq-fe.h>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

struct Row {
  std::string name;
};

static Row parse_row(PGresult *res, int i) {
  if (PQgetisnull(res, i, 0))
    throw std::runtime_error("null name");
  return Row{PQgetvalue(res, i, 0)};
}

// parse_row can throw while 'res' is a raw handle: the PQclear is skipped.
std::vector<Row> load_rows(PGconn *conn) {
  std::vector<Row> rows;
  PGresult *res = PQexec(conn, "SELECT name FROM users");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: PGresult 'res' acquired by 'PQexec' is not released on every path; release it with 'PQclear' [dbleak-leak]
  for (int i = 0; i < PQntuples(res); ++i)
    rows.push_back(parse_row(res, i));
  // CHECK-MESSAGES: :[[@LINE-1]]:20: note: 'res' leaks if 'parse_row' throws here
  PQclear(res);
  return rows;
}

// An explicit throw on the error branch, labelled as an exception path.
int count_users(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT count(*) FROM users");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: PGresult 'res' acquired by 'PQexec' is not released on every path
  if (PQresultStatus(res) != PGRES_TUPLES_OK)
    throw std::runtime_error(PQerrorMessage(conn));
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'res' leaks when the exception is thrown here
  int n = std::stoi(PQgetvalue(res, 0, 0));
  PQclear(res);
  return n;
}

// Fixed with a guard: nothing to report.
std::vector<Row> load_rows_guarded(PGconn *conn) {
  std::vector<Row> rows;
  std::unique_ptr<PGresult, decltype(&PQclear)> res(
      PQexec(conn, "SELECT name FROM users"), &PQclear);
  for (int i = 0; i < PQntuples(res.get()); ++i)
    rows.push_back(parse_row(res.get(), i));
  return rows;
}

// Caught inside: the release still runs.
std::vector<Row> load_rows_caught(PGconn *conn) {
  std::vector<Row> rows;
  PGresult *res = PQexec(conn, "SELECT name FROM users");
  try {
    for (int i = 0; i < PQntuples(res); ++i)
      rows.push_back(parse_row(res, i));
  } catch (const std::exception &) {
    rows.clear();
  }
  PQclear(res);
  return rows;
}
