//===--- Internals.h - Shared by the engine's sources -----------*- C++ -*-===//
//
// Not a public interface: the state, effect and summary types of the
// lifetime engine and the CFG explorer, split across Lifetime.cpp (the per-TU
// analysis and summaries), Explorer.cpp (transfer functions and exits),
// Conditions.cpp (branch refinement) and Guards.cpp (RAII guards).
//
//===----------------------------------------------------------------------===//

#ifndef DBLEAK_ENGINE_INTERNALS_H
#define DBLEAK_ENGINE_INTERNALS_H

#include "engine/Lifetime.h"
#include "engine/SqlText.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/Analysis/CFG.h"
#include "clang/Analysis/CFGStmtMap.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Regex.h"
#include <deque>
#include <functional>
#include <map>
#include <set>

namespace dbleak {
// An internal header of a clang-based engine: every name here is clang's.
using namespace clang;
namespace detail {

enum HState : uint8_t { Unacquired, MaybeNull, Live, Null, Released, Escaped };

inline bool isLive(uint8_t S) { return S == MaybeNull || S == Live; }

/// What a call does, whatever told us: the catalog, a summary, an attribute
/// or a name rule.
struct Effect {
  enum Kind { Acquire, Release, Use, Sink, Sql } K;
  std::string Res; ///< resource kind ("" = any, for name rules)
  int Out = -1;    ///< Acquire: -1 return value, N out-parameter
  int On = -1;     ///< Acquire: attaches to the handle in argument N
  Failure OnFailure = Failure::Null;
  std::vector<int64_t> Success;
  bool OnlyOnFailure = false; ///< the out-value exists only on failure
  int StatusArg = -1; ///< the status is `*argN` (an `int *pRc`), not the result
  unsigned Arg = 0;   ///< Release/Use/Sink; Sql: text argument
  bool NullOk = true;
  int SqlConn = -1;
  std::string Fn;                ///< the callee, for messages
  const ApiEntry *Row = nullptr; ///< the catalog row, when there is one
};

/// What a call's arguments say about a helper's parameters: NULL pointers
/// (a bit per parameter) and integer constants, for a summary of its own.
struct ArgSpec {
  unsigned Null = 0;
  std::vector<std::pair<unsigned, int64_t>> Values;
  bool empty() const { return !Null && Values.empty(); }
  bool operator<(const ArgSpec &O) const {
    return std::tie(Null, Values) < std::tie(O.Null, O.Values);
  }
};

/// How a function treats its parameters and what it returns.
struct Summary {
  std::string Returns; ///< kind of a fresh handle it returns
  struct Param {
    std::string Releases; ///< kind ("" = unknown kind) if it releases it
    bool DoesRelease = false;
    bool Sinks = false;
    std::string OutAcquires; ///< kind acquired into *param
    bool OutHanded = false;  ///< ... and still there at some return
    /// 1 when every return that hands out *param returns true (so a false
    /// return means nothing was acquired), 0 when not, -1 unknown.
    int OutOnTrue = -1;
    /// The value every return that hands out *param returns, when it is
    /// one known constant (`*ppOut = p; return SQLITE_OK;`): any other
    /// return value means nothing was handed out.
    std::optional<int64_t> OutRet;
    bool OutRetMixed = false;
    /// An `int *pRc` the function sets to a non-zero code exactly on the
    /// returns that hand nothing out (`p = idxMalloc(&rc, n)`).
    bool RcWritten = false;
    int RcStatus = -1;
    /// ... or a `bool *own` set exactly on the returns that hand out
    /// (dblink_get_conn's `*freeconn_p`).
    int FlagStatus = -1;
    std::string TxBegins, TxEnds;
    /// What the returns that release it and those that keep it return,
    /// while every one is a known constant: a checker that clears what it
    /// rejects (`PQclear(res); return false;`) releases only on failure.
    std::vector<int64_t> ReleasedRets, KeptRets;
    bool RetsUnknown = false;
    /// The success value of a release that happens only when the call
    /// fails, if it is one: it returns true (a `bool` function) or 0 exactly
    /// when it keeps the handle. The reverse, a release on success only, stays
    /// unconditional: what such a helper keeps on failure it has usually
    /// handed to a callback that frees it (`if (!slot->handler(res)) return
    /// false; PQclear(res); return true;`).
    std::optional<int64_t> releaseOnlyOnFailure(QualType Returns) const {
      if (!Returns->isIntegralOrEnumerationType())
        return std::nullopt;
      int64_t Ok = Returns->isBooleanType() ? 1 : 0;
      if (!DoesRelease || RetsUnknown || KeptRets != std::vector<int64_t>{Ok} ||
          llvm::is_contained(ReleasedRets, Ok))
        return std::nullopt;
      return Ok;
    }
  };
  std::vector<Param> Params;
  /// A variadic helper that releases or keeps what it reads with va_arg
  /// (`while ((b = va_arg(ap, bson_t *))) bson_destroy(b);`).
  bool VariadicSinks = false;
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

/// A return code (a variable, the call itself, or a library error member)
/// that says whether the call behind Site's acquisition, or a conditional
/// release of Site (By), succeeded.
struct StatusLink {
  const void *Atom;
  unsigned Site;
  const Effect *By;     ///< the catalog/summary effect; null for transactions
  const CallExpr *Call; ///< whose status it is
  bool operator==(const StatusLink &O) const {
    return Atom == O.Atom && Site == O.Site && By == O.By;
  }
};

struct State {
  llvm::SmallVector<uint8_t, 8> H;
  llvm::SmallVector<std::pair<const VarDecl *, unsigned>, 4> Bind;
  llvm::SmallVector<Fact, 2> Facts;
  llvm::SmallVector<StatusLink, 2> Status;
  llvm::SmallVector<std::pair<const Expr *, unsigned>, 2> Pending;
  uint32_t OutMask = 0; ///< parameters handed a fresh handle on this path
  /// `int *pRc` parameters written a non-zero constant / something else.
  uint32_t RcSet = 0, RcOther = 0;
  /// What `*out` holds after `*out = handle` (Live, MaybeNull or Null), so
  /// that `return *out != NULL;` and `if (!*out)` are understood.
  llvm::SmallVector<std::pair<const ParmVarDecl *, uint8_t>, 1> Deref;
  uint8_t *derefState(const ParmVarDecl *P) {
    for (auto &[DP, H] : Deref)
      if (DP == P)
        return &H;
    return nullptr;
  }
  const uint8_t *derefState(const ParmVarDecl *P) const {
    return const_cast<State *>(this)->derefState(P);
  }

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
  /// no longer apply, except what the call producing its new value
  /// (\p KeptCall) says (`opts = PQconninfoParse(s, &err)`).
  void forget(const void *Var, const Expr *KeptCall = nullptr) {
    forgetFacts(Var);
    llvm::erase_if(Status, [&](auto &P) {
      return P.Atom == Var && (!KeptCall || P.Call != KeptCall);
    });
  }
  void addFact(const Fact &F) {
    if (!llvm::is_contained(Facts, F))
      Facts.push_back(F);
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
    for (auto &P : Status) {
      Put(&P.Atom, sizeof P.Atom);
      Put(&P.Site, sizeof P.Site);
      Put(&P.By, sizeof P.By);
    }
    K += '|';
    for (auto &P : Pending)
      Put(&P, sizeof P);
    Put(&OutMask, sizeof OutMask);
    Put(&RcSet, sizeof RcSet);
    for (auto &P : Deref)
      Put(&P, sizeof P);
    Put(&RcOther, sizeof RcOther);
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

/// Parentheses, casts and __builtin_expect (likely()/unlikely()) say
/// nothing about a value.
inline const Expr *strip(const Expr *E) {
  while (E) {
    E = E->IgnoreParenCasts();
    const auto *CE = dyn_cast<CallExpr>(E);
    unsigned Builtin = CE ? CE->getBuiltinCallee() : 0;
    if ((Builtin != Builtin::BI__builtin_expect &&
         Builtin != Builtin::BI__builtin_expect_with_probability) ||
        CE->getNumArgs() < 1)
      return E;
    E = CE->getArg(0);
  }
  return E;
}

inline const VarDecl *localVar(const Expr *E) {
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(strip(E)))
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
      if (V->hasLocalStorage())
        return V;
  return nullptr;
}

/// A struct handle passed by address (`bson_destroy(&reply)`).
inline const VarDecl *localVarOrAddress(const Expr *E) {
  E = strip(E);
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      return localVar(UO->getSubExpr());
  return localVar(E);
}

inline std::string exprKey(const Expr *E, const ASTContext &Ctx) {
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

/// Every `local = value` and `T local = value;` below \p S, with the local
/// and its value.
/// The operands an atomic builtin stores or compares with: all but the
/// slot it works on (`__atomic_compare_exchange_n(&slot, &expected, p, ...)`).
inline auto atomicOperands(const AtomicExpr *AE) {
  return llvm::make_filter_range(
      ArrayRef(AE->getSubExprs(), AE->getNumSubExprs()),
      [AE](const Expr *E) { return E != AE->getPtr(); });
}

inline void forEachLocalStore(
    const Stmt *S,
    llvm::function_ref<void(const VarDecl *, const Expr *)> Visit) {
  if (!S)
    return;
  if (const auto *BO = dyn_cast<BinaryOperator>(S);
      BO && BO->getOpcode() == BO_Assign) {
    if (const VarDecl *V = localVar(BO->getLHS()))
      Visit(V, BO->getRHS());
  } else if (const auto *DS = dyn_cast<DeclStmt>(S); DS && DS->isSingleDecl()) {
    if (const auto *V = dyn_cast<VarDecl>(DS->getSingleDecl());
        V && V->getInit())
      Visit(V, V->getInit());
  }
  for (const Stmt *C : S->children())
    forEachLocalStore(C, Visit);
}

/// `acquire_handle` on a returned handle sits on the declaration (leading
/// GNU form) or on the function type (trailing GNU and [[clang::]] forms).
inline const AcquireHandleAttr *acquireHandleAttr(const FunctionDecl *FD) {
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
inline const StringLiteral *constantSql(const Expr *E) {
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
inline std::string catalogName(const FunctionDecl *FD) {
  if (!FD->getIdentifier())
    return "";
  if (FD->getDeclContext()->getRedeclContext()->isTranslationUnit())
    return FD->getName().str();
  return FD->getQualifiedNameAsString();
}

} // namespace detail

struct LifetimeAnalysis::Impl {
  using Effect = detail::Effect;
  using Summary = detail::Summary;
  using ArgSpec = detail::ArgSpec;
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

  const Summary &summary(const FunctionDecl *FD, const ArgSpec &Args = {});
  std::map<std::pair<const FunctionDecl *, ArgSpec>, Summary> SpecialSummaries;
  /// Integer parameters a condition of \p FD tests directly (`if (clear)`):
  /// a constant argument for one of them can change what a call does.
  unsigned decidingParams(const FunctionDecl *FD);
  std::map<const FunctionDecl *, unsigned> DecidingParams;
  void run(const FunctionDecl *FD);
  bool interesting(const FunctionDecl *FD);
  bool variadicSinks(const FunctionDecl *FD);
  /// Does some call below \p S have an effect \p Takes accepts for the
  /// argument it applies to?
  bool someCallEffect(
      const Stmt *S,
      llvm::function_ref<bool(const Effect &, const Expr *Arg)> Takes);
  bool cleanupReleases(const FunctionDecl *FD);
  std::map<const Decl *, bool> Guards;
  bool isGuard(const VarDecl *V);
  bool releasesThis(const CXXRecordDecl *RD);
  bool releasesFirstParam(const FunctionDecl *FD);
  std::map<const FunctionDecl *, bool> Throwing;
  bool mayThrow(const FunctionDecl *FD);
  std::map<const FunctionDecl *, bool> NoReturn;
  bool neverReturns(const FunctionDecl *FD);
  std::vector<Effect> effectsOf(const CallExpr *CE);
  bool entryApplies(const ApiEntry &E, const CallExpr *CE) const;

  const Resource *resource(llvm::StringRef Kind) const {
    return Cat.resource(Kind);
  }
  /// One release function takes both kinds alike (bson_destroy: documents
  /// and replies), so releasing one as the other is no mismatch. Not so
  /// when an argument selects the kind (SQLFreeHandle).
  bool sameRelease(llvm::StringRef KindA, llvm::StringRef KindB) const {
    for (llvm::StringRef K : {KindA, KindB})
      if (const Resource *R = resource(K))
        for (const ApiEntry &E : Cat.lookup(R->Release))
          if (E.Release == (K == KindA ? KindB : KindA) && E.When.empty())
            return true;
    return false;
  }
};

namespace detail {

class Explorer {
public:
  /// \p WithFacts: remember scalar facts (correlated conditions). Without
  /// them the state space is much smaller, a fallback past the budget.
  /// \p Args: what the caller's arguments are known to be (a specialized
  /// summary).
  Explorer(LifetimeAnalysis::Impl &A, const FunctionDecl *FD,
           bool WithFacts = true, ArgSpec Args = {})
      : A(A), Ctx(A.Ctx), FD(FD), Body(FD->getBody()), PM(Body),
        WithFacts(WithFacts), Args(std::move(Args)) {}

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
  /// Loop counters bounded by a small constant (`for (i = 0; i < 2; i++)`):
  /// `i++` moves their known value instead of forgetting it. A few values
  /// at most, so the loop is walked iteration by iteration.
  llvm::DenseSet<const VarDecl *> SmallCounters;
  static constexpr int64_t MaxCounter = 8;
  /// Counters that start at a constant and are only ever incremented
  /// (`for (iOp = 0; step(); iOp++)`): after `++` they are not that
  /// constant any more, whatever the bound (`if (iOp == 0)` is the first
  /// iteration only).
  llvm::DenseMap<const VarDecl *, int64_t> CountsUpFrom;
  /// Member paths (`inst->mode`) by their printed form, with their root.
  llvm::StringMap<const VarDecl *> MemberPaths;
  llvm::DenseMap<const MemberExpr *, const void *> PathOf;
  /// Owners some path commits/rolls back, with the calls that do.
  llvm::StringMap<std::vector<const CallExpr *>> TxEndOwners;
  std::unique_ptr<CFGStmtMap> StmtMap;
  std::map<unsigned, bool> EndReachable;
  bool endReachable(unsigned SiteId);
  std::map<const CallExpr *, std::vector<Effect>> EffectCache;
  llvm::DenseMap<const VarDecl *, const ParmVarDecl *> DerefOf;
  /// `*param`, or (\p ViaLocal) a local that was assigned `*param`.
  const ParmVarDecl *derefParam(const Expr *E, bool ViaLocal = true) const {
    if (const VarDecl *V = localVar(E))
      return ViaLocal ? DerefOf.lookup(V) : nullptr;
    const auto *UO = dyn_cast<UnaryOperator>(strip(E));
    if (!UO || UO->getOpcode() != UO_Deref)
      return nullptr;
    const auto *DRE = dyn_cast<DeclRefExpr>(strip(UO->getSubExpr()));
    const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
    return P && P->getDeclContext() == FD ? P : nullptr;
  }
  bool TooManySites = false;
  bool WithFacts = true;
  ArgSpec Args;
  bool PathEnds = false; ///< a same-TU helper that never returns was called

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
  void recordStatus(const CallExpr *CE, const Effect &E, unsigned Id,
                    State &St);
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
  Tri addressCompare(const BinaryOperator *BO, const State &St);
  void sameObject(const VarDecl *A, const VarDecl *B, State &St);
  bool assume(const Expr *E, bool Truth, State &St);
  bool assumeNonNull(const Expr *E, bool NonNull, State &St);
  void refineStatus(const Stmt *Term, const Expr *Cond, bool Truth, State &St);
  void refineSwitch(const SwitchStmt *SS, const Stmt *Label, State &St);
  /// The success values of the call a status link is about; \p Inverse:
  /// its effect happens only when the call failed.
  const std::vector<int64_t> *successValues(const StatusLink &L,
                                            bool &Inverse) {
    Inverse = L.By && L.By->OnlyOnFailure;
    if (L.By)
      return L.By->Success.empty() ? nullptr : &L.By->Success;
    // A transaction whose begin reports failure the C way: a BEGIN that
    // failed (`if (sqlite3_exec(db, "BEGIN", ...) != SQLITE_OK) return`)
    // opened nothing.
    if (Sites[L.Site].Transaction && Sites[L.Site].Call)
      return transactionSuccess(cast<CallExpr>(Sites[L.Site].Call));
    return nullptr;
  }
  static const std::vector<int64_t> *transactionSuccess(const CallExpr *CE) {
    static const std::vector<int64_t> Zero{0}, True{1};
    QualType T = CE->getCallReturnType(CE->getCalleeDecl()->getASTContext());
    if (T->isBooleanType())
      return &True;
    return T->isIntegralOrEnumerationType() ? &Zero : nullptr;
  }
  /// The status is the returned pointer itself (PQconninfoParse's options
  /// say whether *errmsg was set), not a library error member.
  bool pointerStatus(const StatusLink &L) const {
    if (!L.Call || !L.Call->getType()->isPointerType())
      return false;
    for (const auto &Entry : MemberPaths)
      if (Entry.getKey().data() == L.Atom)
        return false;
    return true;
  }
  void settle(const StatusLink &L, bool Inverse, bool Failed, bool Succeeded,
              State &St);
  std::vector<int64_t> failureProbes(const Expr *Cond,
                                     const std::vector<int64_t> &Succ,
                                     bool PointerStatus);
  /// The value of \p E on this path, from constants and facts.
  std::optional<int64_t> knownValue(const Expr *E, const State &St);
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
  void summarizeReturn(const Expr *Ret, bool HandsOut, State &St);
  /// `err = 1;` makes a later `if (err)` known on this path. \p Key is
  /// a fact key (see factVar) or null.
  void rememberConstant(const void *Key, const Expr *RHS, State &St) {
    Expr::EvalResult R;
    if (Key && !RHS->isValueDependent() && RHS->EvaluateAsInt(R, Ctx))
      St.addFact({Key, true, R.Val.getInt().getExtValue()});
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
      St.forget(V, RHS ? strip(RHS) : nullptr);
      forgetMembersOf(V, St);
    } else if (const void *Path = memberPath(LValue)) {
      St.forgetFacts(Path);
    }
  }
  const VarDecl *destinationVar(const CallExpr *CE) const;
  bool formatDecides(const CallExpr *CE) const {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee)
      return false;
    for (const ApiEntry &E : A.Cat.lookup(catalogName(Callee)))
      if (E.FormatZ >= 0)
        return true;
    return false;
  }
  /// Unknown code given a released object's storage as a pointer to a
  /// complete, non-const struct (`bson_init_static(&b, ...)`, a library
  /// internal that fills in its reply) may be initializing it again.
  bool mayInitialize(const CallExpr *CE, unsigned Arg) const {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee || Callee->hasBody() || Arg >= Callee->getNumParams() ||
        A.Cat.mentions(catalogName(Callee)))
      return false;
    QualType T = Callee->getParamDecl(Arg)->getType();
    if (!T->isPointerType() || T->getPointeeType().isConstQualified())
      return false;
    const RecordDecl *RD = T->getPointeeType()->getAsRecordDecl();
    return RD && RD->getDefinition();
  }
  /// The released object lives in storage its release did not free: a
  /// struct variable (`bson_t reply;`) or the caller's out-parameter. Freed
  /// heap memory is never initialized again.
  bool callerStorage(unsigned Id, const Expr *Arg) const {
    const VarDecl *V = localVarOrAddress(Arg);
    return Sites[Id].Param || (V && V->getType()->isRecordType());
  }
  /// A release function whose parameter has the handle's own type is the
  /// object's destructor, whatever allocated it: libmongoc builds its
  /// objects with bson_malloc0 and frees them with their *_destroy(). Not
  /// for `void *` and `char *` parameters (free, bson_free, PQfreemem).
  /// An array of pointers whose elements this function releases one by
  /// one (`for (p = v; *p; ++p) bson_free(*p); bson_free(v);`): freeing the
  /// array itself then is what its own release function would do.
  llvm::DenseSet<const void *> ElementsReleased;
  bool arrayOfReleased(const Site &S) const {
    return S.Call && S.Call->getType()->isPointerType() &&
           S.Call->getType()->getPointeeType()->isPointerType() &&
           ElementsReleased.count(
               S.Call->getType().getCanonicalType().getAsOpaquePtr());
  }
  bool ownDestructor(const Site &S, const CallExpr *Release,
                     unsigned Arg) const {
    const FunctionDecl *Rel = Release->getDirectCallee();
    if (!Rel || Arg >= Rel->getNumParams() || Arg >= Release->getNumArgs())
      return false;
    QualType To = Rel->getParamDecl(Arg)->getType();
    if (!To->isPointerType() || To->isVoidPointerType() ||
        To->getPointeeType()->isCharType())
      return false;
    QualType Held = Release->getArg(Arg)->IgnoreParenCasts()->getType();
    if (Held->isPointerType() &&
        Ctx.hasSameUnqualifiedType(Held->getPointeeType(),
                                   To->getPointeeType()))
      return true;
    const auto *Acq = dyn_cast_or_null<CallExpr>(S.Call);
    return Acq && Acq->getDirectCallee() &&
           Acq->getDirectCallee()->getReturnType()->isVoidPointerType();
  }
  /// Unknown code given a callback together with the handle keeps it for
  /// that callback: a thread start routine and its argument, an object and
  /// its destructor, an async request and its completion data.
  bool passedWithCallback(const CallExpr *CE) const {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee || Callee->hasBody())
      return false;
    for (const Expr *A : CE->arguments())
      if (const auto *DRE = dyn_cast<DeclRefExpr>(A->IgnoreParenImpCasts()))
        if (isa<FunctionDecl>(DRE->getDecl()))
          return true;
    return false;
  }
  // --- fix-its (FixIts.cpp) -------------------------------------------
  /// What the paths reaching one place where a local dies said about the
  /// handle it held: a mask of HState bits, plus NoHandle (it held nothing
  /// tracked) and Shared (a variable that lives on holds it too).
  enum : unsigned { NoHandle = 1u << 8, Shared = 1u << 9 };
  std::map<std::pair<const Stmt *, const VarDecl *>, unsigned> Deaths;
  /// Leaks (with their variable) and open transactions (with the return
  /// that leaves them open) to fix once every path is known, by index in
  /// Result->Findings.
  struct LeakToFix {
    size_t Finding;
    unsigned Site;
    const VarDecl *Var;
    const Stmt *Exit;
  };
  std::vector<LeakToFix> LeaksToFix;
  const Stmt *CurrentExit = nullptr; ///< the return atExit is judging
  bool LostToThrow = false; ///< the leak being reported is lost to a throw
  /// Records the locals that die together at the run of lifetime ends
  /// starting at \p It; returns the run's last element.
  CFGBlock::const_iterator localsDie(CFGBlock::const_iterator It,
                                     CFGBlock::const_iterator End,
                                     const State &St);
  /// After the walk: a release for every leak whose every losing place is
  /// certain, one insertion per place for all handles lost there.
  void buildFixes();
  struct Insertion;
  std::vector<std::pair<const Stmt *, Insertion>>
  releasePlaces(const LeakToFix &Leak);
  std::vector<std::pair<const Stmt *, Insertion>>
  rollbackPlaces(const LeakToFix &Tx);
  const SourceManager &SM() const { return Ctx.getSourceManager(); }
  std::vector<FixItHint> swapReleaseFix(const Site &S, const CallExpr *CE,
                                        const Effect &E);
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
      LostToThrow = true;
      report(FindingKind::Leak, I, Sites[I].Loc, St, "",
             {{CE->getBeginLoc(),
               "'" + V->getName().str() + "' leaks if '" + Callee +
                   "' throws here",
               -1, false}},
             V);
      LostToThrow = false;
    }
  }
  const VarDecl *guardOf(const Expr *E);
  bool outlivesScope(const LambdaExpr *LE);
  void guardEscape(const VarDecl *V, SourceLocation At, std::string How);
};

} // namespace detail
} // namespace dbleak

#endif
