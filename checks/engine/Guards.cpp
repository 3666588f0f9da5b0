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

} // namespace dbleak
