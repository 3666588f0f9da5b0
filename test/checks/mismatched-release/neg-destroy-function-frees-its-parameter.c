// RUN: %check_dbleak %s dbleak-mismatched-release %t -- -- %libflags
#include <mongoc/mongoc.h>

/* A stream implementation's destroy function frees its own object with the
 * allocator that made it (reduced from libmongoc's mongoc-stream-buffered.c):
 * it is that object's destructor, not a mismatched release. */
typedef struct {
  mongoc_stream_t stream;
  mongoc_stream_t *base_stream;
} my_stream_t;

static void my_stream_destroy(mongoc_stream_t *stream) {
  my_stream_t *s = (my_stream_t *)stream;
  mongoc_stream_destroy(s->base_stream);
  s->base_stream = NULL;
  bson_free(stream);
}

/* Positive twin: the same free in a function that is no destructor. */
static void my_stream_flush(mongoc_stream_t *stream) {
  mongoc_stream_flush(stream);
  bson_free(stream);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: mongoc_stream_t 'stream' is released with 'bson_free'; use 'mongoc_stream_destroy' [dbleak-mismatched-release]
}

void install(my_stream_t *s) {
  s->stream.destroy = my_stream_destroy;
  s->stream.flush = (int (*)(mongoc_stream_t *))my_stream_flush;
}
