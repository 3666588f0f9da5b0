//===--- Explorer.cpp - Walking one function's CFG ------------------------===//
//
// Breadth-first over (block, state) pairs: transfer functions for calls,
// declarations, assignments and returns; what happens at each exit; the
// witness path of a finding. Fix-its are built beside it (FixIts.cpp).
//
//===----------------------------------------------------------------------===//

#include "engine/Internals.h"
#include "engine/TypeChecks.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/ScopeExit.h"

using namespace clang;

namespace dbleak {
using namespace detail;

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
  // A loop walked iteration by iteration (a small counter) repeats the same
  // steps: say them once.
  auto Same = [&](size_t A, size_t B) {
    return Notes[A].Loc == Notes[B].Loc && Notes[A].Message == Notes[B].Message;
  };
  for (size_t Period = 1; Period <= 4; ++Period)
    for (size_t I = 0; I + 2 * Period <= Notes.size();) {
      bool Repeats = true;
      for (size_t K = 0; K < Period && Repeats; ++K)
        Repeats = Same(I + K, I + Period + K);
      if (Repeats)
        Notes.erase(Notes.begin() + I + Period, Notes.begin() + I + 2 * Period);
      else
        ++I;
    }
  // Long loops produce long paths; the last steps are the informative ones.
  const size_t MaxNotes = 12;
  if (Notes.size() > MaxNotes)
    Notes.erase(Notes.begin(), Notes.end() - MaxNotes);
  return Notes;
}

void Explorer::report(FindingKind K, unsigned SiteId, SourceLocation At,
                      State &S, std::string Other, std::vector<Event> Tail,
                      int Holder, std::vector<FixItHint> Fixes) {
  const Site &St = Sites[SiteId];
  // One leak per handle, however many paths or ways lose it.
  int Family = lossFamily(K);
  // A handle overwritten or discarded on the way to an exit of the process
  // (`fprintf(stderr, "%s", bson_as_json(doc)); abort();`) is not worth a
  // warning: wait for the path to return to a caller (see reportLost).
  bool Defer = (K == FindingKind::Overwrite || K == FindingKind::Discarded ||
                K == FindingKind::Leak) &&
               !InExit && !A.Opts.ReportLeaksAtExit && SiteId < 64;
  if (Reported.count({Family, SiteId}) ||
      (Defer && Deferred.count(SiteId) && (S.Lost |= 1ull << SiteId)))
    return;
  if (!Defer)
    Reported.insert({Family, SiteId});
  if (K != FindingKind::UseAfterRelease && K != FindingKind::DoubleRelease &&
      K != FindingKind::Mismatched && (St.Param || St.Entry) &&
      !(!St.Evidence.empty() &&
        (K == FindingKind::Overwrite || (K == FindingKind::Leak && !InExit))))
    return; // a caller's handle: the caller answers for it
  Finding F;
  F.Kind = K;
  if (Holder < 0)
    Holder = S.someHolderOf(SiteId);
  F.Handle = Holder >= 0 ? holderName(Holder)
                         : (St.Param ? St.Param->getName().str() : "");
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
    if (St.Loc.isValid() && (!St.Entry || !St.Evidence.empty()))
      F.Notes.insert(F.Notes.begin(),
                     {St.Loc, St.Entry ? St.Evidence
                                       : "'" + F.Handle + "' was acquired here"});
  }
  F.Fixes = std::move(Fixes);
  if (K == FindingKind::Discarded)
    F.NoFix = "discarded-temporary";
  if (Defer) {
    Deferred.emplace(SiteId, std::move(F));
    S.Lost |= 1ull << SiteId;
    return;
  }
  // Leaks get their fix once every path is known (buildFixes).
  const VarDecl *Var = Holder >= 0 && Holders[Holder].isLocal()
                           ? Holders[Holder].var()
                           : nullptr;
  if ((K == FindingKind::Leak || K == FindingKind::LeakInLoop) && Var &&
      !LostToThrow)
    LeaksToFix.push_back({Result->Findings.size(), SiteId, Var, nullptr});
  else if (K == FindingKind::Leak || K == FindingKind::LeakInLoop)
    F.NoFix = LostToThrow ? "lost-to-exception" : "holder-not-a-local";
  if (K == FindingKind::UnfinishedTx && CurrentExit)
    LeaksToFix.push_back(
        {Result->Findings.size(), SiteId, nullptr, CurrentExit});
  else if (K == FindingKind::UnfinishedTx)
    F.NoFix = "not-at-a-return";
  Result->Findings.push_back(std::move(F));
}

// --- values and bindings ----------------------------------------------

std::string Explorer::holderName(int Id) const {
  const Holder &H = Holders[Id];
  if (!H.Name.empty())
    return H.Name;
  std::string Name = H.Root ? H.Root->getName().str() : "this";
  for (const Holder::Step &S : H.Path)
    switch (S.K) {
    case Holder::Step::Arrow:
    case Holder::Step::Dot:
      Name += (S.K == Holder::Step::Arrow ? "->" : ".") +
              static_cast<const FieldDecl *>(S.D)->getName().str();
      break;
    case Holder::Step::Deref:
      Name = "*" + Name;
      break;
    case Holder::Step::Index:
      Name += "[" +
              (S.D ? static_cast<const VarDecl *>(S.D)->getName().str()
                   : std::to_string(S.I)) +
              "]";
      break;
    }
  return Name;
}

int Explorer::valueSite(const Expr *E, State &St) {
  E = strip(E);
  if (!E)
    return -1;
  if (const auto *CO = dyn_cast<AbstractConditionalOperator>(E)) {
    int T = valueSite(CO->getTrueExpr(), St);
    return T >= 0 ? T : valueSite(CO->getFalseExpr(), St);
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() == BO_Comma)
      return valueSite(BO->getRHS(), St);
    if (BO->getOpcode() == BO_Assign) // `to_ret = copy = bson_malloc(n)`
      return valueSite(BO->getLHS(), St);
  }
  // `active = &local_reply`: a pointer to a struct handle is that handle.
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_AddrOf)
    if (const VarDecl *V = localVar(UO->getSubExpr());
        V && V->getType()->isRecordType())
      return bound(St, V);
  for (auto It = St.Pending.begin(); It != St.Pending.end(); ++It)
    if (It->first == E) {
      int S = It->second;
      St.Pending.erase(It);
      return S;
    }
  if (const VarDecl *V = localVar(E))
    return bound(St, V);
  return heldSite(E, St); // `s->conn`, `*out`, a global
}

bool Explorer::pathOf(const Expr *E, Holder &H, unsigned Depth) {
  E = strip(E);
  if (!E || Depth > 3)
    return false;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    if (!V)
      return false;
    H.Root = V;
    H.Frame = V->hasLocalStorage();
    // A reference parameter (`PGresult *&r`) is `*r` of a `PGresult **r`.
    if (V->getType()->isReferenceType()) {
      if (!isa<ParmVarDecl>(V))
        return false;
      H.Path.push_back({Holder::Step::Deref});
      H.Frame = false;
    }
    return true;
  }
  if (isa<CXXThisExpr>(E)) {
    H.Root = nullptr;
    H.Frame = false;
    return true;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!F || !pathOf(ME->getBase(), H, Depth + 1))
      return false;
    H.Path.push_back(
        {ME->isArrow() ? Holder::Step::Arrow : Holder::Step::Dot, F});
    H.Frame &= !ME->isArrow();
    return true;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_Deref) {
    if (!pathOf(UO->getSubExpr(), H, Depth + 1))
      return false;
    H.Path.push_back({Holder::Step::Deref});
    H.Frame = false;
    return true;
  }
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
    Holder::Step Step{Holder::Step::Index};
    Expr::EvalResult R;
    const Expr *Idx = AS->getIdx();
    if (const VarDecl *I = localVar(Idx))
      Step.D = I;
    else if (!Idx->isValueDependent() && Idx->EvaluateAsInt(R, Ctx))
      Step.I = R.Val.getInt().getExtValue();
    else
      return false;
    if (!pathOf(AS->getBase(), H, Depth + 1))
      return false;
    H.Path.push_back(Step);
    // An element of an array of this frame, or of memory behind a pointer.
    H.Frame &= strip(AS->getBase())->getType()->isArrayType() ||
               AS->getBase()->IgnoreParenImpCasts()->getType()->isArrayType();
    return true;
  }
  return false;
}

int Explorer::holderOf(const Expr *E, bool Create) {
  if (!Create && PathHolders.empty()) // the common case: locals only
    return existingHolder(localVar(E));
  Holder H;
  if (!pathOf(E, H, 0) || (!H.Root && H.Path.empty()))
    return -1;
  if (H.isLocal())
    return Create ? int(holder(H.var())) : existingHolder(H.var());
  // Named as written, when the source spells it plainly.
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange R =
      CharSourceRange::getTokenRange(strip(E)->getSourceRange());
  if (Create && !R.getBegin().isMacroID() && !R.getEnd().isMacroID()) {
    llvm::StringRef Text = Lexer::getSourceText(R, SM, Ctx.getLangOpts());
    if (!Text.empty() && Text.size() < 64 && !Text.contains('\n'))
      H.Name = Text.str();
  }
  return intern(std::move(H), Create);
}

