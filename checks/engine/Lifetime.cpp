//===--- Lifetime.cpp - The dbleak handle lifetime engine -----------------===//
//
// Handles are tracked per acquisition site. A path state records, per site,
// whether the handle is unacquired, maybe-null, live, null, released or
// escaped; which local variables hold it; facts about scalar variables used
// in more than one condition (so `if (own) acquire; ... if (own) release;`
// stays correlated); and return codes that say whether an acquisition
// failed. The CFG is explored breadth-first over (block, state) pairs, so the
// first path that reaches a problem is also a shortest witness.
//
//===----------------------------------------------------------------------===//

#include "engine/Lifetime.h"
#include "engine/SqlText.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtVisitor.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Regex.h"
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <unordered_set>

using namespace clang;

namespace dbleak {
namespace {

enum HState : uint8_t { Unacquired, MaybeNull, Live, Null, Released, Escaped };

bool isLive(uint8_t S) { return S == MaybeNull || S == Live; }

/// What a call does, whatever told us: the catalog, a summary, an attribute
/// or a name rule.
struct Effect {
  enum Kind { Acquire, Release, Use, Sink, Sql } K;
  std::string Res; ///< resource kind ("" = any, for name rules)
  int Out = -1;    ///< Acquire: -1 return value, N out-parameter
  int On = -1;     ///< Acquire: attaches to the handle in argument N
  Failure OnFailure = Failure::Null;
  std::vector<int64_t> Success;
  unsigned Arg = 0; ///< Release/Use/Sink; Sql: text argument
  bool NullOk = true;
  int SqlConn = -1;
  std::string Fn;                ///< the callee, for messages
  const ApiEntry *Row = nullptr; ///< the catalog row, when there is one
};

/// How a function treats its parameters and what it returns.
struct Summary {
  std::string Returns; ///< kind of a fresh handle it returns
  struct Param {
    std::string Releases; ///< kind ("" = unknown kind) if it releases it
    bool DoesRelease = false;
    bool Sinks = false;
    std::string OutAcquires; ///< kind acquired into *param
    /// 1 when every return that hands out *param returns true (so a false
    /// return means nothing was acquired), 0 when not, -1 unknown.
    int OutOnTrue = -1;
    std::string TxBegins, TxEnds;
  };
  std::vector<Param> Params;
  /// Does calling it acquire, release or end anything? (Keeping a
  /// parameter does not make a caller worth analyzing.)
  bool changesLifetimes() const {
    if (!Returns.empty())
      return true;
    for (const Param &P : Params)
      if (P.DoesRelease || !P.OutAcquires.empty() || !P.TxBegins.empty() ||
          !P.TxEnds.empty())
        return true;
    return false;
  }
};

struct Site {
  const Expr *Call = nullptr;         ///< the acquiring call
  const ParmVarDecl *Param = nullptr; ///< or a parameter (summaries)
  std::string Kind, Acquirer, Owner;  ///< Owner: key of the owning handle
  bool Attached = false, Transaction = false;
  SourceLocation Loc;
};

/// A scalar fact: Var == Val (Eq) or Var != Val. Var is a local VarDecl or
/// an interned member path such as `inst->mode`.
struct Fact {
  const void *Var;
  bool Eq;
  int64_t Val;
  bool operator==(const Fact &O) const {
    return Var == O.Var && Eq == O.Eq && Val == O.Val;
  }
};

struct State {
  llvm::SmallVector<uint8_t, 8> H;
  llvm::SmallVector<std::pair<const VarDecl *, unsigned>, 4> Bind;
  llvm::SmallVector<Fact, 2> Facts;
  llvm::SmallVector<std::pair<const void *, unsigned>, 2> Status;
  llvm::SmallVector<std::pair<const Expr *, unsigned>, 2> Pending;
  uint32_t OutMask = 0; ///< parameters handed a fresh handle on this path

  int boundSite(const VarDecl *V) const {
    for (auto &[BV, S] : Bind)
      if (BV == V)
        return S;
    return -1;
  }
  const VarDecl *someVarOf(unsigned S) const {
    for (auto &[V, BS] : Bind)
      if (BS == S)
        return V;
    return nullptr;
  }
  void unbind(const VarDecl *V) {
    llvm::erase_if(Bind, [&](auto &P) { return P.first == V; });
  }
  /// The variable was assigned: facts about it and the return code it held
  /// no longer apply.
  void forget(const void *Var) {
    forgetFacts(Var);
    llvm::erase_if(Status, [&](auto &P) { return P.first == Var; });
  }
  void forgetFacts(const void *Var) {
    llvm::erase_if(Facts, [&](const Fact &F) { return F.Var == Var; });
  }
  std::string key(unsigned BlockId) const {
    std::string K;
    auto Put = [&](const void *P, size_t N) {
      K.append(static_cast<const char *>(P), N);
    };
    Put(&BlockId, sizeof BlockId);
    Put(H.data(), H.size());
    auto Sorted = Bind;
    llvm::sort(Sorted);
    for (auto &P : Sorted)
      Put(&P, sizeof P);
    K += '|';
    for (const Fact &F : Facts) {
      Put(&F.Var, sizeof F.Var);
      Put(&F.Eq, 1);
      Put(&F.Val, sizeof F.Val);
    }
    K += '|';
    for (auto &P : Status)
      Put(&P, sizeof P);
    K += '|';
    for (auto &P : Pending)
      Put(&P, sizeof P);
    Put(&OutMask, sizeof OutMask);
    return K;
  }
};

struct Event {
  SourceLocation Loc;
  std::string Msg; ///< empty for pure markers
  int Site = -1;   ///< acquisition or release marker of this site
  bool IsRelease = false;
};

struct Node {
  const CFGBlock *B;
  State S;
  int Parent;
  std::vector<Event> Events;
};

const Expr *strip(const Expr *E) { return E ? E->IgnoreParenCasts() : nullptr; }

const VarDecl *localVar(const Expr *E) {
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(strip(E)))
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
      if (V->hasLocalStorage())
        return V;
  return nullptr;
}

/// A struct handle passed by address (`bson_destroy(&reply)`).
const VarDecl *localVarOrAddress(const Expr *E) {
  E = strip(E);
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      return localVar(UO->getSubExpr());
  return localVar(E);
}

std::string exprKey(const Expr *E, const ASTContext &Ctx) {
  E = strip(E);
  if (!E)
    return "";
  if (const VarDecl *V = localVar(E))
    return V->getName().str();
  std::string S;
  llvm::raw_string_ostream OS(S);
  E->printPretty(OS, nullptr, PrintingPolicy(Ctx.getLangOpts()));
  return S;
}

/// `acquire_handle` on a returned handle sits on the declaration (leading
/// GNU form) or on the function type (trailing GNU and [[clang::]] forms).
const AcquireHandleAttr *acquireHandleAttr(const FunctionDecl *FD) {
  if (const auto *A = FD->getAttr<AcquireHandleAttr>())
    return A;
  for (QualType T = FD->getType(); const auto *AT = T->getAs<AttributedType>();
       T = AT->getModifiedType())
    if (const auto *A = dyn_cast_or_null<AcquireHandleAttr>(AT->getAttr()))
      return A;
  return nullptr;
}

/// SQL text known at compile time: a literal, or a const variable
/// initialized with one (`static const char *BEGIN_SQL = "BEGIN";`).
const StringLiteral *constantSql(const Expr *E) {
  E = strip(E);
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E))
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl())) {
      QualType T = V->getType();
      bool Const =
          T.isConstQualified() ||
          (T->isPointerType() && T->getPointeeType().isConstQualified() &&
           !V->hasLocalStorage());
      E = Const && V->getInit() ? strip(V->getInit()) : nullptr;
    }
  const auto *SL = dyn_cast_or_null<StringLiteral>(E);
  return SL && SL->getCharByteWidth() == 1 ? SL : nullptr;
}

/// C functions are catalogued by name, C++ methods and namespaced functions
/// by qualified name ("soci::connection_pool::lease").
std::string catalogName(const FunctionDecl *FD) {
  if (!FD->getIdentifier())
    return "";
  if (FD->getDeclContext()->getRedeclContext()->isTranslationUnit())
    return FD->getName().str();
  return FD->getQualifiedNameAsString();
}

} // namespace

struct LifetimeAnalysis::Impl {
  ASTContext &Ctx;
  std::shared_ptr<const Catalog> CatHolder;
  const Catalog &Cat;
  EngineOptions Opts;
  llvm::Regex ReleaseRx, SinkRx;
  std::map<const FunctionDecl *, FunctionResult> Results;
  std::map<const FunctionDecl *, Summary> Summaries;
  std::set<const FunctionDecl *> InProgress;
  std::map<const FunctionDecl *, bool> Interesting;

  Impl(ASTContext &Ctx, const Catalog &Cat, const EngineOptions &Opts)
      : Ctx(Ctx), Cat(Cat), Opts(Opts), ReleaseRx(Opts.ReleaseFunctions),
        SinkRx(Opts.SinkFunctions) {}

  const Summary &summary(const FunctionDecl *FD);
  void run(const FunctionDecl *FD);
  bool interesting(const FunctionDecl *FD);
  bool cleanupReleases(const FunctionDecl *FD);
  std::map<const Decl *, bool> Guards;
  bool isGuard(const VarDecl *V);
  bool releasesThis(const CXXRecordDecl *RD);
  bool releasesFirstParam(const FunctionDecl *FD);
  std::map<const FunctionDecl *, bool> Throwing;
  bool mayThrow(const FunctionDecl *FD);
  std::vector<Effect> effectsOf(const CallExpr *CE);
  bool entryApplies(const ApiEntry &E, const CallExpr *CE) const;

  const Resource *resource(llvm::StringRef Kind) const {
    return Cat.resource(Kind);
  }
};

