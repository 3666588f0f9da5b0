//===--- Cache.h - Results of unchanged translation units ----------------===//
//
// A re-run over an unchanged project should cost a hash check per
// translation unit, not a parse. Like ccache's direct mode: an entry is found
// by a key of everything known before the parse (the tool, the compile
// command, the configuration), and holds what the parse read (every file's
// content hash, every path looked up), which is checked against the disk
// before the entry is used. See docs/driver.md, "The cache".
//
//===----------------------------------------------------------------------===//

#ifndef DBLEAK_DRIVER_CACHE_H
#define DBLEAK_DRIVER_CACHE_H

#include "Findings.h"
#include "llvm/Support/Error.h"
#include <map>
#include <optional>

namespace dbleak::driver {

class ResultCache {
public:
  /// Creates Dir if needed and makes sure entries can be written there.
  static llvm::Expected<ResultCache> open(llvm::StringRef Dir);

  /// A key from its parts; any change to one is another key. Each part is
  /// length-prefixed, so parts cannot run into each other.
  static std::string key(llvm::ArrayRef<std::string> Parts);

  /// What identifies the code that computes results: dbleak's version and
  /// executable (the checks, the engine and the built-in catalog are linked
  /// into it) and the shared libraries it loaded (LLVM and Clang).
  static std::string toolIdentity(llvm::StringRef Executable);

  /// The result stored under Key when every file it read still has the
  /// same content and every path it looked up is still there or still
  /// missing. A damaged entry is no result (and is overwritten by store).
  std::optional<TUResult> lookup(llvm::StringRef Key);

  /// Stores R under Key. Entries are written whole or not at all (a
  /// temporary file renamed), so parallel runs may share a cache.
  llvm::Error store(llvm::StringRef Key, const TUResult &R);

  /// The content hash of a file as a worker records it, or "" when it
  /// cannot be read. Memoized: a header shared by every translation unit is
  /// read once per run.
  const std::string &hashOf(const std::string &Path);

  const std::string &dir() const { return Dir; }

private:
  explicit ResultCache(std::string Dir) : Dir(std::move(Dir)) {}
  std::string entryPath(llvm::StringRef Key) const;
  bool unchanged(const TUResult &R);

  std::string Dir;
  std::map<std::string, std::string> Hashes;
  std::map<std::string, bool> Exists;
};

} // namespace dbleak::driver

#endif
