//===--- Catalog.cpp - Database API models as data ------------------------===//

#include "catalog/Catalog.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLTraits.h"
#include <map>
#include <mutex>

namespace dbleak {
namespace {

struct CatalogFile {
  std::string Library;
  std::vector<std::string> Headers;
  // Read by scripts/bootstrap.sh, the lit configuration and the validator;
  // the analysis itself does not need them.
  std::vector<std::string> Packages;
  std::vector<std::string> IncludeDirs;
  std::string Provenance;
  std::vector<Resource> Resources;
  std::vector<ApiEntry> Functions;
  std::vector<GuardType> Guards;
};

const std::pair<const char *, const char *> BuiltinFiles[] = {
#include "CatalogData.inc"
};

} // namespace
} // namespace dbleak

LLVM_YAML_IS_SEQUENCE_VECTOR(dbleak::Resource)
LLVM_YAML_IS_SEQUENCE_VECTOR(dbleak::ApiEntry)
LLVM_YAML_IS_SEQUENCE_VECTOR(dbleak::ArgEquals)
LLVM_YAML_IS_SEQUENCE_VECTOR(dbleak::GuardType)

namespace llvm::yaml {

template <> struct ScalarEnumerationTraits<dbleak::Failure> {
  static void enumeration(IO &IO, dbleak::Failure &F) {
    IO.enumCase(F, "null", dbleak::Failure::Null);
    IO.enumCase(F, "handle", dbleak::Failure::Handle);
    IO.enumCase(F, "status", dbleak::Failure::Status);
  }
};

template <> struct MappingTraits<dbleak::ArgEquals> {
  static void mapping(IO &IO, dbleak::ArgEquals &W) {
    IO.mapRequired("arg", W.Arg);
    IO.mapOptional("equals", W.Equals, 0);
    IO.mapOptional("function", W.Function, false);
  }
  static std::string validate(IO &, dbleak::ArgEquals &W) {
    // 'equals' cannot be told apart from its default, so only the
    // combination is checked here; the schema test checks the rest.
    return W.Function && W.Equals ? "a 'when' item has 'equals' or 'function'"
                                  : "";
  }
};

template <> struct MappingTraits<dbleak::GuardType> {
  static void mapping(IO &IO, dbleak::GuardType &G) {
    IO.mapRequired("type", G.Type);
    IO.mapOptional("kind", G.Kind);
  }
};

template <> struct MappingTraits<dbleak::Resource> {
  static void mapping(IO &IO, dbleak::Resource &R) {
    IO.mapRequired("kind", R.Kind);
    IO.mapOptional("type", R.Type);
    IO.mapOptional("release", R.Release);
    IO.mapOptional("transaction", R.Transaction, false);
    IO.mapOptional("rollback", R.Rollback);
    IO.mapOptional("release_call", R.ReleaseCall);
    IO.mapOptional("parent", R.Parent);
    IO.mapOptional("ends_with_parent", R.EndsWithParent, true);
  }
};

template <> struct MappingTraits<dbleak::ApiEntry> {
  static void mapping(IO &IO, dbleak::ApiEntry &E) {
    IO.mapRequired("name", E.Name);
    IO.mapOptional("acquire", E.Acquire);
    IO.mapOptional("out", E.Out, -1);
    IO.mapOptional("on", E.On, -1);
    IO.mapOptional("failure", E.OnFailure, dbleak::Failure::Null);
    IO.mapOptional("success", E.Success);
    IO.mapOptional("when", E.When);
    IO.mapOptional("release", E.Release);
    IO.mapOptional("arg", E.Arg, 0u);
    IO.mapOptional("null_ok", E.NullOk, false);
    IO.mapOptional("use", E.Use);
    IO.mapOptional("sink", E.Sink);
    IO.mapOptional("only_on_failure", E.OnlyOnFailure, false);
    IO.mapOptional("format_z", E.FormatZ, -1);
    IO.mapOptional("returns", E.Returns);
    IO.mapOptional("status_of", E.StatusOf, -1);
    IO.mapOptional("null_after_rowless", E.NullAfterRowless, -1);
    IO.mapOptional("raises", E.Raises, false);
    IO.mapOptional("catches", E.Catches, false);
    IO.mapOptional("sql", E.Sql, -1);
    IO.mapOptional("sql_conn", E.SqlConn, -1);
    IO.mapOptional("tx", E.Tx);
    IO.mapOptional("error_member", E.ErrorMember);
    IO.mapOptional("error_arg", E.ErrorArg, 0u);
  }
  static std::string validate(IO &, dbleak::ApiEntry &E) {
    if (!E.Acquire.empty() && !E.Release.empty())
      return "an entry has at most one of 'acquire' and 'release'";
    if (E.OnFailure == dbleak::Failure::Status && E.Success.empty())
      return "'failure: status' needs 'success' values";
    if (E.OnlyOnFailure && E.OnFailure != dbleak::Failure::Status)
      return "'only_on_failure' needs 'failure: status'";
    if (!E.ErrorMember.empty() && E.OnFailure != dbleak::Failure::Status)
      return "'error_member' needs 'failure: status'";
    if (E.StatusOf >= 0 && E.Success.empty())
      return "'status_of' needs 'success' values";
    if (E.Sql >= 0 && (E.SqlConn < 0 || E.Tx.empty()))
      return "'sql' needs 'sql_conn' and 'tx'";
    return "";
  }
};

template <> struct MappingTraits<dbleak::CatalogFile> {
  static void mapping(IO &IO, dbleak::CatalogFile &F) {
    IO.mapRequired("library", F.Library);
    IO.mapOptional("headers", F.Headers);
    IO.mapOptional("packages", F.Packages);
    IO.mapOptional("include_dirs", F.IncludeDirs);
    IO.mapOptional("provenance", F.Provenance);
    IO.mapOptional("resources", F.Resources);
    IO.mapOptional("functions", F.Functions);
    IO.mapOptional("guards", F.Guards);
  }
};

} // namespace llvm::yaml

