//===--- Report.h - Text, JSON and SARIF reports --------------------------===//

#ifndef DBLEAK_DRIVER_REPORT_H
#define DBLEAK_DRIVER_REPORT_H

#include "Findings.h"
#include "llvm/Support/raw_ostream.h"

namespace dbleak::driver {

/// A translation unit that produced no result (crash, timeout, ...).
struct TUFailure {
  std::string File;
  std::string Reason;
};

struct Report {
  std::vector<Finding> Warnings; ///< Reported findings, sorted.
  /// Findings hidden by the baseline. Only SARIF lists them (as
  /// "unchanged"): code scanning would otherwise close their alerts as fixed.
  std::vector<Finding> Baselined;
  std::vector<Finding> Errors; ///< Compiler errors, sorted.
  std::vector<TUFailure> Failures;
  std::vector<std::string> Checks; ///< Enabled checks, for SARIF rules.
  std::string SourceRoot;          ///< Absolute.
  unsigned TranslationUnits = 0;
  unsigned Stale = 0; ///< Baseline entries that matched nothing.
  bool UsedBaseline = false;
};

/// File relative to Root with '/' separators, or File itself when it is not
/// under Root. Reports and fingerprints use it so that they do not depend on
/// where the repository is checked out.
std::string relativePath(llvm::StringRef File, llvm::StringRef Root);

/// Sets Finding::Fingerprint: a hash of the check, the relative path, the
/// whitespace-normalized text of the warning's line, the message and the
/// occurrence index among findings sharing all of these. No line numbers, so
/// it survives edits elsewhere in the file. Findings must be sorted.
void assignFingerprints(std::vector<Finding> &Findings,
                        llvm::StringRef SourceRoot);

/// One diagnostic with its notes, like clang prints it.
void printText(llvm::raw_ostream &OS, const Finding &F);
void printJSON(llvm::raw_ostream &OS, const Report &R);
void printSARIF(llvm::raw_ostream &OS, const Report &R);
/// GitLab Code Quality (Code Climate issues): one array of the reported
/// findings, keyed by their fingerprints.
void printCodeClimate(llvm::raw_ostream &OS, const Report &R);

/// "N warnings in M files".
std::string summaryLine(const Report &R);

struct CheckDescription {
  std::string Short, Full;
};
/// A check's description from the first paragraph of its docs/checks page.
CheckDescription describeCheck(llvm::StringRef Check);

} // namespace dbleak::driver

#endif
