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

#include "engine/Internals.h"
#include "engine/TypeChecks.h"
#include <mutex>

using namespace clang;

namespace dbleak {
using namespace detail;

/// The arguments that a literal format's %z conversions take.
static std::vector<unsigned> percentZArgs(const CallExpr *CE, unsigned Fmt) {
  std::vector<unsigned> Out;
  const StringLiteral *SL = constantSql(CE->getArg(Fmt));
  if (!SL)
    return Out;
  StringRef F = SL->getString();
  unsigned Arg = Fmt + 1;
  for (size_t I = 0; I < F.size(); ++I) {
    if (F[I] != '%')
      continue;
    if (++I < F.size() && F[I] == '%')
      continue;
    while (I < F.size() && StringRef("-+ #0!,").contains(F[I]))
      ++I;
    for (bool Precision = false;; Precision = true) {
      if (I < F.size() && F[I] == '*')
        ++Arg, ++I; // a width or precision argument
      while (I < F.size() && isDigit(F[I]))
        ++I;
      if (Precision || I >= F.size() || F[I] != '.')
        break;
      ++I;
    }
    while (I < F.size() && StringRef("lhjzt").contains(F[I]) && F[I] != 'z')
      ++I;
    if (I >= F.size())
      break;
    if (F[I] == 'z')
      Out.push_back(Arg);
    ++Arg;
  }
  return Out;
}

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
    if (W.Function) {
      // A callback, as opposed to a sentinel such as SQLITE_TRANSIENT.
      if (!CE->getArg(W.Arg)->getType()->isFunctionPointerType() ||
          A->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) ||
          A->EvaluateAsInt(R, Ctx))
        return false;
      continue;
    }
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
    if (!E.Acquire.empty()) {
      Acquire(E.Acquire, E.Out, E.On, E.OnFailure, E.Success, &E);
      Out.back().OnlyOnFailure = E.OnlyOnFailure;
    }
    for (unsigned S : E.Sink)
      OnArg(Effect::Sink, "", S);
    if (E.FormatZ >= 0 && unsigned(E.FormatZ) < CE->getNumArgs())
      for (unsigned Arg : percentZArgs(CE, unsigned(E.FormatZ)))
        OnArg(Effect::Release, "", Arg);
    if (!E.Release.empty()) {
      OnArg(Effect::Release, E.Release, E.Arg, E.NullOk);
      Out.back().OnFailure = E.OnFailure, Out.back().Success = E.Success;
      Out.back().OnlyOnFailure = E.OnlyOnFailure, Out.back().Row = &E;
    }
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

  // A pool the class's own methods make (Guards.cpp).
  if (const PoolRole *Role = poolRole(Callee)) {
    if (Role->GiveBackArg < 0)
      Acquire(Role->Kind, -1, -1);
    else if (unsigned(Role->GiveBackArg) < CE->getNumArgs())
      OnArg(Effect::Release, Role->Kind, unsigned(Role->GiveBackArg));
    return Out;
  }
  // A standard container keeps what is put into it (its body says so only
  // through allocator traits and placement new).
  if (const auto *M = dyn_cast<CXXMethodDecl>(Callee);
      M && M->getParent()->isInStdNamespace() && M->getIdentifier() &&
      isInsertion(M->getName())) {
    for (unsigned I = 0; I < CE->getNumArgs(); ++I)
      OnArg(Effect::Sink, "", I);
    return Out;
  }

  // Same-TU function: its summary.
  if (const FunctionDecl *Def = Callee->getDefinition();
      Def && Def->hasBody()) {
    // A NULL argument can change what a helper does (`__redis_exec(NULL,
    // cmd, &reply)` frees the reply itself): such calls get a summary of
    // their own.
    // So can a constant for a flag it tests (`report(res, /*clear=*/true)`).
    ArgSpec Args;
    unsigned Deciding = decidingParams(Def);
    for (unsigned I = 0;
         I < CE->getNumArgs() && I < Def->getNumParams() && I < 32; ++I) {
      const Expr *Arg = CE->getArg(I);
      Expr::EvalResult R;
      if (Def->getParamDecl(I)->getType()->isPointerType() &&
          Arg->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
        Args.Null |= 1u << I;
      else if ((Deciding & (1u << I)) && !Arg->isValueDependent() &&
               Arg->EvaluateAsInt(R, Ctx))
        Args.Values.push_back({I, R.Val.getInt().getExtValue()});
    }
    const Summary &S = summary(Def, Args);
    // An `int *pRc` that reports whether anything was handed out.
    int RcArg = -1;
    int64_t HandedOut = 0; // the value *rc has when the handle exists
    for (unsigned I = 0; I < S.Params.size(); ++I)
      if (S.Params[I].RcWritten &&
          (S.Params[I].RcStatus == 1 || S.Params[I].FlagStatus == 1))
        RcArg = int(I), HandedOut = S.Params[I].FlagStatus == 1;
    auto ByRc = [&] {
      if (RcArg >= 0)
        Out.back().OnFailure = Failure::Status,
        Out.back().Success = {HandedOut}, Out.back().StatusArg = RcArg;
    };
    if (!S.Returns.empty())
      Acquire(S.Returns, -1, -1), ByRc();
    bool Status = Def->getReturnType()->isIntegralOrEnumerationType();
    for (unsigned I = 0; I < S.Params.size(); ++I) {
      const Summary::Param &P = S.Params[I];
      if (P.DoesRelease) {
        OnArg(Effect::Release, P.Releases, I);
        if (auto Ok = P.releaseOnlyOnFailure(Def->getReturnType()))
          Out.back().OnFailure = Failure::Status, Out.back().Success = {*Ok},
          Out.back().OnlyOnFailure = true;
      } else if (P.Sinks)
        OnArg(Effect::Sink, "", I);
      // A helper that hands out the handle only when it returns true
      // reports failure through its return value.
      if (!P.OutAcquires.empty() && P.OutHanded) {
        if (P.OutOnTrue == 1 && Status)
          Acquire(P.OutAcquires, int(I), -1, Failure::Status, {1});
        else if (P.OutRet && !P.OutRetMixed && Status)
          Acquire(P.OutAcquires, int(I), -1, Failure::Status, {*P.OutRet});
        else
          Acquire(P.OutAcquires, int(I), -1), ByRc();
      }
      if (!P.TxBegins.empty())
        Acquire(P.TxBegins, -1, int(I));
      if (!P.TxEnds.empty())
        OnArg(Effect::Release, P.TxEnds, I);
    }
    if (S.VariadicSinks)
      for (unsigned I = S.Params.size(); I < CE->getNumArgs(); ++I)
        OnArg(Effect::Sink, "", I);
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

// --- the per-TU analysis
// ------------------------------------------------------

/// A helper that touches no catalogued API can still keep a handle it is
/// given (`s->replicas[s->n++] = c;`, `entry_t e = {cb, data, dtor};`
/// appended to a list, an atomic compare-and-swap into a slot); find that
/// without exploring it.
/// Also what it builds an object from (`new T(p)`, `std::make_unique<T>(p)`:
/// the object's destructor answers for it) or hands to a same-TU function
/// that keeps it in turn (`emplace_back` forwarding to a constructor).
void LifetimeAnalysis::Impl::sinkParams(const FunctionDecl *FD, Summary &Sum) {
  Sum.Params.resize(FD->getNumParams());
  auto ParamOf = [&](const Expr *E) -> const ParmVarDecl * {
    E = strip(E);
    // std::move(p) and std::forward<T>(p) are p.
    while (const auto *CE = dyn_cast_or_null<CallExpr>(E)) {
      const FunctionDecl *Callee = CE->getDirectCallee();
      if (!Callee || CE->getNumArgs() != 1 || !Callee->isInStdNamespace() ||
          !Callee->getIdentifier() ||
          !llvm::is_contained({"move", "forward"}, Callee->getName()))
        break;
      E = strip(CE->getArg(0));
    }
    const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E);
    const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
    return P && P->getDeclContext() == FD &&
                   P->getFunctionScopeIndex() < Sum.Params.size()
               ? P
               : nullptr;
  };
  auto Keep = [&](const Expr *E) {
    if (const ParmVarDecl *P = ParamOf(E))
      Sum.Params[P->getFunctionScopeIndex()].Sinks = true;
  };
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return;
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->getOpcode() == BO_Assign && !localVar(BO->getLHS()))
      Keep(BO->getRHS());
    if (const auto *ILE = dyn_cast<InitListExpr>(S))
      for (const Expr *Init : ILE->inits())
        Keep(Init);
    if (const auto *CCE = dyn_cast<CXXConstructExpr>(S))
      for (const Expr *Arg : CCE->arguments())
        Keep(Arg);
    if (const auto *CE = dyn_cast<CallExpr>(S))
      if (const FunctionDecl *Def = CE->getDirectCallee()
                                        ? CE->getDirectCallee()->getDefinition()
                                        : nullptr;
          Def && Def->hasBody() && !InProgress.count(Def))
        for (unsigned I = 0; I < CE->getNumArgs(); ++I)
          if (ParamOf(CE->getArg(I))) {
            const Summary &Callee = summary(Def);
            if (I < Callee.Params.size() && Callee.Params[I].Sinks)
              Keep(CE->getArg(I));
          }
    if (const auto *AE = dyn_cast<AtomicExpr>(S))
      for (const Expr *E : atomicOperands(AE))
        Keep(E);
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(FD->getBody());
}

