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
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
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
  /// Nothing a caller or the catalog could learn from: no handle returned,
  /// released, kept, handed out or transaction begun or ended.
  bool saysNothing() const {
    if (!Returns.empty() || VariadicSinks)
      return false;
    for (const Param &P : Params)
      if (P.DoesRelease || P.Sinks || !P.OutAcquires.empty() ||
          !P.TxBegins.empty() || !P.TxEnds.empty())
        return false;
    return true;
  }
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
  /// Or what a parameter's field, a global or a member held at entry,
  /// owned elsewhere: only its release here is tracked.
  bool Entry = false;
  /// An entry value this function saw live (tested non-NULL): overwriting
  /// it unreleased loses the caller's handle. Evidence: what showed it.
  std::string Evidence;
  std::string Kind, Acquirer, Owner; ///< Owner: key of the owning handle
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

/// Where a handle lives: a root (a local, a parameter, a global, or `this`
/// when Root is null) and a short access path below it (`s->conn`, `*out`,
/// `stmts[i]`, `this->conn_`). A local is a holder with an empty path. The
/// explorer interns holders into small integers, so a state binds
/// (holder, site) pairs and stays cheap to copy and to key.
struct Holder {
  struct Step {
    enum Kind : uint8_t { Arrow, Dot, Deref, Index } K;
    const void *D = nullptr; ///< Arrow/Dot: the FieldDecl; Index: the
                             ///< loop variable, or null for a constant
    int64_t I = 0;           ///< Index: the constant
    bool operator==(const Step &O) const {
      return K == O.K && D == O.D && I == O.I;
    }
  };
  const ValueDecl *Root = nullptr;
  llvm::SmallVector<Step, 2> Path;
  /// Storage of this function's frame (a local, `local.conn`, `arr[2]` of
  /// a local array): it dies at exit. Anything else (a parameter's pointee,
  /// a global, `this`, memory behind a pointer) outlives the function.
  bool Frame = true;
  std::string Name; ///< as first written in the source
  bool isLocal() const {
    const auto *V = dyn_cast_or_null<VarDecl>(Root);
    return Path.empty() && V && V->hasLocalStorage();
  }
  const VarDecl *var() const { return dyn_cast_or_null<VarDecl>(Root); }
};

struct State {
  llvm::SmallVector<uint8_t, 8> H;
  /// (holder id, site) pairs: which holders hold which handle.
  llvm::SmallVector<std::pair<unsigned, unsigned>, 4> Bind;
  llvm::SmallVector<Fact, 2> Facts;
  llvm::SmallVector<StatusLink, 2> Status;
  llvm::SmallVector<std::pair<const Expr *, unsigned>, 2> Pending;
  uint32_t OutMask = 0; ///< parameters handed a fresh handle on this path
  /// Sites lost on this path (overwritten, discarded) whose finding waits
  /// for the path to return to a caller or go round a loop again: lost
  /// right before the process ends, they are not worth a warning.
  uint64_t Lost = 0;
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

