#ifndef INVENTORY_SERVICE_H
#define INVENTORY_SERVICE_H

#include <libpq-fe.h>

struct service_config {
  const char *pg_conninfo;
  const char *sqlite_path;
  const char *redis_host;
  int redis_port;
  const char *mysql_host;
};

PGconn *users_connect(const struct service_config *cfg);
int users_count_active(PGconn *conn);
int users_rename(PGconn *conn, const char *id, const char *name);
int users_touch_all(PGconn *conn, const char *const *ids, int n);

int catalog_import(const char *path, const char *const *names, int n);
int catalog_lookup(const char *path, const char *name);

int cache_get_session(const struct service_config *cfg, const char *key,
                      char *out, unsigned long outlen);

int orders_archive(const struct service_config *cfg, int older_than_days);

#endif
