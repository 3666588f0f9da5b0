//===--- FixIts.cpp - The fix-its the engine offers -----------------------===//
//
// One builder beside the explorer. A release is offered only where it is
// certainly right: at every place where the handle's last variable dies with
// the handle live (a return, a break, a continue, a goto, the end of a block
// such as a loop body), and only if every path reaching that place holds it
// there. The explorer records, at each such place, what every path held
// (localsDie); buildFixes runs once the walk is over.
//
//===----------------------------------------------------------------------===//

#include "engine/Internals.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace dbleak {
using namespace detail;

/// One statement to insert at one place: the release of a variable's
/// handle, or the rollback of a transaction (Key tells them apart).
struct Explorer::Insertion {
  const void *Key;
  std::string Text;
  SourceLocation AcquiredAt;
};

CFGBlock::const_iterator Explorer::localsDie(CFGBlock::const_iterator It,
                                             CFGBlock::const_iterator End,
                                             const State &St) {
  const Stmt *Trigger = It->castAs<CFGLifetimeEnds>().getTriggerStmt();
  auto Last = It;
  llvm::SmallVector<const VarDecl *, 4> Dying;
  for (; It != End; ++It) {
    auto LE = It->getAs<CFGLifetimeEnds>();
    if (!LE || LE->getTriggerStmt() != Trigger)
      break;
    Last = It;
    const VarDecl *V = LE->getVarDecl();
    if (V && !isa<ParmVarDecl>(V) && V->getType()->isPointerType())
      Dying.push_back(V);
  }
  for (const VarDecl *V : Dying) {
    unsigned &Seen = Deaths[{Trigger, V}];
    int S = bound(St, V);
    if (S < 0 || Sites[S].Param || Sites[S].Attached) {
      Seen |= NoHandle;
      continue;
    }
    Seen |= 1u << St.H[S];
    for (auto &[Other, OS] : St.Bind)
      if (OS == unsigned(S) &&
          !(Holders[Other].isLocal() &&
            llvm::is_contained(Dying, Holders[Other].var())))
        Seen |= Shared;
  }
  return Last;
}

namespace {

std::string lineIndent(const SourceManager &SM, SourceLocation Loc) {
  auto [File, Offset] = SM.getDecomposedLoc(Loc);
  StringRef Text = SM.getBufferData(File);
  size_t Start = Text.rfind('\n', Offset);
  Start = Start == StringRef::npos ? 0 : Start + 1;
  StringRef Line = Text.slice(Start, Text.size());
  return Line.take_while([](char C) { return C == ' ' || C == '\t'; }).str();
}

/// Nothing but blanks before \p Loc on its line.
bool firstOnLine(const SourceManager &SM, SourceLocation Loc) {
  auto [File, Offset] = SM.getDecomposedLoc(Loc);
  StringRef Text = SM.getBufferData(File);
  size_t Start = Text.rfind('\n', Offset);
  Start = Start == StringRef::npos ? 0 : Start + 1;
  return Text.slice(Start, Offset).find_first_not_of(" \t") == StringRef::npos;
}

bool mentions(const Stmt *S, const VarDecl *V) {
  if (!S)
    return false;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S); DRE && DRE->getDecl() == V)
    return true;
  for (const Stmt *C : S->children())
    if (mentions(C, V))
      return true;
  return false;
}

/// Where the body statement \p Body of \p Parent opens, for braces around
/// it: after the `)` of an if, for or while, after `else` or `do`.
SourceLocation bodyOpener(const Stmt *Parent, const Stmt *Body) {
  if (const auto *If = dyn_cast<IfStmt>(Parent))
    return If->getThen() == Body   ? If->getRParenLoc()
           : If->getElse() == Body ? If->getElseLoc()
                                   : SourceLocation();
  if (const auto *For = dyn_cast<ForStmt>(Parent))
    return For->getBody() == Body ? For->getRParenLoc() : SourceLocation();
  if (const auto *While = dyn_cast<WhileStmt>(Parent))
    return While->getBody() == Body ? While->getRParenLoc() : SourceLocation();
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(Parent))
    return Range->getBody() == Body ? Range->getRParenLoc() : SourceLocation();
  if (const auto *Do = dyn_cast<DoStmt>(Parent))
    return Do->getBody() == Body ? Do->getDoLoc() : SourceLocation();
  return SourceLocation();
}

