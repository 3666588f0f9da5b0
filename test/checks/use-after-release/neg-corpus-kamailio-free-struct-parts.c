// RUN: %check_dbleak %s dbleak-use-after-release %t -- -- %libflags
// Reduced from kamailio 5.6.3-2 src/modules/db_mysql/km_res.c
// (db_mysql_convert_result; same in db_postgres/km_res.c and
// db_unixodbc/res.c) and src/modules/db_redis/redis_connection.c
// (db_redis_free_connection), and postgresql-15 15.18-0+deb12u1
// src/bin/scripts/reindexdb.c: helpers declared in other files whose names
// look like releases (db_free_rows, db_free_columns, ..._destroy) free
// different parts of a plain struct, then the struct itself is freed. None
// of these is a database handle, and no part is released twice.
#include <stdlib.h>

typedef struct db1_res {
  void *col_names;
  void *rows;
} db1_res_t;

int db_free_columns(db1_res_t *_r);  /* frees _r->col_names */
int db_free_rows(db1_res_t *_r);     /* frees _r->rows */
int db_free_tables(db1_res_t *_r);   /* frees what the struct points to */
int fill_rows(db1_res_t *_r);
int fill_columns(db1_res_t *_r);

static int get_columns(db1_res_t *_r) {
  if (fill_columns(_r) < 0) {
    db_free_columns(_r);
    return -4;
  }
  return 0;
}

static int convert_rows(db1_res_t *_r) {
  if (fill_rows(_r) < 0) {
    db_free_rows(_r);
    return -1;
  }
  return 0;
}

/* Expected: nothing. */
int convert_result(db1_res_t *_r) {
  if (!_r)
    return -1;
  if (get_columns(_r) < 0)
    return -2;
  if (convert_rows(_r) < 0) {
    db_free_columns(_r);
    return -3;
  }
  return 0;
}

/* Expected: nothing. */
void free_connection(db1_res_t *con) {
  if (!con)
    return;
  db_free_tables(con);
  free(con);
}
