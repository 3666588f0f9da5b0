// RUN: %check_dbleak %s dbleak-unfinished-transaction %t -- -- %libflags
#include <dbi/dbi.h>

/* Positive: the transaction stays open when the insert fails. */
int move_job(dbi_conn conn, int id) {
  if (dbi_conn_transaction_begin(conn) != 0)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: transaction begun on 'conn' by 'dbi_conn_transaction_begin' is not committed or rolled back on every path [dbleak-unfinished-transaction]
  // CHECK-MESSAGES: :[[@LINE-2]]:7: note: taking the false branch
  // CHECK-MESSAGES: :[[@LINE+4]]:7: note: taking the true branch
  // CHECK-MESSAGES: :[[@LINE+4]]:5: note: the transaction on 'conn' is still open when the function returns here
    return -1;
  dbi_result r = dbi_conn_queryf(conn, "INSERT INTO done SELECT * FROM jobs WHERE id = %d", id);
  if (!r)
    return -1;
  dbi_result_free(r);
  return dbi_conn_transaction_commit(conn);
}

/* Positive: a transaction begun through SQL text. */
int touch(dbi_conn conn) {
  dbi_result_free(dbi_conn_query(conn, "BEGIN"));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: transaction begun on 'conn' by 'dbi_conn_query' is not committed or rolled back on every path [dbleak-unfinished-transaction]
  // CHECK-MESSAGES: :[[@LINE+3]]:7: note: taking the true branch
  // CHECK-MESSAGES: :[[@LINE+3]]:5: note: the transaction on 'conn' is still open when the function returns here
  dbi_result r = dbi_conn_query(conn, "UPDATE jobs SET seen = 1");
  if (!r)
    return -1;
  dbi_result_free(r);
  dbi_result_free(dbi_conn_query(conn, "COMMIT"));
  return 0;
}

/* Negative: rolled back on failure, and a failed begin opened nothing. */
int move_job_ok(dbi_conn conn, int id) {
  if (dbi_conn_transaction_begin(conn) != 0)
    return -1;
  dbi_result r = dbi_conn_queryf(conn, "INSERT INTO done SELECT * FROM jobs WHERE id = %d", id);
  if (!r) {
    dbi_conn_transaction_rollback(conn);
    return -1;
  }
  dbi_result_free(r);
  return dbi_conn_transaction_commit(conn);
}
