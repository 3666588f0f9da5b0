// RUN: %check_dbleak %s dbleak-leak %t -- -- %libflags
#include <stddef.h>

/* acquire_handle on an out-parameter: the handle is written through
 * `*out`. The function signals failure by leaving *out NULL. */

typedef struct lock_lease lock_lease;

void lease_acquire(const char *name, unsigned ttl_s,
                   lock_lease **out __attribute__((acquire_handle("lease"))));
void lease_release(lock_lease *l __attribute__((release_handle("lease"))));
int lease_renew(lock_lease *l __attribute__((use_handle("lease"))));

struct cron_job {
  const char *name;
  unsigned ttl_s;
  int (*run)(void *);
  void *arg;
};

/* Expected: the lease leaks when the job fails. */
int run_exclusive(const struct cron_job *job) {
  lock_lease *lease = NULL;
  lease_acquire(job->name, job->ttl_s, &lease);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lease 'lease' acquired by 'lease_acquire' is not released on every path [dbleak-leak]
  if (lease == NULL)
    return 0;
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: taking the false branch
  if (job->run(job->arg) != 0)
    return -1;
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: taking the true branch
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'lease' leaks when the function returns here
  lease_release(lease);
  return 1;
}

/* Expected: nothing. */
int run_exclusive_fixed(const struct cron_job *job) {
  lock_lease *lease = NULL;
  int rc;
  lease_acquire(job->name, job->ttl_s, &lease);
  if (lease == NULL)
    return 0;
  rc = job->run(job->arg);
  lease_renew(lease);
  lease_release(lease);
  return rc == 0 ? 1 : -1;
}
