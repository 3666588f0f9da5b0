// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <dbi/dbi.h>
#include <stdio.h>

/* libdbi's handles are all `void *` (dbi_conn, dbi_result, dbi_inst): the
 * catalog's kinds, not the C types, tell them apart. */

/* Positive: the result leaks when it has no row. */
long long count_users(dbi_conn conn) {
  dbi_result res = dbi_conn_query(conn, "SELECT count(*) AS n FROM users");
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: dbi_result 'res' acquired by 'dbi_conn_query' is not released on every path; release it with 'dbi_result_free' [dbleak-leak]
  // CHECK-MESSAGES: :[[@LINE+3]]:7: note: taking the false branch
  // CHECK-MESSAGES: :[[@LINE+4]]:7: note: taking the true branch
  // CHECK-MESSAGES: :[[@LINE+4]]:5: note: 'res' leaks when the function returns here
  if (!res)
    return -1;
  if (!dbi_result_next_row(res))
    return -1;
  long long n = dbi_result_get_longlong(res, "n");
  dbi_result_free(res);
  return n;
}

/* Positive: a formatted query's result leaks on the early return. */
int user_exists(dbi_conn conn, int id) {
  dbi_result res = dbi_conn_queryf(conn, "SELECT 1 FROM users WHERE id = %d", id);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: dbi_result 'res' acquired by 'dbi_conn_queryf' is not released on every path; release it with 'dbi_result_free' [dbleak-leak]
  // CHECK-MESSAGES: :[[@LINE+2]]:7: note: taking the true branch
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'res' leaks when the function returns here
  if (dbi_result_get_numrows(res) == 0)
    return 0;
  dbi_result_free(res);
  return 1;
}

/* Positive: dbi_initialize_r stores the instance before it looks for
 * drivers, so a failed call (-1) still leaves one to shut down. */
int count_drivers(const char *driverdir) {
  dbi_inst inst;
  int n = dbi_initialize_r(driverdir, &inst);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: dbi_inst 'inst' acquired by 'dbi_initialize_r' is not released on every path; release it with 'dbi_shutdown_r' [dbleak-leak]
  // CHECK-MESSAGES: :[[@LINE+2]]:7: note: taking the true branch
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'inst' leaks when the function returns here
  if (n < 0)
    return -1;
  dbi_shutdown_r(inst);
  return n;
}

/* Positive: the connection leaks (until the instance is shut down) when
 * connecting fails. */
dbi_conn open_db(dbi_inst inst, const char *host) {
  dbi_conn conn = dbi_conn_new_r("pgsql", inst);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: dbi_conn 'conn' acquired by 'dbi_conn_new_r' is not released on every path; release it with 'dbi_conn_close' [dbleak-leak]
  // CHECK-MESSAGES: :[[@LINE+3]]:7: note: taking the false branch
  // CHECK-MESSAGES: :[[@LINE+5]]:7: note: taking the true branch
  // CHECK-MESSAGES: :[[@LINE+6]]:5: note: 'conn' leaks when the function returns here
  if (!conn)
    return NULL;
  dbi_conn_set_option(conn, "host", host);
  if (dbi_conn_connect(conn) < 0) {
    fprintf(stderr, "cannot connect to %s\n", host);
    return NULL;
  }
  return conn;
}

/* Negative: every path frees what it acquired; a NULL result is nothing. */
long long count_users_ok(dbi_conn conn) {
  dbi_result res = dbi_conn_query(conn, "SELECT count(*) AS n FROM users");
  if (!res)
    return -1;
  long long n = -1;
  if (dbi_result_next_row(res))
    n = dbi_result_get_longlong(res, "n");
  dbi_result_free(res);
  return n;
}

/* Negative: the instance is shut down on the failure path too, the
 * connection closed before it. */
int ping_db(const char *driverdir) {
  dbi_inst inst;
  int ok = 0;
  if (dbi_initialize_r(driverdir, &inst) < 0) {
    dbi_shutdown_r(inst);
    return -1;
  }
  dbi_conn conn = dbi_conn_new_r("sqlite3", inst);
  if (conn) {
    ok = dbi_conn_connect(conn) == 0 && dbi_conn_ping(conn);
    dbi_conn_close(conn);
  }
  dbi_shutdown_r(inst);
  return ok;
}
