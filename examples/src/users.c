#include "service.h"
#include <stdio.h>
#include <stdlib.h>

/* Opens the users database. A failed PQconnectdb still allocates a PGconn
 * that must be finished. */
PGconn *users_connect(const struct service_config *cfg) {
  PGconn *conn = PQconnectdb(cfg->pg_conninfo);
  if (PQstatus(conn) != CONNECTION_OK) {
    fprintf(stderr, "users: cannot connect: %s", PQerrorMessage(conn));
    return NULL; /* BUG: conn leaks */
  }
  PQexec(conn, "SET application_name = 'inventory'"); /* BUG: result dropped */
  return conn;
}

int users_count_active(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT count(*) FROM users WHERE active");
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    fprintf(stderr, "users: count failed: %s", PQerrorMessage(conn));
    return -1; /* BUG: res leaks on the error branch */
  }
  int n = atoi(PQgetvalue(res, 0, 0));
  PQclear(res);
  return n;
}

/* Renames a user inside a transaction; the error path forgets ROLLBACK and
 * the pooled connection goes back to the pool mid-transaction. */
int users_rename(PGconn *conn, const char *id, const char *name) {
  PQclear(PQexec(conn, "BEGIN"));
  const char *params[2] = {name, id};
  PGresult *res = PQexecParams(conn, "UPDATE users SET name = $1 WHERE id = $2",
                               2, NULL, params, NULL, NULL, 0);
  if (PQresultStatus(res) != PGRES_COMMAND_OK) {
    PQclear(res);
    return -1; /* BUG: transaction left open */
  }
  PQclear(res);
  PQclear(PQexec(conn, "COMMIT"));
  return 0;
}

int users_touch_all(PGconn *conn, const char *const *ids, int n) {
  PGresult *res = NULL;
  for (int i = 0; i < n; i++) {
    const char *params[1] = {ids[i]};
    res = PQexecParams(conn, "UPDATE users SET seen = now() WHERE id = $1", 1,
                       NULL, params, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
      break;
    PQclear(res);
  }
  PQclear(res); /* BUG: double release after a clean loop */
  return 0;
}
