//===--- Worker.h - Analyze one translation unit in this process ---------===//
//
// The parent re-executes itself with --worker for every translation unit so
// that a crash or a hang in the compiler or a check costs one file, not the
// run. The worker writes a TUResult as JSON to a file the parent chose.
//
//===----------------------------------------------------------------------===//

#ifndef DBLEAK_DRIVER_WORKER_H
#define DBLEAK_DRIVER_WORKER_H

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/StringRef.h"

namespace dbleak::driver {

/// Options every clang-tidy run of the driver uses. Checks is the user's
/// --checks glob (may be empty), appended to "-*,dbleak-*" like clang-tidy
/// appends --checks to the configuration's Checks. Catalogs (--catalog),
/// when given, replace a .clang-tidy's CatalogFiles.
std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
makeOptionsProvider(llvm::StringRef Checks,
                    const std::vector<std::string> &ExtraArgs,
                    const std::vector<std::string> &ExtraArgsBefore,
                    llvm::StringRef Catalogs = "");

/// Analyzes File with the commands CompileDb has for it and writes the
/// result to OutputPath; with CatalogRows, also the catalog rows of its
/// functions (the summary pass of --cross-tu); with VerifyFixes, only the
/// fixes that re-analysis of the fixed code confirms (verifyFixes). Returns
/// the exit code.
int runWorker(llvm::StringRef CompileDb, llvm::StringRef File,
              llvm::StringRef OutputPath,
              std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Options,
              bool CatalogRows = false, bool VerifyFixes = false);

} // namespace dbleak::driver

#endif
