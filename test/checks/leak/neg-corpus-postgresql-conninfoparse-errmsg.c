// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Reduced from postgresql-15 15.18-0+deb12u1
// src/backend/replication/libpqwalreceiver/libpqwalreceiver.c (same pattern
// in src/bin/pg_basebackup/streamutil.c and src/bin/pg_dump/pg_dumpall.c):
// PQconninfoParse sets *errmsg only when it fails (returns NULL); on success
// it is NULL and nothing is owed.
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Expected: nothing. */
char *conninfo_option(const char *conninfo, const char *keyword) {
  PQconninfoOption *opts;
  char *option = NULL;
  char *err = NULL;

  opts = PQconninfoParse(conninfo, &err);
  if (opts == NULL) {
    fprintf(stderr, "invalid connection string syntax: %s\n",
            err ? err : "out of memory");
    PQfreemem(err);
    return NULL;
  }
  for (PQconninfoOption *opt = opts; opt->keyword != NULL; ++opt)
    if (strcmp(opt->keyword, keyword) == 0 && opt->val && *opt->val) {
      free(option);
      option = strdup(opt->val);
    }
  PQconninfoFree(opts);
  return option;
}
