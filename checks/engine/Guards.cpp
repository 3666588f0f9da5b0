//===--- Guards.cpp - RAII guards and what escapes them -------------------===//
//
// A guard releases a handle when it goes out of scope: a smart pointer with
// a release deleter, a class whose destructor releases a member, a class the
// catalog names, a C cleanup variable. A raw handle that outlives it is a
// dbleak-guard-escape finding.
//
//===----------------------------------------------------------------------===//

#include "engine/Internals.h"

using namespace clang;

namespace dbleak {
using namespace detail;

bool LifetimeAnalysis::Impl::cleanupReleases(const FunctionDecl *FD) {
  const FunctionDecl *Def = FD->getDefinition();
  if (!Def || !Def->hasBody() || Def->getNumParams() != 1)
    return true;
  const ParmVarDecl *P = Def->getParamDecl(0);
  return someCallEffect(Def->getBody(), [&](const Effect &E, const Expr *Arg) {
    if (E.K != Effect::Release)
      return false;
    Arg = strip(Arg);
    if (const auto *UO = dyn_cast<UnaryOperator>(Arg);
        UO && UO->getOpcode() == UO_Deref)
      Arg = strip(UO->getSubExpr());
    const auto *DRE = dyn_cast<DeclRefExpr>(Arg);
    return DRE && DRE->getDecl() == P;
  });
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

/// A handle member of `this` (`conn_`, `std::move(conn_)`).
static bool memberOfThis(const Expr *E) {
  E = strip(E);
  if (const auto *CE = dyn_cast<CallExpr>(E);
      CE && CE->getNumArgs() == 1 && CE->getDirectCallee() &&
      CE->getDirectCallee()->isInStdNamespace() &&
      CE->getDirectCallee()->getName() == "move")
    E = strip(CE->getArg(0));
  const auto *ME = dyn_cast<MemberExpr>(E);
  return ME && isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()) &&
         ME->getType()->isPointerType();
}

bool LifetimeAnalysis::Impl::givesBack(const FunctionDecl *F, int Param,
                                       unsigned Depth) {
  const FunctionDecl *Def = F ? F->getDefinition() : nullptr;
  if (!Def || !Def->hasBody() || Depth > 2)
    return false;
  auto Tracked = [&](const Expr *E) {
    if (Param < 0)
      return memberOfThis(E);
    E = strip(E);
    if (const auto *CE = dyn_cast<CallExpr>(E);
        CE && CE->getNumArgs() == 1 && CE->getDirectCallee() &&
        CE->getDirectCallee()->isInStdNamespace())
      E = strip(CE->getArg(0)); // std::move(c)
    const auto *DRE = dyn_cast<DeclRefExpr>(E);
    return DRE && DRE->getDecl() == Def->getParamDecl(Param);
  };
  bool Gives = false;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || Gives)
      return;
    if (const auto *CE = dyn_cast<CallExpr>(S)) {
      for (const Effect &E : effectsOf(CE))
        Gives |= E.K == Effect::Release && E.Arg < CE->getNumArgs() &&
                 Tracked(CE->getArg(E.Arg));
      const auto *MC = dyn_cast<CXXMemberCallExpr>(CE);
      llvm::StringRef Name = MC && MC->getMethodDecl()->getIdentifier()
                                 ? MC->getMethodDecl()->getName()
                                 : "";
      // Into a container: a pool's free list.
      if (llvm::is_contained({"push_back", "emplace_back", "push_front",
                              "emplace_front", "push", "emplace", "insert"},
                             Name))
        Gives |= llvm::any_of(CE->arguments(), Tracked);
      // Through a same-file function or method that does either.
      const FunctionDecl *Callee = CE->getDirectCallee();
      if (!isa<CXXOperatorCallExpr>(CE))
        for (unsigned I = 0; I < CE->getNumArgs() && !Gives; ++I)
          Gives = Tracked(CE->getArg(I)) && givesBack(Callee, I, Depth + 1);
      if (MC && Param < 0 &&
          isa<CXXThisExpr>(MC->getImplicitObjectArgument()->IgnoreImpCasts()))
        Gives = Gives || givesBack(Callee, -1, Depth + 1);
    }
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(Def->getBody());
  return Gives;
}

bool LifetimeAnalysis::Impl::releasesThis(const CXXRecordDecl *RD) {
  auto [It, New] = Guards.emplace(RD, false);
  if (!New)
    return It->second;
  // A destructor that releases a handle member, or gives it back to a pool
  // (`~PooledConn() { pool_.put_back(conn_); }`).
  bool Releases = givesBack(RD->getDestructor(), -1, 0);
  Guards[RD] = Releases;
  return Releases;
}

namespace {

bool isStdClass(const CXXRecordDecl *RD,
                std::initializer_list<llvm::StringRef> Names) {
  return RD && RD->isInStdNamespace() && RD->getIdentifier() &&
         llvm::is_contained(Names, RD->getName());
}

bool isSmartPointer(const CXXRecordDecl *RD) {
  return isStdClass(RD, {"unique_ptr", "shared_ptr"});
}

llvm::StringRef calleeName(const CallExpr *CE) {
  const FunctionDecl *F = CE->getDirectCallee();
  return F && F->getIdentifier() ? F->getName() : "";
}

bool isStdCall(const CallExpr *CE, llvm::StringRef Name) {
  const FunctionDecl *F = CE->getDirectCallee();
  return F && F->isInStdNamespace() && calleeName(CE) == Name;
}

std::string text(const Expr *E, const ASTContext &Ctx) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  PrintingPolicy PP(Ctx.getLangOpts());
  PP.SuppressImplicitBase = true; // `handlers_`, not `this->handlers_`
  E->IgnoreParenImpCasts()->printPretty(OS, nullptr, PP);
  return S;
}

/// The first template argument of a smart pointer or container type.
QualType firstTemplateArg(QualType T) {
  if (const auto *Spec = T->getAs<TemplateSpecializationType>();
      Spec && !Spec->template_arguments().empty() &&
      Spec->template_arguments()[0].getKind() == TemplateArgument::Type)
    return Spec->template_arguments()[0].getAsType();
  if (const auto *CTS = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          T->getAsCXXRecordDecl()))
    if (CTS->getTemplateArgs().size() &&
        CTS->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
      return CTS->getTemplateArgs()[0].getAsType();
  return QualType();
}

} // namespace