/// Does a variadic function release or keep the pointers it reads with
/// va_arg? Then its callers' extra arguments are its own.
bool LifetimeAnalysis::Impl::variadicSinks(const FunctionDecl *FD) {
  if (!FD->isVariadic())
    return false;
  llvm::SmallPtrSet<const VarDecl *, 4> FromVaArg;
  forEachLocalStore(FD->getBody(), [&](const VarDecl *V, const Expr *Init) {
    if (isa<VAArgExpr>(strip(Init)) && V->getType()->isPointerType())
      FromVaArg.insert(V);
  });
  return !FromVaArg.empty() &&
         someCallEffect(FD->getBody(), [&](const Effect &E, const Expr *Arg) {
           return (E.K == Effect::Release || E.K == Effect::Sink) &&
                  FromVaArg.count(localVar(Arg));
         });
}

bool LifetimeAnalysis::Impl::someCallEffect(
    const Stmt *S,
    llvm::function_ref<bool(const Effect &, const Expr *Arg)> Takes) {
  if (!S)
    return false;
  if (const auto *CE = dyn_cast<CallExpr>(S))
    for (const Effect &E : effectsOf(CE))
      if (E.Arg < CE->getNumArgs() && Takes(E, CE->getArg(E.Arg)))
        return true;
  for (const Stmt *C : S->children())
    if (someCallEffect(C, Takes))
      return true;
  return false;
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

/// A same-TU helper that ends in exit()/abort() and has no return, like
/// libpq's example `exit_nicely()`. Clang's CFG knows only functions
/// declared noreturn.
bool LifetimeAnalysis::Impl::neverReturns(const FunctionDecl *FD) {
  const FunctionDecl *Def = FD->getDefinition();
  if (!Def || !Def->hasBody())
    return FD->isNoReturn();
  auto [It, New] = NoReturn.emplace(Def, false);
  if (!New)
    return It->second;
  const auto *Body = dyn_cast<CompoundStmt>(Def->getBody());
  if (!Body || Body->body_empty())
    return false;
  bool HasReturn = false;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || HasReturn || isa<LambdaExpr>(S))
      return;
    HasReturn = isa<ReturnStmt>(S);
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(Body);
  bool Result = false;
  if (const auto *Last = dyn_cast<CallExpr>(Body->body_back());
      Last && !HasReturn)
    if (const FunctionDecl *Callee = Last->getDirectCallee())
      Result = Callee->isNoReturn() || (Callee != Def && neverReturns(Callee));
  NoReturn[Def] = Result;
  return Result;
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

bool LifetimeAnalysis::Impl::interesting(const FunctionDecl *FD) {
  auto [It, New] = Interesting.emplace(FD, false);
  if (!New)
    return It->second;
  bool Found = false;
  bool SystemCode = Ctx.getSourceManager().isInSystemHeader(FD->getLocation());
  // A destructor whose object owns handles (indexOwned), even `~T() {}`.
  if (const auto *Dtor = dyn_cast<CXXDestructorDecl>(FD)) {
    if (!OwnedIndexed)
      indexOwned();
    Found = Owned.count(Dtor->getParent()->getDefinition());
  }
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
    // `new` and `delete` of a class that owns a handle, in the program's
    // code: std::make_unique's `new T(args...)` keeps what it is given
    // (sinkParams), which the explorer does not follow through references.
    if (const auto *NE = dyn_cast<CXXNewExpr>(S);
        NE && !NE->isArray() && !SystemCode &&
        heapGuard(NE->getAllocatedType()))
      Found = true;
    if (const auto *DE = dyn_cast<CXXDeleteExpr>(S);
        DE && !DE->isArrayForm() && !SystemCode)
      if (QualType T = strip(DE->getArgument())->getType();
          T->isPointerType() && heapGuard(T->getPointeeType()))
        Found = true;
    // A task that captures `this` in a method of a class holding a guard
    // (dbleak-guard-escape: the member may be gone when the task runs).
    if (const auto *LE = dyn_cast<LambdaExpr>(S);
        LE && isa<CXXMethodDecl>(FD) && !SystemCode &&
        llvm::any_of(LE->captures(),
                     [](const LambdaCapture &C) { return C.capturesThis(); }))
      Found |=
          llvm::any_of(cast<CXXMethodDecl>(FD)->getParent()->fields(),
                       [&](const FieldDecl *F) {
                         return !F->getType()->isReferenceType() &&
                                (isGuardType(F->getType()) ||
                                 (F->getType()->isPointerType() &&
                                  heapGuard(F->getType()->getPointeeType())));
                       });
    if (const auto *CE = dyn_cast<CallExpr>(S)) {
      if (const FunctionDecl *Callee = CE->getDirectCallee()) {
        // Raising and catching an error (ereport, PG_TRY) matter only in
        // a function that holds a handle for another reason.
        if (llvm::any_of(
                Cat.lookup(catalogName(Callee)),
                [](const ApiEntry &E) { return !E.Raises && !E.Catches; }) ||
            acquireHandleAttr(Callee) || poolRole(Callee))
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

const Summary &LifetimeAnalysis::Impl::summary(const FunctionDecl *FD,
                                               const ArgSpec &Args) {
  static const Summary Empty;
  if (!Args.empty()) {
    auto Key = std::make_pair(FD, Args);
    if (auto It = SpecialSummaries.find(Key); It != SpecialSummaries.end())
      return It->second;
    if (InProgress.count(FD) || !FD->hasBody() || FD->isDependentContext() ||
        hasRecoveryExpr(FD->getBody()) || !interesting(FD))
      return summary(FD);
    InProgress.insert(FD);
    FunctionResult Ignored; // its findings belong to the general run
    Summary Sum;
    Explorer(*this, FD, /*WithFacts=*/true, Args).run(Ignored, Sum);
    Sum.VariadicSinks = variadicSinks(FD);
    InProgress.erase(FD);
    if (Ignored.Incomplete)
      return summary(FD);
    return SpecialSummaries[Key] = std::move(Sum);
  }
  auto It = Summaries.find(FD);
  if (It != Summaries.end())
    return It->second;
  if (InProgress.count(FD))
    return Empty; // recursion: assume nothing
  run(FD);
  return Summaries[FD];
}

unsigned LifetimeAnalysis::Impl::decidingParams(const FunctionDecl *FD) {
  auto [It, New] = DecidingParams.emplace(FD, 0);
  if (!New)
    return It->second;
  auto Param = [&](const Expr *E) {
    if (const auto *UO =
            dyn_cast_or_null<UnaryOperator>(E ? strip(E) : nullptr);
        UO && UO->getOpcode() == UO_LNot)
      E = UO->getSubExpr();
    const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E ? strip(E) : nullptr);
    const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
    if (P && P->getDeclContext() == FD && P->getFunctionScopeIndex() < 32 &&
        P->getType()->isIntegralOrEnumerationType())
      It->second |= 1u << P->getFunctionScopeIndex();
  };
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return;
    if (const auto *If = dyn_cast<IfStmt>(S))
      Param(If->getCond());
    else if (const auto *BO = dyn_cast<BinaryOperator>(S);
             BO && BO->isEqualityOp())
      Param(BO->getLHS()), Param(BO->getRHS());
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(FD->getBody());
  return It->second;
}

void LifetimeAnalysis::Impl::run(const FunctionDecl *FD) {
  if (Results.count(FD))
    return;
  InProgress.insert(FD);
  FunctionResult Res;
  Summary Sum;
  if (FD->hasBody() && !FD->isDependentContext() &&
      !hasRecoveryExpr(FD->getBody()) && interesting(FD)) {
    // Without scalar facts first: no fact makes a path feasible, so that
    // walk covers every path the precise one takes, with the same handle
    // states on each. When it finds nothing and learns nothing for callers,
    // neither would the precise walk, whose state space can be much larger
    // (a function testing many independent flags twice each).
    FunctionResult Coarse;
    Summary CoarseSum;
    Explorer(*this, FD, /*WithFacts=*/false).run(Coarse, CoarseSum);
    if (!Coarse.Incomplete && Coarse.Findings.empty() &&
        CoarseSum.saysNothing()) {
      Res = std::move(Coarse), Sum = std::move(CoarseSum);
    } else {
      Explorer(*this, FD).run(Res, Sum);
      // Past the budget, keep the walk without facts rather than a
      // half-explored function: a little less precision.
      if (Res.Incomplete && !Coarse.Incomplete)
        Res = std::move(Coarse), Sum = std::move(CoarseSum);
    }
    types().releaseMismatches(FD, Res.Findings);
  } else if (FD->hasBody()) {
    sinkParams(FD, Sum);
  }
  if (FD->hasBody())
    Sum.VariadicSinks = variadicSinks(FD);
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

void LifetimeAnalysis::Impl::indexOwned() {
  OwnedIndexed = true;
  const SourceManager &SM = Ctx.getSourceManager();
  auto Member = [](const Expr *E) -> const FieldDecl * {
    const auto *ME = dyn_cast_or_null<MemberExpr>(strip(E));
    return ME && ME->isArrow() ? dyn_cast<FieldDecl>(ME->getMemberDecl())
                               : nullptr;
  };
  auto Object = [&](const Expr *E) -> const RecordDecl * {
    QualType T = strip(E)->getType();
    if (!T->isPointerType() || !types().kindOf(T).empty())
      return nullptr;
    const auto *RD = T->getPointeeType()->getAsRecordDecl();
    return RD ? RD->getDefinition() : nullptr;
  };
  std::vector<OwnedMember> Stored;
  std::map<const FieldDecl *, std::set<const FunctionDecl *>> ReleasedIn;
  std::function<void(const Stmt *, const FunctionDecl *)> Walk =
      [&](const Stmt *S, const FunctionDecl *FD) {
        if (!S)
          return;
        const auto *BO = dyn_cast<BinaryOperator>(S);
        if (const FieldDecl *F =
                BO && BO->getOpcode() == BO_Assign ? Member(BO->getLHS())
                                                   : nullptr)
          if (const auto *CE = dyn_cast<CallExpr>(strip(BO->getRHS()));
              CE && CE->getDirectCallee() &&
              Cat.mentions(catalogName(CE->getDirectCallee())))
            for (const Effect &E : effectsOf(CE))
              if (E.K == Effect::Acquire && E.Out < 0 && E.On < 0)
                Stored.push_back({F, E.Res, FD->getNameAsString(),
                                  CE->getBeginLoc()});
        if (const auto *DE = dyn_cast<CXXDeleteExpr>(S))
          if (const RecordDecl *RD = Object(DE->getArgument()))
            Destroys[RD].insert(FD);
        const auto *CE = dyn_cast<CallExpr>(S);
        const FunctionDecl *Callee = CE ? CE->getDirectCallee() : nullptr;
        // Only the catalog's word: a summary of every callee would cost the
        // whole file. Any other call given a member may release it.
        if (Callee && !Cat.mentions(catalogName(Callee)))
          for (const Expr *Arg : CE->arguments()) {
            const Expr *A = strip(Arg);
            if (const auto *UO = dyn_cast<UnaryOperator>(A);
                UO && UO->getOpcode() == UO_AddrOf)
              A = UO->getSubExpr();
            if (const FieldDecl *F = Member(A))
              ReleasedIn[F].insert(FD);
          }
        if (Callee && Cat.mentions(catalogName(Callee)))
          for (const Effect &E : effectsOf(CE)) {
            if (E.K == Effect::Acquire && E.Out >= 0 && E.On < 0 &&
                unsigned(E.Out) < CE->getNumArgs())
              if (const auto *UO =
                      dyn_cast<UnaryOperator>(strip(CE->getArg(E.Out)));
                  UO && UO->getOpcode() == UO_AddrOf)
                if (const FieldDecl *F = Member(UO->getSubExpr()))
                  Stored.push_back({F, E.Res, FD->getNameAsString(),
                                    CE->getBeginLoc()});
            if (E.K != Effect::Release || E.Arg >= CE->getNumArgs())
              continue;
            if (const FieldDecl *F = Member(CE->getArg(E.Arg)))
              ReleasedIn[F].insert(FD);
            if (const RecordDecl *RD = Object(CE->getArg(E.Arg)))
              Destroys[RD].insert(FD);
          }
        for (const Stmt *C : S->children())
          Walk(C, FD);
      };
  std::function<void(const DeclContext *)> Visit = [&](const DeclContext *DC) {
    for (const Decl *D : DC->decls()) {
      if (SM.isInSystemHeader(D->getLocation()))
        continue;
      const auto *FD = dyn_cast<FunctionDecl>(D);
      if (FD && FD->doesThisDeclarationHaveABody() &&
          !FD->isDependentContext()) {
        Walk(FD->getBody(), FD);
        if (const auto *Dtor = dyn_cast<CXXDestructorDecl>(FD))
          Destroys[Dtor->getParent()->getDefinition()].insert(FD);
        // `conn_(PQconnectdb(ci))` in a constructor's initializer list.
        if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
          for (const CXXCtorInitializer *I : Ctor->inits())
            if (const FieldDecl *F = I->getMember())
              if (const auto *CE =
                      dyn_cast_or_null<CallExpr>(strip(I->getInit()));
                  CE && CE->getDirectCallee() &&
                  Cat.mentions(catalogName(CE->getDirectCallee())))
                for (const Effect &E : effectsOf(CE))
                  if (E.K == Effect::Acquire && E.Out < 0 && E.On < 0)
                    Stored.push_back({F, E.Res, FD->getNameAsString(),
                                      CE->getBeginLoc()});
      }
      if (const auto *Inner = dyn_cast<DeclContext>(D);
          Inner && isa<NamespaceDecl, LinkageSpecDecl, CXXRecordDecl>(D))
        Visit(Inner);
    }
  };
  Visit(Ctx.getTranslationUnitDecl());
  std::map<const FieldDecl *, std::set<std::string>> StoredIn;
  for (const OwnedMember &M : Stored)
    StoredIn[M.Field].insert(M.By);
  for (OwnedMember &M : Stored) {
    const RecordDecl *RD = M.Field->getParent();
    // A library's own struct (`sqlite3_vtab::zErrMsg`) follows the
    // library's protocol: what is stored there is the library's to free.
    if (SM.isInSystemHeader(RD->getLocation()))
      continue;
    const auto &Frees = Destroys[RD];
    // A close function of its own (`server_close(s)`): the destroy function
    // may rightly rely on it having run. (An open function that cleans up
    // what it stored on failure is no such function.)
    if (llvm::any_of(ReleasedIn[M.Field], [&](const FunctionDecl *F) {
          return !Frees.count(F) &&
                 !StoredIn[M.Field].count(F->getNameAsString());
        }))
      continue;
    auto &List = Owned[RD];
    if (llvm::none_of(List, [&](const OwnedMember &O) {
          return O.Field == M.Field;
        }))
      List.push_back(std::move(M));
  }
}

TypeChecks &LifetimeAnalysis::Impl::types() {
  if (!Types)
    Types = std::make_shared<TypeChecks>(*this);
  return *Types;
}

const std::vector<Finding> &LifetimeAnalysis::declFindings(const Decl *D) {
  auto [It, New] = P->DeclFindings.try_emplace(D);
  if (!New || D->isInvalidDecl())
    return It->second;
  if (const auto *RD = dyn_cast<CXXRecordDecl>(D))
    P->types().copyableOwner(RD, It->second);
  else if (const auto *DD = dyn_cast<DeclaratorDecl>(D))
    P->types().smartPointerMismatch(DD, It->second);
  return It->second;
}

bool LifetimeAnalysis::isInteresting(const clang::FunctionDecl *FD) {
  return FD->hasBody() && P->interesting(FD);
}

const FunctionResult &LifetimeAnalysis::analyze(const FunctionDecl *FD) {
  FD = FD->getDefinition() ? FD->getDefinition() : FD;
  P->run(FD);
  return P->Results[FD];
}

/// The fields of the catalog rows that say which handles a helper releases.
/// Rows that say it returns, hands out or keeps a handle are left out for
/// now: on the corpus they found a few real leaks (pg_amcheck, psql
/// describe.c) but also new false ones, because a row cannot say that a
/// `bson_t *` argument is (re)initialized in place or that a `redisReply **`
/// is freed through. See bench/engine-bugs.md #49.
/// Kinds named only by Clang's handle attributes are not catalog kinds: a
/// row naming one could not be loaded, and the attributes on the helper's
/// declaration already tell other files what it releases.
static std::vector<std::string>
rowFields(const detail::Summary &S, QualType Returns, const Catalog &Cat) {
  std::vector<std::string> Rows;
  for (unsigned I = 0; I < S.Params.size(); ++I) {
    const detail::Summary::Param &P = S.Params[I];
    if (!P.DoesRelease || P.Releases.empty() || !Cat.resource(P.Releases))
      continue;
    std::string Row = "release: " + P.Releases + ", arg: " + std::to_string(I) +
                      ", null_ok: true";
    if (auto Ok = P.releaseOnlyOnFailure(Returns))
      Row += ", failure: status, success: [" + std::to_string(*Ok) +
             "], only_on_failure: true";
    Rows.push_back(std::move(Row));
  }
  return Rows;
}

std::optional<LifetimeAnalysis::CatalogRows>
LifetimeAnalysis::catalogRows(const FunctionDecl *FD) {
  std::string Name = detail::catalogName(FD);
  if (Name.empty() || !FD->isExternallyVisible() || isa<CXXMethodDecl>(FD) ||
      FD->isTemplated() || !FD->hasBody() || !P->Cat.lookup(Name).empty())
    return std::nullopt;
  CatalogRows Out{Name, {}};
  if (!P->interesting(FD))
    return Out;
  QualType Returns = FD->getReturnType();
  std::string Key =
      Name.find(':') != std::string::npos ? "'" + Name + "'" : Name; // `ns::f`
  auto Add = [&](ArrayRef<std::string> Fields, const std::string &When) {
    for (const std::string &F : Fields)
      Out.Rows.push_back("{name: " + Key + ", " + F + When + "}");
  };
  // A flag that decides what it does with a handle (`report_error(res,
  // clear)`): rows per value, for the calls that pass a constant.
  unsigned Deciding = P->decidingParams(FD);
  for (unsigned I = 0; I < FD->getNumParams() && I < 32; ++I) {
    if (!(Deciding & (1u << I)) ||
        !FD->getParamDecl(I)->getType()->isBooleanType())
      continue;
    detail::ArgSpec Off, On;
    Off.Values = {{I, 0}}, On.Values = {{I, 1}};
    auto OffRows = rowFields(P->summary(FD, Off), Returns, P->Cat);
    auto OnRows = rowFields(P->summary(FD, On), Returns, P->Cat);
    if (OffRows == OnRows)
      continue;
    std::string When = ", when: [{arg: " + std::to_string(I) + ", equals: ";
    Add(OffRows, When + "0}]");
    Add(OnRows, When + "1}]");
    return Out;
  }
  Add(rowFields(P->summary(FD), Returns, P->Cat), "");
  return Out;
}

} // namespace dbleak