int Explorer::intern(Holder H, bool Create) {
  std::string Key(reinterpret_cast<const char *>(&H.Root), sizeof H.Root);
  for (const Holder::Step &S : H.Path) { // field by field: no padding
    Key += char(S.K);
    Key.append(reinterpret_cast<const char *>(&S.D), sizeof S.D);
    Key.append(reinterpret_cast<const char *>(&S.I), sizeof S.I);
  }
  if (auto It = PathHolders.find(Key); It != PathHolders.end())
    return It->second;
  if (!Create)
    return -1;
  PathHolders.emplace(Key, Holders.size());
  Holders.push_back(std::move(H));
  return int(Holders.size() - 1);
}

bool Explorer::dependsOn(const Holder &Below, const Holder &Above) const {
  if (Above.isLocal())
    for (const Holder::Step &S : Below.Path)
      if (S.K == Holder::Step::Index && S.D == Above.Root)
        return true;
  if (Below.Root != Above.Root || Below.Path.size() <= Above.Path.size())
    return false;
  return std::equal(Above.Path.begin(), Above.Path.end(), Below.Path.begin());
}

void Explorer::dropBelow(int H, State &St, bool Gone) {
  if (H < 0 || PathHolders.empty())
    return;
  // A handle stored where the caller can reach it stays the caller's, even
  // if a local still names it; one in this frame is lost only with its last
  // name.
  // An element left behind by its index (`i++` under `azQuoted[i]`) still
  // holds its handle, wherever the array lives.
  llvm::SmallVector<std::pair<unsigned, bool>, 2> Lost;
  llvm::erase_if(St.Bind, [&](auto &P) {
    const Holder &Below = Holders[P.first];
    if (!dependsOn(Below, Holders[H]))
      return false;
    bool ByIndex = llvm::any_of(Below.Path, [&](const Holder::Step &S) {
      return S.K == Holder::Step::Index && S.D == Holders[H].Root;
    });
    Lost.push_back({P.second, Below.Frame && !ByIndex});
    return true;
  });
  for (auto [S, Frame] : Lost)
    if (Gone || !Frame || (St.someHolderOf(S) < 0 && !Sites[S].Param))
      escape(S, St);
}

void Explorer::dropShared(State &St) {
  if (PathHolders.empty())
    return;
  llvm::SmallVector<unsigned, 2> Lost;
  llvm::erase_if(St.Bind, [&](auto &P) {
    const Holder &H = Holders[P.first];
    const auto *V = H.var();
    if (H.Root && (!V || V->hasLocalStorage()))
      return false;
    Lost.push_back(P.second);
    return true;
  });
  // Globals and members outlive the function: what they held is the
  // caller's now, whatever locals still name it.
  for (unsigned S : Lost)
    if (!Sites[S].Param)
      escape(S, St);
}

void Explorer::bind(unsigned H, int SiteId, const Stmt *At, State &St) {
  int Old = St.boundSite(H);
  if (Old == SiteId)
    return;
  St.unbind(H);
  dropBelow(H, St);
  const VarDecl *V = Holders[H].isLocal() ? Holders[H].var() : nullptr;
  // What V's old value said is gone; what the call that produced its new
  // value says stays (`opts = PQconninfoParse(s, &err)`: opts tells
  // whether err was set).
  if (V)
    St.forget(V, SiteId < 0 ? nullptr : Sites[SiteId].Call);
  if (Old >= 0 && isLive(St.H[Old]) && St.someHolderOf(Old) < 0 &&
      !Sites[Old].Param &&
      (!Sites[Old].Entry || !Sites[Old].Evidence.empty())) {
    report(FindingKind::Overwrite, Old, At->getBeginLoc(), St, "", {}, H);
    St.H[Old] = Escaped; // reported; do not report the same loss as a leak
  }
  if (SiteId < 0)
    return;
  if (V && V->hasAttr<CleanupAttr>()) {
    const FunctionDecl *CF = V->getAttr<CleanupAttr>()->getFunctionDecl();
    if (!CF || A.cleanupReleases(CF)) {
      escape(SiteId, St); // C's RAII: the cleanup function releases it
      return;
    }
  }
  St.Bind.push_back({H, unsigned(SiteId)});
}

void Explorer::bindVar(const VarDecl *V, int SiteId, const Stmt *At,
                       State &St) {
  bind(holder(V), SiteId, At, St);
}

void Explorer::storeInto(const Expr *LHS, const Expr *RHS, State &St) {
  int S = valueSite(RHS, St);
  if (const VarDecl *V = localVar(LHS); V && !V->isStaticLocal()) {
    // `p = sqlite3_realloc(p, n)`: the call that produces the new value
    // took the old one, so it is not lost here.
    // (Not for a printf-like call: its format says which arguments it
    // takes, `z = sqlite3_mprintf("%z, %s", z, more)`.)
    if (const auto *Call = dyn_cast<CallExpr>(strip(RHS));
        Call && !formatDecides(Call))
      if (int Old = bound(St, V); Old >= 0 && Old != S)
        for (const Expr *Arg : Call->arguments())
          if (localVarOrAddress(Arg) == V) {
            escape(Old, St);
            break;
          }
    bindVar(V, S, LHS, St);
    return;
  }
  if (S < 0) {
    publish(RHS, St); // `*out = info;`: info's handles go with it
    if (int H = holderOf(LHS, false); H >= 0)
      bind(unsigned(H), -1, LHS, St); // `s->conn = NULL;`
    // `*ppCursor = &pCur->base`: storing the address of a member publishes
    // the whole object.
    const Expr *R = strip(RHS);
    if (const auto *UO = dyn_cast<UnaryOperator>(R);
        UO && UO->getOpcode() == UO_AddrOf) {
      const Expr *Base = UO->getSubExpr();
      while (const auto *ME = dyn_cast<MemberExpr>(strip(Base)))
        Base = ME->getBase();
      if (Base != UO->getSubExpr())
        if (const VarDecl *V = localVar(Base))
          if (int Obj = bound(St, V); Obj >= 0)
            escape(Obj, St);
    }
    return;
  }
  // `*out = res` in a helper: the helper acquires through its parameter.
  if (const ParmVarDecl *P = derefParam(LHS, false))
    if (!Sites[S].Param && isLive(St.H[S])) {
      outAcquired(P, Sites[S].Kind, St);
      if (uint8_t *H = St.derefState(P))
        *H = St.H[S];
      else
        St.Deref.push_back({P, St.H[S]});
    }
  // Stored into a field, through a pointer or into a global: still
  // followed there (see atExit for who owns it then).
  if (int H = holderOf(LHS, true); H >= 0)
    bind(unsigned(H), S, LHS, St);
  else
    escape(S, St);
}

int Explorer::entrySite(unsigned H, const std::string &Kind, const Expr *At,
                        State &St) {
  int Id = siteFor(&Holders[H], Kind, St);
  if (Id < 0)
    return -1;
  Site &S = Sites[Id];
  S.Entry = true;
  S.Kind = Kind;
  S.Loc = At->getBeginLoc();
  St.H[Id] = Live;
  St.Bind.push_back({H, unsigned(Id)});
  return Id;
}

void Explorer::findEvidenceHolders() {
  // Stores into caller-reachable storage of a catalogued handle type.
  llvm::SmallVector<const Expr *, 4> Stored;
  std::function<void(const Stmt *)> Stores = [&](const Stmt *S) {
    if (!S)
      return;
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->getOpcode() == BO_Assign && !localVar(BO->getLHS()) &&
        BO->getLHS()->getType()->isPointerType())
      Stored.push_back(BO->getLHS());
    for (const Stmt *C : S->children())
      Stores(C);
  };
  Stores(Body);
  for (const Expr *LHS : Stored) {
    Holder H;
    if (!pathOf(LHS, H, 0) || H.Frame || (!H.Root && H.Path.empty()))
      continue;
    std::string Kind = A.types().kindOf(LHS->getType());
    if (Kind.empty())
      continue;
    EvidenceHolders.try_emplace(unsigned(holderOf(LHS, true)), Kind);
  }
  if (EvidenceHolders.empty())
    return;
  // Any other read may copy the handle (`old = s->db`), return it, or hand
  // it to code that closes it: then what the store loses is not known.
  auto BorrowOnly = [&](const Expr *E) {
    const Stmt *P = PM.getParentIgnoreParenCasts(E);
    if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P)) {
      if (BO->getOpcode() == BO_Assign)
        return strip(BO->getLHS()) == E;
      if (BO->isLogicalOp())
        return true;
      const Expr *Other = strip(BO->getLHS()) == E ? BO->getRHS() : BO->getLHS();
      return BO->isEqualityOp() &&
             Other->isNullPointerConstant(
                 Ctx, Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull;
    }
    if (const auto *UO = dyn_cast_or_null<UnaryOperator>(P))
      return UO->getOpcode() == UO_LNot;
    if (const auto *CE = dyn_cast_or_null<CallExpr>(P)) {
      const std::vector<Effect> &Effects = effects(CE);
      return !Effects.empty() && llvm::none_of(Effects, [&](const Effect &Ef) {
        return Ef.K == Effect::Sink && Ef.Arg < CE->getNumArgs() &&
               strip(CE->getArg(Ef.Arg)) == E;
      });
    }
    if (const auto *If = dyn_cast_or_null<IfStmt>(P))
      return strip(If->getCond()) == E;
    if (const auto *W = dyn_cast_or_null<WhileStmt>(P))
      return strip(W->getCond()) == E;
    if (const auto *CO = dyn_cast_or_null<ConditionalOperator>(P))
      return strip(CO->getCond()) == E;
    return false;
  };
  std::function<void(const Stmt *)> Reads = [&](const Stmt *S) {
    if (!S || EvidenceHolders.empty())
      return;
    if (const auto *E = dyn_cast<Expr>(S);
        E && isa<MemberExpr, UnaryOperator, DeclRefExpr, ArraySubscriptExpr>(E))
      if (int H = holderOf(E, false);
          H >= 0 && EvidenceHolders.count(H) && !BorrowOnly(E))
        EvidenceHolders.erase(H);
    for (const Stmt *C : S->children())
      Reads(C);
  };
  Reads(Body);
}