bool LifetimeAnalysis::Impl::entryApplies(const ApiEntry &E,
                                          const CallExpr *CE) const {
  for (const ArgEquals &W : E.When) {
    if (W.Arg >= CE->getNumArgs())
      return false;
    const Expr *A = CE->getArg(W.Arg)->IgnoreParenCasts();
    if (A->isValueDependent())
      return false;
    Expr::EvalResult R;
    int64_t V;
    if (A->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
      V = 0;
    else if (A->EvaluateAsInt(R, Ctx))
      V = R.Val.getInt().getExtValue();
    else if (A->EvaluateAsRValue(R, Ctx) && R.Val.isLValue() &&
             R.Val.isNullPointer())
      V = 0;
    else
      return false;
    if (V != W.Equals)
      return false;
  }
  return true;
}

std::vector<Effect> LifetimeAnalysis::Impl::effectsOf(const CallExpr *CE) {
  std::vector<Effect> Out;
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee)
    return Out;
  std::string Name = catalogName(Callee);
  auto Acquire = [&](std::string Kind, int OutArg, int On, Failure F = {},
                     std::vector<int64_t> Success = {},
                     const ApiEntry *Row = nullptr) {
    Effect E{Effect::Acquire, std::move(Kind)};
    E.Out = OutArg, E.On = On, E.OnFailure = F, E.Success = std::move(Success);
    E.Fn = Name, E.Row = Row;
    Out.push_back(std::move(E));
  };
  auto OnArg = [&](Effect::Kind K, std::string Kind, unsigned Arg,
                   bool NullOk = true) {
    Effect E{K, std::move(Kind)};
    E.Arg = Arg, E.NullOk = NullOk, E.Fn = Name;
    Out.push_back(std::move(E));
  };

  bool Modeled = false;
  for (const ApiEntry &E : Cat.lookup(Name)) {
    if (!entryApplies(E, CE))
      continue;
    Modeled = true;
    if (!E.Acquire.empty())
      Acquire(E.Acquire, E.Out, E.On, E.OnFailure, E.Success, &E);
    if (!E.Release.empty())
      OnArg(Effect::Release, E.Release, E.Arg, E.NullOk);
    for (unsigned U : E.Use)
      OnArg(Effect::Use, "", U);
    if (E.Sql >= 0) {
      OnArg(Effect::Sql, E.Tx, unsigned(E.Sql));
      Out.back().SqlConn = E.SqlConn;
    }
  }
  // Clang's handle attributes.
  if (const AcquireHandleAttr *A = acquireHandleAttr(Callee)) {
    Modeled = true;
    Acquire(A->getHandleType().str(), -1, -1);
  }
  for (unsigned I = 0; I < Callee->getNumParams(); ++I) {
    const ParmVarDecl *P = Callee->getParamDecl(I);
    if (const auto *A = P->getAttr<AcquireHandleAttr>())
      Modeled = true, Acquire(A->getHandleType().str(), int(I), -1);
    if (const auto *A = P->getAttr<ReleaseHandleAttr>())
      Modeled = true, OnArg(Effect::Release, A->getHandleType().str(), I);
    if (P->hasAttr<UseHandleAttr>())
      Modeled = true, OnArg(Effect::Use, "", I);
  }
  if (Modeled)
    return Out;

  // Same-TU function: its summary.
  if (const FunctionDecl *Def = Callee->getDefinition();
      Def && Def->hasBody()) {
    const Summary &S = summary(Def);
    if (!S.Returns.empty())
      Acquire(S.Returns, -1, -1);
    for (unsigned I = 0; I < S.Params.size(); ++I) {
      const Summary::Param &P = S.Params[I];
      if (P.DoesRelease)
        OnArg(Effect::Release, P.Releases, I);
      else if (P.Sinks)
        OnArg(Effect::Sink, "", I);
      // A helper that hands out the handle only when it returns true
      // reports failure through its return value.
      if (!P.OutAcquires.empty()) {
        if (P.OutOnTrue == 1 &&
            Def->getReturnType()->isIntegralOrEnumerationType())
          Acquire(P.OutAcquires, int(I), -1, Failure::Status, {1});
        else
          Acquire(P.OutAcquires, int(I), -1);
      }
      if (!P.TxBegins.empty())
        Acquire(P.TxBegins, -1, int(I));
      if (!P.TxEnds.empty())
        OnArg(Effect::Release, P.TxEnds, I);
    }
    return Out;
  }

  // Unseen function: a borrow, unless its name says otherwise.
  if (Name.empty())
    return Out;
  bool Releases = !Opts.ReleaseFunctions.empty() && ReleaseRx.match(Name);
  bool Sinks = !Releases && !Opts.SinkFunctions.empty() && SinkRx.match(Name);
  if (Releases || Sinks)
    for (unsigned I = 0; I < CE->getNumArgs(); ++I)
      OnArg(Releases ? Effect::Release : Effect::Sink, "", I);
  return Out;
}

namespace {

/// Walks the CFG of one function.
class Explorer {
public:
  Explorer(LifetimeAnalysis::Impl &A, const FunctionDecl *FD)
      : A(A), Ctx(A.Ctx), FD(FD), Body(FD->getBody()), PM(Body) {}

  void run(FunctionResult &Result, Summary &Sum);

private:
  LifetimeAnalysis::Impl &A;
  ASTContext &Ctx;
  const FunctionDecl *FD;
  Stmt *Body;
  ParentMap PM;
  std::unique_ptr<CFG> Cfg;
  std::vector<Site> Sites;
  std::map<std::pair<const void *, std::string>, unsigned> SiteIndex;
  std::deque<Node> Nodes;
  int Cur = -1; ///< node being processed
  FunctionResult *Result = nullptr;
  Summary *Sum = nullptr;
  std::set<std::pair<int, unsigned>> Reported;
  llvm::DenseSet<const void *> FactVars;
  /// Member paths (`inst->mode`) by their printed form, with their root.
  llvm::StringMap<const VarDecl *> MemberPaths;
  llvm::StringSet<> TxEndOwners; ///< owners some path commits/rolls back
  std::map<const CallExpr *, std::vector<Effect>> EffectCache;
  bool TooManySites = false;

  const std::vector<Effect> &effects(const CallExpr *CE) {
    auto It = EffectCache.find(CE);
    if (It == EffectCache.end())
      It = EffectCache.emplace(CE, A.effectsOf(CE)).first;
    return It->second;
  }

  int siteFor(const void *Key, const std::string &Kind, State &S) {
    auto [It, New] = SiteIndex.emplace(std::make_pair(Key, Kind), Sites.size());
    if (New) {
      if (Sites.size() >= 64) {
        SiteIndex.erase(It);
        TooManySites = true;
        return -1;
      }
      Sites.emplace_back();
      Sites.back().Kind = Kind;
    }
    if (S.H.size() < Sites.size())
      S.H.resize(Sites.size(), Unacquired);
    return It->second;
  }

  std::string typeOf(const Site &St) const {
    const Resource *R = A.resource(St.Kind);
    return R && !R->Type.empty() ? R->Type : St.Kind;
  }
  std::string releaseOf(const Site &St) const {
    const Resource *R = A.resource(St.Kind);
    return R ? R->Release : "";
  }

  // --- findings --------------------------------------------------------
  void report(FindingKind K, unsigned SiteId, SourceLocation At, const State &S,
              std::string Other = "", std::vector<Event> Tail = {},
              const VarDecl *Var = nullptr, std::vector<FixItHint> Fixes = {});
  std::vector<PathNote> witness(unsigned SiteId, std::vector<Event> Tail,
                                bool WantRelease, SourceLocation &ReleaseLoc);

  // --- transfer --------------------------------------------------------
  void transfer(const Stmt *S, State &St);
  void transferCall(const CallExpr *CE, State &St);
  void acquire(const CallExpr *CE, const Effect &E, State &St);
  void release(unsigned SiteId, const Effect &E, const CallExpr *CE, State &St);
  void endAttached(llvm::StringRef Owner, llvm::StringRef Kind, bool ByParent,
                   State &St, const CallExpr *CE);
  void bindVar(const VarDecl *V, int SiteId, const Stmt *At, State &St);
  void escape(unsigned SiteId, State &St) {
    if (St.H[SiteId] != Released && St.H[SiteId] != Null)
      St.H[SiteId] = Escaped;
  }
  int valueSite(const Expr *E, State &St);
  void storeInto(const Expr *LHS, const Expr *RHS, State &St);

  // --- conditions ------------------------------------------------------
  enum Tri { False, True, Unknown };
  Tri evalCond(const Expr *E, const State &St);
  bool assume(const Expr *E, bool Truth, State &St);
  bool assumeNonNull(const Expr *E, bool NonNull, State &St);
  void refineStatus(const Stmt *Term, const Expr *Cond, bool Truth, State &St);
  void refineSwitch(const SwitchStmt *SS, const Stmt *Label, State &St);
  const std::vector<int64_t> *successValues(unsigned Id) {
    for (const Effect &E : effects(cast<CallExpr>(Sites[Id].Call)))
      if (E.K == Effect::Acquire && E.OnFailure == Failure::Status &&
          E.Res == Sites[Id].Kind && !E.Success.empty())
        return &E.Success;
    return nullptr;
  }
  std::optional<int64_t> evalInt(const Expr *E, const void *Atom,
                                 int64_t AtomVal);
  const void *factVar(const Expr *E);
  const void *memberPath(const Expr *E);
  /// `inst` was reassigned or handed to a callee: what we knew about
  /// `inst->mode` may no longer hold.
  void forgetMembersOf(const VarDecl *Root, State &St) {
    llvm::erase_if(St.Facts, [&](const Fact &F) {
      for (const auto &Entry : MemberPaths)
        if (Entry.getKey().data() == F.Var)
          return Entry.getValue() == Root;
      return false;
    });
  }