  int boundSite(int Holder) const {
    for (auto &[BH, S] : Bind)
      if (int(BH) == Holder)
        return S;
    return -1;
  }
  int someHolderOf(unsigned S) const {
    for (auto &[H, BS] : Bind)
      if (BS == S)
        return H;
    return -1;
  }
  void unbind(int Holder) {
    llvm::erase_if(Bind, [&](auto &P) { return int(P.first) == Holder; });
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
  /// The state at a block as bytes, into \p K (reused: no allocation per
  /// explored state).
  void key(unsigned BlockId, llvm::SmallVectorImpl<char> &K) const {
    K.clear();
    auto Put = [&](const void *P, size_t N) {
      K.append(static_cast<const char *>(P), static_cast<const char *>(P) + N);
    };
    Put(&BlockId, sizeof BlockId);
    // A site this path never reached is unacquired whether or not its
    // slot exists yet; and facts are a set.
    size_t N = H.size();
    while (N && H[N - 1] == Unacquired)
      --N;
    Put(&N, sizeof N);
    Put(H.data(), N);
    auto Sorted = Bind;
    llvm::sort(Sorted);
    for (auto &P : Sorted)
      Put(&P, sizeof P);
    K.push_back('|');
    auto SortedFacts = Facts;
    llvm::sort(SortedFacts, [](const Fact &A, const Fact &B) {
      return std::tie(A.Var, A.Eq, A.Val) < std::tie(B.Var, B.Eq, B.Val);
    });
    for (const Fact &F : SortedFacts) {
      Put(&F.Var, sizeof F.Var);
      Put(&F.Eq, 1);
      Put(&F.Val, sizeof F.Val);
    }
    K.push_back('|');
    for (auto &P : Status) {
      Put(&P.Atom, sizeof P.Atom);
      Put(&P.Site, sizeof P.Site);
      Put(&P.By, sizeof P.By);
    }
    K.push_back('|');
    for (auto &P : Pending)
      Put(&P, sizeof P);
    Put(&OutMask, sizeof OutMask);
    Put(&RcSet, sizeof RcSet);
    for (auto &P : Deref)
      Put(&P, sizeof P);
    Put(&RcOther, sizeof RcOther);
    Put(&Lost, sizeof Lost);
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
      if (V->hasLocalStorage() && !V->getType()->isReferenceType())
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

class TypeChecks;

/// `new T` of a guard class T is a handle of its own whose release is
/// `delete`: its kind is the class's name behind this prefix.
inline constexpr llvm::StringLiteral HeapPrefix = "new ";
inline bool isHeapKind(llvm::StringRef Kind) {
  return Kind.starts_with(HeapPrefix);
}

/// Methods that put their argument into the container they are called on.
inline bool isInsertion(llvm::StringRef Name) {
  return llvm::is_contained({"push_back", "emplace_back", "push_front",
                             "emplace_front", "push", "emplace", "insert",
                             "emplace_hint", "try_emplace", "insert_or_assign"},
                            Name);
}

/// The function \p Name if this translation unit declares it with one
/// parameter: a call to it inserted here compiles.
inline const FunctionDecl *oneParamFunction(ASTContext &Ctx, StringRef Name) {
  // A macro of the same name (a project's accounting wrapper) may expand
  // to anything.
  if (Ctx.Idents.get(Name).hasMacroDefinition())
    return nullptr;
  auto Found = Ctx.getTranslationUnitDecl()->lookup(
      DeclarationName(&Ctx.Idents.get(Name)));
  const auto *FD =
      Found.empty() ? nullptr : dyn_cast<FunctionDecl>(Found.front());
  return FD && FD->getNumParams() == 1 ? FD : nullptr;
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
        SinkRx(Opts.SinkFunctions), TaskRx(Opts.TaskFunctions) {}

  const Summary &summary(const FunctionDecl *FD, const ArgSpec &Args = {});
  std::map<std::pair<const FunctionDecl *, ArgSpec>, Summary> SpecialSummaries;
  /// Integer parameters a condition of \p FD tests directly (`if (clear)`):
  /// a constant argument for one of them can change what a call does.
  unsigned decidingParams(const FunctionDecl *FD);
  std::map<const FunctionDecl *, unsigned> DecidingParams;
  void run(const FunctionDecl *FD);
  bool interesting(const FunctionDecl *FD);
  bool variadicSinks(const FunctionDecl *FD);
  /// What a function the explorer does not need keeps of its parameters.
  void sinkParams(const FunctionDecl *FD, Summary &Sum);
  /// Does some call below \p S have an effect \p Takes accepts for the
  /// argument it applies to?
  bool someCallEffect(
      const Stmt *S,
      llvm::function_ref<bool(const Effect &, const Expr *Arg)> Takes);
  bool cleanupReleases(const FunctionDecl *FD);
  std::map<const Decl *, bool> Guards;
  bool isGuard(const VarDecl *V);
  bool isGuardType(QualType T);
  /// A class whose objects own a handle: a guard, or a class holding a
  /// guard by value. `new` of one is a handle that `delete` releases.
  bool heapGuard(QualType T);
  /// A pool inferred from a class's own methods: one hands out a pointer
  /// it pops from a member container, another pushes its parameter back
  /// into that container. Calls of the first acquire a handle of this
  /// kind; the second releases it.
  struct PoolRole {
    std::string Kind;
    int GiveBackArg = -1; ///< -1: the hand-out method
  };
  struct PoolKind {
    std::string Type, Release;
  };
  std::map<const CXXRecordDecl *, std::map<const FunctionDecl *, PoolRole>>
      PoolRoles;
  std::map<std::string, PoolKind> PoolKinds;
  const PoolRole *poolRole(const FunctionDecl *F);
  llvm::DenseMap<const CXXRecordDecl *, bool> HeapGuards;
  /// Calls of each function in this TU, with their caller: where a
  /// dangling handle a function returns goes (Guards.cpp).
  std::map<const FunctionDecl *,
           std::vector<std::pair<const CallExpr *, const FunctionDecl *>>>
      CallsTo;
  bool CallsIndexed = false;
  void indexCalls();
  /// A member some function of this TU stores a fresh handle into
  /// (`s->db = PQconnectdb(ci)` in `server_new`), released nowhere but in
  /// functions that also release the object (destroy functions): the
  /// object owns it, and a destroy function that skips it loses it.
  struct OwnedMember {
    const FieldDecl *Field;
    std::string Kind, By; ///< By: the function that stores it
    SourceLocation At;
  };
  std::map<const RecordDecl *, std::vector<OwnedMember>> Owned;
  /// Functions that release an object of the record type (`free(s)`).
  std::map<const RecordDecl *, std::set<const FunctionDecl *>> Destroys;
  bool OwnedIndexed = false;
  void indexOwned();
  bool releasesThis(const CXXRecordDecl *RD);
  /// Does \p F release a handle member of `this` (\p Param < 0) or its
  /// parameter \p Param, or put it into a container, itself or through
  /// same-file callees?
  bool givesBack(const FunctionDecl *F, int Param, unsigned Depth);
  llvm::Regex TaskRx; ///< EngineOptions::TaskFunctions
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
  /// Findings from declared types alone (engine/TypeChecks.h), and per
  /// declaration those that are not about a function.
  std::shared_ptr<detail::TypeChecks> Types; // shared: may stay incomplete
  detail::TypeChecks &types();
  std::map<const Decl *, std::vector<Finding>> DeclFindings;
  /// Replaces a mismatched release by the right one for \p Kind when both
  /// take the handle alone.
  std::vector<FixItHint> swapReleaseFix(const CallExpr *CE, unsigned Arg,
                                        llvm::StringRef Kind,
                                        std::string *Why = nullptr) const;
  /// A kind given back to another handle rather than destroyed: its release
  /// function takes it after another argument, with no `when`
  /// (`mongoc_client_pool_push(pool, client)`, a user's `pool_put`).
  /// Destroying it with its C type's own destructor is still a mismatch.
  bool pooled(llvm::StringRef Kind) const;
  /// One release function takes both kinds alike (bson_destroy: documents
  /// and replies), so releasing one as the other is no mismatch. Not so
  /// when an argument selects the kind (SQLFreeHandle).
  bool sameRelease(llvm::StringRef KindA, llvm::StringRef KindB) const {
    // `delete` destroys any class through a base pointer.
    if (detail::isHeapKind(KindA) && detail::isHeapKind(KindB))
      return true;
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
  /// Conditions that a function tests more than once on inputs it never
  /// changes (`if (n > 0) h = acquire(); ... if (n > 0) release(h);`, or
  /// `int own = n > 0;` tested as `if (own)`): the fact key shared by the
  /// occurrences, so the second test follows the first.
  llvm::DenseMap<const Expr *, const void *> RepeatedCond;
  /// Locals never written after their constant initializer.
  llvm::DenseMap<const VarDecl *, int64_t> ConstLocals;
  llvm::StringSet<> CondTexts;
  void findRepeatedConditions();
  /// False when \p E is a repeated condition this path already knows to
  /// have the other value.
  bool assumeRepeated(const Expr *E, bool Truth, State &St);
  /// The facts (about locals, member paths, repeated conditions) that a
  /// path entering each block may still read, by block id: states that
  /// differ only in facts nothing reads any more behave alike, and are
  /// explored once.
  std::vector<llvm::BitVector> LiveFacts;
  llvm::DenseMap<const void *, unsigned> FactIndex;
  void findLiveFacts();
  void dropDeadFacts(const CFGBlock *B, State &St) const {
    if (FactIndex.empty() || St.Facts.empty())
      return;
    const llvm::BitVector &Live = LiveFacts[B->getBlockID()];
    llvm::erase_if(St.Facts, [&](const Fact &F) {
      auto It = FactIndex.find(F.Var);
      return It != FactIndex.end() && !Live.test(It->second);
    });
  }
  /// Fact keys for "the last SQL run on this connection returns no rows",
  /// by the connection's printed form.
  llvm::StringSet<> RowlessKeys;
  const void *rowlessKey(const Expr *Conn) {
    return RowlessKeys.insert(exprKey(Conn, Ctx)).first->getKey().data();
  }
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
    // A reference parameter (`PGresult *&r`) is `*r` of a `PGresult **r`.
    if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(strip(E)))
      if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl());
          P && P->getType()->isReferenceType() && P->getDeclContext() == FD &&
          P->getType().getNonReferenceType()->isPointerType())
        return P;
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
    if (isHeapKind(St.Kind))
      return St.Kind.substr(HeapPrefix.size());
    if (auto It = A.PoolKinds.find(St.Kind); It != A.PoolKinds.end())
      return "pooled " + It->second.Type;
    const Resource *R = A.resource(St.Kind);
    return R && !R->Type.empty() ? R->Type : St.Kind;
  }
  std::string releaseOf(const Site &St) const {
    if (isHeapKind(St.Kind))
      return "delete";
    if (auto It = A.PoolKinds.find(St.Kind); It != A.PoolKinds.end())
      return It->second.Release;
    const Resource *R = A.resource(St.Kind);
    return R ? R->Release : "";
  }

