// RUN: %check_dbleak %s dbleak-overwrite %t -- -- %libflags
#include <dbi/dbi.h>

/* Positive: the first result is overwritten by the second query. */
int refresh(dbi_conn conn) {
  dbi_result res = dbi_conn_query(conn, "UPDATE stats SET n = n + 1");
  res = dbi_conn_query(conn, "SELECT n FROM stats");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: dbi_result 'res' acquired by 'dbi_conn_query' is overwritten before it is released; release it with 'dbi_result_free' [dbleak-overwrite]
  // CHECK-MESSAGES: :[[@LINE-3]]:20: note: 'res' was acquired here
  int ok = res && dbi_result_next_row(res);
  dbi_result_free(res);
  return ok;
}

/* Negative: freed before the variable is reused. */
int refresh_ok(dbi_conn conn) {
  dbi_result res = dbi_conn_query(conn, "UPDATE stats SET n = n + 1");
  dbi_result_free(res);
  res = dbi_conn_query(conn, "SELECT n FROM stats");
  int ok = res && dbi_result_next_row(res);
  dbi_result_free(res);
  return ok;
}