  void atExit(const CFGBlock *Pred, State &St, const Event &Edge);
  /// `err = 1;` makes a later `if (err)` known on this path. \p Key is
  /// a fact key (see factVar) or null.
  void rememberConstant(const void *Key, const Expr *RHS, State &St) {
    Expr::EvalResult R;
    if (Key && !RHS->isValueDependent() && RHS->EvaluateAsInt(R, Ctx))
      St.Facts.push_back({Key, true, R.Val.getInt().getExtValue()});
  }
  void outAcquired(const ParmVarDecl *P, const std::string &Kind, State &St) {
    unsigned I = P->getFunctionScopeIndex();
    Sum->Params[I].OutAcquires = Kind;
    if (I < 32)
      St.OutMask |= 1u << I;
  }
  /// An lvalue is written (or its address taken): drop what we knew.
  /// A return code keeps its link to the acquisition only when it is
  /// assigned that very call (\p RHS).
  void modified(const Expr *LValue, State &St, const Expr *RHS = nullptr) {
    if (const VarDecl *V = localVar(LValue)) {
      St.forgetFacts(V);
      forgetMembersOf(V, St);
      llvm::erase_if(St.Status, [&](auto &P) {
        return P.first == V && (!RHS || Sites[P.second].Call != strip(RHS));
      });
    } else if (const void *Path = memberPath(LValue)) {
      St.forgetFacts(Path);
    }
  }
  const VarDecl *destinationVar(const CallExpr *CE) const;
  std::vector<FixItHint> releaseFix(unsigned SiteId, const Stmt *Ret,
                                    const State &St);
  void precompute();
  void findGuardEscapes();
  bool insideTry(const Stmt *S) const {
    for (const Stmt *P = PM.getParent(S); P; P = PM.getParent(P))
      if (isa<CXXTryStmt>(P))
        return true;
    return false;
  }
  void leakOnThrow(const CallExpr *CE, const std::string &Callee, State &St) {
    for (unsigned I = 0; I < Sites.size() && I < St.H.size(); ++I) {
      const VarDecl *V = St.someVarOf(I);
      if (!V || Sites[I].Param || Sites[I].Attached || !isLive(St.H[I]))
        continue;
      report(FindingKind::Leak, I, Sites[I].Loc, St, "",
             {{CE->getBeginLoc(),
               "'" + V->getName().str() + "' leaks if '" + Callee +
                   "' throws here",
               -1, false}},
             V);
    }
  }
  const VarDecl *guardOf(const Expr *E);
  bool outlivesScope(const LambdaExpr *LE);
  void guardEscape(const VarDecl *V, SourceLocation At, std::string How);
};

const VarDecl *Explorer::guardOf(const Expr *E) {
  E = strip(E);
  const VarDecl *V = nullptr;
  if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(E)) {
    // unique_ptr::release() hands ownership over; get() and friends do not.
    const CXXMethodDecl *M = MC->getMethodDecl();
    if (M && M->getIdentifier() && M->getName() != "release" &&
        MC->getType()->isPointerType())
      V = localVar(MC->getImplicitObjectArgument());
  } else if (const auto *ME = dyn_cast_or_null<MemberExpr>(E)) {
    if (!ME->isArrow() && ME->getType()->isPointerType())
      V = localVar(ME->getBase());
  } else if (const VarDecl *D = localVar(E); D && D->hasAttr<CleanupAttr>()) {
    V = D;
  }
  return V && !isa<ParmVarDecl>(V) && A.isGuard(V) ? V : nullptr;
}

bool Explorer::outlivesScope(const LambdaExpr *LE) {
  const Stmt *S = LE;
  for (const Stmt *P = PM.getParent(S); P; S = P, P = PM.getParent(P)) {
    if (isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
            ExprWithCleanups, CXXFunctionalCastExpr, ParenExpr>(P))
      continue;
    if (isa<ReturnStmt>(P))
      return true;
    if (const auto *BO = dyn_cast<BinaryOperator>(P))
      return BO->getOpcode() == BO_Assign && BO->getRHS() == S &&
             !localVar(BO->getLHS());
    if (const auto *CE = dyn_cast<CXXConstructExpr>(P)) {
      const CXXRecordDecl *RD = CE->getConstructor()->getParent();
      if (RD->isInStdNamespace() &&
          (RD->getName() == "thread" || RD->getName() == "jthread")) {
        // A detached thread runs past the scope; a joined one does not.
        bool Detached = false;
        std::function<void(const Stmt *)> Walk = [&](const Stmt *X) {
          if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(X))
            if (MC->getMethodDecl() && MC->getMethodDecl()->getIdentifier() &&
                MC->getMethodDecl()->getName() == "detach" &&
                MC->getMethodDecl()->getParent() == RD)
              Detached = true;
          if (X)
            for (const Stmt *C : X->children())
              Walk(C);
        };
        Walk(Body);
        return Detached;
      }
      continue; // std::function and other wrappers: keep looking up
    }
    return false;
  }
  return false;
}

void Explorer::guardEscape(const VarDecl *V, SourceLocation At,
                           std::string How) {
  Finding F;
  F.Kind = FindingKind::GuardEscape;
  F.Handle = V->getName().str();
  F.Other = std::move(How);
  F.At = At;
  F.AcquiredAt = V->getLocation();
  QualType T = V->getType().getNonReferenceType();
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  bool SmartPtr =
      RD && RD->isInStdNamespace() &&
      (RD->getName() == "unique_ptr" || RD->getName() == "shared_ptr");
  if (const auto *Spec = T->getAs<TemplateSpecializationType>();
      SmartPtr && Spec && !Spec->template_arguments().empty() &&
      Spec->template_arguments()[0].getKind() == TemplateArgument::Type)
    F.Type = Spec->template_arguments()[0].getAsType().getAsString(
        PrintingPolicy(Ctx.getLangOpts()));
  else if (T->isPointerType())
    F.Type = T->getPointeeType().getUnqualifiedType().getAsString(
        PrintingPolicy(Ctx.getLangOpts()));
  else
    F.Type =
        T.getUnqualifiedType().getAsString(PrintingPolicy(Ctx.getLangOpts()));
  F.Notes.push_back({V->getLocation(), "'" + F.Handle +
                                           "' releases the handle when it "
                                           "goes out of scope"});
  Result->Findings.push_back(std::move(F));
}

void Explorer::findGuardEscapes() {
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return;
    if (const auto *RS = dyn_cast<ReturnStmt>(S)) {
      if (const VarDecl *V = guardOf(RS->getRetValue()))
        guardEscape(V, RS->getRetValue()->getBeginLoc(), "returned");
    } else if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      if (BO->getOpcode() == BO_Assign && !localVar(BO->getLHS()))
        if (const VarDecl *V = guardOf(BO->getRHS()))
          guardEscape(V, BO->getRHS()->getBeginLoc(), "stored");
    } else if (const auto *LE = dyn_cast<LambdaExpr>(S)) {
      for (const LambdaCapture &C : LE->captures())
        if (C.capturesVariable() && C.getCaptureKind() == LCK_ByRef)
          if (const auto *V = dyn_cast<VarDecl>(C.getCapturedVar());
              V && V->hasLocalStorage() && !isa<ParmVarDecl>(V) &&
              A.isGuard(V) && outlivesScope(LE)) {
            guardEscape(V, LE->getBeginLoc(), "captured");
            break;
          }
      return; // the lambda body is analyzed as a function of its own
    }
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(Body);
}

std::vector<PathNote> Explorer::witness(unsigned SiteId,
                                        std::vector<Event> Tail,
                                        bool WantRelease,
                                        SourceLocation &ReleaseLoc) {
  std::vector<const Event *> Chain;
  for (auto It = Tail.rbegin(); It != Tail.rend(); ++It)
    Chain.push_back(&*It);
  bool Stop = false;
  for (int N = Cur; N >= 0 && !Stop; N = Nodes[N].Parent)
    for (auto It = Nodes[N].Events.rbegin(); It != Nodes[N].Events.rend();
         ++It) {
      if (It->Site == int(SiteId) && !It->IsRelease) {
        Stop = true;
        break;
      }
      if (It->Site == int(SiteId) && It->IsRelease && WantRelease &&
          ReleaseLoc.isInvalid())
        ReleaseLoc = It->Loc;
      Chain.push_back(&*It);
    }
  std::vector<PathNote> Notes;
  for (auto It = Chain.rbegin(); It != Chain.rend(); ++It)
    if (!(*It)->Msg.empty() && (*It)->Site < 0)
      Notes.push_back({(*It)->Loc, (*It)->Msg});
  // Long loops produce long paths; the last steps are the informative ones.
  const size_t MaxNotes = 12;
  if (Notes.size() > MaxNotes)
    Notes.erase(Notes.begin(), Notes.end() - MaxNotes);
  return Notes;
}

void Explorer::report(FindingKind K, unsigned SiteId, SourceLocation At,
                      const State &S, std::string Other,
                      std::vector<Event> Tail, const VarDecl *Var,
                      std::vector<FixItHint> Fixes) {
  const Site &St = Sites[SiteId];
  // One leak per handle, however many paths or ways lose it.
  int Family = K == FindingKind::LeakInLoop || K == FindingKind::Discarded
                   ? int(FindingKind::Leak)
                   : int(K);
  if (!Reported.insert({Family, SiteId}).second)
    return;
  if (K != FindingKind::UseAfterRelease && K != FindingKind::DoubleRelease &&
      K != FindingKind::Mismatched && St.Param)
    return; // a caller's handle: the caller answers for it
  Finding F;
  F.Kind = K;
  if (!Var)
    Var = S.someVarOf(SiteId);
  F.Handle =
      Var ? Var->getName().str() : (St.Param ? St.Param->getName().str() : "");
  if (St.Attached)
    F.Handle = St.Owner;
  F.Type = typeOf(St);
  F.Release = releaseOf(St);
  F.Acquirer = St.Acquirer;
  F.Other = std::move(Other);
  F.AcquiredAt = St.Loc;
  F.At = At;
  bool WantRelease =
      K == FindingKind::UseAfterRelease || K == FindingKind::DoubleRelease;
  SourceLocation ReleaseLoc;
  F.Notes = witness(SiteId, std::move(Tail), WantRelease, ReleaseLoc);
  if (WantRelease && ReleaseLoc.isValid())
    F.Notes.insert(F.Notes.begin(),
                   {ReleaseLoc, "'" + F.Handle + "' was released here"});
  if (K == FindingKind::Overwrite || K == FindingKind::Mismatched ||
      K == FindingKind::UseAfterRelease || K == FindingKind::DoubleRelease) {
    if (St.Loc.isValid())
      F.Notes.insert(F.Notes.begin(),
                     {St.Loc, "'" + F.Handle + "' was acquired here"});
  }
  F.Fixes = std::move(Fixes);
  Result->Findings.push_back(std::move(F));
}

// --- values and bindings ----------------------------------------------