int Explorer::evidenceSite(const Expr *E, State &St) {
  if (EvidenceHolders.empty())
    return -1;
  int H = holderOf(E, false);
  auto It = H >= 0 ? EvidenceHolders.find(H) : EvidenceHolders.end();
  if (It == EvidenceHolders.end() || St.boundSite(H) >= 0)
    return -1;
  int Id = entrySite(unsigned(H), It->second, E, St);
  if (Id >= 0) {
    St.H[Id] = MaybeNull;
    Sites[Id].Evidence = "'" + holderName(H) + "' was tested non-NULL here";
  }
  return Id;
}

void Explorer::containerReleased(const Expr *Obj, const CallExpr *CE,
                                 State &St) {
  QualType T = Obj->IgnoreParenImpCasts()->getType();
  if (PathHolders.empty() || !T->isPointerType() ||
      !T->getPointeeType()->isRecordType() || !A.types().kindOf(T).empty())
    return;
  if (int H = prefixHolder(Obj); H >= 0)
    objectDies(H, CE->getBeginLoc(), "'" + exprKey(Obj, Ctx) + "' is released",
               St);
}

void Explorer::objectDies(int H, SourceLocation At, const std::string &How,
                          State &St) {
  llvm::SmallVector<std::pair<unsigned, unsigned>, 2> Gone;
  llvm::erase_if(St.Bind, [&](auto &P) {
    if (!dependsOn(Holders[P.first], Holders[H]))
      return false;
    Gone.push_back(P);
    return true;
  });
  for (auto [Member, S] : Gone)
    if (isLive(St.H[S]) && St.someHolderOf(S) < 0 && !Sites[S].Param &&
        (!Sites[S].Entry || !Sites[S].Evidence.empty()) &&
        !Sites[S].Attached) {
      std::string Name = holderName(Member);
      report(FindingKind::Leak, S, Sites[S].Loc, St, "",
             {{At, "'" + Name + "' leaks when " + How + " here", -1, false}},
             Member);
      St.H[S] = Escaped;
    }
}

void Explorer::ownedAtEntry(State &St) {
  // The object a destroy function releases: a parameter, or `this` in a
  // destructor (Root null).
  llvm::SmallVector<const ParmVarDecl *, 2> Objects(FD->parameters());
  if (isa<CXXDestructorDecl>(FD))
    Objects.push_back(nullptr);
  for (const ParmVarDecl *P : Objects) {
    QualType T = P ? P->getType() : QualType();
    const RecordDecl *RD =
        !P ? cast<CXXMethodDecl>(FD)->getParent()
        : T->isPointerType() ? T->getPointeeType()->getAsRecordDecl()
                             : nullptr;
    if (!RD || !(RD = RD->getDefinition()) || (P && P->getName().empty()))
      continue;
    if (!A.OwnedIndexed)
      A.indexOwned();
    auto It = A.Owned.find(RD);
    if (It == A.Owned.end() || !A.Destroys[RD].count(FD))
      continue;
    for (const auto &M : It->second) {
      Holder H;
      H.Root = P;
      H.Path.push_back({Holder::Step::Arrow, M.Field});
      H.Frame = false;
      H.Name = (P ? P->getName().str() + "->" : "") + M.Field->getName().str();
      unsigned HId = unsigned(intern(H, true));
      int Id = siteFor(&Holders[HId], M.Kind, St);
      if (Id < 0)
        return;
      Site &S = Sites[Id];
      S.Entry = true;
      S.Acquirer = M.By;
      S.Loc = M.At;
      S.Evidence = "'" + M.By + "' stores it in the object";
      St.H[Id] = MaybeNull;
      St.Bind.push_back({HId, unsigned(Id)});
    }
  }
}

void Explorer::publish(const Expr *E, State &St) {
  if (PathHolders.empty() || !E)
    return;
  E = strip(E);
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_AddrOf)
    E = UO->getSubExpr();
  dropBelow(prefixHolder(E), St, /*Gone=*/true);
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
        // A new `pLvl` each time round a loop: `pLvl->zDir` names another
        // object than the last iteration's.
        if (!PathHolders.empty())
          dropBelow(int(holder(V)), St);
        // Declared again: a loop body, and the previous iteration's handle
        // went out of scope with the variable.
        if (int Old = bound(St, V); Old >= 0 && Old != Site) {
          unbind(St, V);
          if (isLive(St.H[Old]) && St.someHolderOf(Old) < 0 &&
              !Sites[Old].Param) {
            report(FindingKind::LeakInLoop, Old, Sites[Old].Loc, St, "", {},
                   holder(V));
            St.H[Old] = Escaped;
          }
        }
        // A new variable each time through a loop: what was known about
        // the last one (`ExecStatusType est = PQresultStatus(res);`) is
        // gone, except what the call initializing it says.
        St.forget(V, V->getInit() ? strip(V->getInit()) : nullptr);
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
      // `reply.len = 0;` on a destroyed struct: its storage is being
      // reused for something we do not track.
      if (const auto *ME = dyn_cast<MemberExpr>(strip(BO->getLHS()));
          ME && !ME->isArrow())
        if (const VarDecl *V = localVar(ME->getBase());
            V && V->getType()->isRecordType())
          if (int S = bound(St, V); S >= 0 && St.H[S] == Released)
            St.H[S] = Escaped;
      if (const ParmVarDecl *P = derefParam(BO->getLHS(), false);
          P && P->getFunctionScopeIndex() < 32 &&
          BO->getLHS()->getType()->isIntegerType()) {
        uint32_t Bit = 1u << P->getFunctionScopeIndex();
        std::optional<int64_t> V = knownValue(BO->getRHS(), St);
        St.RcSet = V && *V ? St.RcSet | Bit : St.RcSet & ~Bit;
        St.RcOther = V ? St.RcOther & ~Bit : St.RcOther | Bit;
        Sum->Params[P->getFunctionScopeIndex()].RcWritten = true;
      }
      storeInto(BO->getLHS(), BO->getRHS(), St);
      rememberConstant(factVar(BO->getLHS()), BO->getRHS(), St);
    }
    return;
  }
  if (const auto *NE = dyn_cast<CXXNewExpr>(S)) {
    acquireNew(NE, St);
    return;
  }
  if (const auto *DE = dyn_cast<CXXDeleteExpr>(S)) {
    deleteHandle(DE, St);
    return;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(S); ME && ME->isArrow()) {
    usedAfterDelete(ME->getBase(), ME,
                    ME->getMemberDecl()->getIdentifier()
                        ? ME->getMemberDecl()->getName()
                        : "",
                    St);
    return;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
    if (UO->getOpcode() == UO_Deref)
      usedAfterDelete(UO->getSubExpr(), UO, "", St);
    const VarDecl *V = localVar(UO->getSubExpr());
    std::optional<int64_t> Old =
        V && SmallCounters.count(V) && UO->isIncrementDecrementOp()
            ? knownValue(UO->getSubExpr(), St)
            : std::nullopt;
    if (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)
      modified(UO->getSubExpr(), St);
    if (Old && *Old > -MaxCounter && *Old < MaxCounter)
      St.addFact({V, true, *Old + (UO->isIncrementOp() ? 1 : -1)});
    else if (auto It = V ? CountsUpFrom.find(V) : CountsUpFrom.end();
             It != CountsUpFrom.end() && UO->isIncrementOp())
      St.addFact({V, false, It->second});
    return;
  }
  if (const auto *RS = dyn_cast<ReturnStmt>(S)) {
    bool HandsOut = false;
    int Site = valueSite(RS->getRetValue(), St);
    publish(RS->getRetValue(), St); // a struct returned with its handles
    if (Site >= 0) {
      if (!Sites[Site].Param && !Sites[Site].Attached && isLive(St.H[Site]))
        Sum->Returns = Sites[Site].Kind, HandsOut = true;
      escape(Site, St);
    }
    summarizeReturn(RS->getRetValue(), HandsOut, St);
    return;
  }
  // `freeReplyObject(r); n = r->elements;`: reading freed memory is the
  // worst use after release. (Taking a member's address reads nothing.)
  if (const auto *ME = dyn_cast<MemberExpr>(S); ME && ME->isArrow()) {
    const Expr *Base = strip(ME->getBase());
    const VarDecl *V = localVar(Base);
    int Site = V ? bound(St, V) : PathHolders.empty() ? -1 : heldSite(Base, St);
    const auto *Up = dyn_cast_or_null<UnaryOperator>(PM.getParentIgnoreParens(ME));
    if (Site >= 0 && St.H[Site] == Released &&
        !(Up && Up->getOpcode() == UO_AddrOf))
      report(FindingKind::UseAfterRelease, Site, ME->getBeginLoc(), St,
             "->" + ME->getMemberDecl()->getNameAsString());
    return;
  }
  // Aggregates, constructors and captures take the handle with them.
  auto EscapeAll = [&](auto Range) {
    for (const Expr *E : Range) {
      if (int Site = valueSite(E, St); Site >= 0)
        escape(Site, St);
      publish(E, St);
    }
  };
  if (const auto *ILE = dyn_cast<InitListExpr>(S))
    EscapeAll(ILE->inits());
  else if (const auto *CCE = dyn_cast<CXXConstructExpr>(S))
    EscapeAll(CCE->arguments());
  else if (const auto *LE = dyn_cast<LambdaExpr>(S))
    EscapeAll(LE->capture_inits());
  else if (const auto *AE = dyn_cast<AtomicExpr>(S))
    EscapeAll(atomicOperands(AE));
  else if (const auto *BE = dyn_cast<BlockExpr>(S)) {
    for (const BlockDecl::Capture &C : BE->getBlockDecl()->captures())
      if (int Site = bound(St, C.getVariable()); Site >= 0)
        escape(Site, St);
  }
}

