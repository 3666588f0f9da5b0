// RUN: %check_dbleak %s dbleak-overwrite %t -- -- %libflags
// Leasing a second slot into the variable that holds the first loses the
// first one for good: the pool shrinks by one session.
#include <soci/soci.h>

// Positive: the retry leases again without giving the first slot back.
int count_rows(soci::connection_pool &pool) {
  std::size_t pos = pool.lease();
  int n = -1;
  pool.at(pos) << "select count(*) from jobs", soci::into(n);
  if (n < 0)
    pos = pool.lease();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: connection_pool lease 'pos' acquired by 'soci::connection_pool::lease' is overwritten before it is released; release it with 'soci::connection_pool::give_back' [dbleak-overwrite]
    // CHECK-MESSAGES: :[[@LINE-6]]:21: note: 'pos' was acquired here
    // CHECK-MESSAGES: :[[@LINE-4]]:7: note: taking the true branch
  pool.give_back(pos);
  return n;
}

// Negative: the first slot is given back before the retry.
int count_rows_ok(soci::connection_pool &pool) {
  std::size_t pos = pool.lease();
  int n = -1;
  pool.at(pos) << "select count(*) from jobs", soci::into(n);
  if (n < 0) {
    pool.give_back(pos);
    pos = pool.lease();
  }
  pool.give_back(pos);
  return n;
}