  // --- findings --------------------------------------------------------
  void report(FindingKind K, unsigned SiteId, SourceLocation At, State &S,
              std::string Other = "", std::vector<Event> Tail = {},
              int Holder = -1, std::vector<FixItHint> Fixes = {});
  /// Findings of lost sites (State::Lost), built when the loss happened.
  std::map<unsigned, Finding> Deferred;
  bool InExit = false; ///< atExit is reporting
  /// The path returns to a caller or starts the loop again: its losses count.
  void reportLost(State &St) {
    for (unsigned I = 0; St.Lost >> I; ++I)
      if ((St.Lost >> I) & 1) {
        Finding &F = Deferred[I];
        if (Reported.insert({lossFamily(F.Kind), I}).second)
          Result->Findings.push_back(F);
      }
    St.Lost = 0;
  }
  static int lossFamily(FindingKind K) {
    return K == FindingKind::LeakInLoop || K == FindingKind::Discarded
               ? int(FindingKind::Leak)
               : int(K);
  }
  std::vector<PathNote> witness(unsigned SiteId, std::vector<Event> Tail,
                                bool WantRelease, SourceLocation &ReleaseLoc);

  // --- holders ---------------------------------------------------------
  std::deque<Holder> Holders;
  llvm::DenseMap<const VarDecl *, unsigned> VarHolders;
  std::map<std::string, unsigned> PathHolders;
  /// The holder \p E names (`res`, `s->conn`, `*out`, `stmts[i]`,
  /// `this->conn_`, a reference parameter), or -1. Without \p Create, only
  /// one that exists already.
  int holderOf(const Expr *E, bool Create);
  bool pathOf(const Expr *E, Holder &H, unsigned Depth);
  /// The id of holder \p H, interned on first use (\p Create).
  int intern(Holder H, bool Create);
  /// In a function that releases what its parameter points to (a destroy
  /// function), the members the object owns (Impl::Owned) hold their
  /// handles at entry.
  void ownedAtEntry(State &St);
  /// The site bound to the holder \p E names, or -1.
  int heldSite(const Expr *E, const State &St) {
    int H = holderOf(E, false);
    return H < 0 ? -1 : St.boundSite(H);
  }
  /// Is \p Below reached through \p Above (`s->a.b` through `s` and
  /// `s->a`), or indexed by the local \p Above (`stmts[i]` by `i`)?
  bool dependsOn(const Holder &Below, const Holder &Above) const;
  /// The holder of \p E as a prefix of others: any local is one.
  int prefixHolder(const Expr *E) {
    const VarDecl *V = localVar(E);
    return V ? int(holder(V)) : holderOf(E, false);
  }
  /// \p H (a local, a field) was written or handed to code that may write
  /// it: the holders reached through it name other storage now. A handle
  /// only they held is no longer followed.
  /// \p Gone: the handles there went with the object, whoever else
  /// names them.
  void dropBelow(int H, State &St, bool Gone = false);
  /// Code we cannot see may change globals and this object's members.
  void dropShared(State &St);
  /// Bind holder \p H to \p SiteId (-1: nothing we track), reporting the
  /// live handle it alone held.
  void bind(unsigned H, int SiteId, const Stmt *At, State &St);
  /// A site for what holder \p H held at entry, released here.
  int entrySite(unsigned H, const std::string &Kind, const Expr *At, State &St);
  /// Caller-reachable holders this function overwrites and otherwise only
  /// tests or lends to catalogued calls, with their kind: what they hold at
  /// entry is followed from a test that shows it live (EvidenceSites).
  llvm::DenseMap<unsigned, std::string> EvidenceHolders;
  void findEvidenceHolders();
  /// A test of \p E (a holder of EvidenceHolders bound to nothing yet):
  /// the site of its entry value, maybe NULL until the test decides.
  int evidenceSite(const Expr *E, State &St);
  /// \p E (an object, or its address) goes where we do not follow it: so
  /// do the handles in its fields.
  void publish(const Expr *E, State &St);
  /// The object \p Obj points to is released (`free(s)`): a handle only
  /// its members held leaks there.
  void containerReleased(const Expr *Obj, const CallExpr *CE, State &St);
  /// The object holder \p H names dies at \p At (\p How: "'s' is
  /// released", "the object is destroyed").
  void objectDies(int H, SourceLocation At, const std::string &How,
                  State &St);
  /// The id of \p V's holder, interned on first use.
  unsigned holder(const VarDecl *V) {
    auto [It, New] = VarHolders.try_emplace(V, Holders.size());
    if (New)
      Holders.push_back({V, {}});
    return It->second;
  }
  /// -1 when \p V never held anything: then it holds nothing now.
  int existingHolder(const VarDecl *V) const {
    auto It = V ? VarHolders.find(V) : VarHolders.end();
    return It == VarHolders.end() ? -1 : int(It->second);
  }
  int bound(const State &St, const VarDecl *V) const {
    int H = existingHolder(V);
    return H < 0 ? -1 : St.boundSite(H);
  }
  void unbind(State &St, const VarDecl *V) const {
    if (int H = existingHolder(V); H >= 0)
      St.unbind(H);
  }
  /// The holder as the source writes it (`res`, `srv->db`, `*out`).
  std::string holderName(int H) const;
  /// A local variable holding site \p S's handle, if one does.
  const VarDecl *someLocalOf(const State &St, unsigned S) const {
    for (auto &[H, BS] : St.Bind)
      if (BS == S && Holders[H].isLocal())
        return Holders[H].var();
    return nullptr;
  }