void Explorer::transferCall(const CallExpr *CE, State &St) {
  // `exit_nicely(conn)` releases and exits: nothing after it happens.
  if (const FunctionDecl *Callee = CE->getDirectCallee();
      Callee && !Callee->isNoReturn() && A.neverReturns(Callee)) {
    PathEnds = true;
    return;
  }
  // memset(&reply, 0, sizeof reply) starts the object over.
  if (unsigned B = CE->getBuiltinCallee();
      (B == Builtin::BImemset || B == Builtin::BI__builtin_memset ||
       B == Builtin::BIbzero || B == Builtin::BI__builtin_bzero) &&
      CE->getNumArgs() > 0)
    if (const auto *UO = dyn_cast<UnaryOperator>(strip(CE->getArg(0)));
        UO && UO->getOpcode() == UO_AddrOf)
      if (const VarDecl *V = localVar(UO->getSubExpr());
          V && bound(St, V) >= 0) {
        unbind(St, V);
        return;
      }
  const std::vector<Effect> &Effects = effects(CE);
  std::string Name;
  if (const FunctionDecl *Callee = CE->getDirectCallee())
    if (Callee->getIdentifier())
      Name = Callee->getName().str();

  if (Ctx.getLangOpts().CXXExceptions && CE->getDirectCallee() &&
      !Name.empty() && A.mayThrow(CE->getDirectCallee()) && !insideTry(CE))
    leakOnThrow(CE, Name, St);

  // A call the catalog does not describe may change globals and this
  // object's members.
  bool Modeled = PathHolders.empty() ||
                 (CE->getDirectCallee() &&
                  (A.Cat.mentions(catalogName(CE->getDirectCallee())) ||
                   CE->getDirectCallee()->getBuiltinID() != 0));
  if (!Modeled)
    dropShared(St);

  // Arguments first: what happens to handles passed in.
  llvm::SmallVector<int, 2> ReleasedHere; // `yyfree(p, p)` uses p once
  for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
    const Expr *Arg = CE->getArg(I);
    if (const VarDecl *Root = localVarOrAddress(Arg))
      forgetMembersOf(Root, St);
    const Expr *Stripped = strip(Arg);
    const auto *Addr = dyn_cast<UnaryOperator>(Stripped);
    bool AddrOf = Addr && Addr->getOpcode() == UO_AddrOf;
    // Code we do not model, given `s` or `&s->pool`, may change what
    // `s->pool.conn` holds.
    if (!Modeled)
      dropBelow(prefixHolder(AddrOf ? Addr->getSubExpr() : Stripped), St);
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
    // A helper that frees or keeps `*param` (or `tmp = *param`) takes what
    // its caller had there.
    if (Sink || !Releases.empty())
      if (const ParmVarDecl *P = derefParam(Arg);
          P && P->getFunctionScopeIndex() < Sum->Params.size()) {
        Sum->Params[P->getFunctionScopeIndex()].Sinks = true;
        if (uint8_t *H = St.derefState(P))
          *H = Released; // what this call handed out is gone again
      }
    if (!Releases.empty())
      containerReleased(Arg, CE, St);
    if (OutParam) {
      // `helper(&s)` that frees or keeps the old `*s` before storing a new
      // one (mongoc_uri_do_unescape, CopyStreamReceive): the old handle is
      // the callee's now.
      if (const VarDecl *V = localVarOrAddress(Arg);
          V && (Sink || !Releases.empty()))
        if (int Old = bound(St, V); Old >= 0)
          escape(Old, St);
      continue;
    }
    int Site = -1;
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
        Site = bound(St, V);
    if (Site < 0 && !Temporary && !localVarOrAddress(Arg)) {
      // A handle in a field, behind a pointer or in a global.
      const Expr *Held = AddrOf ? Addr->getSubExpr() : Stripped;
      bool Value = !AddrOf || Held->getType()->isRecordType();
      const std::string *Kind =
          Value && !Releases.empty() && !Releases.back()->Res.empty()
              ? &Releases.back()->Res
              : nullptr;
      if (int H = holderOf(Held, Kind); H >= 0) {
        Site = St.boundSite(H);
        if (!Value && Site >= 0 && Effects.empty()) {
          // `&s->conn` to code we do not see may replace or close it.
          St.unbind(H);
          if (St.someHolderOf(Site) < 0 && !Sites[Site].Param)
            escape(Site, St);
          continue;
        }
        if (!Value)
          continue;
        if (Site < 0 && Kind)
          Site = entrySite(H, *Kind, Arg, St);
      }
    }
    if (Site < 0 || llvm::is_contained(ReleasedHere, Site))
      continue;
    // A function with several release rows (bson_destroy) releases the
    // kind the handle has; any other row is a mismatch.
    const Effect *Rel = Releases.empty() ? nullptr : Releases.back();
    for (const Effect *R : Releases)
      if (R->Res == Sites[Site].Kind)
        Rel = R;
    if (Rel && Rel->OnFailure == Failure::Status) {
      // Released only when the call succeeds (sqlite3_close) or only when
      // it fails (a checker that clears what it rejects): the status
      // decides on the branches that test it.
      if (!Rel->OnlyOnFailure)
        release(Site, *Rel, CE, St);
      recordStatus(CE, *Rel, unsigned(Site), St);
      ReleasedHere.push_back(Site);
    } else if (Rel) {
      release(Site, *Rel, CE, St);
      ReleasedHere.push_back(Site);
    } else if (St.H[Site] == Released && mayInitialize(CE, I) &&
               callerStorage(Site, Arg)) {
      St.H[Site] = Escaped; // a new object we know nothing about
    } else if (Sink) {
      escape(Site, St);
    } else if (isHeapKind(Sites[Site].Kind) && isLive(St.H[Site]) &&
               (Temporary || (Effects.empty() && CE->getDirectCallee() &&
                              !CE->getDirectCallee()->hasBody()))) {
      // `ptr.reset(new T)`, `list.push_back(new T)`; and a raw owning
      // pointer given to code we cannot see (`backends.add(b)`) is, in
      // C++, handed over far more often than lent.
      escape(Site, St);
    } else if (Temporary) {
      if (isLive(St.H[Site]))
        report(FindingKind::Discarded, Site, Sites[Site].Loc, St, Name);
      St.H[Site] = Escaped;
    } else if (St.H[Site] == Released && AddrOf && localVarOrAddress(Arg) &&
               localVarOrAddress(Arg)->getType()->isPointerType()) {
      // `strtoll(s, &end, 10)` with a freed `end`: the callee gets the
      // variable to write, not the handle.
      unbind(St, localVarOrAddress(Arg));
    } else if (St.H[Site] == Released) {
      report(FindingKind::UseAfterRelease, Site, Arg->getBeginLoc(), St, Name);
    } else if (Effects.empty() && !CE->getDirectCallee()) {
      // Through a function pointer: unknown, so a borrow.
    } else if (AddrOf && !CE->getDirectCallee()->hasBody() && Effects.empty()) {
      escape(Site, St); // `&h` to unknown code may replace or close it
    } else if (Effects.empty() && passedWithCallback(CE)) {
      escape(Site, St);
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
      const Expr *Conn = CE->getArg(E.SqlConn);
      const void *Rowless = rowlessKey(Conn);
      St.forgetFacts(Rowless);
      const StringLiteral *SL = constantSql(CE->getArg(E.Arg));
      if (!SL)
        continue;
      if (returnsNoRows(SL->getString()))
        St.addFact({Rowless, true, 1});
      TxEffect TE = classifySql(SL->getString());
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

void Explorer::acquire(const Expr *At, const Effect &E, State &St) {
  // Out-parameters, attached handles and status codes are calls'.
  const auto *CE = dyn_cast<CallExpr>(At);
  const Resource *R = A.resource(E.Res);
  bool Attached = E.On >= 0;
  if ((!CE && (Attached || E.Out >= 0)) ||
      (Attached && unsigned(E.On) >= CE->getNumArgs()))
    return;
  std::string Owner = Attached ? exprKey(CE->getArg(E.On), Ctx) : "";
  const VarDecl *OutVar = nullptr;
  int OutHolder = -1; // `&s->db`, or `s->db` given to a `T *&` parameter
  llvm::SmallVector<unsigned, 2> InPlace; // holders
  if (E.Out >= 0) {
    if (unsigned(E.Out) >= CE->getNumArgs())
      return;
    const Expr *Arg = strip(CE->getArg(E.Out));
    const auto *UO = dyn_cast<UnaryOperator>(Arg);
    const FunctionDecl *Callee = CE->getDirectCallee();
    const Expr *Out =
        UO && UO->getOpcode() == UO_AddrOf ? UO->getSubExpr()
        : Callee && unsigned(E.Out) < Callee->getNumParams() &&
                Callee->getParamDecl(E.Out)->getType()->isReferenceType()
            ? Arg
            : nullptr;
    OutVar = Out ? localVar(Out) : nullptr;
    if (Out && !OutVar)
      OutHolder = holderOf(Out, true);
    // A pointer to a released struct handle (`active = &local_reply;
    // bson_destroy(active); commit(session, active, ...)`): the object is
    // initialized again in place, under every name it has.
    if (const VarDecl *PV = localVar(Arg); PV && !OutVar)
      if (int Old = bound(St, PV);
          Old >= 0 && !Sites[Old].Param && !isLive(St.H[Old]))
        for (auto &[H, S] : St.Bind)
          if (S == unsigned(Old))
            InPlace.push_back(H);
    if ((!OutVar || OutVar->isStaticLocal()) && InPlace.empty() &&
        OutHolder < 0) {
      // Into a field, a global or the caller's out-parameter.
      if (const auto *DRE = dyn_cast<DeclRefExpr>(Arg))
        if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl())) {
          // The caller's object, initialized by this call (which may
          // report failure). Initialized again after it was destroyed here
          // (`bson_destroy(reply); bson_copy_to(&tmp, reply);`) it is
          // replaced in place: the caller owes what it owed before.
          int Own = bound(St, P);
          if (Own < 0 || !Sites[Own].Param || St.H[Own] != Released)
            outAcquired(P, E.Res, St);
          if (Own >= 0 && Sites[Own].Param) {
            St.H[Own] = Live;
            if (E.OnFailure == Failure::Status) {
              Sites[Own].Call = CE;
              if (Sites[Own].Kind.empty())
                Sites[Own].Kind = E.Res;
              recordStatus(CE, E, unsigned(Own), St);
            }
          }
        }
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

  int Id = siteFor(At, E.Res, St);
  if (Id < 0)
    return;
  Site &S = Sites[Id];
  S.Call = At;
  S.Acquirer = E.Fn;
  S.Loc = At->getBeginLoc();
  S.Attached = Attached;
  S.Transaction = R && R->Transaction;
  S.Owner = Owner;

  if (isLive(St.H[Id]) && !Attached) {
    // The previous iteration's handle is still live at this very site. It
    // is lost if the variable about to receive the new one is its only
    // holder.
    const VarDecl *Dest = OutVar ? OutVar : destinationVar(At);
    int DestHolder = OutHolder >= 0 ? OutHolder : existingHolder(Dest);
    if (const auto *BO = dyn_cast_or_null<BinaryOperator>(
            PM.getParentIgnoreParenCasts(const_cast<Expr *>(At)));
        DestHolder < 0 && BO && BO->getOpcode() == BO_Assign)
      DestHolder = holderOf(BO->getLHS(), false); // `s->conn = f()`
    unsigned NumHolders = 0;
    bool DestHolds = false;
    for (auto &[BH, BS] : St.Bind)
      if (BS == unsigned(Id)) {
        ++NumHolders;
        DestHolds |= int(BH) == DestHolder;
      }
    // `p = sqlite3_realloc(p, n)` in a loop takes the old block with it.
    bool Consumed = false;
    for (unsigned I = 0; CE && I < CE->getNumArgs(); ++I)
      Consumed |= int(I) != E.Out &&
                  ((Dest && localVarOrAddress(CE->getArg(I)) == Dest) ||
                   (DestHolder >= 0 && !Dest &&
                    holderOf(CE->getArg(I), false) == DestHolder));
    if (DestHolder >= 0 && DestHolds) {
      if (NumHolders == 1 && !Consumed)
        report(FindingKind::LeakInLoop, Id, S.Loc, St, "", {}, DestHolder);
      if (Consumed && NumHolders == 1)
        St.H[Id] = Escaped;
      St.unbind(DestHolder);
    }
  }
  if (Attached && isLive(St.H[Id]))
    return;
  // Variables still naming this site's previous, released or escaped,
  // instance do not hold the new one.
  if (!Attached && !isLive(St.H[Id]))
    llvm::erase_if(St.Bind, [&](auto &P) { return P.second == unsigned(Id); });
  // Another variable still holds the previous instance from this site
  // (`first = tmp;` in a loop): the new handle needs an identity of its own.
  for (unsigned Gen = 1;
       !Attached && isLive(St.H[Id]) && St.someHolderOf(Id) >= 0; ++Gen) {
    int Next = siteFor(At, E.Res + "#" + std::to_string(Gen), St);
    if (Next < 0)
      return;
    Sites[Next] = Sites[Id];
    Id = Next;
  }
  // `new` throws rather than returns NULL, unless told not to.
  const auto *NE = dyn_cast<CXXNewExpr>(At);
  St.H[Id] =
      Attached || (NE && !NE->shouldNullCheckAllocation()) ? Live : MaybeNull;
  // No result set to store after an INSERT: the catalog says NULL.
  if (int Conn = E.Row ? E.Row->NullAfterRowless : -1;
      CE && Conn >= 0 && unsigned(Conn) < CE->getNumArgs() &&
      llvm::is_contained(St.Facts, Fact{rowlessKey(CE->getArg(Conn)), true, 1}))
    St.H[Id] = Null;
  Nodes[Cur].Events.push_back({Sites[Id].Loc, "", Id, false});

  if (CE && (E.OnFailure == Failure::Status ||
             (Sites[Id].Transaction && CE->getCalleeDecl() &&
              Explorer::transactionSuccess(CE))))
    recordStatus(CE, E, Id, St);

  if (OutVar || OutHolder >= 0) {
    bind(OutVar ? holder(OutVar) : unsigned(OutHolder), Id, At, St);
    return;
  }
  if (!InPlace.empty()) {
    for (unsigned H : InPlace) {
      St.unbind(H);
      St.Bind.push_back({H, unsigned(Id)});
    }
    return;
  }
  if (Attached)
    return;
  // Where does the returned handle go?
  const Stmt *P = PM.getParentIgnoreParenCasts(At);
  while (P && (isa<AbstractConditionalOperator>(P) || isa<FullExpr>(P) ||
               (isa<BinaryOperator>(P) &&
                cast<BinaryOperator>(P)->getOpcode() == BO_Comma)))
    P = PM.getParentIgnoreParenCasts(P);
  if (!P && isa<CXXConstructorDecl>(FD)) {
    escape(Id, St); // a mem-initializer: the object keeps it
    return;
  }
  bool Discarded = !P || isa<CompoundStmt>(P) || isa<SwitchStmt>(P) ||
                   isa<CaseStmt>(P) || isa<DefaultStmt>(P) || isa<LabelStmt>(P);
  // Only tested (`if (!f())`, `ASSERT(f() == NULL)`): the branches say
  // whether there is anything to release; an exit on a non-null path
  // reports it (see atExit).
  bool Tested = isa_and_nonnull<IfStmt>(P) || isa_and_nonnull<WhileStmt>(P) ||
                isa_and_nonnull<ForStmt>(P) || isa_and_nonnull<DoStmt>(P);
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P))
    Tested = BO->isComparisonOp() || BO->isLogicalOp();
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(P))
    Tested = UO->getOpcode() == UO_LNot;
  if (Tested)
    return;
  if (const auto *Cast = dyn_cast_or_null<ExplicitCastExpr>(
          PM.getParentIgnoreParens(const_cast<Expr *>(At))))
    if (Cast->getType()->isVoidType())
      Discarded = true;
  // `new Listener(loop)` as a statement: the object may have registered
  // itself; a library's guard (pqxx, SOCI) does not.
  if (Discarded && NE) {
    const CXXRecordDecl *RD = NE->getAllocatedType()->getAsCXXRecordDecl();
    if (!RD || !SM().isInSystemHeader(RD->getLocation())) {
      St.H[Id] = Escaped;
      return;
    }
  }
  if (Discarded) {
    if (isLive(St.H[Id]))
      report(FindingKind::Discarded, Id, Sites[Id].Loc, St);
    St.H[Id] = Escaped;
    return;
  }
  St.Pending.push_back({At, unsigned(Id)});
}

