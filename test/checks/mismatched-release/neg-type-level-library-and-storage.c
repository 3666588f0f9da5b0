// RUN: %check_dbleak %s dbleak-mismatched-release %t -- -- %libflags
// Where a declared type does not decide: the library's own implementation,
// caller-provided storage, releases of an attached state.
#include <hiredis.h>
#include <mysql.h>
#include <sql.h>
#include <sqlext.h>
#include <stdlib.h>

/* A file that defines the library's release functions is the library: it
   frees its own structs as it likes (a stand-in for hiredis's own
   hiredis.c). */
static void free_context(redisContext *c) { free(c); }
void redisFree(redisContext *c) {
  if (c)
    free_context(c);
}

/* mysql_init(&storage) initializes storage the caller owns: after
   mysql_close, free() on it is right. */
struct worker {
  MYSQL *db;
};
void worker_stop(struct worker *w) {
  mysql_close(w->db);
  free(w->db);
}

/* SQLDisconnect and SQLEndTran end a state of the connection handle. */
void odbc_stop(SQLHDBC dbc) {
  SQLEndTran(SQL_HANDLE_DBC, dbc, SQL_COMMIT);
  SQLDisconnect(dbc);
}
