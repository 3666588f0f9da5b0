//===--- Lifetime.h - The dbleak handle lifetime engine ---------*- C++ -*-===//
//
// One engine for every dbleak check. For each function that touches a
// catalogued API it explores the CFG path-sensitively (states are merged only
// when identical, so correlated conditions stay apart), tracks each handle
// from acquisition to every exit, and records findings with a witness path.
// Same-TU callees are summarized once and reused at every call.
//
//===----------------------------------------------------------------------===//

#ifndef DBLEAK_ENGINE_LIFETIME_H
#define DBLEAK_ENGINE_LIFETIME_H

#include "catalog/Catalog.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dbleak {

enum class FindingKind {
  Leak,            ///< live at a function exit
  LeakInLoop,      ///< re-acquired by the next loop iteration while live
  Discarded,       ///< acquired as a temporary that nobody releases
  Overwrite,       ///< the last variable holding it was assigned over
  UseAfterRelease, ///< used after release
  DoubleRelease,   ///< released twice
  Mismatched,      ///< released with another kind's release function
  UnfinishedTx,    ///< transaction still open at a function exit
  GuardEscape,     ///< a guarded handle outlives the guard that releases it
  CopyableOwner,   ///< a class releasing a raw handle member can be copied
};

struct PathNote {
  clang::SourceLocation Loc;
  std::string Message;
};

struct Finding {
  FindingKind Kind;
  std::string Handle;   ///< variable name; empty for temporaries
  std::string Type;     ///< "PGresult", from the catalog
  std::string Release;  ///< the right release function
  std::string Acquirer; ///< the function that acquired it
  std::string Other;    ///< the wrong release function, the use, the class
  clang::SourceLocation AcquiredAt;
  clang::SourceLocation At; ///< where it went wrong (exit, use, release)
  std::vector<PathNote> Notes;
  std::vector<clang::FixItHint> Fixes;
  /// Why a leak, mismatched release or open transaction has no fix (a short
  /// code such as "mixed-paths"; docs/checks/leak.md), for the checks'
  /// ExplainMissingFixes option.
  std::string NoFix;
};

/// Configuration shared by every check (clang-tidy options of the same name).
struct EngineOptions {
  /// Functions without a visible body matching this (llvm::Regex) release
  /// their handle arguments.
  std::string ReleaseFunctions =
      "(^|_)(close|free|release|destroy|finish|disconnect|dispose|cleanup|"
      "unref)(_|$)|(Close|Free|Release|Destroy|Finish|Disconnect|Dispose|"
      "Cleanup|Unref)([A-Z_]|$)";
  /// ... and these keep (store) them: containers, setters, and
  /// constructors of objects that take what they are built from.
  std::string SinkFunctions =
      "(^|_)(push|add|append|insert|store|put|register|attach|enqueue|adopt|"
      "set|new|init|create)(_|$)|(Push|Add|Append|Insert|Store|Put|Register|"
      "Attach|Enqueue|Adopt|Set|New|Init|Create)([A-Z_]|$)";
  /// Calls that keep a callable to run it later, by the callee's name
  /// (executors, thread pools, event loops): a lambda handed to one may run
  /// after the scope that created it ended.
  std::string TaskFunctions =
      "^([Pp]ost|[Dd]efer|[Dd]ispatch|[Ss]ubmit|[Ee]nqueue|[Ss]chedule|"
      "[Ss]pawn)(_?[Tt]ask)?$|^(push|add|detach)_?[Tt]ask$|"
      "^(Push|Add|Detach)Task$";
  /// Explored (block, state) pairs per function before giving up quietly.
  unsigned MaxSteps = 20000;
  /// Report leaks, overwrites and open transactions on paths that end the
  /// process (a return from `main`; a lost temporary or overwrite followed
  /// only by such exits or by noreturn calls). Off by default: the operating
  /// system reclaims them, and nobody fixes them (docs/checks/leak.md).
  bool ReportLeaksAtExit = false;
};

struct FunctionResult {
  std::vector<Finding> Findings;
  bool Incomplete = false; ///< budget exhausted; findings are still real
};

/// Per-translation-unit analysis: caches summaries and results per function
/// so that every check asking about a function shares one CFG walk.
class LifetimeAnalysis {
public:
  LifetimeAnalysis(clang::ASTContext &Ctx, const Catalog &Cat,
                   const EngineOptions &Opts);
  ~LifetimeAnalysis();

  /// The analysis for the TU of \p Ctx, created on first use. Only one TU is
  /// cached per thread.
  static LifetimeAnalysis &forContext(clang::ASTContext &Ctx,
                                      std::shared_ptr<const Catalog> Cat,
                                      const EngineOptions &Opts);

  /// Cheap pre-filter: does the body call anything the engine models?
  bool isInteresting(const clang::FunctionDecl *FD);
  const FunctionResult &analyze(const clang::FunctionDecl *FD);
  /// Findings about a declaration rather than a function's paths: a class
  /// that releases a raw handle member in its destructor but is copyable
  /// (a CXXRecordDecl), a smart pointer whose deleter releases another kind
  /// (a VarDecl or FieldDecl).
  const std::vector<Finding> &declFindings(const clang::Decl *D);

  /// Catalog rows (docs/catalog.md) telling other translation units what
  /// \p FD does with the handles it is given and returns, as far as rows can
  /// say it; `dbleak --cross-tu` gathers them into a project catalog. None
  /// for functions only this TU can call and for those the catalog models.
  struct CatalogRows {
    std::string Name;              ///< as catalog rows name it
    std::vector<std::string> Rows; ///< empty: it does nothing to handles
  };
  std::optional<CatalogRows> catalogRows(const clang::FunctionDecl *FD);

  struct Impl;

private:
  std::unique_ptr<Impl> P;
};

} // namespace dbleak

#endif
