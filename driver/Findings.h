//===--- Findings.h - What a worker reports for one translation unit ------===//
//
// The worker process turns clang-tidy's diagnostics into these plain structs
// and writes them as JSON; the parent reads them back, merges all translation
// units and feeds the reporters. Positions are resolved in the worker, which
// still has the exact text it analyzed.
//
//===----------------------------------------------------------------------===//

#ifndef DBLEAK_DRIVER_FINDINGS_H
#define DBLEAK_DRIVER_FINDINGS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <map>
#include <string>
#include <vector>

namespace dbleak::driver {

/// A position in a file. Line and Column are 1-based, Column counts bytes
/// like clang does. File is absolute; empty for diagnostics without location.
struct Location {
  std::string File;
  unsigned Offset = 0;
  unsigned Line = 0;
  unsigned Column = 0;
  std::string LineText; ///< The whole source line, without the newline.
};

struct Note {
  Location Loc;
  std::string Message;
};

/// One replacement of a fix-it, in the style of tooling::Replacement.
struct Edit {
  std::string File;
  unsigned Offset = 0;
  unsigned Length = 0;
  std::string Text;
  Location Begin, End; ///< Of the replaced range, for SARIF.
};

struct Finding {
  std::string Check; ///< "dbleak-leak", or "clang-diagnostic-error".
  bool IsError = false;
  std::string Message;
  Location Loc;
  std::vector<Note> Notes;
  std::vector<Edit> Fix;
  /// "verified" or "dropped" once the worker re-analyzed the code with the
  /// fix applied (see verifyFixes); empty when it did not.
  std::string FixStatus;
  std::string Fingerprint; ///< Computed by the parent, see Report.h.
};

/// Everything one worker learned about one translation unit.
struct TUResult {
  std::vector<Finding> Findings;
  /// Every file the compiler read, with a hash of the content it saw. Used to
  /// refuse fixes for files edited since, and to scope stale baseline entries.
  std::map<std::string, std::string> FileHashes;
  /// Summary pass only: catalog rows of the functions other translation
  /// units can call, by function name (see --cross-tu).
  std::map<std::string, std::vector<std::string>> CatalogRows;
  /// Summary pass only: the catalog names of the functions this translation
  /// unit's code defines or refers to. Rows of other names cannot change
  /// its findings.
  std::vector<std::string> FunctionNames;
  /// Paths the compiler looked for without reading them: true for a file
  /// that exists, false for one that does not (an include directory searched
  /// before the one that has the header). With FileHashes, everything whose
  /// change could change this result (see ResultCache).
  std::map<std::string, bool> Probes;
};

llvm::json::Value toJSON(const TUResult &R);
llvm::Expected<TUResult> parseTUResult(llvm::StringRef JSONText);
bool fromJSON(const llvm::json::Value &V, TUResult &R, llvm::json::Path P);

/// The hash recorded in FileHashes.
std::string hashContent(llvm::StringRef Content);

/// Fills Line, Column and LineText of L from the file's content.
void resolveLocation(Location &L, llvm::StringRef Content);

/// Sort key of the merged report: file, line, column, then the rest so that
/// the order never depends on the order in which workers finished.
bool operator<(const Finding &A, const Finding &B);

} // namespace dbleak::driver

#endif
