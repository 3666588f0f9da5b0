//===--- Worker.cpp - Analyze one translation unit in this process -------===//

#include "Worker.h"
#include "DbleakCheck.h"
#include "Findings.h"
#include "Fixes.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <mutex>
#include <set>

using namespace llvm;
using namespace clang;
using namespace clang::tidy;

namespace dbleak::driver {
namespace {

/// Hashes every file at the moment the compiler reads it. The parent compares
/// these hashes with the files on disk before applying a fix, so a file edited
/// while (or after) it was analyzed is never patched at stale offsets.
class RecordingFS : public RTTIExtends<RecordingFS, vfs::ProxyFileSystem> {
public:
  static const char ID;
  explicit RecordingFS(IntrusiveRefCntPtr<vfs::FileSystem> FS)
      : RTTIExtends(std::move(FS)) {}

  ErrorOr<std::unique_ptr<vfs::File>>
  openFileForRead(const Twine &Path) override {
    auto F = ProxyFileSystem::openFileForRead(Path);
    if (!F) {
      probed(Path, F.getError());
      return F;
    }
    return std::unique_ptr<vfs::File>(
        new HashingFile(std::move(*F), absolute(Path), Hashes));
  }

  ErrorOr<vfs::Status> status(const Twine &Path) override {
    auto S = ProxyFileSystem::status(Path);
    probed(Path, S ? std::error_code() : S.getError());
    return S;
  }

  /// Every file read, by content hash.
  std::map<std::string, std::string> Hashes;
  /// Every other path looked up, and whether it was there: a header that
  /// appears in an include directory searched earlier, or a file that
  /// __has_include found, changes the result as much as an edit does.
  std::map<std::string, bool> Probes;

  /// The probes that are not read files.
  std::map<std::string, bool> unreadProbes() const {
    std::map<std::string, bool> Out;
    for (const auto &[Path, Exists] : Probes)
      if (!Hashes.count(Path))
        Out.emplace(Path, Exists);
    return Out;
  }

private:
  std::string absolute(const Twine &Path) {
    SmallString<256> Abs;
    Path.toVector(Abs);
    getUnderlyingFS().makeAbsolute(Abs);
    sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
    return std::string(Abs);
  }

  void probed(const Twine &Path, std::error_code EC) {
    // Other errors (permissions, I/O) make the compiler fail loudly; only
    // presence and absence are quiet.
    if (!EC || EC == std::errc::no_such_file_or_directory ||
        EC == std::errc::not_a_directory)
      Probes.emplace(absolute(Path), !EC);
  }

  class HashingFile : public vfs::File {
  public:
    HashingFile(std::unique_ptr<vfs::File> F, std::string Path,
                std::map<std::string, std::string> &Hashes)
        : F(std::move(F)), Path(std::move(Path)), Hashes(Hashes) {}
    ErrorOr<vfs::Status> status() override { return F->status(); }
    ErrorOr<std::string> getName() override { return F->getName(); }
    std::error_code close() override { return F->close(); }
    ErrorOr<std::unique_ptr<MemoryBuffer>>
    getBuffer(const Twine &Name, int64_t FileSize, bool RequiresNullTerminator,
              bool IsVolatile) override {
      auto B = F->getBuffer(Name, FileSize, RequiresNullTerminator, IsVolatile);
      if (B) {
        std::string H = hashContent((*B)->getBuffer());
        // Read twice with different contents: no single version was
        // analyzed, so no hash may vouch for it.
        auto [It, New] = Hashes.emplace(Path, H);
        if (!New && It->second != H)
          It->second = "changed-during-analysis";
      }
      return B;
    }

