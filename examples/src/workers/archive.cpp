// Seed 004 in C++: a pooled SOCI session checked out by hand, with a path
// that never gives it back.
#include "workers.h"

int archive_level(soci::connection_pool &pool, const std::string &user) {
  std::size_t pos = pool.lease();
  soci::session &sql = pool.at(pos);
  int level = -1;
  sql << "SELECT level FROM users WHERE name = :n", soci::use(user),
      soci::into(level);
  if (level < 0)
    return -1; /* BUG: the pooled session is never given back */
  pool.give_back(pos);
  return level;
}
