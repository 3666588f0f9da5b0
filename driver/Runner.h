//===--- Runner.h - Run worker processes in parallel ----------------------===//

#ifndef DBLEAK_DRIVER_RUNNER_H
#define DBLEAK_DRIVER_RUNNER_H

#include "Findings.h"
#include "llvm/ADT/ArrayRef.h"
#include <functional>
#include <string>
#include <vector>

namespace dbleak::driver {

struct TUOutcome;

struct RunnerOptions {
  std::string Self;                    ///< This executable.
  std::vector<std::string> WorkerArgs; ///< Passed to every worker.
  unsigned Parallel = 1;               ///< Workers at a time.
  unsigned TimeoutSeconds = 300;       ///< 0: no limit.
  /// Called as each translation unit finishes, and now and then while
  /// workers run (with nullptr), for the progress line.
  std::function<void(const TUOutcome *)> OnProgress;
};

struct Job {
  std::string File;
  /// The file's entries of compile_commands.json. Each worker gets only its
  /// own, instead of parsing a database of thousands of entries again.
  std::string CompileCommands;
};

struct TUOutcome {
  std::string File;
  /// Empty on success; otherwise why this translation unit has no result
  /// ("crashed: Segmentation fault", "timed out after 300 s", ...).
  std::string Failure;
  std::string WorkerStderr; ///< Kept only when Failure is set.
  TUResult Result;
  bool FromCache = false; ///< Not analyzed in this run (see ResultCache).
};

/// Analyzes each file in its own worker process, at most Opts.Parallel at a
/// time. The outcomes are in the order of Jobs, however the workers raced.
std::vector<TUOutcome> runWorkers(const RunnerOptions &Opts,
                                  llvm::ArrayRef<Job> Jobs);

} // namespace dbleak::driver

#endif
