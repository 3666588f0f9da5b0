//===--- TypeChecks.h - Findings from declared types alone ------*- C++ -*-===//
//
// Some lifetime bugs are visible without following any path: a release whose
// argument is declared as another kind of handle (`free(srv->conn)` on a
// `PGconn *`), a smart pointer whose deleter releases another kind than it
// points to, a class that releases a raw handle member in its destructor but
// can be copied. The catalog's `type:` of each kind maps C types to kinds.
//
//===----------------------------------------------------------------------===//

#ifndef DBLEAK_ENGINE_TYPECHECKS_H
#define DBLEAK_ENGINE_TYPECHECKS_H

#include "engine/Internals.h"

namespace dbleak::detail {

class TypeChecks {
public:
  explicit TypeChecks(LifetimeAnalysis::Impl &A);

  /// The one resource kind whose catalogued type \p T is declared as: a
  /// typedef name at any level of its sugar (`SQLHSTMT` before the
  /// `SQLHANDLE` under it), else what it points to (`PGconn *`). Empty when
  /// no kind or several kinds (`char *`, `bson_t *`) have that type.
  std::string kindOf(QualType T) const;

  /// Catalogued releases in \p FD whose argument is declared as a handle of
  /// another kind; \p Out already holds the engine's findings for \p FD,
  /// which are not reported again.
  void releaseMismatches(const FunctionDecl *FD, std::vector<Finding> &Out);

  /// A `std::unique_ptr`/`std::shared_ptr` variable or member whose deleter
  /// releases another kind than it points to.
  void smartPointerMismatch(const DeclaratorDecl *D, std::vector<Finding> &Out);

  /// A class that releases a raw handle member in its destructor and whose
  /// copy constructor or copy assignment is defaulted and not deleted.
  void copyableOwner(const CXXRecordDecl *RD, std::vector<Finding> &Out);

private:
  /// What a deleter, destructor callback or helper releases through its
  /// parameter \p Param: the kind, the release function, where.
  struct Released {
    std::string Kind, Fn;
    SourceLocation At;
  };
  std::optional<Released> releasedBy(const FunctionDecl *F, unsigned Param);
  std::optional<Released> deleterReleases(QualType Deleter, const Expr *Init);
  /// The translation unit is the library that \p Kind belongs to (libpq's
  /// own fe-connect.c frees a PGconn with free()): it defines a catalogued
  /// function of that library.
  bool implementsLibrary(StringRef Kind);
  /// The library lets the caller provide \p Kind's storage: an acquirer
  /// allocates only when given NULL for an argument of that type
  /// (`mysql_init(&storage)`), so freeing one with free() can be right.
  bool callerStorage(StringRef Kind);
  /// A release row of a handle kind, not of a state attached to its
  /// argument (`SQLDisconnect` and `mysql_commit` take the parent handle).
  bool releasesHandle(const ApiEntry &E) const;
  /// Is \p Kind the one whose destructor \p Release's parameter \p Arg
  /// names by its type (a user's `conn_release(PGconn *)`)?
  bool destructorOf(StringRef Kind, const FunctionDecl *Release,
                    unsigned Arg) const;
  Finding mismatch(StringRef Held, StringRef Handle, StringRef Fn,
                   SourceLocation At) const;

  LifetimeAnalysis::Impl &A;
  llvm::StringMap<std::string> KindByType; ///< "" when several kinds share it
  llvm::StringMap<bool> Implements, CallerStorage;
};

} // namespace dbleak::detail

#endif
