// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>

/* A same-file helper that returns a fresh statement is an acquirer at its
 * call sites, and a helper that frees its parameter is a releaser. */

struct app_db {
  SQLHDBC dbc;
  int verbose;
};

static SQLHSTMT app_db_exec(struct app_db *db, const char *sql) {
  SQLHSTMT stmt;
  if (SQLAllocHandle(SQL_HANDLE_STMT, db->dbc, &stmt) != SQL_SUCCESS)
    return SQL_NULL_HSTMT;
  if (db->verbose)
    fprintf(stderr, "sql: %s\n", sql);
  if (!SQL_SUCCEEDED(SQLExecDirect(stmt, (SQLCHAR *)sql, SQL_NTS))) {
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    return SQL_NULL_HSTMT;
  }
  return stmt;
}

static void app_db_done(SQLHSTMT stmt) {
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
}

/* Expected: the statement from app_db_exec leaks when the fetch finds no
 * row. */
int load_feature_flag(struct app_db *db, const char *flag) {
  SQLINTEGER enabled = 0;
  char sql[128];

  snprintf(sql, sizeof sql, "SELECT enabled FROM flags WHERE name = '%s'",
           flag);
  SQLHSTMT stmt = app_db_exec(db, sql);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: SQLHSTMT 'stmt' acquired by 'app_db_exec' is not released on every path; release it with 'SQLFreeHandle' [dbleak-leak]
  if (stmt == SQL_NULL_HSTMT)
    return -1;
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: taking the false branch
  if (SQLFetch(stmt) != SQL_SUCCESS)
    return 0;
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: taking the true branch
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'stmt' leaks when the function returns here
  SQLGetData(stmt, 1, SQL_C_SLONG, &enabled, 0, NULL);
  app_db_done(stmt);
  return enabled != 0;
}

/* Expected: nothing; app_db_done frees the statement on both paths. */
int load_feature_flag_fixed(struct app_db *db, const char *flag) {
  SQLINTEGER enabled = 0;
  char sql[128];

  snprintf(sql, sizeof sql, "SELECT enabled FROM flags WHERE name = '%s'",
           flag);
  SQLHSTMT stmt = app_db_exec(db, sql);
  if (stmt == SQL_NULL_HSTMT)
    return -1;
  if (SQLFetch(stmt) != SQL_SUCCESS) {
    app_db_done(stmt);
    return 0;
  }
  SQLGetData(stmt, 1, SQL_C_SLONG, &enabled, 0, NULL);
  app_db_done(stmt);
  return enabled != 0;
}
