// RUN: %check_dbleak %s dbleak-use-after-release %t -- -- %libflags
#include <dbi/dbi.h>
#include <stdio.h>

/* Positive: the row count is read from a freed result. */
unsigned long long drop_and_count(dbi_conn conn) {
  dbi_result res = dbi_conn_query(conn, "DELETE FROM sessions WHERE expired");
  if (!res)
    return 0;
  dbi_result_free(res);
  return dbi_result_get_numrows_affected(res);
  // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: dbi_result 'res' is used by 'dbi_result_get_numrows_affected' after it was released [dbleak-use-after-release]
  // CHECK-MESSAGES: :[[@LINE-6]]:20: note: 'res' was acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'res' was released here
  // CHECK-MESSAGES: :[[@LINE-7]]:7: note: taking the false branch
}

/* Positive: the connection is closed twice on the error path. */
void disconnect(dbi_conn conn, int failed) {
  if (failed)
    dbi_conn_close(conn);
  dbi_conn_close(conn);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: dbi_conn 'conn' is released twice [dbleak-use-after-release]
  // CHECK-MESSAGES: :[[@LINE-5]]:26: note: 'conn' was acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'conn' was released here
  // CHECK-MESSAGES: :[[@LINE-6]]:7: note: taking the true branch
}

/* Negative: read, then free; NULL after free may be freed again. */
unsigned long long drop_and_count_ok(dbi_conn conn) {
  dbi_result res = dbi_conn_query(conn, "DELETE FROM sessions WHERE expired");
  if (!res)
    return 0;
  unsigned long long n = dbi_result_get_numrows_affected(res);
  dbi_result_free(res);
  res = NULL;
  dbi_result_free(res);
  return n;
}