int Explorer::valueSite(const Expr *E, State &St) {
  E = strip(E);
  if (!E)
    return -1;
  if (const auto *CO = dyn_cast<AbstractConditionalOperator>(E)) {
    int T = valueSite(CO->getTrueExpr(), St);
    return T >= 0 ? T : valueSite(CO->getFalseExpr(), St);
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if (BO->getOpcode() == BO_Comma)
      return valueSite(BO->getRHS(), St);
  for (auto It = St.Pending.begin(); It != St.Pending.end(); ++It)
    if (It->first == E) {
      int S = It->second;
      St.Pending.erase(It);
      return S;
    }
  if (const VarDecl *V = localVar(E))
    return St.boundSite(V);
  return -1;
}

void Explorer::bindVar(const VarDecl *V, int SiteId, const Stmt *At,
                       State &St) {
  int Old = St.boundSite(V);
  if (Old == SiteId)
    return;
  St.unbind(V);
  St.forget(V);
  if (Old >= 0 && isLive(St.H[Old]) && !St.someVarOf(Old) &&
      !Sites[Old].Param) {
    report(FindingKind::Overwrite, Old, At->getBeginLoc(), St, "", {}, V);
    St.H[Old] = Escaped; // reported; do not report the same loss as a leak
  }
  if (SiteId >= 0) {
    if (V->hasAttr<CleanupAttr>()) {
      const FunctionDecl *CF = V->getAttr<CleanupAttr>()->getFunctionDecl();
      if (!CF || A.cleanupReleases(CF)) {
        escape(SiteId, St); // C's RAII: the cleanup function releases it
        return;
      }
    }
    St.Bind.push_back({V, unsigned(SiteId)});
  }
}

void Explorer::storeInto(const Expr *LHS, const Expr *RHS, State &St) {
  int S = valueSite(RHS, St);
  if (const VarDecl *V = localVar(LHS); V && !V->isStaticLocal()) {
    // `p = sqlite3_realloc(p, n)`: the call that produces the new value
    // took the old one, so it is not lost here.
    if (const auto *Call = dyn_cast<CallExpr>(strip(RHS)))
      if (int Old = St.boundSite(V); Old >= 0 && Old != S)
        for (const Expr *Arg : Call->arguments())
          if (localVarOrAddress(Arg) == V) {
            escape(Old, St);
            break;
          }
    bindVar(V, S, LHS, St);
    return;
  }
  if (S < 0)
    return;
  // `*out = res` in a helper: the helper acquires through its parameter.
  if (const auto *UO = dyn_cast<UnaryOperator>(strip(LHS)))
    if (UO->getOpcode() == UO_Deref)
      if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(UO->getSubExpr())))
        if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl()))
          if (!Sites[S].Param && isLive(St.H[S]))
            outAcquired(P, Sites[S].Kind, St);
  escape(S, St);
}

// --- transfer functions -------------------------------------------------

void Explorer::transfer(const Stmt *S, State &St) {
  if (const auto *CE = dyn_cast<CallExpr>(S)) {
    transferCall(CE, St);
    return;
  }
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D); V && V->hasLocalStorage()) {
        int Site = V->getInit() ? valueSite(V->getInit(), St) : -1;
        // Declared again: a loop body, and the previous iteration's handle
        // went out of scope with the variable.
        if (int Old = St.boundSite(V); Old >= 0 && Old != Site) {
          St.unbind(V);
          if (isLive(St.H[Old]) && !St.someVarOf(Old) && !Sites[Old].Param) {
            report(FindingKind::LeakInLoop, Old, Sites[Old].Loc, St, "", {}, V);
            St.H[Old] = Escaped;
          }
        }
        bindVar(V, Site, DS, St);
        if (V->getInit())
          rememberConstant(FactVars.count(V) ? V : nullptr, V->getInit(), St);
      } else if (V && V->getInit()) {
        if (int Site = valueSite(V->getInit(), St); Site >= 0)
          escape(Site, St); // static local or global
      }
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->isAssignmentOp())
      modified(BO->getLHS(), St,
               BO->getOpcode() == BO_Assign ? BO->getRHS() : nullptr);
    if (BO->getOpcode() == BO_Assign) {
      storeInto(BO->getLHS(), BO->getRHS(), St);
      rememberConstant(factVar(BO->getLHS()), BO->getRHS(), St);
    }
    return;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
    if (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)
      modified(UO->getSubExpr(), St);
    return;
  }
  if (const auto *RS = dyn_cast<ReturnStmt>(S)) {
    if (St.OutMask) {
      Tri T = RS->getRetValue() ? evalCond(RS->getRetValue(), St) : Unknown;
      for (unsigned I = 0; I < Sum->Params.size() && I < 32; ++I)
        if (St.OutMask & (1u << I))
          Sum->Params[I].OutOnTrue =
              Sum->Params[I].OutOnTrue != 0 && T == True ? 1 : 0;
    }
    int Site = valueSite(RS->getRetValue(), St);
    if (Site >= 0) {
      if (!Sites[Site].Param && !Sites[Site].Attached && isLive(St.H[Site]))
        Sum->Returns = Sites[Site].Kind;
      escape(Site, St);
    }
    return;
  }
  // Aggregates, constructors and captures take the handle with them.
  auto EscapeAll = [&](auto Range) {
    for (const Expr *E : Range)
      if (int Site = valueSite(E, St); Site >= 0)
        escape(Site, St);
  };
  if (const auto *ILE = dyn_cast<InitListExpr>(S))
    EscapeAll(ILE->inits());
  else if (const auto *CCE = dyn_cast<CXXConstructExpr>(S))
    EscapeAll(CCE->arguments());
  else if (const auto *LE = dyn_cast<LambdaExpr>(S))
    EscapeAll(LE->capture_inits());
  else if (const auto *BE = dyn_cast<BlockExpr>(S)) {
    for (const BlockDecl::Capture &C : BE->getBlockDecl()->captures())
      if (int Site = St.boundSite(C.getVariable()); Site >= 0)
        escape(Site, St);
  }
}

void Explorer::transferCall(const CallExpr *CE, State &St) {
  const std::vector<Effect> &Effects = effects(CE);
  std::string Name;
  if (const FunctionDecl *Callee = CE->getDirectCallee())
    if (Callee->getIdentifier())
      Name = Callee->getName().str();

  if (Ctx.getLangOpts().CXXExceptions && CE->getDirectCallee() &&
      !Name.empty() && A.mayThrow(CE->getDirectCallee()) && !insideTry(CE))
    leakOnThrow(CE, Name, St);

  // Arguments first: what happens to handles passed in.
  for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
    const Expr *Arg = CE->getArg(I);
    if (const VarDecl *Root = localVarOrAddress(Arg))
      forgetMembersOf(Root, St);
    const Effect *Sink = nullptr;
    llvm::SmallVector<const Effect *, 2> Releases;
    bool OutParam = false;
    for (const Effect &E : Effects) {
      if (E.K == Effect::Release && E.Arg == I &&
          !(A.resource(E.Res) && !A.resource(E.Res)->Parent.empty()))
        Releases.push_back(&E);
      if (E.K == Effect::Sink && E.Arg == I)
        Sink = &E;
      if (E.K == Effect::Acquire && E.Out == int(I))
        OutParam = true;
    }
    if (OutParam)
      continue;
    int Site = -1;
    const Expr *Stripped = strip(Arg);
    bool Temporary = false;
    for (auto It = St.Pending.begin(); It != St.Pending.end(); ++It)
      if (It->first == Stripped) {
        Site = It->second;
        St.Pending.erase(It);
        Temporary = true;
        break;
      }
    if (Site < 0)
      if (const VarDecl *V = localVarOrAddress(Arg))
        Site = St.boundSite(V);
    if (Site < 0)
      continue;
    // A function with several release rows (bson_destroy) releases the
    // kind the handle has; any other row is a mismatch.
    const Effect *Rel = Releases.empty() ? nullptr : Releases.back();
    for (const Effect *R : Releases)
      if (R->Res == Sites[Site].Kind)
        Rel = R;
    if (Rel) {
      release(Site, *Rel, CE, St);
    } else if (Sink) {
      escape(Site, St);
    } else if (Temporary) {
      if (isLive(St.H[Site]))
        report(FindingKind::Discarded, Site, Sites[Site].Loc, St, Name);
      St.H[Site] = Escaped;
    } else if (St.H[Site] == Released) {
      report(FindingKind::UseAfterRelease, Site, Arg->getBeginLoc(), St, Name);
    } else if (Effects.empty() && !CE->getDirectCallee()) {
      // Through a function pointer: unknown, so a borrow.
    } else if (isa<UnaryOperator>(Stripped) &&
               !CE->getDirectCallee()->hasBody() && Effects.empty()) {
      escape(Site, St); // `&h` to unknown code may replace or close it
    }
  }

  for (const Effect &E : Effects) {
    if (E.K == Effect::Acquire)
      acquire(CE, E, St);
    else if (E.K == Effect::Release && A.resource(E.Res) &&
             !A.resource(E.Res)->Parent.empty() && E.Arg < CE->getNumArgs())
      endAttached(exprKey(CE->getArg(E.Arg), Ctx), E.Res, false, St, CE);
    else if (E.K == Effect::Sql && E.Arg < CE->getNumArgs() && E.SqlConn >= 0 &&
             unsigned(E.SqlConn) < CE->getNumArgs()) {
      const StringLiteral *SL = constantSql(CE->getArg(E.Arg));
      if (!SL)
        continue;
      TxEffect TE = classifySql(SL->getString());
      const Expr *Conn = CE->getArg(E.SqlConn);
      if (TE == TxEffect::Begin) {
        Effect Begin = E;
        Begin.K = Effect::Acquire;
        Begin.On = E.SqlConn;
        acquire(CE, Begin, St);
      } else if (TE == TxEffect::End) {
        endAttached(exprKey(Conn, Ctx), E.Res, false, St, CE);
      }
    }
  }
}

