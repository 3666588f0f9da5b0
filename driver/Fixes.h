//===--- Fixes.h - Export and apply fix-its -------------------------------===//

#ifndef DBLEAK_DRIVER_FIXES_H
#define DBLEAK_DRIVER_FIXES_H

#include "Findings.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <map>

namespace dbleak::driver {

/// Writes the findings in the YAML of clang-tidy --export-fixes, which
/// clang-apply-replacements reads.
llvm::Error exportFixes(llvm::StringRef Path,
                        const std::vector<Finding> &Findings);

/// Applies the fixes of Findings to the files on disk. A file is rewritten
/// whole or not at all: through a temporary file in its directory and a
/// rename. Files whose content differs from what was analyzed (AnalyzedHashes)
/// and files with conflicting fixes are left alone and reported on Log.
/// Returns false if any file was refused or could not be written.
bool applyFixes(const std::vector<Finding> &Findings,
                const std::map<std::string, std::string> &AnalyzedHashes,
                llvm::raw_ostream &Log);

/// A header's fix must be right in every translation unit that includes it,
/// and each verified it only in its own: a fix is kept only if every
/// translation unit that read the files it edits proposed the very same
/// edits for the same finding (a header compiled differently elsewhere, or a
/// fix dropped there, drops it).
class FixAgreement {
public:
  void addTranslationUnit(const TUResult &R);
  /// Clears the fix of F (marking it "dropped") unless all agreed on it.
  void settle(Finding &F) const;

private:
  std::map<std::string, unsigned> Readers;   ///< file -> translation units
  std::map<std::string, unsigned> Proposals; ///< finding and fix -> TUs
};

/// Runs the analysis of one translation unit again with some files' content
/// replaced (absolute path -> content) and returns what it found.
using Reanalysis = llvm::function_ref<std::vector<Finding>(
    const std::map<std::string, std::string> &Contents)>;

/// Keeps the fix of a finding only if the translation unit with the fix
/// applied still compiles (no more compiler errors), no longer has that
/// finding, and has no finding it did not have before. All fixes are tried
/// together first, then one by one. Each finding with a fix is marked
/// "verified" or "dropped" (its fix cleared). Files is what the compiler
/// read: path -> hash, see TUResult::FileHashes; fixes to a file changed
/// since are left unmarked (applyFixes refuses them).
void verifyFixes(std::vector<Finding> &Findings,
                 const std::map<std::string, std::string> &Files,
                 Reanalysis Reanalyze);

} // namespace dbleak::driver

#endif
