//===--- Catalog.h - Database API models as data ----------------*- C++ -*-===//
//
// The catalog says, for each database client function, which resource kind it
// acquires or releases and through which argument. It is loaded from YAML: the
// built-in files are embedded at build time, users add their own with the same
// schema (docs/catalog.md).
//
//===----------------------------------------------------------------------===//

#ifndef DBLEAK_CATALOG_CATALOG_H
#define DBLEAK_CATALOG_CATALOG_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dbleak {

/// A kind of resource: a connection, a result, a statement, a string that
/// must be freed, or a state attached to another handle (a transaction).
struct Resource {
  std::string Kind;    ///< "pg.conn"
  std::string Type;    ///< "PGconn", for messages
  std::string Release; ///< "PQfinish", for messages and fix-its
  std::string Parent;  ///< owner kind for attached resources
  bool Transaction = false;
  /// Transactions: the statement that rolls one back, `{conn}` standing for
  /// the connection; fix-its insert it before a return that leaves the
  /// transaction open.
  std::string Rollback;
  /// When the release takes more than the handle: the whole call, `{handle}`
  /// standing for the handle and `{argN}` for argument N of the call that
  /// acquired it (a pool's give-back). Fix-its insert it like a release.
  std::string ReleaseCall;
  bool EndsWithParent = true;
  std::string Library;
};

enum class Failure { Null, Handle, Status };

/// A row applies when argument Arg is the integer constant Equals, or, with
/// Function, names a function (a destructor callback, not SQLITE_STATIC).
struct ArgEquals {
  unsigned Arg = 0;
  int64_t Equals = 0;
  bool Function = false;
};

/// A C++ class whose destructor releases what it holds (libpqxx, SOCI, ...).
/// Classes derived from it are guards too.
struct GuardType {
  std::string Type; ///< qualified class name, "soci::session"
  std::string Kind; ///< what it guards, for messages
};

/// One row of the catalog. A function may have several rows.
struct ApiEntry {
  std::string Name;
  std::string Acquire; ///< kind, or empty
  int Out = -1;        ///< -1: return value, N: out-parameter N
  int On = -1;         ///< N: attaches to the handle in argument N
  Failure OnFailure = Failure::Null;
  std::vector<int64_t> Success;
  std::vector<ArgEquals> When;
  std::string Release; ///< kind, or empty
  unsigned Arg = 0;
  bool NullOk = false;
  std::vector<unsigned> Use;
  /// Arguments whose ownership the call takes (a wrapper stream, a value
  /// handed to a destructor callback): they escape, nothing more is known.
  std::vector<unsigned> Sink;
  /// With failure: status, the out-value exists only when the call failed
  /// (an error message: sqlite3_exec's *errmsg).
  bool OnlyOnFailure = false;
  /// Argument N is a printf-style format in which SQLite's %z takes (frees)
  /// its string argument: `z = sqlite3_mprintf("%z, %s", z, more)`.
  int FormatZ = -1;
  /// The only value a call returns when it returns at all: the exec family
  /// returns only when it failed, with -1.
  std::optional<int64_t> Returns;
  /// The call's value is the status of the call that produced argument N
  /// (PQresultStatus of a PGresult); Success lists the values that mean it
  /// succeeded, the first one being the usual test (`!= PGRES_COMMAND_OK`).
  int StatusOf = -1;
  /// The acquired handle is NULL when the last SQL text run on the
  /// connection in argument N certainly returns no rows (`mysql_query(c,
  /// "INSERT ...")` then `mysql_store_result(c)`).
  int NullAfterRowless = -1;
  /// A call that raises an error through longjmp (`siglongjmp`,
  /// `pg_re_throw`, or PostgreSQL's `errfinish` followed by the
  /// unreachable point of `ereport(ERROR)`): it unwinds to the nearest
  /// `setjmp` handler (`PG_TRY`/`PG_CATCH`) instead of ending the process.
  bool Raises = false;
  /// `setjmp`: 0 on the first return, the branch that runs the protected
  /// code; the other branch handles what it raises.
  bool Catches = false;
  int Sql = -1;
  int SqlConn = -1;
  std::string Tx;
  /// With failure: status, a member of argument ErrorArg that is non-zero
  /// exactly when the call failed (hiredis: `c->err`).
  std::string ErrorMember;
  unsigned ErrorArg = 0;
  std::string Library;
};

class Catalog {
public:
  /// The built-in catalog files, as {file name, YAML text}.
  static llvm::ArrayRef<std::pair<const char *, const char *>> builtinSources();

  /// The built-in catalog, parsed once per process.
  static const Catalog &builtin();

  /// Built-in plus the user files (';'-separated paths). Results are cached
  /// per option string, so every check of a TU shares one instance.
  static llvm::Expected<std::shared_ptr<const Catalog>>
  withUserFiles(llvm::StringRef SemicolonSeparatedPaths);

  /// Parses one YAML document and adds it. Errors carry file:line:col.
  llvm::Error addYaml(llvm::StringRef FileName, llvm::StringRef Text);
  /// Checks cross-file consistency (every referenced kind is declared).
  llvm::Error validate() const;

  llvm::ArrayRef<ApiEntry> lookup(llvm::StringRef FunctionName) const;
  bool mentions(llvm::StringRef FunctionName) const {
    return ByName.count(FunctionName) != 0;
  }
  const Resource *resource(llvm::StringRef Kind) const;

  bool isGuardType(llvm::StringRef QualifiedName) const {
    return GuardIndex.count(QualifiedName) != 0;
  }

  const std::vector<Resource> &resources() const { return Resources; }
  /// Every catalogued function with its rows.
  const llvm::StringMap<llvm::SmallVector<ApiEntry, 1>> &functions() const {
    return ByName;
  }
  size_t numFunctions() const { return ByName.size(); }

private:
  std::vector<Resource> Resources;
  llvm::StringMap<unsigned> ResourceIndex;
  llvm::StringMap<llvm::SmallVector<ApiEntry, 1>> ByName;
  llvm::StringMap<std::string> GuardIndex;
};

} // namespace dbleak

#endif
