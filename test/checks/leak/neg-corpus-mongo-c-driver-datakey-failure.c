// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// RUN: %check_dbleak %s dbleak-overwrite %t.ow -- -- %libflags
// Reduced from mongo-c-driver 1.23.1-1+deb12u3
// src/libmongoc/tests/test-mongoc-client-side-encryption.c: when
// mongoc_client_encryption_create_datakey fails it resets keyid to an EOD
// value ("so it is safe for caller to call bson_value_destroy on error"),
// which owns nothing; destroying it is optional.
#include <mongoc/mongoc.h>

/* Expected: nothing. */
int expect_failures(mongoc_client_encryption_t *enc,
                    mongoc_client_encryption_datakey_opts_t *opts) {
  bson_error_t error;
  bson_value_t keyid;
  bool res =
      mongoc_client_encryption_create_datakey(enc, "aws", opts, &keyid, &error);
  if (res) {
    bson_value_destroy(&keyid); /* unexpected success */
    return -1;
  }
  res = mongoc_client_encryption_create_datakey(enc, "azure", opts, &keyid,
                                                &error);
  if (res) {
    bson_value_destroy(&keyid);
    return -1;
  }
  return 0;
}
