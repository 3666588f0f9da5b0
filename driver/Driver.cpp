//===--- Driver.cpp - The dbleak command ----------------------------------===//
//
// dbleak runs the dbleak-* clang-tidy checks over a compilation database:
// one worker process per translation unit, results merged, deduplicated and
// sorted, then reported as text, JSON or SARIF. See docs/driver.md.
//
//===----------------------------------------------------------------------===//

#include "Baseline.h"
#include "Fixes.h"
#include "Report.h"
#include "Runner.h"
#include "Worker.h"
#include "catalog/Catalog.h"
#include "clang-tidy/ClangTidy.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"
#include <set>

using namespace llvm;
using namespace dbleak::driver;

// The checks register themselves from a static library; referencing the
// module's anchor keeps the linker from dropping that registration.
namespace clang::tidy {
extern volatile int DbleakModuleAnchorSource;
static int LLVM_ATTRIBUTE_UNUSED DbleakModuleAnchorDestination =
    DbleakModuleAnchorSource;
} // namespace clang::tidy

namespace {

enum ExitCode { ExitClean = 0, ExitFindings = 1, ExitTrouble = 2 };

cl::OptionCategory Category("dbleak options");

cl::list<std::string> Files(cl::Positional, cl::desc("[<file> ...]"),
                            cl::cat(Category));
cl::opt<std::string> BuildPath(
    "p",
    cl::desc("Build directory containing compile_commands.json, or the path "
             "of a compile_commands.json file. Default: the nearest "
             "compile_commands.json above the first file or the current "
             "directory."),
    cl::value_desc("build-path"), cl::cat(Category));
cl::opt<std::string> Checks(
    "checks",
    cl::desc("Comma-separated globs of checks, appended to '-*,dbleak-*' "
             "(e.g. -checks=-dbleak-leak)."),
    cl::value_desc("globs"), cl::cat(Category));
cl::list<std::string> ExtraArgs("extra-arg",
                                cl::desc("Add an argument to every compile "
                                         "command."),
                                cl::cat(Category));
cl::list<std::string> ExtraArgsBefore(
    "extra-arg-before",
    cl::desc("Add an argument to the front of every compile command."),
    cl::cat(Category));
cl::list<std::string>
    CatalogArgs("catalog",
                cl::desc("A catalog file describing the project's own "
                         "wrappers, pools and checkers (repeatable); used "
                         "instead of a .clang-tidy's CatalogFiles."),
                cl::value_desc("file"), cl::cat(Category));
cl::opt<bool> CrossTU(
    "cross-tu",
    cl::desc("Summarize the project's functions first, so that calls into "
             "other translation units are understood (about twice the "
             "time; see docs/driver.md)."),
    cl::cat(Category));
cl::opt<std::string> ExportSummaries(
    "export-summaries",
    cl::desc("Summarize the project's functions into this catalog file, for "
             "later runs' --catalog, and exit (with --cross-tu: and go on "
             "to analyze with it)."),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<unsigned> JobCount("j",
                           cl::desc("Translation units analyzed in parallel. "
                                    "Default: the number of cores."),
                           cl::init(0), cl::value_desc("N"), cl::Prefix,
                           cl::cat(Category));
cl::opt<unsigned>
    Timeout("timeout",
            cl::desc("Seconds one translation unit may take; 0: no limit."),
            cl::init(300), cl::value_desc("seconds"), cl::cat(Category));
cl::opt<std::string>
    Shard("shard",
          cl::desc("Analyze only part I of N of the translation units "
                   "(1-based), for spreading a run over CI jobs."),
          cl::value_desc("I/N"), cl::cat(Category));
enum class Format { Text, JSON, SARIF };
cl::opt<Format> OutputFormat(
    "format", cl::desc("Report format."),
    cl::values(clEnumValN(Format::Text, "text", "clang-style diagnostics"),
               clEnumValN(Format::JSON, "json", "dbleak JSON"),
               clEnumValN(Format::SARIF, "sarif", "SARIF 2.1.0")),
    cl::init(Format::Text), cl::cat(Category));
cl::opt<std::string> Output("output",
                            cl::desc("Write the report to this file instead "
                                     "of standard output."),
                            cl::value_desc("file"), cl::cat(Category));
cl::alias OutputShort("o", cl::aliasopt(Output), cl::desc("Alias for --output"),
                      cl::cat(Category));
cl::opt<std::string> SourceRoot(
    "source-root",
    cl::desc("Paths in JSON and SARIF reports, fingerprints and baselines are "
             "relative to this directory. Default: the current directory."),
    cl::value_desc("dir"), cl::cat(Category));
cl::opt<std::string> ExportFixes(
    "export-fixes",
    cl::desc("Write the fixes as YAML for clang-apply-replacements."),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<bool> Fix("fix", cl::desc("Apply the suggested fixes to the files."),
                  cl::cat(Category));
cl::opt<std::string>
    Baseline("baseline",
             cl::desc("Do not report findings whose fingerprint is in this "
                      "baseline file."),
             cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> WriteBaseline(
    "write-baseline",
    cl::desc("Write the fingerprints of all current findings to this file."),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<bool> DumpCatalog("dump-catalog",
                          cl::desc("Print the built-in catalog and exit."),
                          cl::cat(Category));
cl::opt<bool> ListChecks("list-checks",
                         cl::desc("Print the enabled checks and exit."),
                         cl::cat(Category));
// The parent re-executes itself with these; not for people.
cl::opt<bool> WorkerMode("worker", cl::Hidden, cl::cat(Category));
cl::opt<std::string> WorkerOutput("worker-output", cl::Hidden,
                                  cl::cat(Category));
cl::opt<bool> WorkerCatalogRows("worker-catalog-rows", cl::Hidden,
                                cl::cat(Category));
cl::opt<bool> WorkerVerifyFixes("worker-verify-fixes", cl::Hidden,
                                cl::cat(Category));

cl::extrahelp MoreHelp(R"(
Exit codes: 0 no findings, 1 findings, 2 usage or input errors, compiler
errors, crashed or timed-out translation units, refused fixes.

Examples:
  dbleak -p build                           # whole project
  dbleak -p build src/db.c src/query.c      # some files
  dbleak -p build --format=sarif -o dbleak.sarif
  dbleak -p build --baseline=dbleak-baseline.json
  dbleak -p build --shard=2/4 -j8
  dbleak -p build --cross-tu                # helpers in other files too

See docs/driver.md for everything else.
)");

int fail(const Twine &Message) {
  errs() << "error: " << Message << "\n";
  return ExitTrouble;
}

std::string absolute(StringRef Path) {
  SmallString<256> Abs(Path);
  sys::fs::make_absolute(Abs);
  sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return std::string(Abs);
}

/// Where compile_commands.json is, per -p or found upwards.
Expected<std::string> findCompileDb() {
  if (!BuildPath.empty()) {
    std::string P = absolute(BuildPath);
    if (!sys::fs::exists(P))
      return createStringError("'%s' does not exist (-p)", BuildPath.c_str());
    if (!sys::fs::is_directory(P))
      return P;
    SmallString<256> Db(P);
    sys::path::append(Db, "compile_commands.json");
    if (!sys::fs::exists(Db))
      return createStringError(
          "no compile_commands.json in '%s'; with CMake, configure with "
          "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON",
          BuildPath.c_str());
    return std::string(Db);
  }
  SmallString<256> Dir(absolute(Files.empty() ? "." : Files.front()));
  if (!sys::fs::is_directory(Dir))
    sys::path::remove_filename(Dir);
  for (; !Dir.empty(); Dir = sys::path::parent_path(Dir)) {
    SmallString<256> Db(Dir);
    sys::path::append(Db, "compile_commands.json");
    if (sys::fs::exists(Db))
      return std::string(Db);
    if (Dir == sys::path::root_path(Dir))
      break;
  }
  return createStringError("no compilation database found; pass -p "
                           "<build-dir> (see --help)");
}

int dumpCatalog() {
  bool First = true;
  for (const auto &[Name, Text] : dbleak::Catalog::builtinSources()) {
    if (!First)
      outs() << "---\n";
    First = false;
    StringRef Body(Text);
    outs() << "# file: " << Name << "\n" << Body;
    if (!Body.ends_with("\n"))
      outs() << "\n";
  }
  return ExitClean;
}

std::vector<std::string> enabledChecks() {
  clang::tidy::ClangTidyOptions Opts =
      makeOptionsProvider(Checks, {}, {})->getOptions(absolute("."));
  return clang::tidy::getCheckNames(Opts, false, false);
}

/// Prints the end of a failed worker's output: enough for the crash
/// message and the stack, not the whole log.
void printTail(StringRef Log) {
  SmallVector<StringRef> Lines;
  Log.rtrim().split(Lines, '\n');
  size_t From = Lines.size() > 20 ? Lines.size() - 20 : 0;
  for (size_t I = From; I < Lines.size(); ++I)
    errs() << "  | " << Lines[I] << "\n";
}

using clang::tooling::CompilationDatabase;

Expected<std::unique_ptr<CompilationDatabase>> loadCompileDb(StringRef Path) {
  // The database loader is a YAML parser that prints its own confusing
  // messages on syntax errors; a JSON parse first gives a clear one.
  auto Text = MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Text)
    return createStringError("cannot read '%s': %s", Path.str().c_str(),
                             Text.getError().message().c_str());
  if (Expected<json::Value> V = json::parse((*Text)->getBuffer()); !V)
    return createStringError("compilation database '%s' is not valid JSON: %s",
                             Path.str().c_str(),
                             toString(V.takeError()).c_str());
  std::string Err;
  std::unique_ptr<CompilationDatabase> Db =
      clang::tooling::JSONCompilationDatabase::loadFromFile(
          Path, Err, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!Db)
    return createStringError("cannot load compilation database '%s': %s",
                             Path.str().c_str(), Err.c_str());
  if (Db->getAllFiles().empty())
    return createStringError("compilation database '%s' has no entries",
                             Path.str().c_str());
  // What clang-tidy does with a database it finds: @response files are
  // read, and a cross compiler's name (arm-linux-gnueabi-gcc) sets the
  // target and driver mode.
  Db = clang::tooling::expandResponseFiles(std::move(Db),
                                           vfs::getRealFileSystem());
  return clang::tooling::inferTargetAndDriverMode(std::move(Db));
}

/// The compile commands of one file, as a compile_commands.json.
std::string compileCommandsOf(const CompilationDatabase &Db, StringRef File) {
  json::Array Entries;
  for (const clang::tooling::CompileCommand &C : Db.getCompileCommands(File))
    Entries.push_back(json::Object{{"directory", C.Directory},
                                   {"file", C.Filename},
                                   {"arguments", C.CommandLine}});
  return formatv("{0}", json::Value(std::move(Entries)));
}

/// The sorted translation units to analyze: the files given, or all of the
/// database, then this run's shard. Problems are reported and set
/// InputErrors; the files that are fine are still returned.
std::vector<std::string>
selectTranslationUnits(const CompilationDatabase &Db, StringRef DbPath,
                       StringRef SourceRootDir, unsigned ShardIndex,
                       unsigned ShardCount, bool &InputErrors) {
  std::vector<std::string> TUs;
  for (const std::string &F : Files) {
    std::string Abs = absolute(F);
    if (!sys::fs::exists(Abs)) {
      errs() << "error: no such file: " << F << "\n";
      InputErrors = true;
    } else if (Db.getCompileCommands(Abs).empty()) {
      errs() << "error: " << F << " is not in the compilation database "
             << DbPath << "\n";
      InputErrors = true;
    } else {
      TUs.push_back(Abs);
    }
  }
  if (Files.empty()) {
    for (const std::string &F : Db.getAllFiles()) {
      // An entry for a file that is gone (deleted, or generated and not
      // built yet) would otherwise end as a puzzling compiler error.
      if (sys::fs::exists(F)) {
        TUs.push_back(F);
      } else {
        errs() << "error: " << F << " (in " << DbPath << ") does not exist\n";
        InputErrors = true;
      }
    }
  }
  llvm::sort(TUs);
  TUs.erase(std::unique(TUs.begin(), TUs.end()), TUs.end());
  // A file's shard depends on its path relative to the source root and on
  // nothing else: adding files does not move the others, so code-scanning
  // alerts stay with the same shard's upload from run to run.
  std::vector<std::string> Shard;
  for (const std::string &F : TUs)
    if (xxh3_64bits(relativePath(F, SourceRootDir)) % ShardCount ==
        ShardIndex - 1)
      Shard.push_back(F);
  return Shard;
}

/// What the parent keeps from all workers.
struct Merged {
  std::vector<Finding> Warnings, Errors;
  std::vector<TUFailure> Failures;
  /// File -> hash of the content the compiler read, for --fix.
  std::map<std::string, std::string> Hashes;
};

Merged merge(std::vector<TUOutcome> Outcomes) {
  Merged M;
  std::set<std::tuple<std::string, std::string, unsigned, std::string>> Seen;
  FixAgreement Agreement;
  for (TUOutcome &O : Outcomes) {
    if (!O.Failure.empty()) {
      errs() << "error: " << O.File << ": " << O.Failure << "\n";
      printTail(O.WorkerStderr);
      M.Failures.push_back({O.File, O.Failure});
      continue;
    }
    for (auto &[File, Hash] : O.Result.FileHashes) {
      // Two translation units that saw different contents: the file was
      // edited during the run.
      auto [It, New] = M.Hashes.emplace(File, Hash);
      if (!New && It->second != Hash)
        It->second = "changed-during-analysis";
    }
    Agreement.addTranslationUnit(O.Result);
    for (Finding &F : O.Result.Findings) {
      // A header included by several translation units reports its
      // findings in each of them.
      if (!Seen.insert({F.Check, F.Loc.File, F.Loc.Offset, F.Message}).second)
        continue;
      (F.IsError ? M.Errors : M.Warnings).push_back(std::move(F));
    }
  }
  for (Finding &F : M.Warnings)
    Agreement.settle(F);
  llvm::sort(M.Errors);
  llvm::sort(M.Warnings);
  return M;
}

Error writeReport(const Report &R) {
  return writeToOutput(Output.empty() ? "-" : Output.getValue(),
                       [&](raw_ostream &OS) {
                         if (OutputFormat == Format::JSON)
                           printJSON(OS, R);
                         else if (OutputFormat == Format::SARIF)
                           printSARIF(OS, R);
                         else
                           for (const Finding &F : R.Warnings)
                             printText(OS, F);
                         return Error::success();
                       });
}

void printSummary(const Report &R) {
  if (R.UsedBaseline)
    errs() << "dbleak: " << R.Baselined.size()
           << " finding(s) suppressed by the baseline, " << R.Stale
           << " stale baseline entr" << (R.Stale == 1 ? "y" : "ies") << "\n";
  if (!R.Errors.empty())
    errs() << "dbleak: compiler errors; results are incomplete\n";
  if (!R.Failures.empty())
    errs() << "dbleak: " << R.Failures.size()
           << " translation unit(s) could not be analyzed\n";
  unsigned Verified = 0, Dropped = 0;
  for (const Finding &F : R.Warnings) {
    Verified += F.FixStatus == "verified";
    Dropped += F.FixStatus == "dropped";
  }
  if (Verified || Dropped)
    errs() << "dbleak: " << Verified << " fix" << (Verified == 1 ? "" : "es")
           << " verified, " << Dropped << " dropped\n";
  errs() << summaryLine(R) << " (" << R.TranslationUnits << " translation unit"
         << (R.TranslationUnits == 1 ? "" : "s") << " analyzed)\n";
}

/// --catalog files as absolute paths, ';'-separated (workers run elsewhere).
std::string catalogList() {
  std::string L;
  for (const std::string &F : CatalogArgs)
    for (StringRef Part : split(F, ';'))
      if (!Part.trim().empty())
        L += (L.empty() ? "" : ";") + absolute(Part.trim());
  return L;
}

/// The summary pass: every translation unit of the database, whichever
/// are analyzed, since a helper may live anywhere in it. A function defined
/// differently by two programs of the database gets no rows. Returns the
/// text of a catalog file. Translation units that fail are reported here
/// only with \p Report (--cross-tu's analysis reports them anyway).
std::string summarize(const CompilationDatabase &Db, StringRef DbPath,
                      RunnerOptions RO, bool Report, bool &Trouble) {
  RO.WorkerArgs.push_back("--worker-catalog-rows");
  std::vector<Job> Work;
  std::vector<std::string> All = Db.getAllFiles();
  llvm::sort(All);
  All.erase(std::unique(All.begin(), All.end()), All.end());
  for (const std::string &F : All)
    if (sys::fs::exists(F))
      Work.push_back({F, compileCommandsOf(Db, F)});
  std::map<std::string, std::vector<std::string>> Rows;
  std::set<std::string> Conflicting;
  for (TUOutcome &O : runWorkers(RO, Work)) {
    for (const Finding &F : O.Result.Findings)
      if (F.IsError) {
        Trouble = true;
        if (Report)
          printText(errs(), F);
      }
    if (!O.Failure.empty()) {
      Trouble = true;
      if (Report) {
        errs() << "error: " << O.File << ": " << O.Failure << "\n";
        printTail(O.WorkerStderr);
      }
      continue;
    }
    for (auto &[Name, Rs] : O.Result.CatalogRows)
      if (auto [It, New] = Rows.emplace(Name, Rs); !New && It->second != Rs)
        Conflicting.insert(Name);
  }
  std::string Text;
  raw_string_ostream OS(Text);
  OS << "# Generated by dbleak --export-summaries from " << DbPath
     << ".\n# What the project's own functions do with database handles, "
        "for calls from\n# other translation units. Regenerate rather than "
        "edit.\nlibrary: project-summaries\nprovenance: dbleak "
     << DBLEAK_VERSION << " summary pass over " << Work.size()
     << " translation units\nfunctions:";
  unsigned N = 0;
  for (const auto &[Name, Rs] : Rows)
    if (!Conflicting.count(Name))
      for (const std::string &R : Rs)
        OS << "\n  - " << R, ++N;
  OS << (N ? "\n" : " []\n");
  errs() << "dbleak: summary pass: " << N << " catalog row"
         << (N == 1 ? "" : "s") << " for the project's functions ("
         << Work.size() << " translation unit" << (Work.size() == 1 ? "" : "s")
         << ", " << Conflicting.size() << " function"
         << (Conflicting.size() == 1 ? "" : "s")
         << " left out: defined differently in two of them)\n";
  return Text;
}

int runDriver(const char *Argv0) {
  unsigned ShardIndex = 1, ShardCount = 1;
  if (!Shard.empty()) {
    auto [I, N] = StringRef(Shard).split('/');
    if (I.getAsInteger(10, ShardIndex) || N.getAsInteger(10, ShardCount) ||
        ShardIndex == 0 || ShardIndex > ShardCount)
      return fail("--shard expects I/N with 1 <= I <= N, got '" + Shard + "'");
  }
  Expected<std::string> DbPath = findCompileDb();
  if (!DbPath)
    return fail(toString(DbPath.takeError()));
  auto Db = loadCompileDb(*DbPath);
  if (!Db)
    return fail(toString(Db.takeError()));
  // Read the baseline before the long part, so that a typo fails fast.
  std::vector<BaselineEntry> BaselineEntries;
  if (!Baseline.empty()) {
    auto Entries = readBaseline(Baseline);
    if (!Entries)
      return fail(toString(Entries.takeError()));
    BaselineEntries = std::move(*Entries);
  }
  bool HadTrouble = false;
  std::string Root = absolute(SourceRoot.empty() ? "." : SourceRoot.getValue());
  std::vector<std::string> TUs = selectTranslationUnits(
      **Db, *DbPath, Root, ShardIndex, ShardCount, HadTrouble);
  if (HadTrouble && TUs.empty())
    return ExitTrouble;

  // A broken catalog would make every worker fail the same way: say so once.
  std::string Catalogs = catalogList();
  if (!Catalogs.empty())
    if (auto C = dbleak::Catalog::withUserFiles(Catalogs); !C)
      return fail(toString(C.takeError()));

  RunnerOptions RO;
  RO.Self = sys::fs::getMainExecutable(Argv0, (void *)&fail);
  if (!Checks.empty())
    RO.WorkerArgs.push_back("--checks=" + Checks);
  for (const std::string &A : ExtraArgs)
    RO.WorkerArgs.push_back("--extra-arg=" + A);
  for (const std::string &A : ExtraArgsBefore)
    RO.WorkerArgs.push_back("--extra-arg-before=" + A);
  RO.Parallel =
      JobCount ? JobCount : hardware_concurrency().compute_thread_count();
  RO.TimeoutSeconds = Timeout;

  auto WithCatalogs = [&](RunnerOptions Opts) {
    if (!Catalogs.empty())
      Opts.WorkerArgs.push_back("--catalog=" + Catalogs);
    return Opts;
  };
  std::string TempSummaries;
  if (!ExportSummaries.empty() || CrossTU) {
    bool Export = !ExportSummaries.empty(), Failed = false;
    std::string Text =
        summarize(**Db, *DbPath, WithCatalogs(RO), Export, Failed);
    std::string Path = ExportSummaries;
    if (Path.empty()) {
      SmallString<128> Tmp;
      if (std::error_code EC =
              sys::fs::createTemporaryFile("dbleak-summaries", "yaml", Tmp))
        return fail("cannot create a temporary file: " + EC.message());
      Path = std::string(Tmp);
      sys::RemoveFileOnSignal(Path);
    }
    if (Error E = writeToOutput(Path, [&](raw_ostream &OS) {
          OS << Text;
          return Error::success();
        }))
      return fail("cannot write " + Path + ": " + toString(std::move(E)));
    if (Export && !CrossTU)
      return HadTrouble || Failed ? ExitTrouble : ExitClean;
    if (!Export)
      TempSummaries = Path;
    Catalogs += (Catalogs.empty() ? "" : ";") + absolute(Path);
    if (auto C = dbleak::Catalog::withUserFiles(Catalogs); !C) {
      if (!TempSummaries.empty())
        sys::fs::remove(TempSummaries);
      return fail("the summary pass wrote an unreadable catalog: " +
                  toString(C.takeError()));
    }
  }
  std::vector<Job> Work;
  for (const std::string &F : TUs)
    Work.push_back({F, compileCommandsOf(**Db, F)});
  // Fixes that leave the process are first applied and re-analyzed by the
  // worker that found them (see docs/driver.md).
  if (Fix || !ExportFixes.empty() || OutputFormat != Format::Text)
    RO.WorkerArgs.push_back("--worker-verify-fixes");
  Merged M = merge(runWorkers(WithCatalogs(RO), Work));
  if (!TempSummaries.empty()) {
    sys::fs::remove(TempSummaries);
    sys::DontRemoveFileOnSignal(TempSummaries);
  }
  for (const Finding &E : M.Errors)
    printText(errs(), E);

  Report R;
  R.SourceRoot = Root;
  R.Checks = enabledChecks();
  R.TranslationUnits = TUs.size();
  R.Errors = std::move(M.Errors);
  R.Failures = std::move(M.Failures);
  assignFingerprints(M.Warnings, R.SourceRoot);
  auto Check = [&](Error E, StringRef What) {
    if (E) {
      errs() << "error: cannot write " << What << ": " << toString(std::move(E))
             << "\n";
      HadTrouble = true;
    }
  };
  if (!WriteBaseline.empty())
    Check(writeBaseline(WriteBaseline, M.Warnings, R.SourceRoot), "baseline");
  if (!Baseline.empty()) {
    std::set<std::string> Analyzed;
    for (const auto &[File, Hash] : M.Hashes)
      Analyzed.insert(File);
    BaselineResult BR = applyBaseline(std::move(M.Warnings), BaselineEntries,
                                      Analyzed, R.SourceRoot);
    M.Warnings = std::move(BR.Kept);
    R.UsedBaseline = true;
    R.Baselined = std::move(BR.Suppressed);
    R.Stale = BR.Stale;
  }
  R.Warnings = std::move(M.Warnings);

  Check(writeReport(R), "report");
  outs().flush(); // The report before the summary, also when both are piped.
  if (!ExportFixes.empty())
    Check(exportFixes(ExportFixes, R.Warnings), "fixes");
  if (Fix && !R.Errors.empty()) {
    // Like clang-tidy: code that does not compile may have been misread,
    // and so may the fixes computed from it.
    errs() << "error: not applying fixes: the code has compiler errors\n";
  } else if (Fix && !applyFixes(R.Warnings, M.Hashes, errs())) {
    HadTrouble = true;
  }
  printSummary(R);

  if (HadTrouble || !R.Errors.empty() || !R.Failures.empty())
    return ExitTrouble;
  return R.Warnings.empty() ? ExitClean : ExitFindings;
}

} // namespace

int main(int Argc, const char **Argv) {
  InitLLVM X(Argc, Argv);
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter([](raw_ostream &OS) {
    OS << "dbleak " << DBLEAK_VERSION << " (LLVM " << LLVM_VERSION_STRING
       << ")\n";
  });
  if (!cl::ParseCommandLineOptions(
          Argc, Argv,
          "dbleak: find database handle lifetime bugs in C and C++\n\n"
          "Runs the dbleak-* clang-tidy checks over the translation units of "
          "a compilation database (all of them, or the files given).\n",
          &errs()))
    return ExitTrouble;

  if (WorkerMode) {
    if (Files.size() != 1 || WorkerOutput.empty())
      return fail("--worker takes one file and --worker-output");
    return runWorker(
        BuildPath, Files.front(), WorkerOutput,
        makeOptionsProvider(Checks, ExtraArgs, ExtraArgsBefore, catalogList()),
        WorkerCatalogRows, WorkerVerifyFixes);
  }
  if (DumpCatalog)
    return dumpCatalog();
  if (ListChecks) {
    for (const std::string &C : enabledChecks())
      outs() << C << "\n";
    return ExitClean;
  }
  return runDriver(Argv[0]);
}
