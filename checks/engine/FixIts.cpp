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
#include <functional>
#include <optional>

using namespace clang;

namespace dbleak {
using namespace detail;

namespace {

/// A local whose handle a fix-it can release: a pointer, or a C struct on
/// the stack that the library initializes and releases through its address
/// (`bson_t reply;` ... `bson_destroy(&reply);`).
bool fixableLocal(const VarDecl *V) {
  if (!V || isa<ParmVarDecl>(V))
    return false;
  QualType T = V->getType();
  if (T->isPointerType())
    return true;
  const auto *RD = T->getAsRecordDecl();
  if (!RD || !RD->isStruct())
    return false;
  const auto *CXX = dyn_cast<CXXRecordDecl>(RD);
  return !CXX || (CXX->hasDefinition() && CXX->hasTrivialDestructor());
}

/// With the handle that dies: something its release cannot run before (a
/// handle acquired from it, as an ODBC statement from its connection; state
/// attached to it that releasing it does not end, as an ODBC connection on
/// its DBC), still live. Only kinds released with a catalogued call care:
/// those libraries refuse to release a handle that others depend on.
constexpr unsigned Pinned = 1u << 10;

bool pinned(const LifetimeAnalysis::Impl &A, const std::vector<Site> &Sites,
            const State &St, unsigned S, const VarDecl *V) {
  const Resource *R = A.resource(Sites[S].Kind);
  if (!R || R->ReleaseCall.empty())
    return false;
  for (unsigned I = 0; I < Sites.size() && I < St.H.size(); ++I) {
    if (I == S || !isLive(St.H[I]))
      continue;
    if (Sites[I].Attached) {
      const Resource *AR = A.resource(Sites[I].Kind);
      if (Sites[I].Owner == V->getName() && AR && !AR->EndsWithParent)
        return true;
      continue;
    }
    if (const auto *CE = dyn_cast_or_null<CallExpr>(Sites[I].Call))
      for (const Expr *Arg : CE->arguments())
        if (const auto *DRE = dyn_cast<DeclRefExpr>(Arg->IgnoreParenImpCasts());
            DRE && DRE->getDecl() == V)
          return true;
  }
  return false;
}

} // namespace

/// One statement to insert at one place: the release of a variable's
/// handle, or the rollback of a transaction (Key tells them apart).
struct Explorer::Insertion {
  const void *Key;
  std::string Text;
  SourceLocation AcquiredAt;
};

CFGBlock::const_iterator Explorer::localsDie(CFGBlock::const_iterator It,
                                             CFGBlock::const_iterator End,
                                             State &St) {
  const Stmt *Trigger = It->castAs<CFGLifetimeEnds>().getTriggerStmt();
  if (Simulate)
    simulateRelease(Trigger, St);
  auto Last = It;
  llvm::SmallVector<const VarDecl *, 4> Dying;
  for (; It != End; ++It) {
    auto LE = It->getAs<CFGLifetimeEnds>();
    if (!LE || LE->getTriggerStmt() != Trigger)
      break;
    Last = It;
    const VarDecl *V = LE->getVarDecl();
    if (fixableLocal(V))
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
    if (pinned(A, Sites, St, S, V))
      Seen |= Pinned;
    for (auto &[Other, OS] : St.Bind)
      if (OS == unsigned(S) &&
          !(Holders[Other].isLocal() &&
            llvm::is_contained(Dying, Holders[Other].var())))
        Seen |= Shared;
  }
  return Last;
}

void Explorer::jumpTaken(const Stmt *J, const State &St) {
  ++JumpPaths[J];
  for (auto &[H, S] : St.Bind) {
    const VarDecl *V = Holders[H].isLocal() ? Holders[H].var() : nullptr;
    if (!fixableLocal(V))
      continue;
    JumpSeen &Seen = Jumps[{J, V}];
    ++Seen.Paths;
    Seen.Bits |= 1u << St.H[S];
    Seen.Sites |= S < 64 ? 1ull << S : ~0ull;
    if (Sites[S].Param || Sites[S].Attached)
      Seen.Bits |= NoHandle;
    if (pinned(A, Sites, St, S, V))
      Seen.Bits |= Pinned;
    for (auto &[Other, OS] : St.Bind)
      if (OS == S && Other != H)
        Seen.Bits |= Shared;
  }
}

void Explorer::simulateRelease(const Stmt *At, State &St) {
  auto It = Simulate->find(At);
  if (It == Simulate->end())
    return;
  for (const VarDecl *V : It->second) {
    int S = bound(St, V);
    if (S < 0 || !(isLive(St.H[S]) || St.H[S] == Null)) {
      SimFailed = true;
      continue;
    }
    if (isLive(St.H[S]))
      St.H[S] = Released;
  }
}

namespace {

bool mentions(const Stmt *S, const VarDecl *V);

/// `V = ...` (the left operand): a write, not a read.
bool assignedHere(const DeclRefExpr *DRE, const ParentMap &PM) {
  const auto *BO = dyn_cast_or_null<BinaryOperator>(
      PM.getParentIgnoreParens(const_cast<DeclRefExpr *>(DRE)));
  return BO && BO->getOpcode() == BO_Assign &&
         BO->getLHS()->IgnoreParens() == DRE;
}

} // namespace

bool Explorer::deadAfter(const Stmt *J, const VarDecl *V) {
  const CFGBlock *From = nullptr;
  for (const CFGBlock *B : *Cfg)
    if (B->getTerminatorStmt() == J)
      From = B;
  if (!From)
    return false;
  llvm::SmallPtrSet<const CFGBlock *, 16> Visited;
  llvm::SmallVector<const CFGBlock *, 16> Work;
  for (const CFGBlock::AdjacentBlock &Succ : From->succs())
    if (const CFGBlock *B = Succ.getReachableBlock())
      Work.push_back(B);
  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    if (!Visited.insert(B).second)
      continue;
    bool Gone = false;
    for (const CFGElement &E : *B) {
      if (auto LE = E.getAs<CFGLifetimeEnds>()) {
        if (LE->getVarDecl() == V) {
          Gone = true;
          break;
        }
        continue;
      }
      auto CS = E.getAs<CFGStmt>();
      if (!CS)
        continue;
      const Stmt *S = CS->getStmt();
      if (const auto *BO = dyn_cast<BinaryOperator>(S);
          BO && BO->getOpcode() == BO_Assign &&
          isa<DeclRefExpr>(BO->getLHS()->IgnoreParens()) &&
          cast<DeclRefExpr>(BO->getLHS()->IgnoreParens())->getDecl() == V) {
        if (mentions(BO->getRHS(), V))
          return false;
        Gone = true;
        break;
      }
      if (const auto *DRE = dyn_cast<DeclRefExpr>(S);
          DRE && DRE->getDecl() == V && assignedHere(DRE, PM))
        continue;
      if (mentions(S, V))
        return false;
    }
    if (Gone)
      continue;
    for (const CFGBlock::AdjacentBlock &Succ : B->succs())
      if (const CFGBlock *Next = Succ.getReachableBlock())
        Work.push_back(Next);
  }
  return true;
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

/// How a fix-it writes the release of one leaked handle: the whole call,
/// and what must hold at each place it goes.
struct ReleaseForm {
  std::string Call;
  bool NullOk = false;
  /// A variable the call names besides the handle (a pool): it must be in
  /// scope where the call goes.
  const VarDecl *Other = nullptr;
};

/// A write to \p V below \p S that may come after \p Limit: one not before
/// it in the source, or one inside a loop; or its address taken anywhere.
bool writtenBelow(const Stmt *S, const VarDecl *V, const SourceManager &SM,
                  SourceLocation Limit, bool InLoop = false) {
  if (!S)
    return false;
  auto IsV = [&](const Expr *E) {
    const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return DRE && DRE->getDecl() == V;
  };
  auto Counts = [&] {
    return InLoop || !SM.isBeforeInTranslationUnit(S->getBeginLoc(), Limit);
  };
  if (const auto *BO = dyn_cast<BinaryOperator>(S);
      BO && BO->isAssignmentOp() && IsV(BO->getLHS()) && Counts())
    return true;
  if (const auto *UO = dyn_cast<UnaryOperator>(S);
      UO && (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf) &&
      IsV(UO->getSubExpr()))
    return true;
  InLoop |= isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
  for (const Stmt *C : S->children())
    if (writtenBelow(C, V, SM, Limit, InLoop))
      return true;
  return false;
}

bool hasBackwardGoto(const Stmt *S, const SourceManager &SM) {
  if (!S)
    return false;
  if (const auto *G = dyn_cast<GotoStmt>(S);
      G && SM.isBeforeInTranslationUnit(G->getLabel()->getLocation(),
                                        G->getGotoLoc()))
    return true;
  for (const Stmt *C : S->children())
    if (hasBackwardGoto(C, SM))
      return true;
  return false;
}

/// \p V holds NULL whenever it does not hold the handle of \p S: a
/// pointer initialized to NULL, and afterwards assigned only NULL or the
/// value of that acquisition (its address given to nothing else).
bool nullUnlessHeld(const VarDecl *V, const Site &S, const Stmt *Body,
                    ASTContext &Ctx) {
  auto IsNull = [&](const Expr *E) {
    return E && E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNull);
  };
  if (!V->getType()->isPointerType() || !IsNull(V->getInit()) || !S.Call)
    return false;
  const Expr *Acq = S.Call->IgnoreParenImpCasts();
  bool Ok = true;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *X) {
    if (!X || !Ok)
      return;
    auto IsV = [&](const Expr *E) {
      const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
      return DRE && DRE->getDecl() == V;
    };
    if (const auto *BO = dyn_cast<BinaryOperator>(X);
        BO && BO->isAssignmentOp() && IsV(BO->getLHS()))
      Ok &=
          BO->getOpcode() == BO_Assign &&
          (IsNull(BO->getRHS()) || BO->getRHS()->IgnoreParenImpCasts() == Acq);
    if (const auto *UO = dyn_cast<UnaryOperator>(X);
        UO && UO->isIncrementDecrementOp() && IsV(UO->getSubExpr()))
      Ok = false;
    if (const auto *CE = dyn_cast<CallExpr>(X))
      for (const Expr *Arg : CE->arguments())
        if (const auto *UO =
                dyn_cast<UnaryOperator>(Arg->IgnoreParenImpCasts());
            UO && UO->getOpcode() == UO_AddrOf && IsV(UO->getSubExpr()))
          Ok &= CE == Acq;
    for (const Stmt *C : X->children())
      Walk(C);
  };
  Walk(Body);
  return Ok;
}