void Explorer::acquireNew(const CXXNewExpr *NE, State &St) {
  if (NE->isArray() || NE->getNumPlacementArgs() ||
      !A.heapGuard(NE->getAllocatedType()))
    return;
  PrintingPolicy PP(Ctx.getLangOpts());
  Effect E{Effect::Acquire,
           (HeapPrefix + NE->getAllocatedType().getAsString(PP)).str()};
  E.Fn = "new";
  acquire(NE, E, St);
}

void Explorer::deleteHandle(const CXXDeleteExpr *DE, State &St) {
  const Expr *Arg = DE->getArgument();
  QualType T = strip(Arg)->getType();
  if (DE->isArrayForm() || !T->isPointerType())
    return;
  int Id = valueSite(Arg, St);
  bool Guard = A.heapGuard(T->getPointeeType());
  if (Id < 0 && Guard && !localVar(Arg)) {
    // `delete conn_;` of what a member or the caller's object held at
    // entry: only what happens to it after this is followed.
    PrintingPolicy PP(Ctx.getLangOpts());
    std::string Kind =
        (HeapPrefix + T->getPointeeType().getUnqualifiedType().getAsString(PP))
            .str();
    if (int H = holderOf(strip(Arg), true); H >= 0 && St.boundSite(H) < 0)
      Id = entrySite(unsigned(H), Kind, Arg, St);
  }
  if (Id < 0)
    return;
  const Site &S = Sites[Id];
  // A parameter's pointee of a guard class (a helper that deletes what it
  // is given), or a `new` of one: anything else `delete` takes is a kind
  // this function did not see allocated.
  if (!isHeapKind(S.Kind) && !(S.Param && S.Kind.empty() && Guard)) {
    escape(unsigned(Id), St);
    return;
  }
  Effect E{Effect::Release, S.Kind};
  if (E.Res.empty()) {
    PrintingPolicy PP(Ctx.getLangOpts());
    E.Res =
        (HeapPrefix + T->getPointeeType().getUnqualifiedType().getAsString(PP))
            .str();
  }
  E.Fn = "delete";
  release(unsigned(Id), E, DE, St);
}

