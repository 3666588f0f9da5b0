//===--- TypeChecks.cpp - Findings from declared types alone --------------===//
//
// Mismatched releases seen in the argument's declared type, smart pointers
// whose deleter releases another kind, and copyable classes that release a
// raw handle member in their destructor. None of these needs the CFG.
//
//===----------------------------------------------------------------------===//

#include "engine/TypeChecks.h"

using namespace clang;

namespace dbleak {
using namespace detail;

TypeChecks::TypeChecks(LifetimeAnalysis::Impl &A) : A(A) {
  for (const Resource &R : A.Cat.resources()) {
    if (R.Transaction || !R.Parent.empty() || R.Type.empty())
      continue;
    auto [It, New] = KindByType.try_emplace(R.Type, R.Kind);
    if (!New)
      It->second.clear();
  }
}

/// The names \p T is written with, outermost first: each typedef of its
/// sugar, then the record's name or the printed type.
static void forEachName(QualType T, llvm::function_ref<bool(StringRef)> Try) {
  QualType Cur = T;
  while (const auto *TT = Cur->getAs<TypedefType>()) {
    if (Try(TT->getDecl()->getName()))
      return;
    Cur = TT->desugar();
  }
  if (const RecordDecl *RD = Cur->getAsRecordDecl()) {
    if (RD->getIdentifier())
      Try(RD->getName());
    return;
  }
  PrintingPolicy Policy{LangOptions()};
  Policy.SuppressTagKeyword = true;
  Try(Cur.getUnqualifiedType().getAsString(Policy));
}

std::string TypeChecks::kindOf(QualType T) const {
  if (T.isNull())
    return "";
  std::optional<std::string> Found;
  auto Try = [&](StringRef Name) {
    auto It = KindByType.find(Name);
    if (It != KindByType.end())
      Found = It->second;
    return Found.has_value();
  };
  forEachName(T, Try);
  if (!Found)
    if (const auto *PT = T->getAs<PointerType>())
      forEachName(PT->getPointeeType(), Try);
  return Found.value_or("");
}

bool LifetimeAnalysis::Impl::pooled(StringRef Kind) const {
  const Resource *R = resource(Kind);
  if (!R)
    return false;
  for (const ApiEntry &E : Cat.lookup(R->Release))
    if (E.Release == Kind && E.Arg > 0 && E.When.empty())
      return true;
  return false;
}

/// The function \p Name as this translation unit declares it, if it does.
static const FunctionDecl *declared(ASTContext &Ctx, StringRef Name) {
  auto Id = Ctx.Idents.find(Name);
  if (Id == Ctx.Idents.end())
    return nullptr;
  for (const NamedDecl *D : Ctx.getTranslationUnitDecl()->lookup(Id->second))
    if (const auto *FD = dyn_cast<FunctionDecl>(D))
      return FD;
  return nullptr;
}

bool TypeChecks::implementsLibrary(StringRef Kind) {
  const Resource *R = A.resource(Kind);
  if (!R)
    return false;
  auto [It, New] = Implements.try_emplace(R->Library, false);
  if (!New)
    return It->second;
  for (const Resource &Other : A.Cat.resources())
    if (const FunctionDecl *FD = declared(A.Ctx, Other.Release);
        FD && Other.Library == R->Library && FD->isDefined())
      return It->second = true;
  return false;
}

bool TypeChecks::callerStorage(StringRef Kind) {
  auto [It, New] = CallerStorage.try_emplace(Kind, false);
  if (!New)
    return It->second;
  for (const auto &Fn : A.Cat.functions())
    for (const ApiEntry &E : Fn.second) {
      if (E.Acquire != Kind || E.Out >= 0)
        continue;
      const FunctionDecl *FD = declared(A.Ctx, Fn.first());
      for (const ArgEquals &W : E.When)
        if (!W.Function && W.Equals == 0 && FD && W.Arg < FD->getNumParams() &&
            kindOf(FD->getParamDecl(W.Arg)->getType()) == Kind)
          return It->second = true;
    }
  return false;
}

bool TypeChecks::releasesHandle(const ApiEntry &E) const {
  const Resource *R = E.Release.empty() ? nullptr : A.resource(E.Release);
  return R && R->Parent.empty() && !R->Transaction;
}

bool TypeChecks::destructorOf(StringRef Kind, const FunctionDecl *Release,
                              unsigned Arg) const {
  return Release && Arg < Release->getNumParams() &&
         kindOf(Release->getParamDecl(Arg)->getType()) == Kind;
}

std::vector<FixItHint>
LifetimeAnalysis::Impl::swapReleaseFix(const CallExpr *CE, unsigned Arg,
                                       StringRef Kind, std::string *Why) const {
  auto Refuse = [&](const char *Code) {
    if (Why)
      *Why = Code;
    return std::vector<FixItHint>();
  };
  // Swap the function name only when both take the handle alone.
  const Resource *R = resource(Kind);
  if (!R || R->Release.empty())
    return Refuse("no-release-function");
  if (CE->getNumArgs() != 1 || Arg != 0)
    return Refuse("wrong-release-takes-more-than-the-handle");
  if (!isa<DeclRefExpr, MemberExpr>(CE->getArg(0)->IgnoreParenImpCasts()))
    return Refuse("argument-not-a-variable");
  const auto *Callee =
      dyn_cast<DeclRefExpr>(CE->getCallee()->IgnoreParenImpCasts());
  // The right function must be declared here with one parameter: the
  // swapped call compiles.
  if (!Callee || Callee->getBeginLoc().isMacroID())
    return Refuse("macro");
  if (!oneParamFunction(Ctx, R->Release))
    return Refuse("release-not-declared-with-one-parameter");
  for (const ApiEntry &Right : Cat.lookup(R->Release))
    if (Right.Release == Kind && Right.Arg == 0 && Right.When.empty())
      return {
          FixItHint::CreateReplacement(Callee->getSourceRange(), R->Release)};
  return Refuse("release-takes-more-than-the-handle");
}

Finding TypeChecks::mismatch(StringRef Held, StringRef Handle, StringRef Fn,
                             SourceLocation At) const {
  const Resource *R = A.resource(Held);
  Finding F;
  F.Kind = FindingKind::Mismatched;
  F.Handle = Handle.str();
  F.Type = R->Type;
  F.Release = R->Release;
  F.Other = Fn.str();
  F.At = At;
  return F;
}

/// Locals the explorer follows itself: given a call's result or handed to
/// one by address (`SQLAllocHandle(..., &stmt)`). What it decided about
/// them (a struct allocated with calloc and freed with free) stands.
static llvm::SmallPtrSet<const VarDecl *, 8> acquiredLocals(const Stmt *Body) {
  llvm::SmallPtrSet<const VarDecl *, 8> Out;
  forEachLocalStore(Body, [&](const VarDecl *V, const Expr *Value) {
    if (isa<CallExpr, CXXNewExpr>(strip(Value)))
      Out.insert(V);
  });
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return;
    if (const auto *UO = dyn_cast<UnaryOperator>(S);
        UO && UO->getOpcode() == UO_AddrOf)
      if (const VarDecl *V = localVar(UO->getSubExpr()))
        Out.insert(V);
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(Body);
  return Out;
}

void TypeChecks::releaseMismatches(const FunctionDecl *FD,
                                   std::vector<Finding> &Out) {
  // The library's own implementation of its release functions.
  if (A.Cat.mentions(catalogName(FD)))
    return;
  std::optional<llvm::SmallPtrSet<const VarDecl *, 8>> Acquired;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return;
    for (const Stmt *C : S->children())
      Walk(C);
    const auto *CE = dyn_cast<CallExpr>(S);
    const FunctionDecl *Callee = CE ? CE->getDirectCallee() : nullptr;
    if (!Callee)
      return;
    for (const ApiEntry &E : A.Cat.lookup(catalogName(Callee))) {
      if (!releasesHandle(E) || E.Arg >= CE->getNumArgs() ||
          !A.entryApplies(E, CE))
        continue;
      const Expr *Arg = strip(CE->getArg(E.Arg));
      std::string Held = kindOf(Arg->getType());
      if (Held.empty() || Held == E.Release || A.sameRelease(Held, E.Release) ||
          destructorOf(Held, Callee, E.Arg) || implementsLibrary(Held) ||
          callerStorage(Held))
        continue;
      // A function named like a release function that frees its own
      // parameter implements that object's destructor
      // (`mongoc_stream_buffered_destroy(stream)`: `bson_free(stream)`).
      if (const auto *DRE = dyn_cast<DeclRefExpr>(Arg);
          DRE && isa<ParmVarDecl>(DRE->getDecl()) &&
          A.ReleaseRx.match(FD->getName()))
        continue;
      if (const VarDecl *V = localVar(Arg); V && !isa<ParmVarDecl>(V)) {
        if (!Acquired)
          Acquired = acquiredLocals(FD->getBody());
        if (Acquired->count(V))
          continue;
      }
      SourceLocation At = CE->getBeginLoc();
      if (llvm::any_of(Out, [&](const Finding &F) {
            return F.Kind == FindingKind::Mismatched && F.At == At;
          }))
        continue;
      Finding F = mismatch(Held, exprKey(Arg, A.Ctx), E.Name, At);
      if (const auto *DRE = dyn_cast<DeclRefExpr>(Arg))
        F.Notes.push_back({DRE->getDecl()->getLocation(),
                           "'" + F.Handle + "' is declared here"});
      else if (const auto *ME = dyn_cast<MemberExpr>(Arg))
        F.Notes.push_back({ME->getMemberDecl()->getLocation(),
                           "'" + ME->getMemberDecl()->getName().str() +
                               "' is declared here"});
      F.Fixes = A.swapReleaseFix(CE, E.Arg, Held, &F.NoFix);
      Out.push_back(std::move(F));
      break;
    }
  };
  Walk(FD->getBody());
}

