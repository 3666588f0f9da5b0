//===--- Conditions.cpp - Branch conditions refine the path state ---------===//
//
// Null checks, return codes (`rc != SQLITE_OK`, `switch (rc)`, hiredis's
// `c->err`) and correlated scalar conditions (`if (own) ... if (own)`).
//
//===----------------------------------------------------------------------===//

#include "engine/Internals.h"

using namespace clang;

namespace dbleak {
using namespace detail;

// --- conditions -----------------------------------------------------------

const void *Explorer::memberPath(const Expr *E) {
  const auto *ME = dyn_cast_or_null<MemberExpr>(strip(E));
  if (!ME || !ME->getType()->isIntegralOrEnumerationType())
    return nullptr;
  // Conditions are evaluated on every explored path: print each member
  // expression once.
  auto [Cached, New] = PathOf.try_emplace(ME, nullptr);
  if (!New)
    return Cached->second;
  const Expr *Base = ME;
  while (const auto *M = dyn_cast<MemberExpr>(strip(Base)))
    Base = M->getBase();
  const VarDecl *Root = localVar(Base);
  if (!Root)
    return nullptr;
  auto It = MemberPaths.try_emplace(exprKey(ME, Ctx), Root).first;
  return PathOf[ME] = It->getKey().data();
}

const void *Explorer::factVar(const Expr *E) {
  const void *Key = localVar(E);
  if (!Key)
    Key = memberPath(E);
  return Key && FactVars.count(Key) ? Key : nullptr;
}

/// `p == &local` or `p != buf` (a local array): a tracked pointer holds its
/// handle's address, which is a local's only when it is that local's
/// handle (`p = &reply` after `bson_init(&reply)`).
Explorer::Tri Explorer::addressCompare(const BinaryOperator *BO,
                                       const State &St) {
  auto LocalAddress = [](const Expr *E) -> const VarDecl * {
    for (E = E->IgnoreParens(); const auto *Cast = dyn_cast<CastExpr>(E);
         E = Cast->getSubExpr()->IgnoreParens())
      if (Cast->getCastKind() == CK_ArrayToPointerDecay)
        return localVar(Cast->getSubExpr());
    if (const auto *UO = dyn_cast<UnaryOperator>(E);
        UO && UO->getOpcode() == UO_AddrOf)
      return localVar(UO->getSubExpr());
    return nullptr;
  };
  for (auto [P, A] : {std::pair(BO->getLHS(), BO->getRHS()),
                      std::pair(BO->getRHS(), BO->getLHS())}) {
    const VarDecl *Ptr = localVar(P);
    const VarDecl *Obj = LocalAddress(A);
    int S = Ptr && Ptr->getType()->isPointerType() ? bound(St, Ptr) : -1;
    if (S < 0 || !Obj || Obj == Ptr)
      continue;
    bool Same = bound(St, Obj) == S;
    return Same == (BO->getOpcode() == BO_EQ) ? True : False;
  }
  return Unknown;
}

/// `client == c3` holds: two names of one object. The names of a dead
/// handle (released, escaped) now name the live one: a pool handed the
/// same client out again. (Two live allocations are never the same.)
void Explorer::sameObject(const VarDecl *A, const VarDecl *B, State &St) {
  int SA = A && A->getType()->isPointerType() ? bound(St, A) : -1;
  int SB = B && B->getType()->isPointerType() ? bound(St, B) : -1;
  if (SA < 0 || SB < 0 || SA == SB || isLive(St.H[SA]) == isLive(St.H[SB]) ||
      St.H[SA] == Null || St.H[SB] == Null)
    return;
  if (!isLive(St.H[SA]))
    std::swap(SA, SB); // SA is the live one
  for (auto &[V, S] : St.Bind)
    if (S == unsigned(SB))
      S = unsigned(SA);
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
      if (Tri T = addressCompare(BO, St); T != Unknown)
        return T;
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
      if (auto L = knownValue(BO->getLHS(), St))
        if (auto R = knownValue(BO->getRHS(), St))
          return (*L == *R) != Ne ? True : False;
      return Unknown;
    }
    if (BO->getOpcode() == BO_Assign)
      return evalCond(BO->getLHS(), St);
    if (BO->isRelationalOp())
      if (auto L = knownValue(BO->getLHS(), St))
        if (auto R = knownValue(BO->getRHS(), St)) {
          BinaryOperatorKind Op = BO->getOpcode();
          bool V = Op == BO_LT   ? *L < *R
                   : Op == BO_GT ? *L > *R
                   : Op == BO_LE ? *L <= *R
                                 : *L >= *R;
          return V ? True : False;
        }
    return Unknown;
  }
  if (const ParmVarDecl *P = derefParam(E, false))
    if (const uint8_t *H = St.derefState(P))
      return *H == Live ? True : *H == Null ? False : Unknown;
  if (const VarDecl *V = localVar(E); V || !PathHolders.empty()) {
    if (int S = V ? bound(St, V) : heldSite(E, St); S >= 0) {
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
  if (auto It = ConstLocals.find(localVar(E)); It != ConstLocals.end())
    return It->second ? True : False;
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
  // `*out` is followed twice: for the summary (derefState) and as a holder
  // of its handle; a test refines both.
  if (const ParmVarDecl *P = derefParam(E, false))
    if (uint8_t *H = St.derefState(P)) {
      if (*H == MaybeNull)
        *H = NonNull ? Live : Null;
      if ((*H == Live && !NonNull) || (*H == Null && NonNull))
        return false;
    }
  const VarDecl *V = localVar(E);
  int S = V ? bound(St, V) : PathHolders.empty() ? -1 : heldSite(E, St);
  if (S < 0 && !V)
    S = evidenceSite(E, St);
  // A tested temporary: `if (!PQexec(...))`.
  for (unsigned I = 0; S < 0 && !V && I < Sites.size() && I < St.H.size(); ++I)
    if (Sites[I].Call == E && !Sites[I].Attached && St.someHolderOf(I) < 0)
      S = int(I);
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
  if (!assumeRepeated(E, Truth, St))
    return false;
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
      if (Tri T = addressCompare(BO, St); T != Unknown)
        return (T == True) == Truth;
      if (Truth == (Op == BO_EQ))
        sameObject(localVar(BO->getLHS()), localVar(BO->getRHS()), St);
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
          St.addFact({V, true, Val});
        } else {
          St.addFact({V, false, Val});
        }
        return true;
      }
      Tri Known = evalCond(E, St); // `execvp(...) == -1`
      return Known == Unknown || (Known == True) == Truth;
    }
    if (Op == BO_Assign)
      return assumeNonNull(BO->getLHS(), Truth, St);
    if (BO->isRelationalOp()) {
      Tri Known = evalCond(E, St);
      return Known == Unknown || (Known == True) == Truth;
    }
    return true;
  }
  // A handle tested through a pointer, or through a `bool` it was stored
  // in (`bool r = mongoc_client_start_session(...); ASSERT(!r);`).
  if (const VarDecl *V = localVar(E);
      E->getType()->isPointerType() || (V && bound(St, V) >= 0))
    return assumeNonNull(E, Truth, St);
  if (auto It = ConstLocals.find(localVar(E)); It != ConstLocals.end())
    return bool(It->second) == Truth;
  if (const void *V = factVar(E)) {
    Tri Known = evalCond(E, St);
    if (Known != Unknown)
      return (Known == True) == Truth;
    if (Truth)
      St.addFact({V, false, 0});
    else {
      St.forgetFacts(V);
      St.addFact({V, true, 0});
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
  // `PQresultStatus(r)` where r is the status atom, a result a begin
  // returned (transactionSuccess): its success value when the atom says
  // success.
  if (const auto *CE = dyn_cast<CallExpr>(E); CE && AtomVal)
    if (const FunctionDecl *Callee = CE->getDirectCallee())
      for (const ApiEntry &Row : A.Cat.lookup(catalogName(Callee)))
        if (Row.StatusOf >= 0 && unsigned(Row.StatusOf) < CE->getNumArgs()) {
          const Expr *Of = strip(CE->getArg(Row.StatusOf));
          const VarDecl *V = localVar(Of);
          if (Of == Atom || (V && V == Atom))
            return Row.Success.front();
        }
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
    if (BO->getOpcode() == BO_Assign) // `(res = PQgetCopyData(...)) > 0`
      return R ? R : L;
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
  // What this edge tells: the condition (or, for `a || b`, the operand) has
  // the value Truth; on a short-circuit edge so has the whole condition.
  llvm::SmallVector<const Expr *, 2> Known{Cond};
  if (const auto *Logic = dyn_cast_or_null<BinaryOperator>(Term);
      Logic && Truth == (Logic->getOpcode() == BO_LOr)) {
    const Expr *Top = Logic;
    for (const Stmt *P = PM.getParentIgnoreParens(Top);
         P && isa<BinaryOperator>(P) &&
         cast<BinaryOperator>(P)->getOpcode() == Logic->getOpcode();
         P = PM.getParentIgnoreParens(P))
      Top = cast<Expr>(P);
    Known.push_back(Top);
  }
  for (const StatusLink &L : St.Status) {
    bool Inverse;
    const std::vector<int64_t> *Succ = successValues(L, Inverse);
    if (!Succ || L.Site >= St.H.size())
      continue;
    for (const Expr *E : Known) {
      // Judged by the primary success value: `rc != SQL_SUCCESS` is the
      // idiom for failure, even though SQL_SUCCESS_WITH_INFO also
      // allocates. Reporting that corner would flag most ODBC code for a
      // return value SQLAllocHandle does not produce in practice.
      auto V = evalInt(E, L.Atom, Succ->front());
      if (!V)
        continue;
      // Success is certain only when no failure value takes this branch
      // (`rc != SQLITE_OK` false, but not `rc == SQLITE_CORRUPT` false);
      // only what exists on failure alone (Inverse) needs to know.
      bool Succeeded = Inverse && bool(*V) == Truth &&
                       llvm::all_of(failureProbes(E, *Succ, pointerStatus(L)),
                                    [&](int64_t F) {
                                      auto W = evalInt(E, L.Atom, F);
                                      return W && bool(*W) != Truth;
                                    });
      settle(L, Inverse, bool(*V) != Truth, Succeeded, St);
    }
  }
}

/// The call behind \p L certainly failed or succeeded on this path: what
/// existed only on success (or only on failure) is known.
void Explorer::settle(const StatusLink &L, bool Inverse, bool Failed,
                      bool Succeeded, State &St) {
  uint8_t &H = St.H[L.Site];
  if (L.By && L.By->K == Effect::Release) {
    // A release that takes effect only on success was applied at the call
    // (sqlite3_close: BUSY leaves the connection open); one that takes
    // effect only on failure (a checker that clears the result it rejects)
    // is applied here.
    if (Failed && !Inverse && H == Released)
      H = Live;
    if (Failed && Inverse && isLive(H))
      H = Released;
    return;
  }
  // Nothing was acquired on this path: the call failed, or, for what exists
  // only on failure, it succeeded.
  if ((Inverse ? Succeeded : Failed) && H != Released)
    H = Null;
}

std::optional<int64_t> Explorer::knownValue(const Expr *E, const State &St) {
  E = strip(E);
  if (auto It = ConstLocals.find(localVar(E)); It != ConstLocals.end())
    return It->second;
  if (const void *V = factVar(E))
    for (const Fact &F : St.Facts)
      if (F.Var == V && F.Eq)
        return F.Val;
  if (const auto *CE = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *Callee = CE->getDirectCallee())
      for (const ApiEntry &Row : A.Cat.lookup(catalogName(Callee)))
        if (Row.Returns)
          return Row.Returns;
  Expr::EvalResult R;
  if (!E->isValueDependent() && E->getType()->isIntegralOrEnumerationType() &&
      E->EvaluateAsInt(R, Ctx))
    return R.Val.getInt().getExtValue();
  return std::nullopt;
}

/// Values a failed call may return, as far as \p Cond can tell them apart:
/// its constants, their neighbours and the usual -1/1, minus the success
/// values.
std::vector<int64_t> Explorer::failureProbes(const Expr *Cond,
                                             const std::vector<int64_t> &Succ,
                                             bool PointerStatus) {
  if (PointerStatus)
    return {0}; // a failed call returned NULL
  std::vector<int64_t> Probes{-1, 1};
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return;
    std::optional<int64_t> C;
    if (const auto *IL = dyn_cast<IntegerLiteral>(S))
      C = IL->getValue().getSExtValue();
    else if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      if (const auto *EC = dyn_cast<EnumConstantDecl>(DRE->getDecl()))
        C = EC->getInitVal().getExtValue();
    if (C)
      Probes.insert(Probes.end(), {*C - 1, *C, *C + 1});
    for (const Stmt *Child : S->children())
      Walk(Child);
  };
  Walk(Cond);
  for (int64_t S : Succ)
    Probes.insert(Probes.end(), {S - 1, S + 1});
  llvm::erase_if(Probes,
                 [&](int64_t P) { return llvm::is_contained(Succ, P); });
  return Probes;
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
  for (const StatusLink &L : St.Status) {
    bool Inverse;
    const std::vector<int64_t> *Succ = successValues(L, Inverse);
    if (L.Atom != CondAtom || !Succ || L.Site >= St.H.size())
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
    // A case that a success value selects is success (only known for
    // case labels; a default may still be either).
    bool Success = !Failure && isa_and_nonnull<CaseStmt>(Label) &&
                   CaseValue(cast<CaseStmt>(Label)).has_value();
    settle(L, Inverse, Failure, Success, St);
  }
}