bool LifetimeAnalysis::Impl::isGuardType(QualType T) {
  T = T.getNonReferenceType();
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return false;
  if (isSmartPointer(RD)) {
    // Owning a guard object (`std::make_unique<pqxx::connection>(...)`).
    if (QualType Pointee = firstTemplateArg(T); !Pointee.isNull() &&
                                                Pointee->getAsCXXRecordDecl() &&
                                                isGuardType(Pointee))
      return true;
    if (RD->getName() != "unique_ptr")
      return false; // a shared_ptr's deleter is not part of its type
    // The deleter in the type: `decltype(&PQfinish)`, however aliased, or
    // a struct whose operator() releases.
    const auto *Spec = T->getAs<TemplateSpecializationType>();
    if (!Spec || Spec->template_arguments().size() < 2 ||
        Spec->template_arguments()[1].getKind() != TemplateArgument::Type)
      return false;
    QualType D = Spec->template_arguments()[1].getAsType();
    if (const auto *DT = D->getAs<DecltypeType>()) {
      const Expr *E = strip(DT->getUnderlyingExpr());
      if (const auto *UO = dyn_cast<UnaryOperator>(E);
          UO && UO->getOpcode() == UO_AddrOf)
        E = strip(UO->getSubExpr());
      const auto *DRE = dyn_cast<DeclRefExpr>(E);
      return DRE && releasesFirstParam(dyn_cast<FunctionDecl>(DRE->getDecl()));
    }
    if (const CXXRecordDecl *Del = D->getAsCXXRecordDecl();
        Del && Del->hasDefinition())
      for (const CXXMethodDecl *M : Del->getDefinition()->methods())
        if (M->getOverloadedOperator() == OO_Call && releasesFirstParam(M))
          return true;
    return false;
  }
  RD = RD->getDefinition();
  // Library guards named in the catalog, and classes derived from them.
  auto IsCatalogued = [&](const CXXRecordDecl *R) {
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(R))
      return Cat.isGuardType(
          Spec->getSpecializedTemplate()->getQualifiedNameAsString());
    return Cat.isGuardType(R->getQualifiedNameAsString());
  };
  return releasesThis(RD) || IsCatalogued(RD) ||
         !RD->forallBases(
             [&](const CXXRecordDecl *B) { return !IsCatalogued(B); });
}

bool LifetimeAnalysis::Impl::heapGuard(QualType T) {
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition() || isSmartPointer(RD))
    return false;
  if (auto It = HeapGuards.find(RD); It != HeapGuards.end())
    return It->second;
  bool G =
      isGuardType(T) ||
      llvm::any_of(RD->getDefinition()->fields(), [&](const FieldDecl *F) {
        return isGuardType(F->getType()) && !F->getType()->isReferenceType();
      });
  HeapGuards[RD] = G;
  return G;
}

const LifetimeAnalysis::Impl::PoolRole *
LifetimeAnalysis::Impl::poolRole(const FunctionDecl *F) {
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(F);
  if (!M || M->isStatic() || M->getParent()->isLambda() ||
      Ctx.getSourceManager().isInSystemHeader(M->getLocation()))
    return nullptr;
  const CXXRecordDecl *RD = M->getParent()->getDefinition();
  if (!RD)
    return nullptr;
  auto [It, New] = PoolRoles.try_emplace(RD);
  if (New) {
    // The member container a method pops from or pushes its parameter
    // into: `this->idle_` by its field.
    auto ThisField = [](const Expr *E) -> const FieldDecl * {
      const auto *ME = dyn_cast<MemberExpr>(strip(E));
      return ME && isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts())
                 ? dyn_cast<FieldDecl>(ME->getMemberDecl())
                 : nullptr;
    };
    // Of database handles: a catalogued type (`PGconn *`) or an object
    // owning one. A queue of tasks or buffers popped by one method and
    // pushed by another is no pool of connections.
    PrintingPolicy PP(Ctx.getLangOpts());
    auto Elem = [&](const FieldDecl *F) {
      QualType T = firstTemplateArg(F->getType());
      if (T.isNull() || !T->isPointerType())
        return QualType();
      QualType P = T->getPointeeType();
      std::string Name = P.getUnqualifiedType().getAsString(PP);
      bool Handle =
          heapGuard(P) || llvm::any_of(Cat.resources(), [&](const Resource &R) {
            return R.Type == Name;
          });
      return Handle ? T.getCanonicalType() : QualType();
    };
    std::map<const FieldDecl *, std::vector<const FunctionDecl *>> Out;
    std::map<const FieldDecl *,
             std::vector<std::pair<const FunctionDecl *, unsigned>>>
        Back;
    for (const CXXMethodDecl *Decl : RD->methods()) {
      const FunctionDecl *Def = Decl->getDefinition();
      if (!Def || !Def->hasBody() || Decl->isStatic() ||
          isa<CXXConstructorDecl, CXXDestructorDecl>(Decl))
        continue;
      QualType Ret = Def->getReturnType().getCanonicalType();
      std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
        if (!S || isa<LambdaExpr>(S))
          return;
        if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S))
          if (const FieldDecl *F = ThisField(MC->getImplicitObjectArgument())) {
            QualType E = Elem(F);
            llvm::StringRef Name = calleeName(MC);
            if (!E.isNull() && E == Ret &&
                llvm::is_contained({"pop_back", "pop_front", "pop"}, Name))
              Out[F].push_back(Def);
            if (!E.isNull() && isInsertion(Name))
              for (const Expr *Arg : MC->arguments()) {
                const Expr *A = strip(Arg);
                if (const auto *CE = dyn_cast<CallExpr>(A);
                    CE && CE->getNumArgs() == 1 && isStdCall(CE, "move"))
                  A = strip(CE->getArg(0));
                const auto *DRE = dyn_cast<DeclRefExpr>(A);
                const auto *P =
                    DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
                if (P && P->getDeclContext() == Def &&
                    P->getType().getCanonicalType() == E)
                  Back[F].push_back({Def, P->getFunctionScopeIndex()});
              }
          }
        for (const Stmt *C : S->children())
          Walk(C);
      };
      Walk(Def->getBody());
    }
    for (auto &[F, Outs] : Out) {
      auto B = Back.find(F);
      if (B == Back.end())
        continue;
      std::string Kind = "pool " + RD->getQualifiedNameAsString() +
                         "::" + F->getNameAsString();
      PoolKinds[Kind] = {firstTemplateArg(F->getType())
                             ->getPointeeType()
                             .getUnqualifiedType()
                             .getAsString(PP),
                         catalogName(B->second.front().first)};
      for (const FunctionDecl *H : Outs)
        It->second[H->getCanonicalDecl()] = {Kind, -1};
      for (auto [G, I] : B->second)
        It->second[G->getCanonicalDecl()] = {Kind, int(I)};
    }
  }
  auto Role = It->second.find(M->getCanonicalDecl());
  return Role == It->second.end() ? nullptr : &Role->second;
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
    G = isGuardType(V->getType());
    // A smart pointer built with a release deleter.
    const Expr *Init = V->getInit() ? V->getInit()->IgnoreImplicit() : nullptr;
    if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(Init);
        !G && isSmartPointer(RD) && CE && CE->getNumArgs() >= 2) {
      const Expr *D = strip(CE->getArg(1));
      if (const auto *UO = dyn_cast<UnaryOperator>(D);
          UO && UO->getOpcode() == UO_AddrOf)
        D = strip(UO->getSubExpr());
      if (const auto *DRE = dyn_cast<DeclRefExpr>(D))
        G = releasesFirstParam(dyn_cast<FunctionDecl>(DRE->getDecl()));
    }
  }
  Guards[V] = G;
  return G;
}