void Explorer::usedAfterDelete(const Expr *Base, const Expr *At,
                               llvm::StringRef Use, State &St) {
  int Id = -1;
  if (const VarDecl *V = localVar(Base))
    Id = bound(St, V);
  else if (!PathHolders.empty())
    Id = heldSite(Base, St);
  if (Id < 0 || !isHeapKind(Sites[Id].Kind) || St.H[Id] != Released)
    return;
  report(FindingKind::UseAfterRelease, unsigned(Id), At->getBeginLoc(), St,
         Use.str());
  St.H[Id] = Escaped; // once per handle
}

/// Which expressions say whether the call behind site \p Id failed: the
/// return code (or the variable it is stored in) and the library's error
/// member on the context.
void Explorer::recordStatus(const CallExpr *CE, const Effect &E, unsigned Id,
                            State &St) {
  // Transactions begun by SQL text are judged by the call's own result.
  const Effect *By = Sites[Id].Transaction && E.K == Effect::Acquire &&
                             E.OnFailure != Failure::Status
                         ? nullptr
                         : &E;
  auto Link = [&](const void *Atom) {
    // One call may report for several handles (sqlite3_exec: the
    // transaction and the error message).
    St.forget(Atom, CE);
    StatusLink L{Atom, Id, By, CE};
    if (!llvm::is_contained(St.Status, L))
      St.Status.push_back(L);
  };
  if (E.StatusArg >= 0 && unsigned(E.StatusArg) < CE->getNumArgs()) {
    // `p = idxMalloc(&rc, n)`: rc says whether p was handed out.
    if (const VarDecl *Rc = localVarOrAddress(CE->getArg(E.StatusArg)))
      Link(Rc);
    return;
  }
  // A returned handle is tested as a pointer (assumeNonNull); its status
  // is only the library's error member.
  const void *Atom =
      E.K == Effect::Acquire && E.Out < 0 && E.On < 0 && !Sites[Id].Transaction
          ? nullptr
          : CE;
  const Stmt *P = PM.getParentIgnoreParenCasts(CE);
  if (!Atom)
    ;
  else if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
           BO && BO->getOpcode() == BO_Assign && strip(BO->getRHS()) == CE)
    Atom = localVar(BO->getLHS());
  else if (const auto *DS = dyn_cast_or_null<DeclStmt>(P))
    Atom = DS->isSingleDecl() ? DS->getSingleDecl() : nullptr;
  if (Atom)
    Link(Atom);
  // The library's own error flag on the context says the same.
  if (E.Row && !E.Row->ErrorMember.empty() &&
      E.Row->ErrorArg < CE->getNumArgs()) {
    const Expr *Ctx0 = strip(CE->getArg(E.Row->ErrorArg));
    const Expr *Base = Ctx0;
    while (const auto *M = dyn_cast<MemberExpr>(strip(Base)))
      Base = M->getBase();
    if (const VarDecl *Root = localVar(Base)) {
      auto It =
          MemberPaths
              .try_emplace(exprKey(Ctx0, Ctx) + "->" + E.Row->ErrorMember, Root)
              .first;
      St.forget(It->getKey().data());
      Link(It->getKey().data());
    }
  }
}

const VarDecl *Explorer::destinationVar(const Expr *CE) const {
  const Stmt *P = PM.getParentIgnoreParenCasts(const_cast<Expr *>(CE));
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

void Explorer::release(unsigned Id, const Effect &E, const Expr *At,
                       State &St) {
  const auto *CE = dyn_cast<CallExpr>(At); // or a `delete`
  Site &S = Sites[Id];
  uint8_t &H = St.H[Id];
  // A name rule (`..._free`) on a pointer no catalogued call produced: such
  // helpers often free the members, not the object (kamailio db_free_rows
  // then db_free_columns), so it is not known to be released.
  if (E.Res.empty() && S.Kind.empty()) {
    escape(Id, St);
    return;
  }
  if (S.Param && S.Kind.empty())
    S.Kind = E.Res;
  if (H == Released) {
    report(FindingKind::DoubleRelease, Id, At->getBeginLoc(), St, E.Fn);
    return;
  }
  if (H == Null && !E.NullOk)
    return;
  if (!E.Res.empty() && !S.Kind.empty() && E.Res != S.Kind &&
      (isLive(H) || H == Escaped) && !A.sameRelease(E.Res, S.Kind) &&
      (A.pooled(S.Kind) || !CE || !ownDestructor(S, CE, E.Arg)) &&
      !arrayOfReleased(S)) {
    std::string Why;
    size_t Before = Result->Findings.size();
    report(FindingKind::Mismatched, Id, At->getBeginLoc(), St, E.Fn, {}, -1,
           CE ? A.swapReleaseFix(CE, E.Arg, S.Kind, &Why)
              : std::vector<FixItHint>{});
    if (Result->Findings.size() > Before)
      Result->Findings.back().NoFix = Why;
  }
  H = Released;
  Nodes[Cur].Events.push_back({At->getBeginLoc(), "", int(Id), true});
  if (!S.Attached)
    for (auto &[H, BS] : St.Bind)
      if (BS == Id)
        endAttached(holderName(H), "", true, St, CE);
}

// --- exits ------------------------------------------------------------------

/// What a return tells the summary: with which return value, and with
/// which `*rc`/`*flag` written, handles are handed out through
/// out-parameters or the result (\p HandsOut).
void Explorer::summarizeReturn(const Expr *Ret, bool HandsOut, State &St) {
  if (St.OutMask) {
    HandsOut = true;
    Tri T = Ret ? evalCond(Ret, St) : Unknown;
    std::optional<int64_t> V = Ret ? knownValue(Ret, St) : std::nullopt;
    for (unsigned I = 0; I < Sum->Params.size() && I < 32; ++I)
      if (St.OutMask & (1u << I)) {
        // Initialized in place and destroyed again before this return
        // (`bson_destroy(reply); return false;`): nothing handed out.
        if (int Own = bound(St, FD->getParamDecl(I));
            Own >= 0 && Sites[Own].Param &&
            (St.H[Own] == Released || St.H[Own] == Null))
          continue;
        // `*out = f();` that this path knows returned NULL, or released
        // again through *out.
        if (const uint8_t *H = St.derefState(FD->getParamDecl(I));
            H && (*H == Null || *H == Released))
          continue;
        Summary::Param &P = Sum->Params[I];
        P.OutHanded = true;
        P.OutOnTrue = P.OutOnTrue != 0 && T == True ? 1 : 0;
        if (!V || (P.OutRet && *P.OutRet != *V))
          P.OutRetMixed = true;
        P.OutRet = V;
      }
  }
  for (unsigned I = 0; I < Sum->Params.size() && I < 32; ++I) {
    Summary::Param &P = Sum->Params[I];
    bool Set = St.RcSet & (1u << I), Other = St.RcOther & (1u << I);
    bool Consistent = HandsOut ? !Set && !Other : Set;
    P.RcStatus = P.RcStatus != 0 && Consistent ? 1 : 0;
    Consistent = !Other && Set == HandsOut;
    P.FlagStatus = P.FlagStatus != 0 && Consistent ? 1 : 0;
  }
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
  if (!Ret)
    summarizeReturn(nullptr, false, St); // fell off the end
  CurrentExit = Throws ? nullptr : Ret;
  SourceLocation ExitLoc = Ret ? Ret->getBeginLoc() : Body->getEndLoc();
  const char *How = Throws ? "when the exception is thrown here"
                    : Ret  ? "when the function returns here"
                           : "at the end of the function";
  std::vector<Event> Tail;
  if (!Edge.Msg.empty())
    Tail.push_back(Edge);
  // Returning from main ends the process: what is still open is closed by
  // the operating system, and a finding there is never fixed.
  bool EndsProcess = FD->isMain() && !A.Opts.ReportLeaksAtExit;
  // A destructor's object dies with it, and so do the handles only its
  // members hold.
  if (isa<CXXDestructorDecl>(FD) && !Throws && !PathHolders.empty())
    if (int This = intern({nullptr, {}, false, ""}, true); This >= 0)
      objectDies(This, ExitLoc, "the object is destroyed", St);
  leaving(St, !EndsProcess);
  InExit = true;
  auto Done = llvm::make_scope_exit([&] { InExit = false; });
  for (unsigned I = 0; I < Sites.size() && I < St.H.size(); ++I) {
    const Site &S = Sites[I];
    if (S.Param) {
      // Only paths that return count: a helper that releases and then
      // exits or raises an error does not release for its caller.
      Summary::Param &P = Sum->Params[S.Param->getFunctionScopeIndex()];
      if (St.H[I] == Escaped)
        P.Sinks = true;
      if (St.H[I] == Released)
        P.DoesRelease = true, P.Releases = S.Kind;
      // A NULL argument was neither kept nor released.
      if (St.H[I] == Null)
        continue;
      std::optional<int64_t> V;
      if (const auto *RS = dyn_cast_or_null<ReturnStmt>(Ret);
          RS && RS->getRetValue())
        V = knownValue(RS->getRetValue(), St);
      if (!V) {
        P.RetsUnknown = true;
        continue;
      }
      auto &Rets = St.H[I] == Released ? P.ReleasedRets : P.KeptRets;
      if (!llvm::is_contained(Rets, *V))
        Rets.push_back(*V);
      continue;
    }
    if (!isLive(St.H[I]) || EndsProcess)
      continue;
    if (S.Attached) {
      if (!S.Transaction || !TxEndOwners.count(S.Owner) || !endReachable(I))
        continue;
      Tail.push_back({ExitLoc,
                      std::string("the transaction on '") + S.Owner +
                          "' is still open " + How,
                      -1, false});
      report(FindingKind::UnfinishedTx, I, ExitLoc, St, "", Tail);
      Tail.pop_back();
      continue;
    }
    int H = St.someHolderOf(I);
    if (H < 0) {
      report(FindingKind::Discarded, I, S.Loc, St, "", Tail);
      continue;
    }
    std::string Name = holderName(H);
    Tail.push_back({ExitLoc, "'" + Name + "' leaks " + How, -1, false});
    LostToThrow = Throws;
    report(FindingKind::Leak, I, S.Loc, St, "", Tail, H);
    LostToThrow = false;
    Tail.pop_back();
  }
}

const CallExpr *Explorer::raiseAt(const CFGBlock *B) {
  const CallExpr *End = nullptr;
  for (auto It = B->rbegin(); !End && It != B->rend(); ++It)
    if (auto CS = It->getAs<CFGStmt>())
      End = dyn_cast<CallExpr>(CS->getStmt());
  if (!End)
    return nullptr;
  if (rowSays(End, &ApiEntry::Raises))
    return End;
  // `ereport(ERROR, ...)` calls errfinish and then reaches an unreachable
  // point of its own: look through the statement its macro expanded to.
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = End->getBeginLoc();
  if (!Loc.isMacroID())
    return nullptr;
  SourceLocation Macro = SM.getExpansionLoc(Loc);
  const Stmt *Whole = End;
  for (const Stmt *P = PM.getParent(Whole);
       P && P->getBeginLoc().isMacroID() &&
       SM.getExpansionLoc(P->getBeginLoc()) == Macro;
       P = PM.getParent(P))
    Whole = P;
  const CallExpr *Found = nullptr;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || Found)
      return;
    if (const auto *CE = dyn_cast<CallExpr>(S);
        CE && rowSays(CE, &ApiEntry::Raises))
      Found = CE;
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(Whole);
  return Found;
}

