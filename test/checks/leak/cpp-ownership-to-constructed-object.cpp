// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <libpq-fe.h>
#include <sqlite3.h>
#include <memory>
#include <list>

/* A result set that owns its PGresult: the destructor clears it. */
class ResultSet {
public:
  ResultSet(PGresult *res, int rows) : res_(res), rows_(rows) {}
  ~ResultSet() { PQclear(res_); }
  ResultSet(const ResultSet &) = delete;
  ResultSet &operator=(const ResultSet &) = delete;
  int rows() const { return rows_; }

private:
  PGresult *res_;
  int rows_;
};

class Statement {
public:
  explicit Statement(sqlite3_stmt *stmt) : stmt_(stmt) {}
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement &) = delete;
  Statement &operator=(const Statement &) = delete;

private:
  sqlite3_stmt *stmt_;
};

/* Expected: nothing; make_unique hands the result to ResultSet, whose
 * destructor clears it. */
std::unique_ptr<ResultSet> query(PGconn *conn, const char *sql) {
  PGresult *raw = PQexec(conn, sql);
  if (PQresultStatus(raw) != PGRES_TUPLES_OK) {
    PQclear(raw);
    return nullptr;
  }
  int n = PQntuples(raw);
  return std::make_unique<ResultSet>(raw, n);
}

/* Expected: nothing; the same through make_shared and new. */
std::shared_ptr<ResultSet> query_shared(PGconn *conn, const char *sql) {
  PGresult *raw = PQexec(conn, sql);
  return std::make_shared<ResultSet>(raw, PQntuples(raw));
}

Statement *prepare(sqlite3 *db, const char *sql) {
  sqlite3_stmt *stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK)
    return nullptr;
  return new Statement(stmt);
}

/* Expected: nothing; emplace_back constructs a Statement from it. */
void prepare_all(sqlite3 *db, std::list<Statement> &out,
                 const char *const *sql, int n) {
  for (int i = 0; i < n; ++i) {
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql[i], -1, &stmt, nullptr) != SQLITE_OK)
      return;
    out.emplace_back(stmt);
  }
}

/* Still a leak: the object is built from something else. */
std::unique_ptr<ResultSet> query_wrong(PGconn *conn, const char *sql) {
  PGresult *raw = PQexec(conn, sql);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: PGresult 'raw' acquired by 'PQexec' is not released on every path; release it with 'PQclear' [dbleak-leak]
  int n = PQntuples(raw);
  return std::make_unique<ResultSet>(nullptr, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'raw' leaks when the function returns here
}