/// A guard of this function's own scope: not a parameter, a reference or
/// a static.
static bool scopedGuard(LifetimeAnalysis::Impl &A, const ValueDecl *D) {
  const auto *V = dyn_cast_or_null<VarDecl>(D);
  return V && V->hasLocalStorage() && !isa<ParmVarDecl>(V) &&
         !V->getType()->isReferenceType() && A.isGuard(V);
}

const VarDecl *Explorer::guardOf(const Expr *E) {
  E = strip(E);
  const VarDecl *V = nullptr;
  // What a guard hands out: a pointer to a struct, or a reference to an
  // object (`session &lease::get()`); not its strings and counters.
  auto HandleType = [&](QualType T, bool GLValue) {
    if (GLValue)
      return A.isGuardType(T);
    if (!T->isPointerType())
      return false;
    T = T->getPointeeType();
    const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
    return T->isVoidType() ||
           (T->isRecordType() && !(RD && RD->isInStdNamespace()));
  };
  if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(E)) {
    // unique_ptr::release() hands ownership over; get(), accessors and
    // conversions do not.
    const CXXMethodDecl *M = MC->getMethodDecl();
    bool Named = M && (M->getIdentifier() || isa<CXXConversionDecl>(M));
    if (Named && !(M->getIdentifier() && M->getName() == "release") &&
        HandleType(MC->getType(), MC->isGLValue()))
      V = localVar(MC->getImplicitObjectArgument());
  } else if (const auto *ME = dyn_cast_or_null<MemberExpr>(E)) {
    if (!ME->isArrow() && ME->getType()->isPointerType())
      V = localVar(ME->getBase());
  } else if (const VarDecl *D = localVar(E); D && D->hasAttr<CleanupAttr>()) {
    V = D;
  }
  return V && scopedGuard(A, V) ? V : nullptr;
}

const VarDecl *Explorer::guardBehind(const Expr *E) {
  if (const VarDecl *G = guardOf(E))
    return G;
  E = strip(E);
  // `&conn`, `&*conn`, `*conn`: the guard itself or what it points to.
  while (const auto *UO = dyn_cast_or_null<UnaryOperator>(E)) {
    if (UO->getOpcode() != UO_AddrOf && UO->getOpcode() != UO_Deref)
      break;
    E = strip(UO->getSubExpr());
    if (const VarDecl *V = localVar(E); V && scopedGuard(A, V))
      return V;
  }
  if (const auto *OC = dyn_cast_or_null<CXXOperatorCallExpr>(E);
      OC && OC->getOperator() == OO_Star && OC->getNumArgs() == 1)
    if (const VarDecl *V = localVar(OC->getArg(0)); V && scopedGuard(A, V))
      return V;
  const VarDecl *V = localVar(E);
  return V ? derivedGuard(V) : nullptr;
}

const VarDecl *Explorer::derivedGuard(const VarDecl *V) {
  if (!DerivedDone) {
    // Locals that only ever hold what one guard hands out.
    DerivedDone = true;
    llvm::DenseSet<const VarDecl *> Mixed;
    forEachLocalStore(Body, [&](const VarDecl *L, const Expr *RHS) {
      QualType T = L->getType();
      if (!T->isPointerType() && !T->isReferenceType())
        return;
      const VarDecl *G = guardOf(RHS);
      if (!G && T->isReferenceType()) {
        const Expr *R = strip(RHS);
        if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(R);
            OC && OC->getOperator() == OO_Star && OC->getNumArgs() == 1)
          R = OC->getArg(0);
        if (const VarDecl *RV = localVar(R); RV && scopedGuard(A, RV))
          G = RV;
      }
      auto [It, New] = DerivedFrom.try_emplace(L, G);
      if (!G || It->second != G)
        Mixed.insert(L);
    });
    for (const VarDecl *L : Mixed)
      DerivedFrom.erase(L);
  }
  return DerivedFrom.lookup(V);
}

const VarDecl *Explorer::rootLocal(const Expr *E) {
  while (E) {
    E = strip(E);
    if (const auto *ME = dyn_cast<MemberExpr>(E); ME && !ME->isArrow())
      E = ME->getBase();
    else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E);
             AS &&
             AS->getBase()->IgnoreParenImpCasts()->getType()->isArrayType())
      E = AS->getBase();
    else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E);
             OC && OC->getOperator() == OO_Subscript)
      E = OC->getArg(0);
    else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E);
             MC && (calleeName(MC) == "at" || calleeName(MC) == "back" ||
                    calleeName(MC) == "front"))
      E = MC->getImplicitObjectArgument();
    else
      break;
  }
  const VarDecl *V = localVar(E);
  return V && !V->getType()->isReferenceType() ? V : nullptr;
}