void Explorer::acquire(const CallExpr *CE, const Effect &E, State &St) {
  const Resource *R = A.resource(E.Res);
  bool Attached = E.On >= 0;
  if (Attached && unsigned(E.On) >= CE->getNumArgs())
    return;
  std::string Owner = Attached ? exprKey(CE->getArg(E.On), Ctx) : "";
  const VarDecl *OutVar = nullptr;
  if (E.Out >= 0) {
    if (unsigned(E.Out) >= CE->getNumArgs())
      return;
    const Expr *Arg = strip(CE->getArg(E.Out));
    const auto *UO = dyn_cast<UnaryOperator>(Arg);
    if (UO && UO->getOpcode() == UO_AddrOf)
      OutVar = localVar(UO->getSubExpr());
    if (!OutVar || OutVar->isStaticLocal()) {
      // Into a field, a global or the caller's out-parameter.
      if (const auto *DRE = dyn_cast<DeclRefExpr>(Arg))
        if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl()))
          outAcquired(P, E.Res, St);
      return;
    }
  }
  if (Attached && R && R->Transaction && FD->getNumParams()) {
    // A helper that begins a transaction on its parameter's connection.
    for (const ParmVarDecl *P : FD->parameters())
      if (P->getName() == Owner && !TxEndOwners.count(Owner)) {
        Sum->Params[P->getFunctionScopeIndex()].TxBegins = E.Res;
        return;
      }
  }

  int Id = siteFor(CE, E.Res, St);
  if (Id < 0)
    return;
  Site &S = Sites[Id];
  S.Call = CE;
  S.Acquirer = E.Fn;
  S.Loc = CE->getBeginLoc();
  S.Attached = Attached;
  S.Transaction = R && R->Transaction;
  S.Owner = Owner;

  if (isLive(St.H[Id]) && !Attached) {
    // The previous iteration's handle is still live at this very site. It
    // is lost if the variable about to receive the new one is its only
    // holder.
    const VarDecl *Dest = OutVar ? OutVar : destinationVar(CE);
    unsigned Holders = 0;
    bool DestHolds = false;
    for (auto &[BV, BS] : St.Bind)
      if (BS == unsigned(Id)) {
        ++Holders;
        DestHolds |= BV == Dest;
      }
    if (Dest && DestHolds) {
      if (Holders == 1)
        report(FindingKind::LeakInLoop, Id, S.Loc, St, "", {}, Dest);
      St.unbind(Dest);
    }
  }
  if (Attached && isLive(St.H[Id]))
    return;
  // Another variable still holds the previous instance from this site
  // (`first = tmp;` in a loop): the new handle needs an identity of its own.
  for (unsigned Gen = 1; !Attached && isLive(St.H[Id]) && St.someVarOf(Id);
       ++Gen) {
    int Next = siteFor(CE, E.Res + "#" + std::to_string(Gen), St);
    if (Next < 0)
      return;
    Sites[Next] = Sites[Id];
    Id = Next;
  }
  St.H[Id] = Attached ? Live : MaybeNull;
  Nodes[Cur].Events.push_back({Sites[Id].Loc, "", Id, false});

  if (E.OnFailure == Failure::Status) {
    const void *Atom = CE;
    const Stmt *P = PM.getParentIgnoreParenCasts(CE);
    if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
        BO && BO->getOpcode() == BO_Assign && strip(BO->getRHS()) == CE)
      Atom = localVar(BO->getLHS());
    else if (const auto *DS = dyn_cast_or_null<DeclStmt>(P))
      Atom = DS->isSingleDecl() ? DS->getSingleDecl() : nullptr;
    if (Atom) {
      St.forget(Atom);
      St.Status.push_back({Atom, unsigned(Id)});
    }
    // The library's own error flag on the context says the same.
    if (E.Row && !E.Row->ErrorMember.empty() &&
        E.Row->ErrorArg < CE->getNumArgs()) {
      const Expr *Ctx0 = strip(CE->getArg(E.Row->ErrorArg));
      const Expr *Base = Ctx0;
      while (const auto *M = dyn_cast<MemberExpr>(strip(Base)))
        Base = M->getBase();
      if (const VarDecl *Root = localVar(Base)) {
        auto It = MemberPaths
                      .try_emplace(
                          exprKey(Ctx0, Ctx) + "->" + E.Row->ErrorMember, Root)
                      .first;
        St.Status.push_back({It->getKey().data(), unsigned(Id)});
      }
    }
  }

  if (OutVar) {
    bindVar(OutVar, Id, CE, St);
    return;
  }
  if (Attached)
    return;
  // Where does the returned handle go?
  const Stmt *P = PM.getParentIgnoreParenCasts(CE);
  while (P && (isa<AbstractConditionalOperator>(P) || isa<FullExpr>(P) ||
               (isa<BinaryOperator>(P) &&
                cast<BinaryOperator>(P)->getOpcode() == BO_Comma)))
    P = PM.getParentIgnoreParenCasts(P);
  bool Discarded = !P || isa<CompoundStmt>(P) || isa<IfStmt>(P) ||
                   isa<WhileStmt>(P) || isa<ForStmt>(P) || isa<DoStmt>(P) ||
                   isa<SwitchStmt>(P) || isa<CaseStmt>(P) ||
                   isa<DefaultStmt>(P) || isa<LabelStmt>(P);
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P))
    Discarded = BO->isComparisonOp() || BO->isLogicalOp();
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(P))
    Discarded = UO->getOpcode() == UO_LNot;
  if (const auto *Cast = dyn_cast_or_null<ExplicitCastExpr>(
          PM.getParentIgnoreParens(const_cast<CallExpr *>(CE))))
    if (Cast->getType()->isVoidType())
      Discarded = true;
  if (Discarded) {
    report(FindingKind::Discarded, Id, Sites[Id].Loc, St);
    St.H[Id] = Escaped;
    return;
  }
  St.Pending.push_back({CE, unsigned(Id)});
}

const VarDecl *Explorer::destinationVar(const CallExpr *CE) const {
  const Stmt *P = PM.getParentIgnoreParenCasts(const_cast<CallExpr *>(CE));
  while (P && (isa<AbstractConditionalOperator>(P) || isa<FullExpr>(P)))
    P = PM.getParentIgnoreParenCasts(const_cast<Stmt *>(P));
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P))
    return BO->getOpcode() == BO_Assign ? localVar(BO->getLHS()) : nullptr;
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(P))
    return DS->isSingleDecl() ? dyn_cast<VarDecl>(DS->getSingleDecl())
                              : nullptr;
  return nullptr;
}

void Explorer::endAttached(llvm::StringRef Owner, llvm::StringRef Kind,
                           bool ByParent, State &St, const CallExpr *CE) {
  bool Found = false;
  for (unsigned I = 0; I < Sites.size(); ++I) {
    const Site &S = Sites[I];
    if (!S.Attached || S.Owner != Owner || I >= St.H.size())
      continue;
    if (!Kind.empty() && S.Kind != Kind)
      continue;
    if (ByParent) {
      const Resource *R = A.resource(S.Kind);
      if (R && !R->EndsWithParent)
        continue;
    }
    if (isLive(St.H[I]))
      Found = true;
    St.H[I] = Released;
  }
  if (!Found && !ByParent && !Kind.empty())
    for (const ParmVarDecl *P : FD->parameters())
      if (P->getName() == Owner)
        Sum->Params[P->getFunctionScopeIndex()].TxEnds = Kind.str();
}

void Explorer::release(unsigned Id, const Effect &E, const CallExpr *CE,
                       State &St) {
  Site &S = Sites[Id];
  uint8_t &H = St.H[Id];
  if (S.Param && S.Kind.empty())
    S.Kind = E.Res;
  if (H == Released) {
    report(FindingKind::DoubleRelease, Id, CE->getBeginLoc(), St, E.Fn);
    return;
  }
  if (H == Null && !E.NullOk)
    return;
  if (!E.Res.empty() && !S.Kind.empty() && E.Res != S.Kind &&
      (isLive(H) || H == Escaped)) {
    std::vector<FixItHint> Fixes;
    const Resource *R = A.resource(S.Kind);
    // Swap the function name only when both take the handle alone.
    if (R && CE->getNumArgs() == 1 && E.Arg == 0 && !R->Release.empty() &&
        isa<DeclRefExpr>(CE->getArg(0)->IgnoreParenImpCasts()))
      for (const ApiEntry &Right : A.Cat.lookup(R->Release))
        if (Right.Release == S.Kind && Right.Arg == 0 && Right.When.empty())
          if (const auto *Callee =
                  dyn_cast<DeclRefExpr>(CE->getCallee()->IgnoreParenImpCasts());
              Callee && !Callee->getBeginLoc().isMacroID())
            Fixes = {FixItHint::CreateReplacement(Callee->getSourceRange(),
                                                  R->Release)};
    report(FindingKind::Mismatched, Id, CE->getBeginLoc(), St, E.Fn, {},
           nullptr, std::move(Fixes));
  }
  H = Released;
  Nodes[Cur].Events.push_back({CE->getBeginLoc(), "", int(Id), true});
  if (!S.Attached)
    for (auto &[V, BS] : St.Bind)
      if (BS == Id)
        endAttached(V->getName(), "", true, St, CE);
  if (S.Param)
    Sum->Params[S.Param->getFunctionScopeIndex()].DoesRelease = true,
    Sum->Params[S.Param->getFunctionScopeIndex()].Releases = S.Kind;
}

// --- conditions -----------------------------------------------------------

const void *Explorer::memberPath(const Expr *E) {
  const auto *ME = dyn_cast_or_null<MemberExpr>(strip(E));
  if (!ME || !ME->getType()->isIntegralOrEnumerationType())
    return nullptr;
  const Expr *Base = ME;
  while (const auto *M = dyn_cast<MemberExpr>(strip(Base)))
    Base = M->getBase();
  const VarDecl *Root = localVar(Base);
  if (!Root)
    return nullptr;
  auto It = MemberPaths.try_emplace(exprKey(ME, Ctx), Root).first;
  return It->getKey().data();
}

const void *Explorer::factVar(const Expr *E) {
  const void *Key = localVar(E);
  if (!Key)
    Key = memberPath(E);
  return Key && FactVars.count(Key) ? Key : nullptr;
}

Explorer::Tri Explorer::evalCond(const Expr *E, const State &St) {
  E = strip(E);
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_LNot) {
      Tri T = evalCond(UO->getSubExpr(), St);
      return T == Unknown ? Unknown : (T == True ? False : True);
    }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() == BO_LAnd || BO->getOpcode() == BO_LOr) {
      Tri L = evalCond(BO->getLHS(), St), R = evalCond(BO->getRHS(), St);
      bool And = BO->getOpcode() == BO_LAnd;
      if (L == (And ? False : True) || R == (And ? False : True))
        return And ? False : True;
      if (L == (And ? True : False) && R == (And ? True : False))
        return And ? True : False;
      return Unknown;
    }
    if (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE) {
      const Expr *X = BO->getLHS(), *C = BO->getRHS();
      if (C->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) ==
              Expr::NPCK_NotNull &&
          X->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) !=
              Expr::NPCK_NotNull)
        std::swap(X, C);
      bool Ne = BO->getOpcode() == BO_NE;
      if (C->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) !=
              Expr::NPCK_NotNull &&
          X->getType()->isPointerType()) {
        Tri T = evalCond(X, St);
        return T == Unknown ? Unknown : ((T == True) == Ne ? True : False);
      }
      Expr::EvalResult R;
      if (const void *V = factVar(X);
          V && !C->isValueDependent() && C->EvaluateAsInt(R, Ctx)) {
        int64_t Val = R.Val.getInt().getExtValue();
        for (const Fact &F : St.Facts)
          if (F.Var == V) {
            if (F.Eq)
              return (F.Val == Val) != Ne ? True : False;
            if (F.Val == Val)
              return Ne ? True : False;
          }
      }
      return Unknown;
    }
    if (BO->getOpcode() == BO_Assign)
      return evalCond(BO->getLHS(), St);
    return Unknown;
  }
  if (const VarDecl *V = localVar(E)) {
    if (int S = St.boundSite(V); S >= 0) {
      switch (St.H[S]) {
      case Live:
        return True;
      case Null:
        return False;
      default:
        return Unknown;
      }
    }
  }
  if (const void *K = factVar(E))
    for (const Fact &F : St.Facts)
      if (F.Var == K && (F.Val == 0 || F.Eq))
        return (F.Eq && F.Val != 0) || (!F.Eq && F.Val == 0) ? True : False;
  Expr::EvalResult R;
  if (!E->isValueDependent() && E->getType()->isIntegralOrEnumerationType() &&
      E->EvaluateAsInt(R, Ctx))
    return R.Val.getInt().getBoolValue() ? True : False;
  return Unknown;
}

