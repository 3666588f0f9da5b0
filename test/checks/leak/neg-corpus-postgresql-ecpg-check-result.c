// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// RUN: %check_dbleak %s dbleak-unfinished-transaction %t.tx -- -- %libflags
// XFAIL: *
// ENGINE-BUG: ecpg_check_PQresult (another TU) releases its argument exactly when it returns false; without its body the engine treats it as a plain use. Not fixable by summaries; would need a catalog form for 'releases arg N when it returns 0/false' (a CatalogFiles entry for the project) and BEGIN failing when its result is rejected
// Reduced from postgresql-15 15.18-0+deb12u1
// src/interfaces/ecpg/ecpglib/misc.c (ECPGtrans; same in connect.c,
// descriptor.c, execute.c, prepare.c): ecpg_check_PQresult() is defined in
// another translation unit (ecpglib/error.c) and PQclear()s the result
// whenever it returns false; a failed BEGIN starts no transaction.
#include <libpq-fe.h>
#include <stdbool.h>

enum COMPAT_MODE { ECPG_COMPAT_PGSQL = 0 };

/* ecpglib_extern.h; error.c: returns false after PQclear(results) */
bool ecpg_check_PQresult(PGresult *results, int lineno, PGconn *connection,
                         enum COMPAT_MODE compat);

/* Expected: nothing. */
bool ECPGtrans(int lineno, PGconn *conn, const char *transaction) {
  PGresult *res;
  if (PQtransactionStatus(conn) == PQTRANS_IDLE) {
    res = PQexec(conn, "begin transaction");
    if (!ecpg_check_PQresult(res, lineno, conn, ECPG_COMPAT_PGSQL))
      return false;
    PQclear(res);
  }
  res = PQexec(conn, transaction);
  if (!ecpg_check_PQresult(res, lineno, conn, ECPG_COMPAT_PGSQL))
    return false;
  PQclear(res);
  return true;
}