std::string Explorer::scopeEnd(const VarDecl *V, SourceLocation &End) {
  const Stmt *Decl = nullptr;
  std::function<void(const Stmt *)> Find = [&](const Stmt *S) {
    if (!S || Decl)
      return;
    if (const auto *DS = dyn_cast<DeclStmt>(S);
        DS && llvm::is_contained(DS->decls(), V))
      Decl = DS;
    for (const Stmt *C : S->children())
      Find(C);
  };
  Find(Body);
  std::string Fn =
      isa<CXXMethodDecl>(FD) && cast<CXXMethodDecl>(FD)->getParent()->isLambda()
          ? "the lambda"
          : "'" + FD->getNameAsString() + "'";
  const Stmt *P = Decl ? PM.getParent(Decl) : nullptr;
  if (const auto *CS = dyn_cast_or_null<CompoundStmt>(P)) {
    End = CS->getRBracLoc();
    return CS == Body ? "at the end of " + Fn
                      : "at the end of its block in " + Fn;
  }
  if (const auto *CS = dyn_cast<CompoundStmt>(Body))
    End = CS->getRBracLoc();
  return "at the end of its statement in " + Fn;
}

bool Explorer::joinedOnEveryPath(const VarDecl *V, const Stmt *From) {
  if (!StmtMap)
    StmtMap = std::make_unique<CFGStmtMap>(*Cfg, PM);
  auto JoinOf = [&](const Stmt *S, llvm::StringRef Name) {
    const auto *MC = dyn_cast<CXXMemberCallExpr>(S);
    return MC && calleeName(MC) == Name &&
           localVar(MC->getImplicitObjectArgument()) == V;
  };
  bool AnyJoin = false;
  for (const CFGBlock *B : *Cfg)
    for (const CFGElement &E : *B)
      if (auto CS = E.getAs<CFGStmt>())
        AnyJoin |= JoinOf(CS->getStmt(), "join");
  if (!AnyJoin)
    return false;
  // `if (t.joinable()) t.join();` joins: the thread is joinable.
  auto Joins = [&](const CFGBlock *B) {
    for (const CFGElement &E : *B)
      if (auto CS = E.getAs<CFGStmt>())
        if (JoinOf(CS->getStmt(), "join") || JoinOf(CS->getStmt(), "joinable"))
          return true;
    return false;
  };
  const CFGBlock *Start = StmtMap->getBlock(From);
  if (!Start)
    return true; // not in the CFG: say nothing
  if (Joins(Start))
    return true;
  llvm::SmallPtrSet<const CFGBlock *, 32> Seen{Start};
  llvm::SmallVector<const CFGBlock *, 32> Work{Start};
  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    for (const CFGBlock::AdjacentBlock &Succ : B->succs()) {
      const CFGBlock *N = Succ.getReachableBlock();
      if (!N || !Seen.insert(N).second || Joins(N))
        continue;
      if (N == &Cfg->getExit())
        return false;
      Work.push_back(N);
    }
  }
  return true;
}

std::optional<Explorer::Outliver>
Explorer::followVar(const VarDecl *V, Carrier C, unsigned Depth) {
  if (Depth > 4)
    return std::nullopt;
  std::optional<Outliver> Found;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || Found)
      return;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S); DRE && DRE->getDecl() == V)
      Found = outlives(DRE, C, Depth + 1);
    for (const Stmt *Ch : S->children())
      Walk(Ch);
  };
  Walk(Body);
  return Found;
}

std::optional<Explorer::Outliver>
Explorer::threadVar(const VarDecl *V, const Stmt *Start, unsigned Depth) {
  if (auto O = followVar(V, Carrier::Thread, Depth))
    return O;
  // A std::jthread joins itself; a std::thread must be joined.
  if (isStdClass(V->getType()->getAsCXXRecordDecl(), {"thread"}) &&
      !joinedOnEveryPath(V, Start))
    return Outliver{"a thread that is not joined on every path",
                    "'" + V->getName().str() +
                        "' is not joined on some path "
                        "out of this scope",
                    V->getLocation()};
  return std::nullopt;
}

std::optional<Explorer::Outliver> Explorer::storedBy(const CallExpr *CE,
                                                     const Stmt *Arg, Carrier C,
                                                     unsigned Depth) {
  llvm::StringRef Name = calleeName(CE);
  if (C == Carrier::Callable && isStdCall(CE, "async"))
    return outlives(CE, Carrier::Future, Depth);
  if (C == Carrier::Callable && !Name.empty() && A.TaskRx.match(Name))
    return Outliver{"a task handed to '" + Name.str() + "'",
                    "'" + Name.str() + "' may run it after this scope ends",
                    CE->getBeginLoc()};
  const auto *MC = dyn_cast<CXXMemberCallExpr>(CE);
  if (!MC || !isInsertion(Name) || MC->getImplicitObjectArgument() == Arg)
    return std::nullopt;
  const Expr *Obj = MC->getImplicitObjectArgument();
  const VarDecl *Root = rootLocal(Obj);
  QualType Elem = firstTemplateArg(Obj->getType().getNonReferenceType());
  bool Threads =
      !Elem.isNull() && isStdClass(Elem->getAsCXXRecordDecl(), {"thread"});
  static const char *Noun[] = {"a callback", "a thread",
                               "a std::async task "
                               "whose future is"};
  if (!Root)
    return Outliver{std::string(Noun[unsigned(Threads ? Carrier::Thread : C)]) +
                        " stored in '" + text(Obj, Ctx) + "'",
                    "stored here", CE->getBeginLoc()};
  if (!Threads)
    return std::nullopt;
  // A local container of threads: joined if some loop or subscript joins
  // its elements.
  bool Joined = false;
  llvm::SmallPtrSet<const VarDecl *, 2> Elements;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || Joined)
      return;
    if (const auto *For = dyn_cast<CXXForRangeStmt>(S);
        For && rootLocal(For->getRangeInit()) == Root)
      Elements.insert(For->getLoopVariable());
    if (const auto *J = dyn_cast<CXXMemberCallExpr>(S);
        J && calleeName(J) == "join") {
      const Expr *O = J->getImplicitObjectArgument();
      const VarDecl *R = rootLocal(O);
      // The loop variable is usually a reference (`for (auto &t : ts)`).
      const auto *DRE = dyn_cast<DeclRefExpr>(strip(O));
      const auto *L = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      Joined = R == Root || (L && Elements.count(L));
    }
    for (const Stmt *Ch : S->children())
      Walk(Ch);
  };
  Walk(Body);
  if (Joined)
    return std::nullopt;
  return Outliver{"a thread in '" + Root->getName().str() +
                      "' that is never joined",
                  "the thread starts here", CE->getBeginLoc()};
}