bool Explorer::assumeNonNull(const Expr *E, bool NonNull, State &St) {
  E = strip(E);
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && BO->getOpcode() == BO_Assign)
    E = strip(BO->getLHS());
  const VarDecl *V = localVar(E);
  int S = V ? St.boundSite(V) : -1;
  if (S < 0)
    return true;
  uint8_t &H = St.H[S];
  if (H == MaybeNull)
    H = NonNull ? Live : Null;
  else if (H == Live && !NonNull)
    return false;
  else if (H == Null && NonNull)
    return false;
  return true;
}

bool Explorer::assume(const Expr *E, bool Truth, State &St) {
  E = strip(E);
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_LNot)
    return assume(UO->getSubExpr(), !Truth, St);
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    BinaryOperatorKind Op = BO->getOpcode();
    if (Op == BO_LAnd || Op == BO_LOr) {
      bool And = Op == BO_LAnd;
      if (Truth == And)
        return assume(BO->getLHS(), Truth, St) &&
               assume(BO->getRHS(), Truth, St);
      if (evalCond(BO->getLHS(), St) == (And ? True : False))
        return assume(BO->getRHS(), Truth, St);
      if (evalCond(BO->getRHS(), St) == (And ? True : False))
        return assume(BO->getLHS(), Truth, St);
      return true;
    }
    if (Op == BO_EQ || Op == BO_NE) {
      const Expr *X = BO->getLHS(), *C = BO->getRHS();
      auto IsNull = [&](const Expr *Y) {
        return Y->isNullPointerConstant(Ctx,
                                        Expr::NPC_ValueDependentIsNotNull) !=
               Expr::NPCK_NotNull;
      };
      if (IsNull(X) && !IsNull(C))
        std::swap(X, C);
      bool Ne = Op == BO_NE;
      if (IsNull(C) && (X->getType()->isPointerType() ||
                        strip(X)->getType()->isPointerType()))
        return assumeNonNull(X, Truth == Ne, St);
      Expr::EvalResult R;
      if (const void *V = factVar(X);
          V && !C->isValueDependent() && C->EvaluateAsInt(R, Ctx)) {
        Tri Known = evalCond(E, St);
        if (Known != Unknown)
          return (Known == True) == Truth;
        int64_t Val = R.Val.getInt().getExtValue();
        if (Truth == !Ne) {
          St.forgetFacts(V);
          St.Facts.push_back({V, true, Val});
        } else {
          St.Facts.push_back({V, false, Val});
        }
      }
      return true;
    }
    if (Op == BO_Assign)
      return assumeNonNull(BO->getLHS(), Truth, St);
    return true;
  }
  if (E->getType()->isPointerType())
    return assumeNonNull(E, Truth, St);
  if (const void *V = factVar(E)) {
    Tri Known = evalCond(E, St);
    if (Known != Unknown)
      return (Known == True) == Truth;
    if (Truth)
      St.Facts.push_back({V, false, 0});
    else {
      St.forgetFacts(V);
      St.Facts.push_back({V, true, 0});
    }
  }
  return true;
}

std::optional<int64_t> Explorer::evalInt(const Expr *E, const void *Atom,
                                         int64_t AtomVal) {
  E = strip(E);
  if (E == Atom)
    return AtomVal;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (DRE->getDecl() == Atom)
      return AtomVal;
    if (const auto *EC = dyn_cast<EnumConstantDecl>(DRE->getDecl()))
      return EC->getInitVal().getExtValue();
    return std::nullopt;
  }
  if (const auto *IL = dyn_cast<IntegerLiteral>(E))
    return IL->getValue().getSExtValue();
  if (isa<MemberExpr>(E)) {
    if (memberPath(E) == Atom)
      return AtomVal;
    return std::nullopt;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    auto V = evalInt(UO->getSubExpr(), Atom, AtomVal);
    if (!V)
      return std::nullopt;
    switch (UO->getOpcode()) {
    case UO_LNot:
      return int64_t(!*V);
    case UO_Minus:
      return -*V;
    case UO_Not:
      return ~*V;
    case UO_Plus:
      return *V;
    default:
      return std::nullopt;
    }
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    auto L = evalInt(BO->getLHS(), Atom, AtomVal);
    if (BO->getOpcode() == BO_LAnd && L && !*L)
      return 0;
    if (BO->getOpcode() == BO_LOr && L && *L)
      return 1;
    auto R = evalInt(BO->getRHS(), Atom, AtomVal);
    if (BO->getOpcode() == BO_Assign)
      return R;
    if (!L || !R)
      return std::nullopt;
    switch (BO->getOpcode()) {
    case BO_EQ:
      return int64_t(*L == *R);
    case BO_NE:
      return int64_t(*L != *R);
    case BO_LT:
      return int64_t(*L < *R);
    case BO_GT:
      return int64_t(*L > *R);
    case BO_LE:
      return int64_t(*L <= *R);
    case BO_GE:
      return int64_t(*L >= *R);
    case BO_And:
      return *L & *R;
    case BO_Or:
      return *L | *R;
    case BO_Xor:
      return *L ^ *R;
    case BO_LAnd:
      return int64_t(*L && *R);
    case BO_LOr:
      return int64_t(*L || *R);
    default:
      return std::nullopt;
    }
  }
  Expr::EvalResult R;
  if (!E->isValueDependent() && E->EvaluateAsInt(R, Ctx))
    return R.Val.getInt().getExtValue();
  return std::nullopt;
}

void Explorer::refineStatus(const Stmt *Term, const Expr *Cond, bool Truth,
                            State &St) {
  if (St.Status.empty() || !Cond)
    return;
  // On a short-circuit edge of `a || b || ...` (or `&&`) the whole
  // condition's value is known; evaluate that, not the operand.
  const Expr *Whole = Cond;
  if (const auto *Logic = dyn_cast_or_null<BinaryOperator>(Term)) {
    bool Or = Logic->getOpcode() == BO_LOr;
    if (Truth != Or)
      return; // no short circuit: the value is decided later
    const Expr *Top = Logic;
    for (const Stmt *P = PM.getParentIgnoreParens(Top);
         P && isa<BinaryOperator>(P) &&
         cast<BinaryOperator>(P)->getOpcode() == Logic->getOpcode();
         P = PM.getParentIgnoreParens(P))
      Top = cast<Expr>(P);
    Whole = Top;
  }
  for (auto [Atom, Id] : St.Status) {
    const std::vector<int64_t> *Succ = successValues(Id);
    if (!Succ || Id >= St.H.size())
      continue;
    // Judged by the primary success value: `rc != SQL_SUCCESS` is the
    // idiom for failure, even though SQL_SUCCESS_WITH_INFO also allocates.
    // Reporting that corner would flag most ODBC code for a return value
    // SQLAllocHandle does not produce in practice.
    auto V = evalInt(Whole, Atom, Succ->front());
    if (V && bool(*V) != Truth && St.H[Id] != Released)
      St.H[Id] = Null; // nothing was acquired on this path
  }
}

/// `switch (rc)` on a return code: a case that no success value selects,
/// or a default when every success value has its own case, is failure.
void Explorer::refineSwitch(const SwitchStmt *SS, const Stmt *Label,
                            State &St) {
  const Expr *Cond = strip(SS->getCond());
  const void *CondAtom = Cond;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Cond))
    CondAtom = DRE->getDecl();
  auto CaseValue = [&](const SwitchCase *SC) -> std::optional<int64_t> {
    const auto *CS = dyn_cast<CaseStmt>(SC);
    if (!CS || CS->caseStmtIsGNURange() || CS->getLHS()->isValueDependent())
      return std::nullopt;
    Expr::EvalResult R;
    if (!CS->getLHS()->EvaluateAsInt(R, Ctx))
      return std::nullopt;
    return R.Val.getInt().getExtValue();
  };
  for (auto [Atom, Id] : St.Status) {
    const std::vector<int64_t> *Succ = successValues(Id);
    if (Atom != CondAtom || !Succ || Id >= St.H.size())
      continue;
    bool Failure = false;
    if (const auto *CS = dyn_cast_or_null<CaseStmt>(Label)) {
      std::optional<int64_t> V = CaseValue(CS);
      Failure = V && !llvm::is_contained(*Succ, *V);
    } else {
      Failure = true;
      for (int64_t Ok : *Succ) {
        bool Covered = false;
        for (const SwitchCase *SC = SS->getSwitchCaseList(); SC;
             SC = SC->getNextSwitchCase())
          Covered |= CaseValue(SC) == Ok;
        Failure &= Covered;
      }
    }
    if (Failure && St.H[Id] != Released)
      St.H[Id] = Null;
  }
}

// --- exits and fix-its ------------------------------------------------------

