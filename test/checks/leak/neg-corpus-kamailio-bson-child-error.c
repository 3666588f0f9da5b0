// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Reduced from kamailio 5.6.3-2 src/modules/db_mongodb/mongodb_dbase.c
// (db_mongodb_bson_add, db_mongodb_query_ex): a child document started with
// bson_append_document_begin lives in its parent's buffer and owns no memory;
// on an error path it is abandoned and the caller destroys the parent.
#include <bson/bson.h>
#include <stdio.h>

/* Expected: nothing. */
int add_field(bson_t *doc, const char *key, const char *name, int value) {
  bson_t mdoc;
  if (!bson_append_document_begin(doc, key, -1, &mdoc)) {
    fprintf(stderr, "failed to append start to bson doc\n");
    goto error;
  }
  if (!bson_append_int32(&mdoc, name, -1, value)) {
    fprintf(stderr, "failed to append int to bson doc\n");
    goto error;
  }
  if (!bson_append_document_end(doc, &mdoc)) {
    fprintf(stderr, "failed to append end to bson doc\n");
    goto error;
  }
  return 0;
error:
  return -1;
}

/* Expected: nothing. */
int query(const char **cols, int n) {
  bson_t *colsdoc = bson_new();
  bson_t bcols;
  if (!bson_append_document_begin(colsdoc, "projection", 10, &bcols))
    goto error;
  for (int i = 0; i < n; i++)
    if (!bson_append_int32(&bcols, cols[i], -1, 1))
      goto error;
  if (!bson_append_document_end(colsdoc, &bcols))
    goto error;
  bson_destroy(colsdoc);
  return 0;
error:
  bson_destroy(colsdoc);
  return -1;
}
