// RUN: %check_dbleak %s dbleak-use-after-release %t -- -- %libflags
// Reduced from postgresql-15 15.18-0+deb12u1 src/fe_utils/psqlscan.c and
// src/bin/psql/psqlscanslash.c (flex 2.6 reentrant scanner skeleton):
// yylex_destroy ends with yyfree(yyscanner, yyscanner); the first argument
// is freed and the second (the scanner context) is not used by yyfree.
// Passing the same pointer in both arguments is not a use after release.
#include <stdlib.h>

typedef void *yyscan_t;
struct yyguts_t {
  void *yy_buffer_stack;
  void *yy_start_stack;
};

void psql_yyfree(void *ptr, yyscan_t yyscanner) {
  struct yyguts_t *yyg = (struct yyguts_t *)yyscanner;
  (void)yyg;
  free((char *)ptr);
}

/* Expected: nothing. */
int psql_yylex_destroy(yyscan_t yyscanner) {
  struct yyguts_t *yyg = (struct yyguts_t *)yyscanner;
  psql_yyfree(yyg->yy_buffer_stack, yyscanner);
  yyg->yy_buffer_stack = NULL;
  psql_yyfree(yyg->yy_start_stack, yyscanner);
  yyg->yy_start_stack = NULL;
  psql_yyfree(yyscanner, yyscanner);
  yyscanner = NULL;
  return 0;
}