std::vector<FixItHint> Explorer::releaseFix(unsigned Id, const Stmt *Ret,
                                            const State &St) {
  const Site &S = Sites[Id];
  const VarDecl *V = St.someVarOf(Id);
  const Resource *R = A.resource(S.Kind);
  if (!Ret || !V || !R || R->Release.empty() || S.Attached)
    return {};
  if (!isa_and_nonnull<CompoundStmt>(PM.getParent(const_cast<Stmt *>(Ret))))
    return {};
  const ApiEntry *Rel = nullptr;
  for (const ApiEntry &E : A.Cat.lookup(R->Release))
    if (E.Release == S.Kind && E.Arg == 0 && E.When.empty())
      Rel = &E;
  if (!Rel || (St.H[Id] == MaybeNull && !Rel->NullOk))
    return {};
  // The release function must take exactly the handle.
  auto Found = Ctx.getTranslationUnitDecl()->lookup(
      DeclarationName(&Ctx.Idents.get(R->Release)));
  const auto *RelFD =
      Found.empty() ? nullptr : dyn_cast<FunctionDecl>(Found.front());
  if (!RelFD || RelFD->getNumParams() != 1)
    return {};
  // The variable must be in scope at the return, and not returned.
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation RetLoc = Ret->getBeginLoc();
  if (RetLoc.isMacroID() ||
      !SM.isBeforeInTranslationUnit(V->getLocation(), RetLoc))
    return {};
  if (const auto *RS = dyn_cast<ReturnStmt>(Ret); RS && RS->getRetValue()) {
    bool Mentions = false;
    std::function<void(const Stmt *)> Walk = [&](const Stmt *X) {
      if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(X))
        Mentions |= DRE->getDecl() == V;
      if (X)
        for (const Stmt *C : X->children())
          Walk(C);
    };
    Walk(RS->getRetValue());
    if (Mentions)
      return {};
  }
  unsigned Col = SM.getSpellingColumnNumber(RetLoc);
  std::string Indent(Col > 0 ? Col - 1 : 0, ' ');
  return {FixItHint::CreateInsertion(
      RetLoc, R->Release + "(" + V->getName().str() + ");\n" + Indent)};
}

void Explorer::atExit(const CFGBlock *Pred, State &St, const Event &Edge) {
  const Stmt *Ret = nullptr;
  bool Throws = false;
  if (const Stmt *T = Pred->getTerminatorStmt();
      isa_and_nonnull<CXXThrowExpr>(T))
    Ret = T, Throws = true;
  for (auto It = Pred->rbegin(); !Ret && It != Pred->rend(); ++It)
    if (auto CS = It->getAs<CFGStmt>()) {
      if (isa<ReturnStmt>(CS->getStmt()) || isa<CXXThrowExpr>(CS->getStmt()))
        Ret = CS->getStmt();
      Throws = isa_and_nonnull<CXXThrowExpr>(Ret);
      break;
    }
  SourceLocation ExitLoc = Ret ? Ret->getBeginLoc() : Body->getEndLoc();
  const char *How = Throws ? "when the exception is thrown here"
                    : Ret  ? "when the function returns here"
                           : "at the end of the function";
  std::vector<Event> Tail;
  if (!Edge.Msg.empty())
    Tail.push_back(Edge);
  for (unsigned I = 0; I < Sites.size() && I < St.H.size(); ++I) {
    const Site &S = Sites[I];
    if (S.Param) {
      if (St.H[I] == Escaped)
        Sum->Params[S.Param->getFunctionScopeIndex()].Sinks = true;
      continue;
    }
    if (!isLive(St.H[I]))
      continue;
    if (S.Attached) {
      if (!S.Transaction || !TxEndOwners.count(S.Owner))
        continue;
      Tail.push_back({ExitLoc,
                      std::string("the transaction on '") + S.Owner +
                          "' is still open " + How,
                      -1, false});
      report(FindingKind::UnfinishedTx, I, ExitLoc, St, "", Tail);
      Tail.pop_back();
      continue;
    }
    const VarDecl *V = St.someVarOf(I);
    std::string Name = V ? V->getName().str() : "the handle";
    Tail.push_back({ExitLoc, "'" + Name + "' leaks " + How, -1, false});
    report(FindingKind::Leak, I, S.Loc, St, "", Tail, V,
           Throws ? std::vector<FixItHint>() : releaseFix(I, Ret, St));
    Tail.pop_back();
  }
}

void Explorer::precompute() {
  // Scalars tested in more than one condition may correlate two branches;
  // remembering others would only multiply states.
  llvm::DenseMap<const void *, unsigned> Count;
  std::function<void(const Stmt *)> Collect = [&](const Stmt *S) {
    if (!S)
      return;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
        if (V->hasLocalStorage() && V->getType()->isScalarType() &&
            !V->getType()->isPointerType())
          ++Count[V];
    if (const void *Path = memberPath(dyn_cast<Expr>(S))) {
      ++Count[Path];
      return;
    }
    if (isa<CallExpr>(S))
      return;
    for (const Stmt *C : S->children())
      Collect(C);
  };
  for (const CFGBlock *B : *Cfg) {
    if (const Stmt *C = B->getTerminatorCondition())
      Collect(C);
    // A returned status (`return error == 0;`) is a condition for the
    // caller, and tells a summary when a handle was handed out.
    for (const CFGElement &E : *B)
      if (auto CS = E.getAs<CFGStmt>())
        if (const auto *RS = dyn_cast<ReturnStmt>(CS->getStmt()))
          Collect(RS->getRetValue());
  }
  for (auto &[V, N] : Count)
    if (N > 1)
      FactVars.insert(V);

  // Owners whose transaction this function ends somewhere.
  std::function<void(const Stmt *)> Ends = [&](const Stmt *S) {
    if (!S)
      return;
    if (const auto *CE = dyn_cast<CallExpr>(S))
      for (const Effect &E : effects(CE)) {
        if (E.K == Effect::Release && A.resource(E.Res) &&
            A.resource(E.Res)->Transaction && E.Arg < CE->getNumArgs())
          TxEndOwners.insert(exprKey(CE->getArg(E.Arg), Ctx));
        if (E.K == Effect::Sql && E.Arg < CE->getNumArgs() && E.SqlConn >= 0 &&
            unsigned(E.SqlConn) < CE->getNumArgs()) {
          if (const StringLiteral *SL = constantSql(CE->getArg(E.Arg));
              SL && classifySql(SL->getString()) == TxEffect::End)
            TxEndOwners.insert(exprKey(CE->getArg(E.SqlConn), Ctx));
        }
      }
    for (const Stmt *C : S->children())
      Ends(C);
  };
  Ends(Body);
}

void Explorer::run(FunctionResult &Res, Summary &S) {
  Result = &Res;
  Sum = &S;
  Sum->Params.resize(FD->getNumParams());
  CFG::BuildOptions BO;
  // Every subexpression becomes an element in evaluation order, so a call's
  // result is seen before whatever consumes it. Exception edges are left
  // out: in C they do not exist, and in C++ they would make every call a
  // branch.
  BO.setAllAlwaysAdd();
  BO.AddImplicitDtors = true;
  BO.AddInitializers = true;
  Cfg = CFG::buildCFG(FD, Body, &Ctx, BO);
  if (!Cfg)
    return;
  precompute();
  findGuardEscapes();

  // Parameters are tracked so that summaries learn what a helper does with
  // the handles it is given.
  Nodes.push_back({&Cfg->getEntry(), State(), -1, {}});
  Cur = 0;
  for (const ParmVarDecl *P : FD->parameters())
    if (P->getType()->isPointerType() && P->getName().size()) {
      int Id = siteFor(P, "", Nodes[0].S);
      if (Id < 0)
        break;
      Sites[Id].Param = P;
      Sites[Id].Loc = P->getLocation();
      Nodes[0].S.H[Id] = Live;
      Nodes[0].S.Bind.push_back({P, unsigned(Id)});
    }

  std::unordered_set<std::string> Seen;
  std::deque<int> Work{0};
  Seen.insert(Nodes[0].S.key(Cfg->getEntry().getBlockID()));
  unsigned Steps = 0;
  while (!Work.empty()) {
    if (++Steps > A.Opts.MaxSteps || TooManySites) {
      Res.Incomplete = true;
      break;
    }
    Cur = Work.front();
    Work.pop_front();
    const CFGBlock *B = Nodes[Cur].B;
    State St = Nodes[Cur].S;
    for (const CFGElement &E : *B)
      if (auto CS = E.getAs<CFGStmt>())
        transfer(CS->getStmt(), St);
    if (B->hasNoReturnElement())
      continue;

    const Stmt *Term = B->getTerminatorStmt();
    const Expr *Cond = dyn_cast_or_null<Expr>(B->getTerminatorCondition());
    bool IsLoop = isa_and_nonnull<ForStmt>(Term) ||
                  isa_and_nonnull<WhileStmt>(Term) ||
                  isa_and_nonnull<DoStmt>(Term);
    bool IsSwitch = isa_and_nonnull<SwitchStmt>(Term);
    unsigned Index = 0;
    unsigned NumReachable = 0;
    for (const CFGBlock::AdjacentBlock &Succ : B->succs())
      NumReachable += Succ.isReachable();
    for (const CFGBlock::AdjacentBlock &Succ : B->succs()) {
      unsigned I = Index++;
      const CFGBlock *Next = Succ.getReachableBlock();
      if (!Next)
        continue;
      State NS = St;
      Event Ev;
      if (Cond && !IsSwitch && B->succ_size() == 2) {
        bool Truth = I == 0;
        if (!assume(Cond, Truth, NS))
          continue;
        refineStatus(Term, Cond, Truth, NS);
        if (NumReachable == 2 && !isa<BinaryOperator>(Term)) {
          Ev.Loc = Cond->getBeginLoc();
          Ev.Msg = IsLoop
                       ? (Truth ? "entering the loop body" : "leaving the loop")
                       : (Truth ? "taking the true branch"
                                : "taking the false branch");
        } else if (NumReachable == 2) {
          Ev.Loc = Cond->getBeginLoc();
          Ev.Msg = std::string("assuming this operand is ") +
                   (Truth ? "true" : "false");
        }
      } else if (IsSwitch) {
        refineSwitch(cast<SwitchStmt>(Term), Next->getLabel(), NS);
        if (Next->getLabel()) {
          Ev.Loc = Next->getLabel()->getBeginLoc();
          Ev.Msg = "taking this case";
        }
      } else if (const auto *G = dyn_cast_or_null<GotoStmt>(Term)) {
        Ev.Loc = G->getGotoLoc();
        Ev.Msg = "jumping to '" + G->getLabel()->getName().str() + "'";
      } else if (isa_and_nonnull<BreakStmt>(Term)) {
        Ev.Loc = Term->getBeginLoc();
        Ev.Msg = "leaving via 'break'";
      } else if (isa_and_nonnull<ContinueStmt>(Term)) {
        Ev.Loc = Term->getBeginLoc();
        Ev.Msg = "continuing with the next iteration";
      }
      if (Next == &Cfg->getExit()) {
        atExit(B, NS, Ev);
        continue;
      }
      if (!Seen.insert(NS.key(Next->getBlockID())).second)
        continue;
      Nodes.push_back({Next, std::move(NS), Cur, {}});
      if (!Ev.Msg.empty())
        Nodes.back().Events.push_back(std::move(Ev));
      Work.push_back(int(Nodes.size() - 1));
    }
  }
}

} // namespace

// --- the per-TU analysis
// ------------------------------------------------------