std::optional<TypeChecks::Released>
TypeChecks::releasedBy(const FunctionDecl *F, unsigned Param) {
  if (!F)
    return std::nullopt;
  for (const ApiEntry &E : A.Cat.lookup(catalogName(F)))
    if (releasesHandle(E) && E.Arg == Param && E.When.empty())
      return Released{E.Release, E.Name, {}};
  if (const FunctionTemplateDecl *T = F->getPrimaryTemplate())
    F = T->getTemplatedDecl();
  const FunctionDecl *Def = F->getDefinition();
  if (!Def || !Def->hasBody() || Param >= Def->getNumParams())
    return std::nullopt;
  const ParmVarDecl *P = Def->getParamDecl(Param);
  std::optional<Released> Found;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || Found)
      return;
    if (const auto *CE = dyn_cast<CallExpr>(S);
        CE && CE->getDirectCallee() && !CE->isTypeDependent())
      for (const ApiEntry &E : A.Cat.lookup(catalogName(CE->getDirectCallee())))
        if (releasesHandle(E) && E.Arg < CE->getNumArgs() &&
            A.entryApplies(E, CE) && localVar(CE->getArg(E.Arg)) == P)
          Found = Released{E.Release, E.Name, CE->getBeginLoc()};
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(Def->getBody());
  return Found;
}