  // --- transfer --------------------------------------------------------
  void transfer(const Stmt *S, State &St);
  void transferCall(const CallExpr *CE, State &St);
  /// \p At: the acquiring call, or a `new` of a guard class.
  void acquire(const Expr *At, const Effect &E, State &St);
  /// `new T(...)` of a guard class: a handle that `delete` releases.
  void acquireNew(const CXXNewExpr *NE, State &St);
  void deleteHandle(const CXXDeleteExpr *DE, State &St);
  /// `p->member` or `*p` of a deleted guard object.
  void usedAfterDelete(const Expr *Base, const Expr *At, llvm::StringRef Use,
                       State &St);
  void recordStatus(const CallExpr *CE, const Effect &E, unsigned Id,
                    State &St);
  void release(unsigned SiteId, const Effect &E, const Expr *At, State &St);
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
  /// A begin that returns a result (PQexec) failed when the result is NULL
  /// or its status accessor says so (evalInt): "1" stands for both.
  static const std::vector<int64_t> *transactionSuccess(const CallExpr *CE) {
    static const std::vector<int64_t> Zero{0}, True{1};
    QualType T = CE->getCallReturnType(CE->getCalleeDecl()->getASTContext());
    if (T->isBooleanType() || T->isPointerType())
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
  /// The call that raises the error a noreturn block ends in (`siglongjmp`,
  /// `pg_re_throw`, the `errfinish` of an `ereport(ERROR)`), or null when
  /// the block ends the process.
  const CallExpr *raiseAt(const CFGBlock *B);
  /// The first block of the setjmp handler (`PG_CATCH`/`PG_FINALLY`) that
  /// an error raised at \p S unwinds to; null when it leaves the function.
  const CFGBlock *handlerOf(const Stmt *S);
  /// An error raised at \p Raise leaves the function: unwinding, not the
  /// end of the process, so what is still held leaks.
  void raised(const CallExpr *Raise, State &St);
  /// The path returns or unwinds out of the function: (\p LossesCount) what
  /// it lost on the way is reported, and what the caller can reach is the
  /// caller's.
  void leaving(State &St, bool LossesCount);
  bool rowSays(const CallExpr *CE, bool ApiEntry::*Field) const {
    const FunctionDecl *Callee = CE->getDirectCallee();
    return Callee && llvm::any_of(A.Cat.lookup(catalogName(Callee)),
                                  [&](const ApiEntry &E) { return E.*Field; });
  }
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
    if (!PathHolders.empty())
      dropBelow(prefixHolder(LValue), St); // `s = s->next;`, `i++`
    if (const VarDecl *V = localVar(LValue)) {
      St.forget(V, RHS ? strip(RHS) : nullptr);
      forgetMembersOf(V, St);
    } else if (const void *Path = memberPath(LValue)) {
      St.forgetFacts(Path);
    }
  }
  const VarDecl *destinationVar(const Expr *CE) const;
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
  struct Insertion;
  /// Records the locals that die together at the run of lifetime ends
  /// starting at \p It; returns the run's last element.
  CFGBlock::const_iterator localsDie(CFGBlock::const_iterator It,
                                     CFGBlock::const_iterator End, State &St);
  /// The same bits at each goto, break and continue for the locals that
  /// outlive it, with the sites they held and how many paths passed (fewer
  /// than the jump's own count: some paths held nothing there).
  struct JumpSeen {
    unsigned Bits = 0;
    uint64_t Sites = 0;
    unsigned Paths = 0;
  };
  std::map<std::pair<const Stmt *, const VarDecl *>, JumpSeen> Jumps;
  std::map<const Stmt *, unsigned> JumpPaths;
  void jumpTaken(const Stmt *J, const State &St);
  /// No path from the jump \p J reads \p V before it dies or is assigned:
  /// what it holds there is lost.
  bool deadAfter(const Stmt *J, const VarDecl *V);
  /// Releases before the jumps that lose the handle, when a place where
  /// its variable dies is reached with it live on some paths only.
  std::vector<std::pair<const Stmt *, Insertion>>
  jumpPlaces(const LeakToFix &Leak, std::string &Why);
  /// A walk of the function with fixes applied: the releases to run at
  /// each place (before a jump, or where locals die), and whether one of
  /// them met a handle it cannot release (not held, released, escaped).
  const std::map<const Stmt *, std::vector<const VarDecl *>> *Simulate =
      nullptr;
  bool SimFailed = false;
  void simulateRelease(const Stmt *At, State &St);
  /// Do the releases \p Places remove the leaks \p Fixed and add nothing?
  bool
  fixesHold(const std::map<const Stmt *, std::vector<const VarDecl *>> &Places,
            const std::vector<size_t> &Fixed);
  /// After the walk: a release for every leak whose every losing place is
  /// certain, one insertion per place for all handles lost there.
  void buildFixes();
  std::vector<std::pair<const Stmt *, Insertion>>
  releasePlaces(const LeakToFix &Leak, std::string &Why);
  std::vector<std::pair<const Stmt *, Insertion>>
  rollbackPlaces(const LeakToFix &Tx, std::string &Why);
  const SourceManager &SM() const { return Ctx.getSourceManager(); }
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
      int H = St.someHolderOf(I);
      if (H < 0 || Sites[I].Param || Sites[I].Attached || !isLive(St.H[I]) ||
          llvm::any_of(St.Bind, [&](auto &P) {
            return P.second == I && !Holders[P.first].Frame;
          }))
        continue;
      LostToThrow = true;
      report(FindingKind::Leak, I, Sites[I].Loc, St, "",
             {{CE->getBeginLoc(),
               "'" + holderName(H) + "' leaks if '" + Callee + "' throws here",
               -1, false}},
             H);
      LostToThrow = false;
    }
  }
  // --- guards (Guards.cpp) ---------------------------------------------
  const VarDecl *guardOf(const Expr *E);
  const VarDecl *guardBehind(const Expr *E);
  const VarDecl *derivedGuard(const VarDecl *V);
  /// Something that may run or be kept after the function returns.
  struct Outliver {
    std::string What; ///< "a detached thread"
    std::string Note; ///< "the thread is detached here"
    SourceLocation Loc;
  };
  enum class Carrier { Callable, Thread, Future };
  std::optional<Outliver> outlives(const Stmt *S, Carrier C, unsigned Depth);
  std::optional<Outliver> followVar(const VarDecl *V, Carrier C,
                                    unsigned Depth);
  std::optional<Outliver> threadVar(const VarDecl *V, const Stmt *Start,
                                    unsigned Depth);
  std::optional<Outliver> storedBy(const CallExpr *CE, const Stmt *Arg,
                                   Carrier C, unsigned Depth);
  bool joinedOnEveryPath(const VarDecl *V, const Stmt *From);
  const VarDecl *rootLocal(const Expr *E);
  llvm::DenseMap<const VarDecl *, const VarDecl *> DerivedFrom;
  bool DerivedDone = false;
  void captureEscapes(const LambdaExpr *LE);
  std::vector<FixItHint> captureFix(const LambdaExpr *LE,
                                    const LambdaCapture &C, const VarDecl *G,
                                    Carrier Target);
  void thisCaptureEscapes(const LambdaExpr *LE);
  void taskArgEscapes(ArrayRef<const Expr *> Args,
                      llvm::function_ref<std::optional<Outliver>()> Outlives);
  /// \p V: a local guard, or a member (\p EndsAt: the reset that ends it;
  /// null: the destructor this function is).
  void guardEscape(const ValueDecl *V, SourceLocation At, std::string How,
                   std::vector<FixItHint> Fixes = {},
                   const Stmt *EndsAt = nullptr);
  std::string scopeEnd(const VarDecl *V, SourceLocation &End);
  void chainNotes(const FunctionDecl *Callee, std::vector<PathNote> &Notes,
                  unsigned Depth);
};

} // namespace detail
} // namespace dbleak

#endif
