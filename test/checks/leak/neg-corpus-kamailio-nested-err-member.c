// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// RUN: %check_dbleak %s dbleak-overwrite %t.ow -- -- %libflags
// Reduced from kamailio 5.6.3-2 src/modules/db_redis/redis_connection.c
// (db_redis_command_argv): redisCommandArgv returns NULL and sets c->err
// when it fails, so when con->con->err is set there is no reply to free and
// the retry does not overwrite one. Same idiom as
// neg-corpus-rsyslog-getreply-err-flag.c, with the context one member deeper.
#include <hiredis.h>
#include <stddef.h>

typedef struct km_redis_con {
  redisContext *con;
} km_redis_con_t;

int db_redis_connect(km_redis_con_t *con);

/* Expected: nothing. */
redisReply *command_argv(km_redis_con_t *con, int argc, const char **argv) {
  redisReply *reply = redisCommandArgv(con->con, argc, argv, NULL);
  if (con->con->err != REDIS_OK) {
    if (db_redis_connect(con) != 0) {
      if (con->con) {
        redisFree(con->con);
        con->con = NULL;
      }
      return NULL;
    }
    reply = redisCommandArgv(con->con, argc, argv, NULL);
  }
  return reply;
}