/// The function a deleter expression names: `PQfinish`, `&PQfinish`.
static const FunctionDecl *namedFunction(const Expr *E) {
  E = E ? strip(E) : nullptr;
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_AddrOf)
    E = strip(UO->getSubExpr());
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E);
  return DRE ? dyn_cast<FunctionDecl>(DRE->getDecl()) : nullptr;
}

std::optional<TypeChecks::Released>
TypeChecks::deleterReleases(QualType Deleter, const Expr *Init) {
  // `decltype(&PQfinish)`: the function is in the type.
  if (const auto *DT =
          Deleter.isNull() ? nullptr : Deleter->getAs<DecltypeType>())
    if (const FunctionDecl *F = namedFunction(DT->getUnderlyingExpr()))
      return releasedBy(F, 0);
  // A deleter struct or a lambda: what its call operator releases.
  const CXXRecordDecl *RD =
      Deleter.isNull() ? nullptr : Deleter->getAsCXXRecordDecl();
  if (!RD && Init)
    RD = strip(Init)->getType()->getAsCXXRecordDecl();
  if (RD && RD->hasDefinition()) {
    if (RD->isLambda())
      return releasedBy(RD->getLambdaCallOperator(), 0);
    for (const Decl *D : RD->decls()) {
      const auto *M = dyn_cast<CXXMethodDecl>(D);
      if (const auto *T = dyn_cast<FunctionTemplateDecl>(D))
        M = dyn_cast<CXXMethodDecl>(T->getTemplatedDecl());
      if (M && M->getOverloadedOperator() == OO_Call)
        if (auto R = releasedBy(M, 0))
          return R;
    }
    return std::nullopt;
  }
  // A function pointer type: the function the pointer is built with.
  return releasedBy(namedFunction(Init), 0);
}