bool Explorer::assumeRepeated(const Expr *E, bool Truth, State &St) {
  const void *Key = RepeatedCond.lookup(strip(E));
  if (!Key)
    return true;
  auto Known =
      llvm::find_if(St.Facts, [&](const Fact &F) { return F.Var == Key; });
  if (Known != St.Facts.end())
    return bool(Known->Val) == Truth;
  St.addFact({Key, true, Truth});
  return true;
}

void Explorer::findRepeatedConditions() {
  // Locals and parameters that keep the value they were declared with:
  // never assigned, incremented or exposed by address, and not declared
  // in a loop body (a new value each iteration).
  llvm::DenseSet<const VarDecl *> Changing;
  llvm::SmallVector<const VarDecl *, 16> Locals;
  std::function<void(const Stmt *, bool)> Walk = [&](const Stmt *S,
                                                     bool InLoop) {
    if (!S)
      return;
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->isAssignmentOp())
      if (const VarDecl *V = localVar(BO->getLHS()))
        Changing.insert(V);
    if (const auto *UO = dyn_cast<UnaryOperator>(S);
        UO && (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf))
      if (const VarDecl *V = localVar(UO->getSubExpr()))
        Changing.insert(V);
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D)) {
          if (InLoop)
            Changing.insert(V);
          Locals.push_back(V);
        }
    // Lambdas and blocks may change what they capture by reference.
    if (isa<LambdaExpr>(S) || isa<BlockExpr>(S))
      return;
    // `do { ... } while (0)`, the macro idiom (PG_TRY), runs once.
    bool Once = false, Again = true;
    if (const auto *Do = dyn_cast<DoStmt>(S))
      Once = !Do->getCond()->isValueDependent() &&
             Do->getCond()->EvaluateAsBooleanCondition(Again, Ctx) && !Again;
    InLoop |= isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S) && !Once;
    for (const Stmt *C : S->children())
      Walk(C, InLoop);
  };
  Walk(Body, false);

  auto Stable = [&](const VarDecl *V) {
    return V && !Changing.count(V) && !V->getType().isVolatileQualified() &&
           V->getType()->isScalarType() &&
           (isa<ParmVarDecl>(V) || V->hasLocalStorage());
  };
  // A flag that keeps its constant initializer (PG_TRY's `_do_rethrow`
  // when the block has a PG_CATCH) is that constant.
  for (const VarDecl *V : Locals) {
    Expr::EvalResult R;
    if (Stable(V) && V->hasLocalStorage() && V->getInit() &&
        V->getType()->isIntegralOrEnumerationType() &&
        !V->getInit()->isValueDependent() &&
        V->getInit()->EvaluateAsInt(R, Ctx))
      ConstLocals[V] = R.Val.getInt().getExtValue();
  }
  // An expression of stable inputs only, with no call or side effect.
  std::function<bool(const Expr *, bool &)> Pure = [&](const Expr *E,
                                                       bool &UsesVar) {
    E = E->IgnoreParenImpCasts();
    if (isa<IntegerLiteral, CharacterLiteral>(E))
      return true;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      if (isa<EnumConstantDecl>(DRE->getDecl()))
        return true;
      const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
      UsesVar |= V != nullptr;
      return Stable(V);
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E))
      return llvm::is_contained({UO_LNot, UO_Minus, UO_Not, UO_Plus},
                                UO->getOpcode()) &&
             Pure(UO->getSubExpr(), UsesVar);
    if (const auto *BO = dyn_cast<BinaryOperator>(E))
      return !BO->isAssignmentOp() && BO->getOpcode() != BO_Comma &&
             Pure(BO->getLHS(), UsesVar) && Pure(BO->getRHS(), UsesVar);
    if (const auto *CE = dyn_cast<CStyleCastExpr>(E))
      return CE->getType()->isScalarType() && Pure(CE->getSubExpr(), UsesVar);
    return false;
  };
  // The text a condition is known by: `own` initialized with `n > 0` is
  // known as `n > 0`.
  auto Text = [&](const Expr *E) -> std::optional<std::string> {
    E = strip(E);
    if (const VarDecl *V = localVar(E);
        V && Stable(V) && !isa<ParmVarDecl>(V) && V->getInit())
      E = strip(V->getInit());
    bool UsesVar = false;
    if (!Pure(E, UsesVar) || !UsesVar)
      return std::nullopt;
    std::string S;
    llvm::raw_string_ostream OS(S);
    E->printPretty(OS, nullptr, PrintingPolicy(Ctx.getLangOpts()));
    return S;
  };
  // The operands a branch tests on their own (`a && b` branches on a,
  // then on b).
  llvm::SmallVector<std::pair<const Expr *, std::string>, 8> Leaves;
  std::function<void(const Expr *)> Collect = [&](const Expr *E) {
    E = strip(E);
    if (const auto *BO = dyn_cast<BinaryOperator>(E); BO && BO->isLogicalOp())
      if (auto T = Text(E))
        Leaves.push_back({E, std::move(*T)}); // the whole, then each operand
    if (const auto *BO = dyn_cast<BinaryOperator>(E); BO && BO->isLogicalOp())
      return Collect(BO->getLHS()), Collect(BO->getRHS());
    if (const auto *UO = dyn_cast<UnaryOperator>(E);
        UO && UO->getOpcode() == UO_LNot)
      return Collect(UO->getSubExpr());
    if (auto T = Text(E))
      Leaves.push_back({E, std::move(*T)});
  };
  llvm::DenseSet<const Expr *> Seen;
  for (const CFGBlock *B : *Cfg)
    if (const auto *C = dyn_cast_or_null<Expr>(B->getTerminatorCondition()))
      if (Seen.insert(strip(C)).second)
        Collect(C);
  llvm::StringMap<unsigned> Count;
  for (auto &[E, T] : Leaves)
    ++Count[T];
  for (auto &[E, T] : Leaves)
    if (Count[T] > 1)
      RepeatedCond[E] = CondTexts.insert(T).first->getKey().data();
}