std::optional<Explorer::Outliver> Explorer::outlives(const Stmt *S, Carrier C,
                                                     unsigned Depth) {
  if (Depth > 8)
    return std::nullopt;
  std::string Fn = "'" + FD->getNameAsString() + "'";
  for (const Stmt *P = PM.getParent(S); P; S = P, P = PM.getParent(P)) {
    if (isa<CastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
            ExprWithCleanups, ParenExpr, InitListExpr>(P))
      continue;
    if (const auto *CE = dyn_cast<CallExpr>(P);
        CE && (isStdCall(CE, "move") || isStdCall(CE, "forward")))
      continue;
    if (const auto *CE = dyn_cast<CXXConstructExpr>(P)) {
      if (C == Carrier::Callable && CE->getNumArgs() && CE->getArg(0) == S &&
          isStdClass(CE->getConstructor()->getParent(), {"thread", "jthread"}))
        C = Carrier::Thread;
      continue; // std::function and other wrappers hold it
    }
    if (isa<LambdaExpr>(P))
      continue; // captured by another lambda: goes where that one goes
    if (isa<ReturnStmt>(P)) {
      static const char *Noun[] = {"a lambda", "a thread",
                                   "a std::async task whose future is"};
      return Outliver{std::string(Noun[unsigned(C)]) + " returned from " + Fn,
                      "returned here", P->getBeginLoc()};
    }
    if (const auto *DS = dyn_cast<DeclStmt>(P)) {
      for (const Decl *D : DS->decls()) {
        const auto *V = dyn_cast<VarDecl>(D);
        if (!V || V->getInit() != S)
          continue;
        if (!V->hasLocalStorage())
          return Outliver{
              std::string(C == Carrier::Thread ? "a thread" : "a callback") +
                  " stored in '" + V->getName().str() + "'",
              "stored here", P->getBeginLoc()};
        if (V->getType()->isReferenceType())
          return std::nullopt;
        return C == Carrier::Thread ? threadVar(V, DS, Depth)
                                    : followVar(V, C, Depth);
      }
      return std::nullopt;
    }
    const Expr *LHS = nullptr;
    if (const auto *BO = dyn_cast<BinaryOperator>(P);
        BO && BO->getOpcode() == BO_Assign && BO->getRHS() == S)
      LHS = BO->getLHS();
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P);
        OC && OC->getOperator() == OO_Equal && OC->getNumArgs() == 2 &&
        OC->getArg(1) == S)
      LHS = OC->getArg(0);
    if (LHS) {
      if (const VarDecl *V = localVar(LHS);
          V && !V->getType()->isReferenceType())
        return C == Carrier::Thread ? threadVar(V, P, Depth)
                                    : followVar(V, C, Depth);
      if (rootLocal(LHS))
        return std::nullopt;
      static const char *Noun[] = {"a callback", "a thread",
                                   "a std::async task whose future is"};
      return Outliver{std::string(Noun[unsigned(C)]) + " stored in '" +
                          text(LHS, Ctx) + "'",
                      "stored here", P->getBeginLoc()};
    }
    if (const auto *ME = dyn_cast<MemberExpr>(P)) {
      if (C == Carrier::Thread && ME->getMemberDecl()->getIdentifier() &&
          ME->getMemberDecl()->getName() == "detach")
        return Outliver{"a detached thread", "the thread is detached here",
                        ME->getMemberLoc()};
      return std::nullopt;
    }
    if (const auto *CE = dyn_cast<CallExpr>(P))
      return storedBy(CE, S, C, Depth);
    return std::nullopt;
  }
  return std::nullopt;
}

void Explorer::guardEscape(const ValueDecl *V, SourceLocation At,
                           std::string How, std::vector<FixItHint> Fixes,
                           const Stmt *EndsAt) {
  Finding F;
  F.Kind = FindingKind::GuardEscape;
  F.Handle = V->getName().str();
  F.At = At;
  F.AcquiredAt = V->getLocation();
  F.Fixes = std::move(Fixes);
  QualType T = V->getType().getNonReferenceType();
  QualType Owned = isSmartPointer(T->getAsCXXRecordDecl()) ? firstTemplateArg(T)
                                                           : QualType();
  PrintingPolicy PP(Ctx.getLangOpts());
  if (!Owned.isNull())
    F.Type = Owned.getAsString(PP);
  else if (T->isPointerType())
    F.Type = T->getPointeeType().getUnqualifiedType().getAsString(PP);
  else
    F.Type = T.getUnqualifiedType().getAsString(PP);
  if (isa<FieldDecl>(V)) {
    std::string Fn = "'" + FD->getNameAsString() + "'";
    // A member: destroyed with the object (in a destructor), or replaced
    // by a reset in this function (\p EndsAt).
    F.Notes.push_back({V->getLocation(), "'" + F.Handle +
                                             "' releases the handle when it "
                                             "is destroyed or reset"});
    if (EndsAt) {
      F.Other = How + " '" + F.Handle + "' is reset in " + Fn;
      F.Notes.push_back(
          {EndsAt->getBeginLoc(), "'" + F.Handle + "' is reset here"});
    } else {
      F.Other = How + " '" + F.Handle +
                "' is destroyed with the object at "
                "the end of " +
                Fn;
      F.Notes.push_back({Body->getEndLoc(), "'" + F.Handle +
                                                "' is destroyed after the "
                                                "destructor's body"});
    }
    Result->Findings.push_back(std::move(F));
    return;
  }
  SourceLocation End;
  std::string Scope = scopeEnd(cast<VarDecl>(V), End);
  F.Other = How + " '" + F.Handle + "' is destroyed " + Scope;
  F.Notes.push_back({V->getLocation(), "'" + F.Handle +
                                           "' releases the handle when it "
                                           "goes out of scope"});
  if (End.isValid())
    F.Notes.push_back({End, "'" + F.Handle + "' is destroyed here"});
  Result->Findings.push_back(std::move(F));
}