void TypeChecks::smartPointerMismatch(const DeclaratorDecl *D,
                                      std::vector<Finding> &Out) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      D->getType()->getAsCXXRecordDecl());
  if (!Spec || !Spec->isInStdNamespace())
    return;
  bool Unique = Spec->getName() == "unique_ptr";
  if (!Unique && Spec->getName() != "shared_ptr")
    return;
  // The arguments as written keep their sugar (`PGresult`, not `struct
  // pg_result`; `decltype(&PQfinish)`, not a function pointer type).
  const auto *Written = D->getType()->getAs<TemplateSpecializationType>();
  ArrayRef<TemplateArgument> Args = Written ? Written->template_arguments()
                                            : Spec->getTemplateArgs().asArray();
  if (Args.empty() || Args[0].getKind() != TemplateArgument::Type)
    return;
  std::string Held = kindOf(A.Ctx.getPointerType(Args[0].getAsType()));
  if (Held.empty() || implementsLibrary(Held) || callerStorage(Held))
    return;
  // The deleter is in a unique_ptr's type, and in the constructor's second
  // argument of either.
  QualType Deleter;
  if (Unique && Args.size() >= 2 && Args[1].getKind() == TemplateArgument::Type)
    Deleter = Args[1].getAsType();
  if (!Deleter.isNull() && Deleter->getAsCXXRecordDecl() &&
      Deleter->getAsCXXRecordDecl()->isInStdNamespace())
    return; // std::default_delete
  const Expr *DeleterArg = nullptr;
  const auto *V = dyn_cast<VarDecl>(D);
  const Expr *Init =
      V && V->getInit() ? V->getInit()->IgnoreImplicit() : nullptr;
  if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(Init);
      CE && CE->getNumArgs() >= 2)
    DeleterArg = CE->getArg(1);
  if (Deleter.isNull() && !DeleterArg)
    return;
  auto R = deleterReleases(Deleter, DeleterArg);
  if (!R || R->Kind == Held || A.sameRelease(Held, R->Kind))
    return;
  Finding F = mismatch(Held, D->getName(), R->Fn, D->getLocation());
  if (R->At.isValid())
    F.Notes.push_back(
        {R->At, "its deleter releases it with '" + R->Fn + "' here"});
  Out.push_back(std::move(F));
}

/// Is a copy operation of \p RD memberwise: implicit or `= default`, and
/// not deleted? \p Declared is the declared one, if any.
static bool copiesMembers(const CXXMethodDecl *Declared, bool NeedsImplicit,
                          bool ImplicitDeleted, const CXXRecordDecl *RD) {
  if (Declared)
    return !Declared->isDeleted() && !Declared->isUserProvided();
  // Not declared yet: Sema declares it eagerly whenever deciding whether it
  // is deleted takes overload resolution (a std::unique_ptr member, a
  // non-copyable base), so what is left is known from the record's bits;
  // \p ImplicitDeleted is true too when they cannot tell.
  return NeedsImplicit && !RD->hasUserDeclaredMoveConstructor() &&
         !RD->hasUserDeclaredMoveAssignment() && !ImplicitDeleted;
}