/// A helper that touches no catalogued API can still keep a handle it is
/// given (`s->replicas[s->n++] = c;`); find that without exploring it.
static void sinkParams(const FunctionDecl *FD, Summary &Sum) {
  Sum.Params.resize(FD->getNumParams());
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return;
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->getOpcode() == BO_Assign && !localVar(BO->getLHS()))
      if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(BO->getRHS())))
        if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl());
            P && P->getFunctionScopeIndex() < Sum.Params.size())
          Sum.Params[P->getFunctionScopeIndex()].Sinks = true;
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(FD->getBody());
}

/// Half-typed code (clangd) parses into recovery nodes; such bodies are not
/// analyzed rather than guessed at.
static bool hasRecoveryExpr(const Stmt *S) {
  if (!S)
    return false;
  if (isa<RecoveryExpr>(S))
    return true;
  for (const Stmt *C : S->children())
    if (hasRecoveryExpr(C))
      return true;
  return false;
}

bool LifetimeAnalysis::Impl::cleanupReleases(const FunctionDecl *FD) {
  const FunctionDecl *Def = FD->getDefinition();
  if (!Def || !Def->hasBody() || Def->getNumParams() != 1)
    return true;
  const ParmVarDecl *P = Def->getParamDecl(0);
  bool Releases = false;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || Releases)
      return;
    if (const auto *CE = dyn_cast<CallExpr>(S))
      for (const Effect &E : effectsOf(CE))
        if (E.K == Effect::Release && E.Arg < CE->getNumArgs()) {
          const Expr *Arg = strip(CE->getArg(E.Arg));
          if (const auto *UO = dyn_cast<UnaryOperator>(Arg);
              UO && UO->getOpcode() == UO_Deref)
            Arg = strip(UO->getSubExpr());
          if (const auto *DRE = dyn_cast<DeclRefExpr>(Arg))
            Releases |= DRE->getDecl() == P;
        }
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(Def->getBody());
  return Releases;
}

/// A same-TU function that throws, directly or through a callee, outside any
/// try block of its own. Unseen functions are not assumed to throw: C APIs
/// never do, and assuming so would report every handle in C++ code.
bool LifetimeAnalysis::Impl::mayThrow(const FunctionDecl *FD) {
  const FunctionDecl *Def = FD ? FD->getDefinition() : nullptr;
  if (!Def || !Def->hasBody() ||
      Def->getExceptionSpecType() == EST_BasicNoexcept ||
      Def->getExceptionSpecType() == EST_NoexceptTrue)
    return false;
  auto [It, New] = Throwing.emplace(Def, false);
  if (!New)
    return It->second;
  bool Throws = false;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || Throws || isa<CXXTryStmt>(S) || isa<LambdaExpr>(S))
      return;
    if (isa<CXXThrowExpr>(S))
      Throws = true;
    else if (const auto *CE = dyn_cast<CallExpr>(S))
      Throws = CE->getDirectCallee() && mayThrow(CE->getDirectCallee());
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(Def->getBody());
  Throwing[Def] = Throws;
  return Throws;
}

bool LifetimeAnalysis::Impl::releasesFirstParam(const FunctionDecl *FD) {
  if (!FD || !FD->getIdentifier())
    return false;
  for (const ApiEntry &E : Cat.lookup(catalogName(FD)))
    if (!E.Release.empty() && E.Arg == 0)
      return true;
  const FunctionDecl *Def = FD->getDefinition();
  if (!Def || !Def->hasBody() || InProgress.count(Def))
    return false;
  const Summary &S = summary(Def);
  return !S.Params.empty() && S.Params[0].DoesRelease;
}

bool LifetimeAnalysis::Impl::releasesThis(const CXXRecordDecl *RD) {
  auto [It, New] = Guards.emplace(RD, false);
  if (!New)
    return It->second;
  const CXXDestructorDecl *Dtor = RD->getDestructor();
  const FunctionDecl *Def = Dtor ? Dtor->getDefinition() : nullptr;
  bool Releases = false;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || Releases)
      return;
    if (const auto *CE = dyn_cast<CallExpr>(S))
      for (const Effect &E : effectsOf(CE))
        if (E.K == Effect::Release && E.Arg < CE->getNumArgs())
          if (const auto *ME = dyn_cast<MemberExpr>(strip(CE->getArg(E.Arg))))
            Releases |= isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts());
    for (const Stmt *C : S->children())
      Walk(C);
  };
  if (Def && Def->hasBody())
    Walk(Def->getBody());
  Guards[RD] = Releases;
  return Releases;
}

bool LifetimeAnalysis::Impl::isGuard(const VarDecl *V) {
  if (auto It = Guards.find(V); It != Guards.end())
    return It->second;
  bool G = false;
  if (const auto *CA = V->getAttr<CleanupAttr>()) {
    G = V->getType()->isPointerType() &&
        (!CA->getFunctionDecl() || cleanupReleases(CA->getFunctionDecl()));
  } else if (const CXXRecordDecl *RD =
                 V->getType().getNonReferenceType()->getAsCXXRecordDecl()) {
    if (RD->isInStdNamespace() &&
        (RD->getName() == "unique_ptr" || RD->getName() == "shared_ptr")) {
      // A smart pointer guards a handle when its deleter is a release.
      const Expr *Init =
          V->getInit() ? V->getInit()->IgnoreImplicit() : nullptr;
      if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(Init);
          CE && CE->getNumArgs() >= 2) {
        const Expr *D = strip(CE->getArg(1));
        if (const auto *UO = dyn_cast<UnaryOperator>(D);
            UO && UO->getOpcode() == UO_AddrOf)
          D = strip(UO->getSubExpr());
        if (const auto *DRE = dyn_cast<DeclRefExpr>(D))
          G = releasesFirstParam(dyn_cast<FunctionDecl>(DRE->getDecl()));
      }
    } else if (RD->hasDefinition()) {
      RD = RD->getDefinition();
      G = releasesThis(RD);
      // Library guards named in the catalog, and classes derived from them.
      auto IsCatalogued = [&](const CXXRecordDecl *R) {
        if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(R))
          return Cat.isGuardType(
              Spec->getSpecializedTemplate()->getQualifiedNameAsString());
        return Cat.isGuardType(R->getQualifiedNameAsString());
      };
      G = G || IsCatalogued(RD) || RD->forallBases([&](const CXXRecordDecl *B) {
        return !IsCatalogued(B);
      }) == false;
    }
  }
  Guards[V] = G;
  return G;
}

bool LifetimeAnalysis::Impl::interesting(const FunctionDecl *FD) {
  auto [It, New] = Interesting.emplace(FD, false);
  if (!New)
    return It->second;
  bool Found = false;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || Found)
      return;
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D);
            V && V->hasLocalStorage() &&
            (V->hasAttr<CleanupAttr>() || V->getType()->getAsCXXRecordDecl()) &&
            isGuard(V))
          Found = true;
    if (const auto *CE = dyn_cast<CallExpr>(S)) {
      if (const FunctionDecl *Callee = CE->getDirectCallee()) {
        if (Cat.mentions(catalogName(Callee)) || acquireHandleAttr(Callee))
          Found = true;
        for (const ParmVarDecl *P : Callee->parameters())
          Found |= P->hasAttr<AcquireHandleAttr>() ||
                   P->hasAttr<ReleaseHandleAttr>();
        if (!Found && Callee != FD)
          if (const FunctionDecl *Def = Callee->getDefinition();
              Def && Def->hasBody() && !InProgress.count(Def))
            Found = summary(Def).changesLifetimes();
      }
    }
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(FD->getBody());
  Interesting[FD] = Found;
  return Found;
}

const Summary &LifetimeAnalysis::Impl::summary(const FunctionDecl *FD) {
  static const Summary Empty;
  auto It = Summaries.find(FD);
  if (It != Summaries.end())
    return It->second;
  if (InProgress.count(FD))
    return Empty; // recursion: assume nothing
  run(FD);
  return Summaries[FD];
}

void LifetimeAnalysis::Impl::run(const FunctionDecl *FD) {
  if (Results.count(FD))
    return;
  InProgress.insert(FD);
  FunctionResult Res;
  Summary Sum;
  if (FD->hasBody() && !FD->isDependentContext() &&
      !hasRecoveryExpr(FD->getBody()) && interesting(FD)) {
    Explorer E(*this, FD);
    E.run(Res, Sum);
  } else if (FD->hasBody()) {
    sinkParams(FD, Sum);
  }
  InProgress.erase(FD);
  Summaries[FD] = std::move(Sum);
  Results[FD] = std::move(Res);
}

LifetimeAnalysis::LifetimeAnalysis(ASTContext &Ctx, const Catalog &Cat,
                                   const EngineOptions &Opts)
    : P(std::make_unique<Impl>(Ctx, Cat, Opts)) {}

LifetimeAnalysis::~LifetimeAnalysis() = default;

LifetimeAnalysis &
LifetimeAnalysis::forContext(ASTContext &Ctx,
                             std::shared_ptr<const Catalog> Cat,
                             const EngineOptions &Opts) {
  // One analysis per live ASTContext, dropped when the context is destroyed:
  // clangd re-parses a file into a new context that may reuse the old
  // address, possibly on another thread.
  static std::mutex Lock;
  static std::map<std::pair<const ASTContext *, const Catalog *>,
                  std::unique_ptr<LifetimeAnalysis>>
      Live;
  std::lock_guard<std::mutex> Guard(Lock);
  auto Key = std::make_pair(&Ctx, Cat.get());
  auto &Slot = Live[Key];
  if (!Slot) {
    Slot = std::make_unique<LifetimeAnalysis>(Ctx, *Cat, Opts);
    Slot->P->CatHolder = std::move(Cat);
    struct Drop {
      std::pair<const ASTContext *, const Catalog *> Key;
    };
    Ctx.AddDeallocation(
        [](void *D) {
          auto *Entry = static_cast<Drop *>(D);
          {
            std::lock_guard<std::mutex> Guard(Lock);
            Live.erase(Entry->Key);
          }
          delete Entry;
        },
        new Drop{Key});
  }
  return *Slot;
}

bool LifetimeAnalysis::isInteresting(const clang::FunctionDecl *FD) {
  return FD->hasBody() && P->interesting(FD);
}

const FunctionResult &LifetimeAnalysis::analyze(const FunctionDecl *FD) {
  FD = FD->getDefinition() ? FD->getDefinition() : FD;
  P->run(FD);
  return P->Results[FD];
}

} // namespace dbleak
