//===--- DbleakCheck.h - Shared base of the dbleak checks -------*- C++ -*-===//
//
// Every dbleak check is the same matcher and the same engine; a check only
// chooses which kinds of finding it reports. The wording lives here, once.
//
//===----------------------------------------------------------------------===//

#ifndef DBLEAK_DBLEAKCHECK_H
#define DBLEAK_DBLEAKCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "engine/Lifetime.h"
#include <functional>
#include <initializer_list>

namespace clang::tidy::dbleak {

/// Set by the dbleak driver's summary pass (--cross-tu): receives the catalog
/// rows of every function other translation units can call (none for one
/// that does nothing to handles), possibly several times each. Unset in
/// clang-tidy and clangd.
extern std::function<void(const std::string &Name,
                          const std::vector<std::string> &Rows)>
    CatalogRowSink;

/// Set by the same summary pass: receives the catalog name of every function
/// this translation unit's own code defines or refers to, so that the driver
/// knows which other files' summaries can change its findings (and which
/// cannot, to reuse them; see docs/driver.md on the cache).
extern std::function<void(const std::string &Name)> FunctionNameSink;

class DbleakCheck : public ClangTidyCheck {
public:
  DbleakCheck(StringRef Name, ClangTidyContext *Context,
              std::initializer_list<::dbleak::FindingKind> Kinds);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  void emit(const ::dbleak::Finding &F);

  std::vector<::dbleak::FindingKind> Kinds;
  std::string CatalogFiles;
  /// Say, in a note, why a finding that could carry a fix has none.
  bool ExplainMissingFixes = false;
  ::dbleak::EngineOptions EngineOpts;
  std::shared_ptr<const ::dbleak::Catalog> Cat;
};

} // namespace clang::tidy::dbleak

#endif