void Explorer::findLiveFacts() {
  // A fact is read where its variable is: a local or parameter where it is
  // named, a member path (`inst->mode`) where that path is, a repeated
  // condition where one of its occurrences is tested. Keys of any other
  // kind (the rowless-connection ones) are kept on every path.
  llvm::DenseMap<const VarDecl *, unsigned> OwnKey;
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<unsigned, 2>> MemberKeys;
  auto Index = [&](const void *Key) {
    return FactIndex.try_emplace(Key, FactIndex.size()).first->second;
  };
  for (const auto &Entry : MemberPaths)
    if (FactVars.count(Entry.getKey().data()))
      MemberKeys[Entry.getValue()].push_back(Index(Entry.getKey().data()));
  for (const void *Key : FactVars)
    if (!FactIndex.count(Key))
      OwnKey[static_cast<const VarDecl *>(Key)] = Index(Key);
  for (auto &[E, Key] : RepeatedCond)
    Index(Key);
  if (FactIndex.empty())
    return;
  auto PathKey = [&](const Expr *E) -> std::optional<unsigned> {
    const auto *ME = dyn_cast_or_null<MemberExpr>(strip(E));
    if (!ME)
      return std::nullopt;
    const Expr *Base = ME;
    while (const auto *M = dyn_cast<MemberExpr>(strip(Base)))
      Base = M->getBase();
    if (!MemberKeys.count(localVar(Base)))
      return std::nullopt;
    auto It = FactIndex.find(memberPath(ME));
    return It == FactIndex.end() ? std::nullopt
                                 : std::optional<unsigned>(It->second);
  };
  // What each element makes transfer forget (see modified(), transfer() and
  // transferCall()): a local written, declared or given by address drops
  // its facts, and but for a declaration those of its members; a member
  // path written drops its own; a call drops the members of the locals it
  // is given (except memset, which may start the object over instead).
  llvm::DenseSet<const Stmt *> Written;
  auto Forgets = [&](const Stmt *S, llvm::BitVector &Kill) {
    auto Local = [&](const VarDecl *V, bool Members) {
      if (auto It = OwnKey.find(V); It != OwnKey.end())
        Kill.set(It->second);
      if (auto It = MemberKeys.find(V); Members && It != MemberKeys.end())
        for (unsigned I : It->second)
          Kill.set(I);
    };
    const Expr *LValue = nullptr;
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->isAssignmentOp())
      LValue = BO->getLHS();
    else if (const auto *UO = dyn_cast<UnaryOperator>(S);
             UO &&
             (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)) {
      // A small counter's increment reads its old value.
      const VarDecl *V = localVar(UO->getSubExpr());
      if (!V || !SmallCounters.count(V) || UO->getOpcode() == UO_AddrOf)
        LValue = UO->getSubExpr();
    } else if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D); V && V->hasLocalStorage())
          Local(V, false);
    } else if (const auto *CE = dyn_cast<CallExpr>(S)) {
      unsigned B = CE->getBuiltinCallee();
      if (B != Builtin::BImemset && B != Builtin::BI__builtin_memset &&
          B != Builtin::BIbzero && B != Builtin::BI__builtin_bzero)
        for (const Expr *Arg : CE->arguments())
          if (const VarDecl *Root = localVarOrAddress(Arg))
            if (auto It = MemberKeys.find(Root); It != MemberKeys.end())
              for (unsigned I : It->second)
                Kill.set(I);
    }
    if (!LValue)
      return;
    Written.insert(strip(LValue));
    if (const VarDecl *V = localVar(LValue))
      Local(V, true);
    else if (auto K = PathKey(LValue))
      Kill.set(*K);
  };
  std::function<void(const Stmt *, llvm::BitVector &)> Uses =
      [&](const Stmt *S, llvm::BitVector &Out) {
        if (!S)
          return;
        if (const auto *E = dyn_cast<Expr>(S); E && !Written.count(E)) {
          if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
            if (auto It = OwnKey.find(dyn_cast<VarDecl>(DRE->getDecl()));
                It != OwnKey.end())
              Out.set(It->second);
          } else if (isa<MemberExpr>(E)) {
            if (auto K = PathKey(E))
              Out.set(*K);
          }
          if (const void *Key = RepeatedCond.lookup(E))
            Out.set(FactIndex.find(Key)->second);
        }
        for (const Stmt *C : S->children())
          Uses(C, Out);
      };
  // Facts are read only by the branch a two-way block takes (assume), by
  // what a return returns (summarizeReturn, atExit), by a status stored
  // through `*param` and by a small counter's step (transfer).
  auto Reads = [&](const Stmt *S, llvm::BitVector &Out) {
    if (const auto *RS = dyn_cast<ReturnStmt>(S))
      Uses(RS->getRetValue(), Out);
    else if (const auto *BO = dyn_cast<BinaryOperator>(S);
             BO && BO->getOpcode() == BO_Assign &&
             derefParam(BO->getLHS(), false))
      Uses(BO->getRHS(), Out);
    else if (const auto *UO = dyn_cast<UnaryOperator>(S);
             UO && UO->isIncrementDecrementOp() &&
             SmallCounters.count(localVar(UO->getSubExpr())))
      Uses(UO->getSubExpr(), Out);
  };
  // Per block, from its end to its start: what it reads before it forgets
  // it (Gen), and what it does not forget (Keep).
  unsigned NumBlocks = Cfg->getNumBlockIDs();
  unsigned NumKeys = FactIndex.size();
  std::vector<llvm::BitVector> Gen(NumBlocks, llvm::BitVector(NumKeys)),
      Keep(NumBlocks, llvm::BitVector(NumKeys, true));
  // (Every written name is known before any read is looked for.)
  llvm::DenseMap<const Stmt *, llvm::BitVector> Kills;
  for (const CFGBlock *B : *Cfg)
    for (const CFGElement &E : *B)
      if (auto CS = E.getAs<CFGStmt>()) {
        llvm::BitVector Kill(NumKeys);
        Forgets(CS->getStmt(), Kill);
        if (Kill.any())
          Kills[CS->getStmt()] = std::move(Kill);
      }
  for (const CFGBlock *B : *Cfg) {
    llvm::BitVector &G = Gen[B->getBlockID()], &K = Keep[B->getBlockID()];
    if (B->succ_size() == 2 &&
        !isa_and_nonnull<SwitchStmt>(B->getTerminatorStmt()))
      Uses(B->getTerminatorCondition(), G);
    // A return is judged again where the path leaves (atExit).
    for (const CFGElement &E : *B)
      if (auto CS = E.getAs<CFGStmt>(); CS && isa<ReturnStmt>(CS->getStmt()))
        Reads(CS->getStmt(), G);
    for (auto It = B->rbegin(); It != B->rend(); ++It) {
      auto CS = It->getAs<CFGStmt>();
      if (!CS)
        continue;
      if (auto Kill = Kills.find(CS->getStmt()); Kill != Kills.end()) {
        G.reset(Kill->second);
        K.reset(Kill->second);
      }
      Reads(CS->getStmt(), G);
    }
  }
  // Live at a block's start: read there, or kept through it and live at a
  // successor.
  LiveFacts = Gen;
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (const CFGBlock *B : llvm::reverse(*Cfg)) {
      llvm::BitVector Out(NumKeys);
      for (const CFGBlock::AdjacentBlock &Succ : B->succs())
        if (const CFGBlock *N = Succ.getReachableBlock())
          Out |= LiveFacts[N->getBlockID()];
      Out &= Keep[B->getBlockID()];
      Out |= Gen[B->getBlockID()];
      if (Out != LiveFacts[B->getBlockID()]) {
        LiveFacts[B->getBlockID()] = std::move(Out);
        Changed = true;
      }
    }
  }
}

} // namespace dbleak