/// The edits that run \p Calls right before the jump or return \p Exit:
/// inserted before it, or, when it is the lone body of an if, else or loop,
/// with braces around both. Empty when no edit is certainly right.
std::vector<FixItHint> beforeExit(const Stmt *Exit, const ParentMap &PM,
                                  const ASTContext &Ctx,
                                  const std::vector<std::string> &Calls) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  SourceLocation At = Exit->getBeginLoc();
  if (At.isInvalid() || At.isMacroID())
    return {};
  const Stmt *Parent = PM.getParent(const_cast<Stmt *>(Exit));
  if (isa_and_nonnull<CompoundStmt, LabelStmt, CaseStmt, DefaultStmt>(Parent)) {
    // `out: return rc;` keeps its label on the release.
    std::string Sep =
        firstOnLine(SM, At) ? "\n" + lineIndent(SM, At) : std::string(" ");
    return {FixItHint::CreateInsertion(At, llvm::join(Calls, Sep) + Sep)};
  }
  SourceLocation Opener = Parent ? bodyOpener(Parent, Exit) : SourceLocation();
  if (Opener.isInvalid() || Opener.isMacroID())
    return {};
  SourceLocation AfterOpener = Lexer::getLocForEndOfToken(Opener, 0, SM, LO);
  SourceLocation AfterSemi =
      Lexer::findLocationAfterToken(Exit->getEndLoc(), tok::semi, SM, LO,
                                    /*SkipTrailingWhitespaceAndNewLine=*/false);
  if (AfterOpener.isInvalid() || AfterSemi.isInvalid() ||
      AfterSemi.isMacroID() || SM.getFileID(AfterSemi) != SM.getFileID(At))
    return {};
  if (SM.getSpellingLineNumber(Opener) == SM.getSpellingLineNumber(At))
    return {FixItHint::CreateInsertion(At, "{ " + llvm::join(Calls, " ") + " "),
            FixItHint::CreateInsertion(AfterSemi, " }")};
  std::string Sep = "\n" + lineIndent(SM, At);
  return {FixItHint::CreateInsertion(AfterOpener, " {"),
          FixItHint::CreateInsertion(At, llvm::join(Calls, Sep) + Sep),
          FixItHint::CreateInsertion(AfterSemi,
                                     "\n" + lineIndent(SM, Opener) + "}")};
}

/// The edit that runs \p Calls at the end of the block \p C, where its
/// locals die (the end of a loop body: before the next iteration).
std::vector<FixItHint> atBlockEnd(const CompoundStmt *C, const ParentMap &PM,
                                  const ASTContext &Ctx,
                                  const std::vector<std::string> &Calls) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation End = C->getRBracLoc();
  // A statement expression's value is its last statement.
  if (End.isInvalid() || End.isMacroID() ||
      isa_and_nonnull<StmtExpr>(PM.getParent(const_cast<CompoundStmt *>(C))))
    return {};
  if (!firstOnLine(SM, End))
    return {FixItHint::CreateInsertion(End, llvm::join(Calls, " ") + " ")};
  std::string Indent = lineIndent(SM, End);
  const Stmt *Last = C->body_empty() ? nullptr : C->body_back();
  std::string Inner = Last && Last->getBeginLoc().isFileID() &&
                              firstOnLine(SM, Last->getBeginLoc())
                          ? lineIndent(SM, Last->getBeginLoc())
                          : Indent + "  ";
  // On lines of their own, before the line that holds the `}`.
  std::string Text;
  for (const std::string &Call : Calls)
    Text += Inner + Call + "\n";
  return {FixItHint::CreateInsertion(
      End.getLocWithOffset(-static_cast<int>(Indent.size())), Text)};
}

} // namespace

void Explorer::buildFixes() {
  if (Result->Incomplete || LeaksToFix.empty())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  // What to insert where for each finding, or nothing if some place is
  // uncertain.
  std::map<const Stmt *, std::vector<Insertion>> At;
  std::vector<std::vector<const Stmt *>> PlacesOf(LeaksToFix.size());
  for (size_t L = 0; L < LeaksToFix.size(); ++L) {
    const LeakToFix &Leak = LeaksToFix[L];
    std::vector<std::pair<const Stmt *, Insertion>> Places =
        Leak.Var ? releasePlaces(Leak) : rollbackPlaces(Leak);
    for (auto &[Place, What] : Places) {
      auto &Here = At[Place];
      if (llvm::none_of(Here,
                        [&](const Insertion &X) { return X.Key == What.Key; }))
        Here.push_back(std::move(What));
      PlacesOf[L].push_back(Place);
    }
  }
  // One insertion per place releases every handle lost there, the last
  // acquired first.
  std::map<const Stmt *, std::vector<FixItHint>> EditsAt;
  for (auto &[Place, Here] : At) {
    llvm::stable_sort(Here, [&](const Insertion &X, const Insertion &Y) {
      return SM.isBeforeInTranslationUnit(Y.AcquiredAt, X.AcquiredAt);
    });
    std::vector<std::string> Calls;
    for (const Insertion &X : Here)
      Calls.push_back(X.Text);
    if (const auto *C = dyn_cast<CompoundStmt>(Place))
      EditsAt[Place] = atBlockEnd(C, PM, Ctx, Calls);
    else
      EditsAt[Place] = beforeExit(Place, PM, Ctx, Calls);
  }
  // Each insertion goes with the first finding that needs it: clang-tidy
  // applies the fixes of all warnings, and would insert it twice.
  std::set<const Stmt *> Given;
  for (size_t L = 0; L < LeaksToFix.size(); ++L) {
    std::vector<FixItHint> Fixes;
    bool Complete = !PlacesOf[L].empty();
    for (const Stmt *Place : PlacesOf[L])
      Complete &= !EditsAt[Place].empty();
    for (const Stmt *Place : PlacesOf[L])
      if (Complete && Given.insert(Place).second)
        llvm::append_range(Fixes, EditsAt[Place]);
    Result->Findings[LeaksToFix[L].Finding].Fixes = std::move(Fixes);
  }
}