  private:
    std::unique_ptr<vfs::File> F;
    std::string Path;
    std::map<std::string, std::string> &Hashes;
  };
};
const char RecordingFS::ID = 0;

std::string absolutePath(StringRef Path, StringRef BuildDir) {
  SmallString<256> Abs(Path);
  if (!Abs.empty() && !sys::path::is_absolute(Abs))
    sys::path::make_absolute(BuildDir, Abs);
  sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return std::string(Abs);
}

/// Reads files back to turn offsets into lines. A file whose content no
/// longer matches what the compiler saw is still read (the best we have);
/// its hash already marks it as changed.
class Positions {
public:
  Location at(StringRef File, unsigned Offset) {
    Location L;
    L.File = File.str();
    L.Offset = Offset;
    if (File.empty())
      return L;
    auto It = Contents.find(L.File);
    if (It == Contents.end()) {
      auto B = MemoryBuffer::getFile(File, /*IsText=*/false,
                                     /*RequiresNullTerminator=*/false);
      It = Contents.emplace(L.File, B ? (*B)->getBuffer().str() : "").first;
    }
    resolveLocation(L, It->second);
    return L;
  }

private:
  std::map<std::string, std::string> Contents;
};

/// The options of the first run, lent to the runs that verify fixes (a
/// ClangTidyContext owns its provider).
class LentOptions : public ClangTidyOptionsProvider {
public:
  explicit LentOptions(ClangTidyOptionsProvider &Owner) : Owner(Owner) {}
  const ClangTidyGlobalOptions &getGlobalOptions() override {
    return Owner.getGlobalOptions();
  }
  std::vector<OptionsSource> getRawOptions(StringRef FileName) override {
    return Owner.getRawOptions(FileName);
  }

private:
  ClangTidyOptionsProvider &Owner;
};

/// clang-tidy's diagnostics as findings; with Pos, with lines and columns.
std::vector<Finding> findingsOf(const std::vector<ClangTidyError> &Errors,
                                Positions *Pos) {
  auto At = [&](StringRef File, unsigned Offset) {
    Location L;
    L.File = File.str();
    L.Offset = Offset;
    return Pos ? Pos->at(File, Offset) : L;
  };
  std::vector<Finding> Findings;
  for (const ClangTidyError &E : Errors) {
    StringRef Name = E.DiagnosticName;
    bool IsCompilerError = Name == "clang-diagnostic-error";
    // A warning that the project's -Werror turned into an error is not a
    // reason to call the file unparsable; its check is not enabled anyway.
    if (Name.starts_with("clang-diagnostic-") && !IsCompilerError &&
        E.DiagLevel == tooling::Diagnostic::Error)
      continue;
    Finding F;
    F.Check = E.DiagnosticName;
    F.IsError = IsCompilerError;
    F.Message = E.Message.Message;
    F.Loc = At(absolutePath(E.Message.FilePath, E.BuildDirectory),
               E.Message.FileOffset);
    for (const tooling::DiagnosticMessage &N : E.Notes)
      F.Notes.push_back(
          {At(absolutePath(N.FilePath, E.BuildDirectory), N.FileOffset),
           N.Message});
    for (const auto &[Path, Reps] : E.Message.Fix)
      for (const tooling::Replacement &Rep : Reps) {
        Edit Ed;
        Ed.File = absolutePath(Rep.getFilePath(), E.BuildDirectory);
        Ed.Offset = Rep.getOffset();
        Ed.Length = Rep.getLength();
        Ed.Text = Rep.getReplacementText().str();
        Ed.Begin = At(Ed.File, Ed.Offset);
        Ed.End = At(Ed.File, Ed.Offset + Ed.Length);
        F.Fix.push_back(std::move(Ed));
      }
    Findings.push_back(std::move(F));
  }
  return Findings;
}

} // namespace

std::unique_ptr<ClangTidyOptionsProvider>
makeOptionsProvider(StringRef Checks, const std::vector<std::string> &ExtraArgs,
                    const std::vector<std::string> &ExtraArgsBefore,
                    StringRef Catalogs) {
  ClangTidyOptions Defaults = ClangTidyOptions::getDefaults();
  // Leaks in a project's own headers are as real as in its sources; a
  // .clang-tidy HeaderFilterRegex still narrows this.
  Defaults.HeaderFilterRegex = ".*";
  Defaults.SystemHeaders = false;
  ClangTidyOptions Overrides;
  // Only dbleak checks by default, whatever Checks a project's .clang-tidy
  // sets for its own clang-tidy runs; its CheckOptions still apply.
  Overrides.Checks = "-*,dbleak-*";
  if (!Checks.empty())
    *Overrides.Checks += ("," + Checks).str();
  if (!ExtraArgs.empty())
    Overrides.ExtraArgs = ExtraArgs;
  if (!ExtraArgsBefore.empty())
    Overrides.ExtraArgsBefore = ExtraArgsBefore;
  if (!Catalogs.empty())
    Overrides.CheckOptions["CatalogFiles"] =
        ClangTidyOptions::ClangTidyValue(Catalogs);
  return std::make_unique<FileOptionsProvider>(ClangTidyGlobalOptions(),
                                               Defaults, Overrides);
}

int runWorker(StringRef CompileDb, StringRef File, StringRef OutputPath,
              std::unique_ptr<ClangTidyOptionsProvider> Options,
              bool CatalogRows, bool VerifyFixes) {
  std::string Err;
  auto DB = tooling::JSONCompilationDatabase::loadFromFile(
      CompileDb, Err, tooling::JSONCommandLineSyntax::AutoDetect);
  if (!DB) {
    errs() << "error: " << Err << "\n";
    return 3;
  }
  TUResult R;
  if (CatalogRows)
    clang::tidy::dbleak::CatalogRowSink =
        [&](const std::string &Name, const std::vector<std::string> &Rows) {
          R.CatalogRows[Name] = Rows; // every check sees the same function
        };
  std::set<std::string> Names;
  if (CatalogRows)
    clang::tidy::dbleak::FunctionNameSink = [&](const std::string &Name) {
      if (!Name.empty())
        Names.insert(Name);
    };
  auto Recorder = makeIntrusiveRefCnt<RecordingFS>(vfs::getRealFileSystem());
  {
    ClangTidyContext Context(std::make_unique<LentOptions>(*Options));
    Positions Pos;
    R.Findings = findingsOf(
        runClangTidy(Context, *DB, {File.str()},
                     makeIntrusiveRefCnt<vfs::OverlayFileSystem>(Recorder),
                     /*ApplyAnyFix=*/false, /*EnableCheckProfile=*/false, "",
                     /*Quiet=*/true),
        &Pos);
    R.Probes = Recorder->unreadProbes();
    R.FunctionNames.assign(Names.begin(), Names.end());
  }
  R.FileHashes = std::move(Recorder->Hashes);

  if (VerifyFixes)
    verifyFixes(
        R.Findings, R.FileHashes,
        [&](const std::map<std::string, std::string> &Contents) {
          auto Fixed = makeIntrusiveRefCnt<vfs::InMemoryFileSystem>();
          for (const auto &[Path, Text] : Contents)
            Fixed->addFile(Path, 0, MemoryBuffer::getMemBufferCopy(Text, Path));
          auto FS = makeIntrusiveRefCnt<vfs::OverlayFileSystem>(
              vfs::getRealFileSystem());
          FS->pushOverlay(Fixed);
          ClangTidyContext Context(std::make_unique<LentOptions>(*Options));
          return findingsOf(runClangTidy(Context, *DB, {File.str()}, FS, false,
                                         false, "", true),
                            nullptr);
        });

  if (Error E = writeToOutput(OutputPath, [&](raw_ostream &OS) {
        OS << toJSON(R);
        return Error::success();
      })) {
    errs() << "error: cannot write " << OutputPath << ": "
           << toString(std::move(E)) << "\n";
    return 3;
  }
  return 0;
}

} // namespace dbleak::driver