const CFGBlock *Explorer::handlerOf(const Stmt *S) {
  // `if (sigsetjmp(buf, 0) == 0) { ...protected... } else { ...handler... }`
  auto Catches = [&](const Expr *Cond) {
    Cond = strip(Cond);
    const Expr *Call = nullptr;
    if (const auto *BO = dyn_cast<BinaryOperator>(Cond);
        BO && BO->getOpcode() == BO_EQ) {
      for (auto [X, Zero] : {std::pair(BO->getLHS(), BO->getRHS()),
                             std::pair(BO->getRHS(), BO->getLHS())})
        if (Zero->isIntegerConstantExpr(Ctx) &&
            Zero->EvaluateKnownConstInt(Ctx) == 0)
          Call = strip(X);
    } else if (const auto *UO = dyn_cast<UnaryOperator>(Cond);
               UO && UO->getOpcode() == UO_LNot) {
      Call = strip(UO->getSubExpr());
    }
    const auto *CE = dyn_cast_or_null<CallExpr>(Call);
    return CE && rowSays(CE, &ApiEntry::Catches);
  };
  for (const Stmt *C = S, *P = PM.getParent(S); P; C = P, P = PM.getParent(P)) {
    const auto *If = dyn_cast<IfStmt>(P);
    if (!If || If->getThen() != C || !Catches(If->getCond()))
      continue;
    const Stmt *First = If->getElse();
    while (const auto *CS = dyn_cast_or_null<CompoundStmt>(First))
      First = CS->body_empty() ? nullptr : CS->body_front();
    if (!First)
      return nullptr;
    if (!StmtMap)
      StmtMap = std::make_unique<CFGStmtMap>(*Cfg, PM);
    return StmtMap->getBlock(First);
  }
  return nullptr;
}

void Explorer::leaving(State &St, bool LossesCount) {
  if (LossesCount)
    reportLost(St);
  // What the function stored where its caller can reach it (the caller's
  // object, an out-parameter, a global, this object) is handed off.
  for (auto &[H, S] : St.Bind)
    if (!Holders[H].Frame)
      escape(S, St);
}

void Explorer::raised(const CallExpr *Raise, State &St) {
  if (FD->isMain())
    return;
  // Unwinding returns to a caller's handler: what this path lost counts.
  leaving(St, true);
  SourceLocation At =
      Ctx.getSourceManager().getExpansionLoc(Raise->getBeginLoc());
  InExit = true;
  auto Done = llvm::make_scope_exit([&] { InExit = false; });
  for (unsigned I = 0; I < Sites.size() && I < St.H.size(); ++I) {
    const Site &S = Sites[I];
    if (S.Param || S.Attached || !isLive(St.H[I]))
      continue;
    int H = St.someHolderOf(I);
    std::string Name = H >= 0 ? "'" + holderName(H) + "'" : "the handle";
    report(H >= 0 ? FindingKind::Leak : FindingKind::Discarded, I, S.Loc, St,
           "",
           {{At, Name + " leaks when the error raised here unwinds the stack"}},
           H);
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
    // A returned status (`return error == 0;`), or one stored through a
    // parameter (`*freeconn_p = freeconn;`), is a condition for the
    // caller, and tells a summary when a handle was handed out.
    for (const CFGElement &E : *B)
      if (auto CS = E.getAs<CFGStmt>()) {
        if (const auto *RS = dyn_cast<ReturnStmt>(CS->getStmt()))
          Collect(RS->getRetValue());
        if (const auto *BO = dyn_cast<BinaryOperator>(CS->getStmt());
            BO && BO->getOpcode() == BO_Assign &&
            derefParam(BO->getLHS(), false))
          Collect(BO->getRHS());
      }
  }
  // A flag set to a constant and tested once (`do { retry = false; ...
  // retry = true; } while (retry);`) decides its branch too.
  std::function<void(const Stmt *)> Assigned = [&](const Stmt *S) {
    if (!S)
      return;
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->getOpcode() == BO_Assign && BO->getRHS()->isEvaluatable(Ctx))
      if (const VarDecl *V = localVar(BO->getLHS()); V && Count.count(V))
        ++Count[V];
    for (const Stmt *C : S->children())
      Assigned(C);
  };
  Assigned(Body);
  for (auto &[V, N] : Count)
    if (N > 1 && WithFacts)
      FactVars.insert(V);

  for (const CFGBlock *B : *Cfg) {
    const Stmt *Loop = B->getTerminatorStmt();
    if (!isa_and_nonnull<ForStmt, WhileStmt, DoStmt>(Loop))
      continue;
    const auto *Cond = dyn_cast_or_null<Expr>(B->getTerminatorCondition());
    const auto *BO =
        dyn_cast_or_null<BinaryOperator>(Cond ? strip(Cond) : nullptr);
    Expr::EvalResult R;
    if (!BO || !(BO->isRelationalOp() || BO->isEqualityOp()) ||
        BO->getRHS()->isValueDependent() ||
        !BO->getRHS()->EvaluateAsInt(R, Ctx))
      continue;
    int64_t Bound = R.Val.getInt().getExtValue();
    if (const VarDecl *V = localVar(BO->getLHS());
        V && FactVars.count(V) && Bound > -MaxCounter && Bound < MaxCounter)
      SmallCounters.insert(V);
  }

  // One pass over the stores to locals: locals that hold what a parameter
  // points to (`tmp = *str`), or an element of an array (`cur = *p`), and
  // the constants counters start from.
  llvm::DenseMap<const VarDecl *, const Expr *> ElementLocals;
  auto Element = [](const Expr *E) -> const Expr * {
    E = strip(E);
    if (const auto *UO = dyn_cast<UnaryOperator>(E);
        UO && UO->getOpcode() == UO_Deref)
      return strip(UO->getSubExpr());
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
      return strip(AS->getBase());
    return nullptr;
  };
  llvm::DenseMap<const VarDecl *, int64_t> Start;
  llvm::DenseSet<const VarDecl *> NotCounter;
  forEachLocalStore(Body, [&](const VarDecl *V, const Expr *Init) {
    if (!isa<ParmVarDecl>(V))
      if (const ParmVarDecl *P = derefParam(Init))
        DerefOf[V] = P;
    if (const Expr *Array = Element(Init))
      ElementLocals[V] = Array;
    Expr::EvalResult R;
    if (!FactVars.count(V))
      return;
    if (Init->isValueDependent() || !Init->EvaluateAsInt(R, Ctx))
      NotCounter.insert(V);
    else if (auto [It, New] =
                 Start.try_emplace(V, R.Val.getInt().getExtValue());
             !New && It->second != R.Val.getInt().getExtValue())
      NotCounter.insert(V);
  });
  // Counters only ever set to one constant and incremented.
  llvm::DenseSet<const VarDecl *> Incremented;
  std::function<void(const Stmt *)> Counters = [&](const Stmt *S) {
    if (!S)
      return;
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->isCompoundAssignmentOp())
      if (const VarDecl *V = localVar(BO->getLHS()))
        NotCounter.insert(V);
    if (const auto *UO = dyn_cast<UnaryOperator>(S))
      if (const VarDecl *V = localVar(UO->getSubExpr())) {
        if (UO->isIncrementOp())
          Incremented.insert(V);
        else if (UO->isDecrementOp() || UO->getOpcode() == UO_AddrOf)
          NotCounter.insert(V);
      }
    for (const Stmt *C : S->children())
      Counters(C);
  };
  Counters(Body);
  for (auto &[V, C] : Start)
    if (Incremented.count(V) && !NotCounter.count(V) && !SmallCounters.count(V))
      CountsUpFrom[V] = C;

  auto ElementOf = [&](const Expr *Arg) -> const Expr * {
    if (const VarDecl *V = localVar(Arg))
      return ElementLocals.lookup(V);
    return Element(Arg);
  };

  // Owners whose transaction this function ends somewhere.
  std::function<void(const Stmt *)> Ends = [&](const Stmt *S) {
    if (!S)
      return;
    if (const auto *CE = dyn_cast<CallExpr>(S))
      for (const Effect &E : effects(CE)) {
        if (E.K == Effect::Release && A.resource(E.Res) &&
            A.resource(E.Res)->Transaction && E.Arg < CE->getNumArgs())
          TxEndOwners[exprKey(CE->getArg(E.Arg), Ctx)].push_back(CE);
        // `bson_free(*name)`, `free(v[i])`: the elements of an array of
        // pointers are released one by one here.
        if (E.K == Effect::Release && E.Arg < CE->getNumArgs())
          if (const Expr *Array = ElementOf(CE->getArg(E.Arg)))
            ElementsReleased.insert(
                Array->getType().getCanonicalType().getAsOpaquePtr());
        if (E.K == Effect::Sql && E.Arg < CE->getNumArgs() && E.SqlConn >= 0 &&
            unsigned(E.SqlConn) < CE->getNumArgs()) {
          if (const StringLiteral *SL = constantSql(CE->getArg(E.Arg));
              SL && classifySql(SL->getString()) == TxEffect::End)
            TxEndOwners[exprKey(CE->getArg(E.SqlConn), Ctx)].push_back(CE);
        }
      }
    for (const Stmt *C : S->children())
      Ends(C);
  };
  Ends(Body);
}