std::vector<FixItHint> Explorer::captureFix(const LambdaExpr *LE,
                                            const LambdaCapture &C,
                                            const VarDecl *G, Carrier Target) {
  const CXXRecordDecl *RD = G->getType()->getAsCXXRecordDecl();
  bool Unique = isStdClass(RD, {"unique_ptr"});
  bool Shared = isStdClass(RD, {"shared_ptr"});
  // Moving a unique_ptr in makes the lambda move-only: fine for a thread
  // or std::async, not for std::function or an unknown executor.
  if (!C.isExplicit() || C.getCapturedVar() != G || (!Unique && !Shared) ||
      (Unique && Target == Carrier::Callable))
    return {};
  const SourceManager &SM = Ctx.getSourceManager();
  bool Certain = true;
  // The lambda's copy is const: only const members may be used on it, and
  // the function must not use the guard after handing it over.
  std::function<void(const Stmt *, bool)> Walk = [&](const Stmt *S,
                                                     bool Inside) {
    if (!S || !Certain)
      return;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S);
        DRE && DRE->getDecl() == G) {
      if (!Inside) {
        Certain =
            SM.isBeforeInTranslationUnit(DRE->getLocation(), LE->getBeginLoc());
      } else {
        const Stmt *P = PM.getParent(DRE);
        while (P && isa<ImplicitCastExpr>(P))
          P = PM.getParent(P);
        if (P == LE)
          return; // the capture itself
        const CXXMethodDecl *M = nullptr;
        if (const auto *ME = dyn_cast_or_null<MemberExpr>(P))
          M = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
        else if (const auto *OC = dyn_cast_or_null<CXXOperatorCallExpr>(P))
          M = dyn_cast_or_null<CXXMethodDecl>(OC->getDirectCallee());
        Certain = M && M->isConst();
      }
    }
    for (const Stmt *Ch : S->children())
      Walk(Ch, Inside || S == LE);
  };
  Walk(Body, false);
  SourceLocation NameLoc = C.getLocation();
  if (!Certain || NameLoc.isMacroID())
    return {};
  // The `&` before the name is not in the AST.
  const char *Name = SM.getCharacterData(NameLoc);
  int Back = 1;
  while (Back < 16 && (Name[-Back] == ' ' || Name[-Back] == '\t'))
    ++Back;
  if (Name[-Back] != '&')
    return {};
  std::string N = G->getName().str();
  CharSourceRange Range = CharSourceRange::getCharRange(
      NameLoc.getLocWithOffset(-Back), NameLoc.getLocWithOffset(N.size()));
  return {FixItHint::CreateReplacement(
      Range, Unique ? N + " = std::move(" + N + ")" : N)};
}

void Explorer::captureEscapes(const LambdaExpr *LE) {
  std::optional<std::optional<Outliver>> Runs; // computed on first need
  std::vector<const VarDecl *> Done;
  for (const LambdaCapture &C : LE->captures()) {
    if (!C.capturesVariable())
      continue;
    const auto *V = dyn_cast<VarDecl>(C.getCapturedVar());
    if (!V)
      continue;
    const VarDecl *G = nullptr;
    const char *How = "by reference";
    if (V->isInitCapture()) {
      // `[p = conn.get()]`, `[&c = conn]`; `[c = std::move(conn)]` owns it.
      if (V->getInit() && (G = guardBehind(V->getInit())))
        How = V->getType()->isReferenceType() ? "by reference"
                                              : "as a raw handle";
    } else if (C.getCaptureKind() == LCK_ByRef) {
      G = scopedGuard(A, V) ? V : derivedGuard(V);
    } else if (V->getType()->isPointerType()) {
      G = derivedGuard(V);
      How = "as a raw handle";
    }
    if (!G || llvm::is_contained(Done, G))
      continue;
    if (!Runs)
      Runs = outlives(LE, Carrier::Callable, 0);
    if (!*Runs)
      return;
    Done.push_back(G);
    const Outliver &O = **Runs;
    Carrier Target = O.What.find("thread") != std::string::npos ||
                             O.What.find("future") != std::string::npos
                         ? Carrier::Thread
                         : Carrier::Callable;
    guardEscape(G, LE->getBeginLoc(),
                std::string("is captured ") + How + " by " + O.What +
                    "; it may run after",
                captureFix(LE, C, G, Target));
    Result->Findings.back().Notes.insert(Result->Findings.back().Notes.begin(),
                                         {O.Loc, O.Note});
  }
  if (LE->getCaptureDefault() != LCD_None ||
      llvm::any_of(LE->captures(),
                   [](const LambdaCapture &C) { return C.capturesThis(); }))
    thisCaptureEscapes(LE);
}

