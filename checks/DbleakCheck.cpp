//===--- DbleakCheck.cpp - Shared base of the dbleak checks ---------------===//

#include "DbleakCheck.h"
#include "engine/Internals.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;
using ::dbleak::Finding;
using ::dbleak::FindingKind;

namespace clang::tidy::dbleak {

std::function<void(const std::string &, const std::vector<std::string> &)>
    CatalogRowSink;
std::function<void(const std::string &)> FunctionNameSink;

DbleakCheck::DbleakCheck(StringRef Name, ClangTidyContext *Context,
                         std::initializer_list<FindingKind> Kinds)
    : ClangTidyCheck(Name, Context), Kinds(Kinds) {
  // Options are read local-or-global so that one `CatalogFiles` entry in
  // .clang-tidy configures every dbleak check alike.
  CatalogFiles = Options.getLocalOrGlobal("CatalogFiles", "").str();
  EngineOpts.ReleaseFunctions =
      Options.getLocalOrGlobal("ReleaseFunctions", EngineOpts.ReleaseFunctions)
          .str();
  EngineOpts.SinkFunctions =
      Options.getLocalOrGlobal("SinkFunctions", EngineOpts.SinkFunctions).str();
  EngineOpts.TaskFunctions =
      Options.getLocalOrGlobal("TaskFunctions", EngineOpts.TaskFunctions).str();
  EngineOpts.MaxSteps =
      Options.getLocalOrGlobal("MaxSteps", EngineOpts.MaxSteps);
  // Read as text: the bool specializations of OptionsView are mangled
  // differently by GCC and by the Clang that built libclangTidy.
  StringRef AtExit = Options.getLocalOrGlobal("ReportLeaksAtExit", "false");
  EngineOpts.ReportLeaksAtExit = AtExit.equals_insensitive("true") ||
                                 AtExit == "1" ||
                                 AtExit.equals_insensitive("on");
  if (!EngineOpts.ReportLeaksAtExit &&
      !llvm::is_contained({"false", "0", "off"}, AtExit.lower()))
    configurationDiag("invalid value '%0' for %1.ReportLeaksAtExit: expected "
                      "true or false")
        << AtExit << Name;
  StringRef Explain = Options.getLocalOrGlobal("ExplainMissingFixes", "false");
  ExplainMissingFixes = Explain.equals_insensitive("true") || Explain == "1" ||
                        Explain.equals_insensitive("on");
  if (!ExplainMissingFixes &&
      !llvm::is_contained({"false", "0", "off"}, Explain.lower()))
    configurationDiag("invalid value '%0' for %1.ExplainMissingFixes: "
                      "expected true or false")
        << Explain << Name;
  for (StringRef Rx : {EngineOpts.ReleaseFunctions, EngineOpts.SinkFunctions,
                       EngineOpts.TaskFunctions})
    if (std::string Err; !llvm::Regex(Rx).isValid(Err))
      configurationDiag("invalid regular expression '%0' in %1 options: %2")
          << Rx << Name << Err;
  auto Loaded = ::dbleak::Catalog::withUserFiles(CatalogFiles);
  if (!Loaded) {
    configurationDiag("dbleak catalog: %0")
        << llvm::toString(Loaded.takeError());
    Cat = ::dbleak::Catalog::withUserFiles("").get();
  } else {
    Cat = *Loaded;
  }
}

void DbleakCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "CatalogFiles", CatalogFiles);
  Options.store(Opts, "ReleaseFunctions", EngineOpts.ReleaseFunctions);
  Options.store(Opts, "SinkFunctions", EngineOpts.SinkFunctions);
  Options.store(Opts, "TaskFunctions", EngineOpts.TaskFunctions);
  Options.store(Opts, "MaxSteps", EngineOpts.MaxSteps);
  Options.store(Opts, "ReportLeaksAtExit",
                EngineOpts.ReportLeaksAtExit ? "true" : "false");
  Options.store(Opts, "ExplainMissingFixes",
                ExplainMissingFixes ? "true" : "false");
}

void DbleakCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      functionDecl(isDefinition(), unless(isExpansionInSystemHeader()))
          .bind("fn"),
      this);
  // Findings about declarations, for the checks that report them.
  if (llvm::is_contained(Kinds, FindingKind::CopyableOwner))
    Finder->addMatcher(
        cxxRecordDecl(isDefinition(),
                      hasMethod(cxxDestructorDecl(unless(isImplicit()))),
                      unless(isExpansionInSystemHeader()))
            .bind("decl"),
        this);
  if (llvm::is_contained(Kinds, FindingKind::Mismatched))
    Finder->addMatcher(
        declaratorDecl(anyOf(varDecl(), fieldDecl()),
                       hasType(hasUnqualifiedDesugaredType(
                           recordType(hasDeclaration(namedDecl(hasAnyName(
                               "::std::unique_ptr", "::std::shared_ptr")))))),
                       unless(isExpansionInSystemHeader()))
            .bind("decl"),
        this);
  // The engine looks catalog rows up by the names of the functions that
  // analyzed bodies call or take the address of: all are references.
  if (FunctionNameSink)
    Finder->addMatcher(declRefExpr(to(functionDecl().bind("callee")),
                                   unless(isExpansionInSystemHeader())),
                       this);
}

void DbleakCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Callee = Result.Nodes.getNodeAs<FunctionDecl>("callee")) {
    FunctionNameSink(::dbleak::detail::catalogName(Callee));
    return;
  }
  auto &Engine =
      ::dbleak::LifetimeAnalysis::forContext(*Result.Context, Cat, EngineOpts);
  if (const auto *D = Result.Nodes.getNodeAs<Decl>("decl")) {
    if (!D->isTemplated())
      for (const Finding &F : Engine.declFindings(D))
        if (llvm::is_contained(Kinds, F.Kind))
          emit(F);
    return;
  }
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!FD || FD->isInvalidDecl() || FD->isDependentContext())
    return;
  if (FunctionNameSink)
    FunctionNameSink(::dbleak::detail::catalogName(FD));
  if (CatalogRowSink)
    if (auto Rows = Engine.catalogRows(FD))
      CatalogRowSink(Rows->Name, Rows->Rows);
  if (!Engine.isInteresting(FD))
    return;
  for (const Finding &F : Engine.analyze(FD).Findings)
    if (llvm::is_contained(Kinds, F.Kind))
      emit(F);
}

void DbleakCheck::emit(const Finding &F) {
  std::string H = F.Handle.empty() ? "handle" : F.Handle;
  std::string Rel =
      F.Release.empty() ? "" : "; release it with '" + F.Release + "'";
  std::string Msg;
  SourceLocation Loc = F.At;
  switch (F.Kind) {
  case FindingKind::Leak:
    Loc = F.AcquiredAt;
    Msg = F.Type + " '" + H + "' acquired by '" + F.Acquirer +
          "' is not released on every path" + Rel;
    break;
  case FindingKind::LeakInLoop:
    Loc = F.AcquiredAt;
    Msg = F.Type + " '" + H + "' acquired by '" + F.Acquirer +
          "' is not released before the next loop iteration acquires it "
          "again" +
          Rel;
    break;
  case FindingKind::Discarded:
    Loc = F.AcquiredAt;
    Msg = F.Type + " returned by '" + F.Acquirer + "' is " +
          (F.Other.empty() ? "discarded" : "passed to '" + F.Other + "'") +
          " and never released" + Rel;
    break;
  case FindingKind::Overwrite:
    Msg = F.Type + " '" + H + "' " +
          (F.Acquirer.empty() ? "held on entry"
                              : "acquired by '" + F.Acquirer + "'") +
          " is overwritten before it is released" + Rel;
    break;
  case FindingKind::UseAfterRelease:
    // Other: the function that uses it, or the member read (`->elements`).
    Msg = F.Type + " '" + H + "' is " +
          (StringRef(F.Other).starts_with("->")
               ? "read ('" + H + F.Other + "')"
               : "used" + (F.Other.empty() ? "" : " by '" + F.Other + "'")) +
          " after it was released";
    break;
  case FindingKind::DoubleRelease:
    Msg = F.Type + " '" + H + "' is released twice";
    break;
  case FindingKind::Mismatched:
    // Same function, wrong row: SQLFreeHandle with another handle type.
    Msg = F.Other == F.Release
              ? F.Type + " '" + H + "' is released by '" + F.Other +
                    "' as another kind of handle; check the argument that "
                    "selects the kind"
              : F.Type + " '" + H + "' is released with '" + F.Other + "'" +
                    (F.Release.empty() ? "" : "; use '" + F.Release + "'");
    break;
  case FindingKind::GuardEscape:
    // The engine words what outlives the guard and when the guard ends.
    Msg = F.Type + " owned by '" + H + "' " + F.Other;
    break;
  case FindingKind::CopyableOwner:
    Msg = "class '" + F.Other + "' releases '" + H + "' (" + F.Type +
          ") in its destructor but is copyable; every copy releases the same "
          "handle twice";
    break;
  case FindingKind::UnfinishedTx:
    Loc = F.AcquiredAt;
    Msg = "transaction begun on '" + H + "' by '" + F.Acquirer +
          "' is not committed or rolled back on every path";
    break;
  }
  {
    auto D = diag(Loc, Msg);
    for (const FixItHint &Fix : F.Fixes)
      D << Fix;
  }
  for (const ::dbleak::PathNote &N : F.Notes)
    diag(N.Loc, N.Message, DiagnosticIDs::Note);
  // Only the findings that have a fix when one is certainly right; the
  // others (use after release, overwrite, ...) never carry one.
  bool Fixable =
      F.Kind == FindingKind::Leak || F.Kind == FindingKind::LeakInLoop ||
      F.Kind == FindingKind::Discarded || F.Kind == FindingKind::Mismatched ||
      F.Kind == FindingKind::UnfinishedTx;
  if (ExplainMissingFixes && Fixable && F.Fixes.empty())
    diag(Loc, "no fix-it: %0", DiagnosticIDs::Note)
        << (F.NoFix.empty() ? "unexplained" : F.NoFix);
}

} // namespace clang::tidy::dbleak