namespace dbleak {

llvm::ArrayRef<std::pair<const char *, const char *>>
Catalog::builtinSources() {
  return BuiltinFiles;
}

const Catalog &Catalog::builtin() {
  static const Catalog *Builtin = [] {
    auto *C = new Catalog;
    for (const auto &[Name, Text] : BuiltinFiles)
      if (llvm::Error E = C->addYaml(Name, Text))
        llvm::report_fatal_error(llvm::Twine("dbleak: built-in catalog: ") +
                                 llvm::toString(std::move(E)));
    if (llvm::Error E = C->validate())
      llvm::report_fatal_error(llvm::Twine("dbleak: built-in catalog: ") +
                               llvm::toString(std::move(E)));
    return C;
  }();
  return *Builtin;
}

llvm::Error Catalog::addYaml(llvm::StringRef FileName, llvm::StringRef Text) {
  std::string Diags;
  llvm::SourceMgr SM;
  SM.AddNewSourceBuffer(llvm::MemoryBuffer::getMemBuffer(Text, FileName),
                        llvm::SMLoc());
  auto Handler = [](const llvm::SMDiagnostic &D, void *Ctx) {
    llvm::raw_string_ostream OS(*static_cast<std::string *>(Ctx));
    D.print(nullptr, OS, /*ShowColors=*/false);
  };
  CatalogFile File;
  {
    llvm::yaml::Input In(llvm::MemoryBufferRef(Text, FileName), nullptr,
                         Handler, &Diags);
    In >> File;
    if (In.error())
      return llvm::createStringError(
          Diags.empty() ? (FileName + ": malformed catalog").str() : Diags);
  }
  for (Resource &R : File.Resources) {
    if (ResourceIndex.count(R.Kind))
      return llvm::createStringError(FileName + ": kind '" + R.Kind +
                                     "' is declared twice");
    R.Library = File.Library;
    ResourceIndex[R.Kind] = Resources.size();
    Resources.push_back(std::move(R));
  }
  for (GuardType &G : File.Guards)
    GuardIndex[G.Type] = G.Kind;
  for (ApiEntry &E : File.Functions) {
    E.Library = File.Library;
    ByName[E.Name].push_back(std::move(E));
  }
  return llvm::Error::success();
}

llvm::Error Catalog::validate() const {
  std::string Problems;
  auto Need = [&](llvm::StringRef Kind, llvm::StringRef Where) {
    if (!Kind.empty() && !ResourceIndex.count(Kind))
      Problems += (Where + ": unknown kind '" + Kind + "'\n").str();
  };
  for (const Resource &R : Resources) {
    Need(R.Parent, R.Kind);
    // A fix-it inserts it as the release: it must call the release
    // function on the handle.
    if (!R.ReleaseCall.empty() &&
        (!llvm::StringRef(R.ReleaseCall).starts_with(R.Release + "(") ||
         R.ReleaseCall.find("{handle}") == std::string::npos))
      Problems += R.Kind + ": 'release_call' must call '" + R.Release +
                  "' and name {handle}\n";
  }
  for (const auto &Entry : ByName)
    for (const ApiEntry &E : Entry.second) {
      Need(E.Acquire, E.Name);
      Need(E.Release, E.Name);
      Need(E.Tx, E.Name);
      if (E.On >= 0 && !E.Acquire.empty() && resource(E.Acquire) &&
          resource(E.Acquire)->Parent.empty())
        Problems += E.Name + ": 'on' needs a kind with a 'parent'\n";
    }
  if (Problems.empty())
    return llvm::Error::success();
  return llvm::createStringError(llvm::StringRef(Problems).rtrim());
}

llvm::ArrayRef<ApiEntry> Catalog::lookup(llvm::StringRef FunctionName) const {
  auto It = ByName.find(FunctionName);
  if (It == ByName.end())
    return {};
  return It->second;
}

const Resource *Catalog::resource(llvm::StringRef Kind) const {
  auto It = ResourceIndex.find(Kind);
  return It == ResourceIndex.end() ? nullptr : &Resources[It->second];
}

llvm::Expected<std::shared_ptr<const Catalog>>
Catalog::withUserFiles(llvm::StringRef Paths) {
  static std::mutex Lock;
  static std::map<std::string, std::shared_ptr<const Catalog>> Cache;
  std::lock_guard<std::mutex> Guard(Lock);
  auto &Slot = Cache[Paths.str()];
  if (Slot)
    return Slot;
  auto C = std::make_shared<Catalog>(builtin());
  llvm::SmallVector<llvm::StringRef, 4> Files;
  Paths.split(Files, ';', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Path : Files) {
    Path = Path.trim();
    auto Buf = llvm::MemoryBuffer::getFile(Path);
    if (!Buf)
      return llvm::createStringError(Buf.getError(),
                                     "cannot read catalog file '" + Path +
                                         "': " + Buf.getError().message());
    if (llvm::Error E = C->addYaml(Path, (*Buf)->getBuffer()))
      return std::move(E);
  }
  if (llvm::Error E = C->validate())
    return std::move(E);
  Slot = std::move(C);
  return Slot;
}

} // namespace dbleak
