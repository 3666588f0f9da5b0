// RUN: %check_dbleak %s dbleak-use-after-release %t -- -- %libflags
// A pooled session's slot is given back twice: the second give_back hands a
// slot that another thread may already have leased back to the pool.
#include <soci/soci.h>
#include <string>

// Positive: the error path gives the slot back, then falls through to the
// common give_back.
int store_event(soci::connection_pool &pool, const std::string &what) {
  std::size_t pos = pool.lease();
  soci::session &sql = pool.at(pos);
  int id = -1;
  sql << "select nextval('events_id')", soci::into(id);
  if (id < 0)
    pool.give_back(pos);
  pool.give_back(pos);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: connection_pool lease 'pos' is released twice [dbleak-use-after-release]
  // CHECK-MESSAGES: :[[@LINE-8]]:21: note: 'pos' was acquired here
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'pos' was released here
  // CHECK-MESSAGES: :[[@LINE-6]]:7: note: taking the true branch
  return id;
}

// Negative: one give_back on every path.
int store_event_ok(soci::connection_pool &pool, const std::string &what) {
  std::size_t pos = pool.lease();
  soci::session &sql = pool.at(pos);
  int id = -1;
  sql << "select nextval('events_id')", soci::into(id);
  pool.give_back(pos);
  return id;
}
