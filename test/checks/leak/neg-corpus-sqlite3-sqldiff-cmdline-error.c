// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Reduced from sqlite3 3.40.1-2+deb12u2 tool/sqldiff.c (main): the error
// message of sqlite3_exec is only set when the call fails, and then
// cmdlineError() ends the process.
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static void cmdlineError(const char *zFormat, ...) {
  va_list ap;
  va_start(ap, zFormat);
  vfprintf(stderr, zFormat, ap);
  va_end(ap);
  fprintf(stderr, "\n");
  exit(1);
}

/* Expected: nothing. */
int main(int argc, char **argv) {
  sqlite3 *db;
  char *zErrMsg = 0;
  int rc;
  if (argc < 2)
    return 1;
  rc = sqlite3_open(argv[1], &db);
  if (rc)
    cmdlineError("cannot open database file \"%s\"", argv[1]);
  rc = sqlite3_exec(db, "SELECT * FROM sqlite_schema", 0, 0, &zErrMsg);
  if (rc || zErrMsg)
    cmdlineError("\"%s\" does not appear to be a valid SQLite database", argv[1]);
  rc = sqlite3_exec(db, "SELECT * FROM aux.sqlite_schema", 0, 0, &zErrMsg);
  if (rc || zErrMsg)
    cmdlineError("\"%s\" does not appear to be a valid SQLite database", argv[1]);
  sqlite3_close(db);
  return 0;
}
