//===--- Fixes.h - Export and apply fix-its -------------------------------===//

#ifndef DBLEAK_DRIVER_FIXES_H
#define DBLEAK_DRIVER_FIXES_H

#include "Findings.h"
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

} // namespace dbleak::driver

#endif