void TypeChecks::copyableOwner(const CXXRecordDecl *RD,
                               std::vector<Finding> &Out) {
  const CXXDestructorDecl *Dtor = RD->getDestructor();
  const FunctionDecl *Def = Dtor ? Dtor->getDefinition() : nullptr;
  // Not templates: each instantiation may hold another type.
  if (!Def || !Def->hasBody() || RD->isUnion() || RD->isLambda() ||
      RD->isDependentContext() || isa<ClassTemplateSpecializationDecl>(RD))
    return;
  const CXXConstructorDecl *CopyCtor = nullptr;
  for (const CXXConstructorDecl *C : RD->ctors())
    if (C->isCopyConstructor())
      CopyCtor = C;
  const CXXMethodDecl *CopyAssign = nullptr;
  for (const CXXMethodDecl *M : RD->methods())
    if (M->isCopyAssignmentOperator())
      CopyAssign = M;
  bool CtorCopies =
      copiesMembers(CopyCtor, RD->needsImplicitCopyConstructor(),
                    RD->needsOverloadResolutionForCopyConstructor() ||
                        RD->defaultedCopyConstructorIsDeleted(),
                    RD);
  bool AssignCopies =
      copiesMembers(CopyAssign, RD->needsImplicitCopyAssignment(),
                    RD->needsOverloadResolutionForCopyAssignment() ||
                        !RD->hasSimpleCopyAssignment(),
                    RD);
  if (!CtorCopies && !AssignCopies)
    return;
  // The first raw handle member the destructor releases.
  const FieldDecl *Member = nullptr;
  const CallExpr *At = nullptr;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || Member)
      return;
    if (const auto *CE = dyn_cast<CallExpr>(S))
      for (const Effect &E : A.effectsOf(CE)) {
        if (E.K != Effect::Release || E.Res.empty() ||
            E.Arg >= CE->getNumArgs())
          continue;
        const auto *ME = dyn_cast<MemberExpr>(strip(CE->getArg(E.Arg)));
        const auto *FD =
            ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
        if (FD && FD->getParent() == RD &&
            isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()) &&
            !kindOf(FD->getType()).empty())
          Member = FD, At = CE;
      }
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(Def->getBody());
  if (!Member)
    return;
  Finding F;
  F.Kind = FindingKind::CopyableOwner;
  F.Handle = Member->getName().str();
  F.Type = A.resource(kindOf(Member->getType()))->Type;
  F.Other = RD->getName().str();
  F.At = RD->getLocation();
  F.Notes.push_back({At->getBeginLoc(), "'" + F.Handle +
                                            "' is released here when a '" +
                                            F.Other + "' is destroyed"});
  // Delete the copies right after the opening brace, in a public section,
  // then give what follows its default access back.
  // A copy written `= default` would be declared twice: no fix.
  auto Written = [](const CXXMethodDecl *M) { return M && !M->isImplicit(); };
  SourceLocation Brace = RD->getBraceRange().getBegin();
  if (RD->getIdentifier() && Brace.isValid() && !Brace.isMacroID() &&
      !(CtorCopies && Written(CopyCtor)) &&
      !(AssignCopies && Written(CopyAssign))) {
    std::string Name = RD->getName().str(), Text = "\n";
    bool Private = RD->isClass();
    if (Private)
      Text += "public:\n";
    if (CtorCopies)
      Text += "  " + Name + "(const " + Name + " &) = delete;\n";
    if (AssignCopies)
      Text += "  " + Name + " &operator=(const " + Name + " &) = delete;\n";
    // Unless the class goes on with an access specifier of its own.
    auto First = llvm::find_if(RD->decls(),
                               [](const Decl *D) { return !D->isImplicit(); });
    if (Private && (First == RD->decls_end() || !isa<AccessSpecDecl>(*First)))
      Text += "\nprivate:";
    else
      Text.pop_back(); // the brace's line break follows
    F.Fixes.push_back(
        FixItHint::CreateInsertion(Brace.getLocWithOffset(1), Text));
  }
  Out.push_back(std::move(F));
}

} // namespace dbleak
