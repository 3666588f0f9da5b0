//===--- Baseline.h - Accepted findings, hidden from later runs -----------===//
//
// A baseline is the list of fingerprints of findings a team has accepted for
// now, so that CI fails only on new ones. Fingerprints do not contain line
// numbers (see assignFingerprints), so edits elsewhere keep them valid.
//
//===----------------------------------------------------------------------===//

#ifndef DBLEAK_DRIVER_BASELINE_H
#define DBLEAK_DRIVER_BASELINE_H

#include "Findings.h"
#include "llvm/Support/Error.h"
#include <set>

namespace dbleak::driver {

struct BaselineEntry {
  std::string Fingerprint;
  std::string Check, File, Message; ///< For people reading the file.
};

llvm::Expected<std::vector<BaselineEntry>> readBaseline(llvm::StringRef Path);
llvm::Error writeBaseline(llvm::StringRef Path,
                          const std::vector<Finding> &Findings,
                          llvm::StringRef SourceRoot);

struct BaselineResult {
  std::vector<Finding> Kept;
  std::vector<Finding> Suppressed;
  /// Entries that matched nothing although their file was analyzed in this
  /// run: the finding was fixed, so the entry can go. Entries for files this
  /// run never read (other shards, other file lists) are not stale.
  unsigned Stale = 0;
};

BaselineResult applyBaseline(std::vector<Finding> Findings,
                             const std::vector<BaselineEntry> &Baseline,
                             const std::set<std::string> &AnalyzedFiles,
                             llvm::StringRef SourceRoot);

} // namespace dbleak::driver

#endif