/// \p V is in scope at \p Place: a parameter, or a local declared before it
/// in a block that encloses it.
bool inScopeAt(const VarDecl *V, const Stmt *Place, const ParentMap &PM,
               const SourceManager &SM) {
  if (isa<ParmVarDecl>(V))
    return true;
  if (!SM.isBeforeInTranslationUnit(V->getLocation(), Place->getBeginLoc()))
    return false;
  for (const Stmt *P = Place; P; P = PM.getParent(const_cast<Stmt *>(P)))
    if (const auto *C = dyn_cast<CompoundStmt>(P))
      for (const Stmt *X : C->body())
        if (const auto *DS = dyn_cast<DeclStmt>(X);
            DS && llvm::is_contained(DS->decls(), V))
          return true;
  return false;
}

/// How to release \p Var's handle acquired at \p S, or nothing (with \p Why)
/// if no call is certainly right: the kind's one-parameter release, or its
/// catalogued release call (`SQLFreeHandle(SQL_HANDLE_STMT, {handle})`,
/// `mongoc_client_pool_push({arg0}, {handle})`), the handle passed by
/// address when the variable is the struct itself.
std::optional<ReleaseForm> releaseForm(const LifetimeAnalysis::Impl &A,
                                       ASTContext &Ctx, const Stmt *Body,
                                       const Site &S, const VarDecl *Var,
                                       std::string &Why) {
  const Resource *R = A.resource(S.Kind);
  auto Refuse = [&](const char *Code) {
    Why = Code;
    return std::nullopt;
  };
  if (isHeapKind(S.Kind) && !S.Attached && !S.Param) {
    // `delete p;`, which takes NULL too.
    if (Var->getLocation().isMacroID())
      return Refuse("macro");
    if (!Var->getType()->isPointerType())
      return Refuse("release-takes-another-type");
    ReleaseForm Form;
    Form.Call = "delete " + Var->getName().str() + ";";
    Form.NullOk = true;
    return Form;
  }
  if (!R || R->Release.empty() || S.Attached || S.Param)
    return Refuse("no-release-function");
  if (Var->getLocation().isMacroID())
    return Refuse("macro");
  const ApiEntry *Rel = nullptr;
  for (const ApiEntry &E : A.Cat.lookup(R->Release))
    if (E.Release == S.Kind &&
        (!R->ReleaseCall.empty() || (E.Arg == 0 && E.When.empty())))
      Rel = Rel ? Rel : &E;
  if (!Rel)
    return Refuse("release-takes-more-than-the-handle");
  const FunctionDecl *Fn = nullptr;
  if (R->ReleaseCall.empty()) {
    Fn = oneParamFunction(Ctx, R->Release);
    if (!Fn)
      return Refuse("release-not-declared-with-one-parameter");
  } else {
    // Declared here, not hidden by a macro of the same name.
    IdentifierInfo &Id = Ctx.Idents.get(R->Release);
    auto Found = Ctx.getTranslationUnitDecl()->lookup(DeclarationName(&Id));
    Fn = Found.empty() ? nullptr : dyn_cast<FunctionDecl>(Found.front());
    if (!Fn || Id.hasMacroDefinition() || Fn->getNumParams() <= Rel->Arg)
      return Refuse("release-not-declared");
  }
  ReleaseForm Form;
  Form.NullOk = Rel->NullOk;
  std::string Handle = Var->getName().str();
  if (!Var->getType()->isPointerType()) {
    // `bson_destroy(&reply)`: the parameter points to the variable's type.
    const auto *PT =
        Fn->getParamDecl(Rel->Arg)->getType()->getAs<PointerType>();
    if (!PT ||
        !Ctx.hasSameUnqualifiedType(PT->getPointeeType(), Var->getType()))
      return Refuse("release-takes-another-type");
    Handle = "&" + Handle;
    Form.NullOk = true; // the address is never NULL
  }
  std::string Call =
      R->ReleaseCall.empty() ? R->Release + "({handle})" : R->ReleaseCall;
  // `{argN}`: a variable the acquiring call was given, which nothing
  // changes afterwards.
  for (size_t Open = Call.find("{arg"); Open != std::string::npos;
       Open = Call.find("{arg")) {
    size_t Close = Call.find('}', Open);
    unsigned N;
    // The catalogued call itself, not a wrapper around it whose arguments
    // mean something else (`service_checkout(s)`).
    const auto *CE = dyn_cast_or_null<CallExpr>(S.Call);
    const FunctionDecl *Callee = CE ? CE->getDirectCallee() : nullptr;
    if (!Callee || llvm::none_of(A.Cat.lookup(catalogName(Callee)),
                                 [&](const ApiEntry &E) {
                                   return E.Acquire == S.Kind;
                                 }))
      return Refuse("release-argument-not-a-stable-variable");
    if (Close == std::string::npos ||
        StringRef(Call).slice(Open + 4, Close).getAsInteger(10, N) || !CE ||
        N >= CE->getNumArgs() || Form.Other)
      return Refuse("release-call-not-understood");
    const auto *DRE =
        dyn_cast<DeclRefExpr>(CE->getArg(N)->IgnoreParenImpCasts());
    const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    const SourceManager &SM = Ctx.getSourceManager();
    if (!V || !(isa<ParmVarDecl>(V) || V->hasLocalStorage()) ||
        V->getLocation().isMacroID() ||
        writtenBelow(Body, V, SM, CE->getBeginLoc()) ||
        hasBackwardGoto(Body, SM))
      return Refuse("release-argument-not-a-stable-variable");
    Form.Other = V;
    Call.replace(Open, Close + 1 - Open, V->getName().str());
  }
  size_t Hole = Call.find("{handle}");
  if (Hole == std::string::npos)
    return Refuse("release-call-not-understood");
  Call.replace(Hole, 8, Handle);
  Form.Call = Call + ";";
  return Form;
}