/// `[this]` (or `[=]`, `[&]`) using a guard member: the member dies with
/// the object at the end of its destructor, or is replaced by a reset later
/// in the same method, while the task may still run.
void Explorer::thisCaptureEscapes(const LambdaExpr *LE) {
  const auto *M = dyn_cast<CXXMethodDecl>(FD);
  if (!M || M->isStatic() || !LE->getLambdaClass()->getLambdaCallOperator())
    return;
  llvm::SmallVector<const FieldDecl *, 2> Used;
  std::function<void(const Stmt *)> Members = [&](const Stmt *S) {
    if (!S)
      return;
    if (const auto *ME = dyn_cast<MemberExpr>(S))
      if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
          F && isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()) &&
          F->getParent() == M->getParent() && !llvm::is_contained(Used, F) &&
          !F->getType()->isReferenceType() &&
          (A.isGuardType(F->getType()) ||
           (F->getType()->isPointerType() &&
            A.heapGuard(F->getType()->getPointeeType()))))
        Used.push_back(F);
    for (const Stmt *C : S->children())
      Members(C);
  };
  Members(LE->getBody());
  if (Used.empty())
    return;
  // Where each member ends while the task may run: the end of the
  // destructor, or a reset after the task started.
  const SourceManager &SM = Ctx.getSourceManager();
  auto ResetOf = [&](const FieldDecl *F) -> const Stmt * {
    const Stmt *Found = nullptr;
    auto IsF = [&](const Expr *E) {
      const auto *ME = dyn_cast<MemberExpr>(strip(E));
      return ME && ME->getMemberDecl() == F &&
             isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts());
    };
    // Only a reset that leaves nothing there: a task that reads the member
    // when it runs and finds a new connection (`db_.reset(new ...)`, a
    // reconnect, often under the task's own lock) is not certainly wrong.
    auto Null = [&](const Expr *E) {
      return E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull);
    };
    bool Reassigned = false;
    std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
      if (!S || isa<LambdaExpr>(S))
        return;
      if (SM.isBeforeInTranslationUnit(LE->getEndLoc(), S->getBeginLoc())) {
        if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S);
            MC && calleeName(MC) == "reset" &&
            IsF(MC->getImplicitObjectArgument()) &&
            (MC->getNumArgs() == 0 || isa<CXXDefaultArgExpr>(MC->getArg(0)) ||
             Null(MC->getArg(0))) &&
            !Found)
          Found = S;
        if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S);
            OC && OC->getOperator() == OO_Equal && IsF(OC->getArg(0))) {
          if (!Null(OC->getArg(1)))
            Reassigned = true;
          else if (!Found)
            Found = S;
        }
        if (const auto *DE = dyn_cast<CXXDeleteExpr>(S);
            DE && IsF(DE->getArgument()) && !Found)
          Found = S;
        if (const auto *BO = dyn_cast<BinaryOperator>(S);
            BO && BO->getOpcode() == BO_Assign && IsF(BO->getLHS()) &&
            !Null(BO->getRHS()))
          Reassigned = true;
      }
      for (const Stmt *C : S->children())
        Walk(C);
    };
    Walk(Body);
    return Reassigned ? nullptr : Found;
  };
  std::optional<Outliver> O;
  for (const FieldDecl *F : Used) {
    const Stmt *Reset = isa<CXXDestructorDecl>(M) ? nullptr : ResetOf(F);
    if (!isa<CXXDestructorDecl>(M) && !Reset)
      continue;
    if (!O && !(O = outlives(LE, Carrier::Callable, 0)))
      return;
    guardEscape(F, LE->getBeginLoc(),
                "is captured through 'this' by " + O->What +
                    "; it may run after",
                {}, Reset);
    Result->Findings.back().Notes.insert(Result->Findings.back().Notes.begin(),
                                         {O->Loc, O->Note});
  }
}

/// `std::thread(fn, conn.get())`, `std::thread(fn, std::ref(conn))`,
/// `std::async(std::launch::async, fn, raw)`: the arguments go with the
/// task, which outlives the scope like a lambda would.
void Explorer::taskArgEscapes(
    ArrayRef<const Expr *> Args,
    llvm::function_ref<std::optional<Outliver>()> Outlives) {
  std::optional<std::optional<Outliver>> Runs;
  std::vector<const VarDecl *> Done;
  for (const Expr *Arg : Args) {
    const Expr *E = strip(Arg);
    const VarDecl *G = nullptr;
    const char *How = "as a raw handle";
    if (const auto *CE = dyn_cast<CallExpr>(E);
        CE && CE->getNumArgs() == 1 &&
        (isStdCall(CE, "ref") || isStdCall(CE, "cref"))) {
      const Expr *Ref = strip(CE->getArg(0));
      if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Ref);
          OC && OC->getOperator() == OO_Star && OC->getNumArgs() == 1)
        Ref = strip(OC->getArg(0)); // std::ref(*conn)
      else if (const auto *UO = dyn_cast<UnaryOperator>(Ref);
               UO && UO->getOpcode() == UO_Deref)
        Ref = strip(UO->getSubExpr());
      if (const VarDecl *V = localVar(Ref); V && scopedGuard(A, V))
        G = V;
      else if (const auto *DRE = dyn_cast<DeclRefExpr>(Ref))
        if (const auto *RV = dyn_cast<VarDecl>(DRE->getDecl()))
          G = derivedGuard(RV);
      How = "by reference";
    } else if (E->getType()->isPointerType()) {
      G = guardBehind(E);
    }
    if (!G || llvm::is_contained(Done, G))
      continue;
    if (!Runs)
      Runs = Outlives();
    if (!*Runs)
      return;
    Done.push_back(G);
    guardEscape(G, Arg->getBeginLoc(),
                std::string("is passed ") + How + " to " + (*Runs)->What +
                    "; it may run after");
    Result->Findings.back().Notes.insert(Result->Findings.back().Notes.begin(),
                                         {(*Runs)->Loc, (*Runs)->Note});
  }
}

void LifetimeAnalysis::Impl::indexCalls() {
  CallsIndexed = true;
  const SourceManager &SM = Ctx.getSourceManager();
  std::function<void(const Stmt *, const FunctionDecl *)> Calls =
      [&](const Stmt *S, const FunctionDecl *Caller) {
        if (!S)
          return;
        if (const auto *CE = dyn_cast<CallExpr>(S))
          if (const FunctionDecl *Callee = CE->getDirectCallee())
            CallsTo[Callee->getCanonicalDecl()].push_back({CE, Caller});
        for (const Stmt *C : S->children())
          Calls(C, Caller);
      };
  std::function<void(const DeclContext *)> Visit = [&](const DeclContext *DC) {
    for (const Decl *D : DC->decls()) {
      if (SM.isInSystemHeader(D->getLocation()))
        continue;
      if (const auto *FD = dyn_cast<FunctionDecl>(D);
          FD && FD->doesThisDeclarationHaveABody() && !FD->isDependentContext())
        Calls(FD->getBody(), FD);
      if (const auto *Inner = dyn_cast<DeclContext>(D);
          Inner && isa<NamespaceDecl, LinkageSpecDecl, CXXRecordDecl>(D))
        Visit(Inner);
    }
  };
  Visit(Ctx.getTranslationUnitDecl());
}

void Explorer::chainNotes(const FunctionDecl *Callee,
                          std::vector<PathNote> &Notes, unsigned Depth) {
  if (!A.CallsIndexed)
    A.indexCalls();
  unsigned Shown = 0;
  for (auto &[CE, Caller] : A.CallsTo[Callee->getCanonicalDecl()]) {
    if (Depth > 3 || ++Shown > 4)
      return;
    std::string Name = "'" + Callee->getNameAsString() + "'";
    bool Returns = false;
    std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
      if (const auto *RS = dyn_cast_or_null<ReturnStmt>(S);
          RS && RS->getRetValue() && strip(RS->getRetValue()) == CE)
        Returns = true;
      if (S && !Returns)
        for (const Stmt *C : S->children())
          Walk(C);
    };
    Walk(Caller->getBody());
    Notes.push_back(
        {CE->getBeginLoc(),
         "'" + Caller->getNameAsString() + "' gets the dangling handle from " +
             Name + (Returns ? " and returns it to its callers" : " here")});
    if (Returns)
      chainNotes(Caller, Notes, Depth + 1);
  }
}