std::vector<std::pair<const Stmt *, Explorer::Insertion>>
Explorer::releasePlaces(const LeakToFix &Leak) {
  const Site &S = Sites[Leak.Site];
  const Resource *R = A.resource(S.Kind);
  bool Heap = isHeapKind(S.Kind); // `delete p;`, which takes NULL too
  if ((!Heap && (!R || R->Release.empty())) || S.Attached || S.Param)
    return {};
  const ApiEntry *Rel = nullptr;
  for (const ApiEntry &E : A.Cat.lookup(Heap ? "" : R->Release))
    if (E.Release == S.Kind && E.Arg == 0 && E.When.empty())
      Rel = &E;
  // The release function must be declared here and take exactly the
  // handle.
  if ((!Heap && (!Rel || !oneParamFunction(Ctx, R->Release))) ||
      Leak.Var->getLocation().isMacroID())
    return {};
  std::string Name = Leak.Var->getName().str();
  std::vector<std::pair<const Stmt *, Insertion>> Places;
  for (const auto &[Key, Seen] : Deaths) {
    if (Key.second != Leak.Var)
      continue;
    const unsigned Held = 1u << Live | 1u << MaybeNull;
    if (!(Seen & Held))
      continue; // not lost here
    const Stmt *Place = Key.first;
    bool Fits =
        !(Seen & ~(Held | 1u << Null)) &&
        isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt, CompoundStmt>(Place);
    if (const auto *RS = dyn_cast<ReturnStmt>(Place))
      Fits &= !mentions(RS->getRetValue(), Leak.Var);
    if (!Fits)
      return {};
    bool Guard =
        !Heap && (Seen & (1u << MaybeNull | 1u << Null)) && !Rel->NullOk;
    Places.push_back({Place,
                      {Leak.Var,
                       Heap ? "delete " + Name + ";"
                            : (Guard ? "if (" + Name + ") " : std::string()) +
                                  R->Release + "(" + Name + ");",
                       S.Loc}});
  }
  return Places;
}

std::vector<std::pair<const Stmt *, Explorer::Insertion>>
Explorer::rollbackPlaces(const LeakToFix &Tx) {
  const Site &S = Sites[Tx.Site];
  const Resource *R = A.resource(S.Kind);
  const auto *Ret = dyn_cast_or_null<ReturnStmt>(Tx.Exit);
  if (!R || R->Rollback.empty() || !Ret || !S.Call)
    return {};
  // The connection must be a variable certainly in scope at the return: a
  // parameter, or a local of the function's outermost block.
  bool InScope = llvm::any_of(FD->parameters(), [&](const ParmVarDecl *P) {
    return P->getName() == S.Owner;
  });
  if (const auto *Top = dyn_cast<CompoundStmt>(Body))
    for (const Stmt *X : Top->body())
      if (const auto *DS = dyn_cast<DeclStmt>(X))
        for (const Decl *D : DS->decls())
          if (const auto *V = dyn_cast<VarDecl>(D))
            InScope |= V->getName() == S.Owner &&
                       SM().isBeforeInTranslationUnit(V->getLocation(),
                                                      Ret->getBeginLoc());
  // The statement calls the functions that began the transaction; they
  // are declared here.
  size_t Hole = R->Rollback.find("{conn}");
  if (!InScope || Hole == std::string::npos)
    return {};
  std::string Text = R->Rollback;
  Text.replace(Hole, 6, S.Owner);
  return {{Ret, {&S, Text, S.Loc}}};
}

} // namespace dbleak
