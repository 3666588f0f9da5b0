// RUN: %check_dbleak %s dbleak-mismatched-release %t -- -- %libflags
#include <dbi/dbi.h>
#include <stdlib.h>

/* dbi_conn and dbi_result are both `void *`: the compiler accepts either
 * release function on either handle. */

/* Positive: a result "closed" like a connection. */
int has_rows(dbi_conn conn) {
  dbi_result res = dbi_conn_query(conn, "SELECT 1 FROM jobs LIMIT 1");
  if (!res)
    return -1;
  int n = dbi_result_get_numrows(res) > 0;
  dbi_conn_close(res);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: dbi_result 'res' is released with 'dbi_conn_close'; use 'dbi_result_free' [dbleak-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-6]]:20: note: 'res' was acquired here
  // CHECK-MESSAGES: :[[@LINE-6]]:7: note: taking the false branch
  return n;
}

/* Positive: a result handed to free(). */
int has_rows_free(dbi_conn conn) {
  dbi_result res = dbi_conn_query(conn, "SELECT 1 FROM jobs LIMIT 1");
  if (!res)
    return -1;
  int n = dbi_result_get_numrows(res) > 0;
  free(res);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: dbi_result 'res' is released with 'free'; use 'dbi_result_free' [dbleak-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-6]]:20: note: 'res' was acquired here
  // CHECK-MESSAGES: :[[@LINE-6]]:7: note: taking the false branch
  return n;
}

/* Negative: dbi_result_free for the result, free() for the copied string. */
char *first_name(dbi_conn conn) {
  dbi_result res = dbi_conn_query(conn, "SELECT name FROM users LIMIT 1");
  if (!res)
    return NULL;
  char *name = NULL;
  if (dbi_result_next_row(res))
    name = dbi_result_get_string_copy(res, "name");
  dbi_result_free(res);
  return name;
}