/// The statement that releases the handle of \p Var at \p Place, reached
/// with the handle in the states \p Seen.
std::optional<std::string>
releaseAt(const ReleaseForm &Form, const VarDecl *Var, const Stmt *Place,
          unsigned Seen, bool MayBeNull, const ParentMap &PM,
          const SourceManager &SM, std::string &Why) {
  if (Seen & Pinned) {
    Why = "another-handle-depends-on-it";
    return std::nullopt;
  }
  if (Form.Other && !inScopeAt(Form.Other, Place, PM, SM)) {
    Why = "release-argument-not-in-scope";
    return std::nullopt;
  }
  bool Guard =
      (MayBeNull || (Seen & (1u << MaybeNull | 1u << Null))) && !Form.NullOk;
  return (Guard ? "if (" + Var->getName().str() + ") " : std::string()) +
         Form.Call;
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
  if (Result->Incomplete) {
    for (const LeakToFix &Leak : LeaksToFix)
      Result->Findings[Leak.Finding].NoFix = "function-not-fully-explored";
    return;
  }
  const SourceManager &SM = Ctx.getSourceManager();
  // What to insert where for each finding, or nothing if some place is
  // uncertain.
  std::map<const Stmt *, std::vector<Insertion>> At;
  std::vector<std::vector<const Stmt *>> PlacesOf(LeaksToFix.size());
  // Releases before jumps: kept only if a walk with them applied finds
  // these leaks gone and nothing new.
  std::vector<size_t> Simulated;
  std::map<size_t, std::vector<std::pair<const Stmt *, Insertion>>> Pending;
  for (size_t L = 0; L < LeaksToFix.size(); ++L) {
    const LeakToFix &Leak = LeaksToFix[L];
    std::string &Why = Result->Findings[Leak.Finding].NoFix;
    std::vector<std::pair<const Stmt *, Insertion>> Places =
        Leak.Var ? releasePlaces(Leak, Why) : rollbackPlaces(Leak, Why);
    if (Places.empty() && Leak.Var &&
        (Why == "place-reached-with-it-released" ||
         Why == "place-reached-without-the-handle")) {
      std::string JumpWhy;
      Places = jumpPlaces(Leak, JumpWhy);
      if (!Places.empty())
        Simulated.push_back(L);
      else if (!JumpWhy.empty())
        Why += "; " + JumpWhy;
    }
    if (!Simulated.empty() && Simulated.back() == L) {
      Pending[L] = std::move(Places);
      continue;
    }
    for (auto &[Place, What] : Places) {
      auto &Here = At[Place];
      if (llvm::none_of(Here,
                        [&](const Insertion &X) { return X.Key == What.Key; }))
        Here.push_back(std::move(What));
      PlacesOf[L].push_back(Place);
    }
  }
  if (!Simulated.empty()) {
    auto Releases = [&](llvm::ArrayRef<size_t> Which) {
      std::map<const Stmt *, std::vector<const VarDecl *>> Map;
      for (size_t L = 0; L < LeaksToFix.size(); ++L)
        if (LeaksToFix[L].Var && !Pending.count(L))
          for (const Stmt *Place : PlacesOf[L])
            Map[Place].push_back(LeaksToFix[L].Var);
      for (size_t L : Which)
        for (const auto &[Place, What] : Pending[L])
          Map[Place].push_back(LeaksToFix[L].Var);
      return Map;
    };
    std::vector<size_t> Kept;
    if (fixesHold(Releases(Simulated), Simulated)) {
      Kept = Simulated;
    } else {
      for (size_t L : Simulated)
        if (fixesHold(Releases({L}), {L}))
          Kept.push_back(L);
      if (Kept.size() > 1 && !fixesHold(Releases(Kept), Kept))
        Kept.clear();
    }
    for (size_t L : Simulated) {
      if (!llvm::is_contained(Kept, L)) {
        Result->Findings[LeaksToFix[L].Finding].NoFix +=
            "; releases before the jumps do not remove it alone";
        continue;
      }
      Result->Findings[LeaksToFix[L].Finding].NoFix.clear();
      for (auto &[Place, What] : Pending[L]) {
        auto &Here = At[Place];
        if (llvm::none_of(
                Here, [&](const Insertion &X) { return X.Key == What.Key; }))
          Here.push_back(std::move(What));
        PlacesOf[L].push_back(Place);
      }
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
    Finding &F = Result->Findings[LeaksToFix[L].Finding];
    if (!PlacesOf[L].empty() && !Complete)
      F.NoFix = "insertion-in-a-macro";
    else if (Complete && Fixes.empty())
      F.NoFix = "fixed-by-another-finding";
    F.Fixes = std::move(Fixes);
  }
}

std::vector<std::pair<const Stmt *, Explorer::Insertion>>
Explorer::releasePlaces(const LeakToFix &Leak, std::string &Why) {
  auto Refuse = [&](const char *Code) {
    Why = Code;
    return std::vector<std::pair<const Stmt *, Insertion>>();
  };
  std::optional<ReleaseForm> Form =
      releaseForm(A, Ctx, Body, Sites[Leak.Site], Leak.Var, Why);
  if (!Form)
    return {};
  std::vector<std::pair<const Stmt *, Insertion>> Places;
  for (const auto &[Key, Seen] : Deaths) {
    if (Key.second != Leak.Var)
      continue;
    const unsigned Held = 1u << Live | 1u << MaybeNull;
    if (!(Seen & Held))
      continue; // not lost here
    const Stmt *Place = Key.first;
    if (Seen & Shared)
      return Refuse("another-holder-keeps-it");
    if (Seen & (1u << Released | 1u << Escaped | 1u << Unacquired))
      return Refuse("place-reached-with-it-released");
    // Reached before the acquisition too: `if (res) PQclear(res);` when
    // the variable is certainly NULL there.
    if ((Seen & NoHandle) &&
        !nullUnlessHeld(Leak.Var, Sites[Leak.Site], Body, Ctx))
      return Refuse("place-reached-without-the-handle");
    if (!isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt, CompoundStmt>(
            Place))
      return Refuse("place-not-a-jump-or-block-end");
    if (const auto *RS = dyn_cast<ReturnStmt>(Place);
        RS && mentions(RS->getRetValue(), Leak.Var))
      return Refuse("return-value-reads-it");
    std::optional<std::string> X =
        releaseAt(*Form, Leak.Var, Place, Seen, Seen & NoHandle, PM, SM(), Why);
    if (!X)
      return {};
    Places.push_back({Place, {Leak.Var, std::move(*X), Sites[Leak.Site].Loc}});
  }
  if (Places.empty())
    Why = "no-place-where-it-dies";
  return Places;
}

std::vector<std::pair<const Stmt *, Explorer::Insertion>>
Explorer::jumpPlaces(const LeakToFix &Leak, std::string &Why) {
  std::optional<ReleaseForm> Form =
      releaseForm(A, Ctx, Body, Sites[Leak.Site], Leak.Var, Why);
  if (!Form)
    return {};
  const unsigned Held = 1u << Live | 1u << MaybeNull;
  std::vector<std::pair<const Stmt *, Insertion>> Places;
  auto Add = [&](const Stmt *Place, unsigned Seen) {
    std::optional<std::string> X =
        releaseAt(*Form, Leak.Var, Place, Seen, Seen & NoHandle, PM, SM(), Why);
    if (X)
      Places.push_back(
          {Place, {Leak.Var, std::move(*X), Sites[Leak.Site].Loc}});
    return X.has_value();
  };
  // Where the variable dies with the handle live on every path: there, as
  // before. Where it dies live on some paths only: the jumps must cover
  // those.
  for (const auto &[Key, Seen] : Deaths) {
    if (Key.second != Leak.Var || !(Seen & Held))
      continue;
    if (Seen & Shared)
      return Why = "another-holder-keeps-it", decltype(Places)();
    if (Seen & Pinned)
      return Why = "another-handle-depends-on-it", decltype(Places)();
    if (Seen & ~(Held | 1u << Null))
      continue;
    if (const auto *RS = dyn_cast<ReturnStmt>(Key.first);
        RS && mentions(RS->getRetValue(), Leak.Var))
      return Why = "return-value-reads-it", decltype(Places)();
    if (!isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt, CompoundStmt>(
            Key.first))
      return Why = "place-not-a-jump-or-block-end", decltype(Places)();
    if (!Add(Key.first, Seen))
      return {};
  }
  bool Jumped = false;
  for (const auto &[Key, Seen] : Jumps) {
    if (Key.second != Leak.Var || !(Seen.Bits & Held) ||
        (Seen.Bits & ~(Held | 1u << Null)) ||
        Seen.Paths != JumpPaths[Key.first] || Seen.Sites != 1ull << Leak.Site ||
        Deaths.count(Key) || !deadAfter(Key.first, Leak.Var))
      continue;
    if (!Add(Key.first, Seen.Bits))
      return {};
    Jumped = true;
  }
  if (!Jumped) {
    Why = "no-jump-that-certainly-loses-it";
    return {};
  }
  return Places;
}

bool Explorer::fixesHold(
    const std::map<const Stmt *, std::vector<const VarDecl *>> &Places,
    const std::vector<size_t> &Fixed) {
  Explorer Sim(A, FD, WithFacts, Args);
  Sim.Simulate = &Places;
  FunctionResult Res;
  Summary Ignored;
  Sim.run(Res, Ignored);
  if (Sim.SimFailed || Res.Incomplete)
    return false;
  auto KeyOf = [](const Finding &F) {
    return std::make_tuple(int(F.Kind), F.AcquiredAt.getRawEncoding(),
                           F.At.getRawEncoding());
  };
  std::set<std::tuple<int, unsigned, unsigned>> Before;
  for (const Finding &F : Result->Findings)
    Before.insert(KeyOf(F));
  for (const Finding &F : Res.Findings) {
    if (!Before.count(KeyOf(F)))
      return false; // a finding the fixes added
    for (size_t L : Fixed) {
      const Finding &Old = Result->Findings[LeaksToFix[L].Finding];
      if (F.Kind == Old.Kind && F.AcquiredAt == Old.AcquiredAt)
        return false; // not fixed
    }
  }
  return true;
}

std::vector<std::pair<const Stmt *, Explorer::Insertion>>
Explorer::rollbackPlaces(const LeakToFix &Tx, std::string &Why) {
  const Site &S = Sites[Tx.Site];
  const Resource *R = A.resource(S.Kind);
  const auto *Ret = dyn_cast_or_null<ReturnStmt>(Tx.Exit);
  auto Refuse = [&](const char *Code) {
    Why = Code;
    return std::vector<std::pair<const Stmt *, Insertion>>();
  };
  if (!R || R->Rollback.empty())
    return Refuse("no-rollback-in-catalog");
  if (!Ret || !S.Call)
    return Refuse("not-at-a-return");
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
  if (!InScope)
    return Refuse("connection-not-a-variable-in-scope");
  if (Hole == std::string::npos)
    return Refuse("no-rollback-in-catalog");
  std::string Text = R->Rollback;
  Text.replace(Hole, 6, S.Owner);
  return {{Ret, {&S, Text, S.Loc}}};
}

} // namespace dbleak
