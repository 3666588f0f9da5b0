// RUN: %check_dbleak %s dbleak-mismatched-release %t -- -- %libflags
// SQLHENV, SQLHDBC and SQLHSTMT are all `void *` underneath; Clang keeps
// the typedef a handle is declared with, and SQLFreeHandle's first argument
// selects the kind it frees.
#include <sql.h>
#include <sqlext.h>

struct odbc_conn {
  SQLHENV env;
  SQLHDBC dbc;
  SQLHSTMT stmt;
  SQLHANDLE any;
};

/* Positive: a statement member freed as a connection. */
void odbc_close(struct odbc_conn *c) {
  SQLFreeHandle(SQL_HANDLE_DBC, c->stmt);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: SQLHSTMT 'c->stmt' is released by 'SQLFreeHandle' as another kind of handle; check the argument that selects the kind [dbleak-mismatched-release]
  SQLFreeHandle(SQL_HANDLE_ENV, c->dbc);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: SQLHDBC 'c->dbc' is released by 'SQLFreeHandle' as another kind of handle; check the argument that selects the kind [dbleak-mismatched-release]
  SQLFreeHandle(SQL_HANDLE_ENV, c->env);
}

/* Positive: a parameter declared SQLHSTMT. */
void drop_stmt(SQLHSTMT stmt) {
  SQLFreeHandle(SQL_HANDLE_DBC, stmt);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: SQLHSTMT 'stmt' is released by 'SQLFreeHandle' as another kind of handle; check the argument that selects the kind [dbleak-mismatched-release]
}

/* Negative: the right handle types, and a plain SQLHANDLE, which may be any
   kind. */
void odbc_close_ok(struct odbc_conn *c, int type) {
  SQLFreeHandle(SQL_HANDLE_STMT, c->stmt);
  SQLFreeHandle(SQL_HANDLE_DBC, c->dbc);
  SQLFreeHandle(SQL_HANDLE_ENV, c->env);
  SQLFreeHandle(SQL_HANDLE_DBC, c->any);
  SQLFreeHandle(type, c->stmt);
}
