// RUN: %check_dbleak %s dbleak-unfinished-transaction %t -- -- %libflags
#include <sql.h>
#include <sqlext.h>

/* Positive: ODBC autocommit off, the failure path returns without
 * SQLEndTran. */
int import_rows(SQLHDBC dbc, SQLHSTMT stmt) {
  SQLSetConnectAttr(dbc, SQL_ATTR_AUTOCOMMIT, (SQLPOINTER)SQL_AUTOCOMMIT_OFF, 0);
  if (!SQL_SUCCEEDED(SQLExecDirect(stmt, (SQLCHAR *)"INSERT INTO t SELECT * FROM s", SQL_NTS)))
    return -1;
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: transaction begun on 'dbc' by 'SQLSetConnectAttr' is not committed or rolled back on every path [dbleak-unfinished-transaction]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the transaction on 'dbc' is still open when the function returns here
  SQLEndTran(SQL_HANDLE_DBC, dbc, SQL_COMMIT);
  return 0;
}

/* Negative: rolled back on failure. */
int import_rows_ok(SQLHDBC dbc, SQLHSTMT stmt) {
  SQLSetConnectAttr(dbc, SQL_ATTR_AUTOCOMMIT, (SQLPOINTER)SQL_AUTOCOMMIT_OFF, 0);
  if (!SQL_SUCCEEDED(SQLExecDirect(stmt, (SQLCHAR *)"INSERT INTO t SELECT * FROM s", SQL_NTS))) {
    SQLEndTran(SQL_HANDLE_DBC, dbc, SQL_ROLLBACK);
    return -1;
  }
  SQLEndTran(SQL_HANDLE_DBC, dbc, SQL_COMMIT);
  return 0;
}