/// `emplace_back`/`emplace` on a container of threads: its arguments
/// construct a thread.
static bool threadContainer(const CXXMemberCallExpr *MC) {
  if (!llvm::is_contained({"emplace_back", "emplace"}, calleeName(MC)))
    return false;
  QualType Elem = firstTemplateArg(
      MC->getImplicitObjectArgument()->getType().getNonReferenceType());
  return !Elem.isNull() &&
         isStdClass(Elem->getAsCXXRecordDecl(), {"thread", "jthread"});
}

void Explorer::findGuardEscapes() {
  std::string Fn = "'" + FD->getNameAsString() + "'";
  // `current_ = &tx; ... current_ = nullptr;` publishes the handle only
  // while the guard lives: a later store of something else undoes it.
  std::vector<std::pair<std::string, const Stmt *>> Resets;
  std::function<void(const Stmt *)> Stores = [&](const Stmt *S) {
    if (const auto *BO = dyn_cast_or_null<BinaryOperator>(S);
        BO && BO->getOpcode() == BO_Assign && !guardBehind(BO->getRHS()))
      Resets.push_back({text(BO->getLHS(), Ctx), S});
    if (S && !isa<LambdaExpr>(S))
      for (const Stmt *C : S->children())
        Stores(C);
  };
  Stores(Body);
  const SourceManager &SM = Ctx.getSourceManager();
  auto undone = [&](const std::string &LHS, const Stmt *Store) {
    return llvm::any_of(Resets, [&](const auto &R) {
      return R.first == LHS &&
             SM.isBeforeInTranslationUnit(Store->getBeginLoc(),
                                          R.second->getBeginLoc());
    });
  };
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return;
    if (const auto *RS = dyn_cast<ReturnStmt>(S)) {
      const Expr *RV = RS->getRetValue();
      if (const VarDecl *V = RV && (strip(RV)->getType()->isPointerType() ||
                                    FD->getReturnType()->isReferenceType())
                                 ? guardBehind(RV)
                                 : nullptr) {
        // `return conn.get();` out of a std::unique_ptr: `release()` makes
        // it the transfer of ownership it reads as.
        std::vector<FixItHint> Fixes;
        if (const auto *MC = dyn_cast<CXXMemberCallExpr>(strip(RV));
            MC && calleeName(MC) == "get" &&
            isStdClass(V->getType()->getAsCXXRecordDecl(), {"unique_ptr"}) &&
            localVar(MC->getImplicitObjectArgument()) == V)
          if (const auto *ME = dyn_cast<MemberExpr>(MC->getCallee());
              ME && ME->getMemberLoc().isFileID())
            Fixes.push_back(FixItHint::CreateReplacement(
                CharSourceRange::getTokenRange(ME->getMemberLoc()), "release"));
        guardEscape(V, RV->getBeginLoc(), "is returned from " + Fn + ", but",
                    std::move(Fixes));
        // Where the dangling handle goes: same-file callers, and theirs
        // when they return it on.
        chainNotes(FD, Result->Findings.back().Notes, 0);
      }
    } else if (isa<BinaryOperator, CXXOperatorCallExpr>(S)) {
      const Expr *LHS = nullptr, *RHS = nullptr;
      if (const auto *BO = dyn_cast<BinaryOperator>(S);
          BO && BO->getOpcode() == BO_Assign)
        LHS = BO->getLHS(), RHS = BO->getRHS();
      if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S);
          OC && OC->getOperator() == OO_Equal && OC->getNumArgs() == 2)
        LHS = OC->getArg(0), RHS = OC->getArg(1);
      if (LHS && !localVar(LHS) && !rootLocal(LHS))
        if (const VarDecl *V = guardBehind(RHS);
            V && !undone(text(LHS, Ctx), S))
          guardEscape(V, RHS->getBeginLoc(),
                      "is stored in '" + text(LHS, Ctx) + "', but");
    } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S);
               MC && MC->getNumArgs() > 1 && threadContainer(MC)) {
      // `workers_.emplace_back(fn, std::ref(db))` starts a thread in place.
      taskArgEscapes(
          llvm::ArrayRef(MC->getArgs(), MC->getNumArgs()).drop_front(),
          [&] { return storedBy(MC, MC->getArg(0), Carrier::Callable, 0); });
    } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S);
               MC && isInsertion(calleeName(MC)) &&
               !rootLocal(MC->getImplicitObjectArgument())) {
      for (const Expr *Arg : MC->arguments())
        if (const VarDecl *V = guardBehind(Arg)) {
          guardEscape(V, Arg->getBeginLoc(),
                      "is stored in '" +
                          text(MC->getImplicitObjectArgument(), Ctx) +
                          "', but");
          break;
        }
    } else if (const auto *LE = dyn_cast<LambdaExpr>(S)) {
      captureEscapes(LE);
      return; // the lambda body is analyzed as a function of its own
    } else if (const auto *CCE = dyn_cast<CXXConstructExpr>(S);
               CCE && CCE->getNumArgs() > 1 &&
               isStdClass(CCE->getConstructor()->getParent(),
                          {"thread", "jthread"})) {
      taskArgEscapes(
          llvm::ArrayRef(CCE->getArgs(), CCE->getNumArgs()).drop_front(),
          [&] { return outlives(CCE, Carrier::Thread, 0); });
    } else if (const auto *CE = dyn_cast<CallExpr>(S);
               CE && isStdCall(CE, "async") && CE->getNumArgs() > 1) {
      // After the launch policy, if any, and the callable.
      unsigned First = 1;
      if (const auto *ET = CE->getArg(0)->getType()->getAs<EnumType>();
          ET && ET->getDecl()->getName() == "launch")
        First = 2;
      if (CE->getNumArgs() > First)
        taskArgEscapes(
            llvm::ArrayRef(CE->getArgs(), CE->getNumArgs()).drop_front(First),
            [&] { return outlives(CE, Carrier::Future, 0); });
    }
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(Body);
}

} // namespace dbleak