/// Can the transaction begun at site \p SiteId reach a COMMIT/ROLLBACK of
/// its owner at all? A dispatcher that begins in one case and commits in
/// another (a test runner's operations, `set autocommit on|off`) leaves
/// ending it to a later call; only a function whose own begin can flow into
/// its own end is judged for the paths that skip it.
bool Explorer::endReachable(unsigned SiteId) {
  auto [It, New] = EndReachable.try_emplace(SiteId, true);
  if (!New)
    return It->second;
  if (!StmtMap)
    StmtMap = std::make_unique<CFGStmtMap>(*Cfg, PM);
  const CFGBlock *From = StmtMap->getBlock(Sites[SiteId].Call);
  auto Ends = TxEndOwners.find(Sites[SiteId].Owner);
  if (!From || Ends == TxEndOwners.end())
    return It->second;
  llvm::SmallPtrSet<const CFGBlock *, 8> Targets;
  for (const CallExpr *CE : Ends->second)
    if (const CFGBlock *B = StmtMap->getBlock(CE))
      Targets.insert(B);
  llvm::SmallPtrSet<const CFGBlock *, 32> Seen{From};
  llvm::SmallVector<const CFGBlock *, 32> Work{From};
  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    if (Targets.count(B))
      return It->second = true;
    for (const CFGBlock::AdjacentBlock &Succ : B->succs())
      if (const CFGBlock *N = Succ.getReachableBlock();
          N && Seen.insert(N).second)
        Work.push_back(N);
  }
  return It->second = false;
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
  // Where locals die (return, break, continue, goto, end of a block): the
  // places a fix-it can release what they held.
  BO.AddLifetime = true;
  Cfg = CFG::buildCFG(FD, Body, &Ctx, BO);
  if (!Cfg)
    return;
  precompute();
  findEvidenceHolders();
  if (WithFacts)
    findRepeatedConditions();
  findLiveFacts();
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
      unsigned I = P->getFunctionScopeIndex();
      Nodes[0].S.H[Id] = I < 32 && (Args.Null & (1u << I)) ? Null : Live;
      Nodes[0].S.Bind.push_back({holder(P), unsigned(Id)});
    }
  ownedAtEntry(Nodes[0].S);
  for (auto [I, V] : Args.Values) {
    const VarDecl *P = FD->getParamDecl(I);
    FactVars.insert(P);
    Nodes[0].S.Facts.push_back({P, true, V});
  }

  // Every explored (block, state) as bytes; they live as long as the walk.
  llvm::StringSet<llvm::BumpPtrAllocator> Seen;
  llvm::SmallString<256> KeyBuf;
  auto New = [&](const State &S, const CFGBlock *B) {
    S.key(B->getBlockID(), KeyBuf);
    return Seen.insert(KeyBuf.str()).second;
  };
  std::deque<int> Work{0};
  New(Nodes[0].S, &Cfg->getEntry());
  unsigned Steps = 0;
  while (!Work.empty()) {
    if (++Steps > A.Opts.MaxSteps || TooManySites) {
      Res.Incomplete = true;
      break;
    }
    Cur = Work.front();
    Work.pop_front();
    const CFGBlock *B = Nodes[Cur].B;
    // A node's state is needed only until it is walked (witnesses read
    // the events and parents).
    State St = std::move(Nodes[Cur].S);
    PathEnds = false;
    for (auto It = B->begin(); It != B->end() && !PathEnds; ++It)
      if (auto CS = It->getAs<CFGStmt>())
        transfer(CS->getStmt(), St);
      else if (It->getAs<CFGLifetimeEnds>())
        It = localsDie(It, B->end(), St);
    if (PathEnds)
      continue;
    if (const Stmt *J = B->getTerminatorStmt();
        isa_and_nonnull<GotoStmt, BreakStmt, ContinueStmt>(J)) {
      if (Simulate)
        simulateRelease(J, St);
      jumpTaken(J, St);
    }
    if (B->hasNoReturnElement()) {
      // An error raised with longjmp unwinds to its handler, if this
      // function has one, or out of the function.
      const CallExpr *Raise = raiseAt(B);
      const CFGBlock *Handler = Raise ? handlerOf(Raise) : nullptr;
      if (Raise && !Handler)
        raised(Raise, St);
      if (Handler)
        dropDeadFacts(Handler, St);
      if (Handler && New(St, Handler)) {
        SourceLocation At =
            Ctx.getSourceManager().getExpansionLoc(Raise->getBeginLoc());
        Nodes.push_back({Handler,
                         std::move(St),
                         Cur,
                         {{At, "the error raised here is handled below"}}});
        Work.push_back(int(Nodes.size() - 1));
      }
      continue;
    }

    const Stmt *Term = B->getTerminatorStmt();
    const Expr *Cond = dyn_cast_or_null<Expr>(B->getTerminatorCondition());
    bool IsLoop = isa_and_nonnull<ForStmt>(Term) ||
                  isa_and_nonnull<WhileStmt>(Term) ||
                  isa_and_nonnull<DoStmt>(Term);
    bool IsSwitch = isa_and_nonnull<SwitchStmt>(Term);
    // `while (a && (r = f()))`: the block that branches on the whole
    // condition evaluated only its last operand; the others branched in
    // blocks of their own, so that operand decides.
    const Expr *Shown = Cond; // notes point at the whole condition
    while (Cond && !isa_and_nonnull<BinaryOperator>(Term) && !B->empty()) {
      const auto *L = dyn_cast<BinaryOperator>(Cond->IgnoreParens());
      auto Last = B->back().getAs<CFGStmt>();
      if (!L || !L->isLogicalOp() || !Last ||
          Last->getStmt() != L->getRHS()->IgnoreParens())
        break;
      Cond = L->getRHS();
    }
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
        // The block that tests the last operand of `a && b` decides the
        // whole condition too.
        if (!assume(Cond, Truth, NS) ||
            (Shown != Cond && !isa<BinaryOperator>(Term) &&
             !assumeRepeated(Shown, Truth, NS)))
          continue;
        refineStatus(Term, Cond, Truth, NS);
        if (NumReachable == 2 && !isa<BinaryOperator>(Term)) {
          Ev.Loc = Shown->getBeginLoc();
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
      if (NS.Lost && B->getLoopTarget())
        reportLost(NS);
      dropDeadFacts(Next, NS);
      if (!New(NS, Next))
        continue;
      Nodes.push_back({Next, std::move(NS), Cur, {}});
      if (!Ev.Msg.empty())
        Nodes.back().Events.push_back(std::move(Ev));
      Work.push_back(int(Nodes.size() - 1));
    }
  }
  if (!Simulate)
    buildFixes();
}

} // namespace dbleak
