// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
// Seed 004 in C++: each data-manager method leases a pooled session and some
// paths never give it back, exhausting the pool after a few requests.
#include <soci/soci.h>
#include <string>

class DataManager {
public:
  explicit DataManager(soci::connection_pool &pool) : pool_(pool) {}

  // The early return on a missing user never gives the session back.
  int get_user_level(const std::string &name) {
    std::size_t pos = pool_.lease();
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: connection_pool lease 'pos' acquired by 'soci::connection_pool::lease' is not released on every path; release it with 'soci::connection_pool::give_back' [dbleak-leak]
    soci::session &sql = pool_.at(pos);
    int level = -1;
    sql << "select level from users where name = :n", soci::use(name),
        soci::into(level);
    if (level < 0)
      // CHECK-MESSAGES: :[[@LINE-1]]:9: note: taking the true branch
      return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: 'pos' leaks when the function returns here
    pool_.give_back(pos);
    return level;
  }

  // Fixed: every path gives the session back.
  int get_user_level_fixed(const std::string &name) {
    std::size_t pos = pool_.lease();
    soci::session &sql = pool_.at(pos);
    int level = -1;
    sql << "select level from users where name = :n", soci::use(name),
        soci::into(level);
    pool_.give_back(pos);
    return level;
  }

  // A soci::session constructed from the pool is a guard: nothing to report.
  int count_users() {
    soci::session sql(pool_);
    int n = 0;
    sql << "select count(*) from users", soci::into(n);
    return n;
  }

private:
  soci::connection_pool &pool_;
};
