//===--- Driver.cpp - The dbleak command ----------------------------------===//
//
// dbleak runs the dbleak-* clang-tidy checks over a compilation database:
// one worker process per translation unit, results merged, deduplicated and
// sorted, then reported as text, JSON or SARIF. See docs/driver.md.
//
//===----------------------------------------------------------------------===//

#include "Baseline.h"
#include "Cache.h"
#include "Fixes.h"
#include "Report.h"
#include "Runner.h"
#include "Terminal.h"
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
#include "llvm/Support/Process.h"
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
             "other translation units are understood (files that call "
             "summarized functions are parsed twice; see docs/driver.md)."),
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
enum class Format { Text, JSON, SARIF, CodeClimate };
cl::opt<Format> OutputFormat(
    "format", cl::desc("Report format."),
    cl::values(clEnumValN(Format::Text, "text", "clang-style diagnostics"),
               clEnumValN(Format::JSON, "json", "dbleak JSON"),
               clEnumValN(Format::SARIF, "sarif", "SARIF 2.1.0"),
               clEnumValN(Format::CodeClimate, "codeclimate",
                          "GitLab Code Quality report")),
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

/// Fixes leave the process (applied, exported or reported): the workers
/// verify them first.
bool verifiesFixes() {
  return Fix || !ExportFixes.empty() || OutputFormat != Format::Text;
}
cl::opt<std::string>
    Baseline("baseline",
             cl::desc("Do not report findings whose fingerprint is in this "
                      "baseline file."),
             cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> WriteBaseline(
    "write-baseline",
    cl::desc("Write the fingerprints of all current findings to this file."),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> CacheDir(
    "cache-dir",
    cl::desc("Keep the results of translation units here, for runs that "
             "find them unchanged. Default: .dbleak-cache in the directory "
             "of compile_commands.json."),
    cl::value_desc("dir"), cl::cat(Category));
cl::opt<bool> NoCache("no-cache",
                      cl::desc("Analyze every translation unit; neither read "
                               "nor write the cache."),
                      cl::cat(Category));
cl::opt<bool> Quiet("quiet",
                    cl::desc("No progress line and no summary on standard "
                             "error; errors are still printed."),
                    cl::cat(Category));
cl::opt<bool> Verbose("verbose",
                      cl::desc("Say which translation units were analyzed "
                               "and which were taken from the cache."),
                      cl::cat(Category));
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

/// LLVM registers a --color=true|false of its own (WithColor); dbleak's takes
/// clang's and git's values instead, so main() unregisters LLVM's before
/// this one exists.
cl::opt<ColorMode> &colorOption() {
  static cl::opt<ColorMode> Color(
      "color",
      cl::desc("Color the text report and messages: auto (on a terminal, "
               "unless NO_COLOR is set or TERM=dumb), always, never."),
      cl::values(clEnumValN(ColorMode::Auto, "auto", ""),
                 clEnumValN(ColorMode::Always, "always", ""),
                 clEnumValN(ColorMode::Never, "never", "")),
      cl::init(ColorMode::Auto), cl::cat(Category));
  return Color;
}

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
  unsigned FromCache = 0; ///< Translation units not analyzed in this run.
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
    M.FromCache += O.FromCache;
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

Error writeReport(const Report &R, bool Color) {
  return writeToOutput(Output.empty() ? "-" : Output.getValue(),
                       [&](raw_ostream &OS) {
                         if (OutputFormat == Format::JSON)
                           printJSON(OS, R);
                         else if (OutputFormat == Format::SARIF)
                           printSARIF(OS, R);
                         else if (OutputFormat == Format::CodeClimate)
                           printCodeClimate(OS, R);
                         else {
                           OS.enable_colors(Color);
                           for (const Finding &F : R.Warnings)
                             printText(OS, F);
                         }
                         return Error::success();
                       });
}

void printSummary(const Report &R, unsigned FromCache) {
  if (R.UsedBaseline && !Quiet)
    errs() << "dbleak: " << R.Baselined.size()
           << " finding(s) suppressed by the baseline, " << R.Stale
           << " stale baseline entr" << (R.Stale == 1 ? "y" : "ies") << "\n";
  if (!R.Errors.empty())
    errs() << "dbleak: compiler errors; results are incomplete\n";
  if (!R.Failures.empty())
    errs() << "dbleak: " << R.Failures.size()
           << " translation unit(s) could not be analyzed\n";
  if (Quiet)
    return;
  unsigned Verified = 0, Dropped = 0;
  for (const Finding &F : R.Warnings) {
    Verified += F.FixStatus == "verified";
    Dropped += F.FixStatus == "dropped";
  }
  if (Verified || Dropped)
    errs() << "dbleak: " << Verified << " fix" << (Verified == 1 ? "" : "es")
           << " verified, " << Dropped << " dropped\n";
  errs() << summaryLine(R) << " (" << R.TranslationUnits << " translation unit"
         << (R.TranslationUnits == 1 ? "" : "s");
  errs() << " analyzed";
  if (FromCache)
    errs() << ", " << FromCache << " of them from the cache";
  errs() << ")\n";
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

/// The cache of this run, and how its keys are made. A key holds everything
/// known before a translation unit is parsed that could change its result;
/// the entry holds what the parse read (see ResultCache).
struct CacheContext {
  ResultCache Cache;
  std::string Identity; ///< ResultCache::toolIdentity.
  /// The options workers see, minus --cross-tu's summaries (which enter a
  /// key as the rows a translation unit imports).
  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Options;

  /// Mode names what the worker computes ("summary": findings, rows and
  /// function names; "analysis": findings); Extra is the summary rows the
  /// translation unit imports.
  std::string key(const CompilationDatabase &Db, const Job &J, StringRef Mode,
                  StringRef Extra = "") {
    clang::tidy::ClangTidyOptions Opts = Options->getOptions(J.File);
    // The catalogs by content. A relative CatalogFiles path is resolved by
    // the check against the worker's directory, which is the compile
    // command's: hash what it names in each of them, and in ours.
    std::vector<std::string> Dirs = {absolute(".")};
    for (const clang::tooling::CompileCommand &C :
         Db.getCompileCommands(J.File))
      Dirs.push_back(C.Directory);
    std::map<std::string, std::string> Catalogs;
    for (const auto &[Name, Value] : Opts.CheckOptions)
      if (StringRef(Name).ends_with("CatalogFiles"))
        for (StringRef Path : split(Value.Value, ';'))
          for (const std::string &Dir : Dirs)
            if (!Path.trim().empty()) {
              SmallString<256> Abs(Path.trim());
              sys::path::make_absolute(Dir, Abs);
              Catalogs.emplace(std::string(Abs),
                               Cache.hashOf(std::string(Abs)));
            }
    std::string CatalogText;
    for (const auto &[Path, Hash] : Catalogs)
      CatalogText += Path + "=" + Hash + "\n";
    // Results whose fixes were verified are not those of a text run.
    std::string M = Mode.str() + (verifiesFixes() ? "+verified-fixes" : "");
    return ResultCache::key({Identity, M, J.CompileCommands,
                             clang::tidy::configurationAsText(Opts),
                             CatalogText, Extra.str()});
  }
};

/// The cache for this run: --cache-dir, or the default next to the
/// database. None with --no-cache, or when the default cannot be used (a
/// warning; an explicit --cache-dir that cannot be used is an error).
Expected<std::optional<CacheContext>> openCache(StringRef DbPath,
                                                StringRef Self) {
  if (NoCache)
    return std::nullopt;
  std::string Dir = CacheDir;
  if (Dir.empty())
    Dir = (sys::path::parent_path(DbPath) + "/.dbleak-cache").str();
  Expected<ResultCache> C = ResultCache::open(Dir);
  if (!C) {
    if (!CacheDir.empty())
      return C.takeError();
    errs() << "warning: " << toString(C.takeError())
           << "; running without a cache (see --cache-dir)\n";
    return std::nullopt;
  }
  return CacheContext{
      std::move(*C), ResultCache::toolIdentity(Self),
      makeOptionsProvider(Checks, ExtraArgs, ExtraArgsBefore, catalogList())};
}

/// One pass over Work: each translation unit's result from the cache when
/// Keys[I] finds it there, from a worker otherwise (and then stored). Results
/// with compiler errors or failures are never stored. What names the pass
/// in the progress line and for --verbose.
std::vector<TUOutcome> runPass(StringRef What, RunnerOptions RO,
                               ArrayRef<Job> Work, ArrayRef<std::string> Keys,
                               CacheContext *C) {
  bool Terminal = sys::Process::StandardErrIsDisplayed();
  Progress P(Terminal && !Quiet, What, Work.size());
  std::vector<TUOutcome> Out(Work.size());
  std::vector<Job> Missing;
  std::vector<size_t> Where;
  for (size_t I = 0; I < Work.size(); ++I) {
    Out[I].File = Work[I].File;
    if (std::optional<TUResult> R =
            C ? C->Cache.lookup(Keys[I]) : std::nullopt) {
      Out[I].Result = std::move(*R);
      Out[I].FromCache = true;
      P.done(Out[I]);
    } else {
      Missing.push_back(Work[I]);
      Where.push_back(I);
    }
  }
  RO.OnProgress = [&](const TUOutcome *O) { O ? P.done(*O) : P.tick(); };
  std::vector<TUOutcome> Ran = runWorkers(RO, Missing);
  P.finish();
  bool StoreFailed = false;
  for (size_t K = 0; K < Ran.size(); ++K) {
    TUOutcome &O = Out[Where[K]];
    O = std::move(Ran[K]);
    bool Errors = llvm::any_of(O.Result.Findings,
                               [](const Finding &F) { return F.IsError; });
    if (!C || !O.Failure.empty() || Errors || StoreFailed)
      continue;
    if (Error E = C->Cache.store(Keys[Where[K]], O.Result)) {
      // Not fatal: the results are right, only the next run is slower.
      errs() << "warning: cannot write to the cache " << C->Cache.dir() << ": "
             << toString(std::move(E)) << "\n";
      StoreFailed = true;
    }
  }
  if (Verbose)
    for (const TUOutcome &O : Out)
      errs() << "dbleak: " << What << ": " << O.File << ": "
             << (O.FromCache ? "from the cache" : "analyzed") << "\n";
  return Out;
}

/// The rows of a summary pass.
struct Summaries {
  std::string Text; ///< A catalog file.
  /// The rows exported, by function name (functions defined differently in
  /// two translation units have none).
  std::map<std::string, std::vector<std::string>> Rows;
  /// The pass's outcome per file: its findings are those of a run without
  /// summaries.
  std::map<std::string, TUOutcome> ByFile;
};

/// The summary pass: every translation unit of the database, whichever
/// are analyzed, since a helper may live anywhere in it. A function defined
/// differently by two programs of the database gets no rows. Translation
/// units that fail are reported here only with \p Report (--cross-tu's
/// analysis reports them anyway).
Summaries summarize(const CompilationDatabase &Db, StringRef DbPath,
                    RunnerOptions RO, CacheContext *C, bool Report,
                    bool &Trouble) {
  RO.WorkerArgs.push_back("--worker-catalog-rows");
  std::vector<Job> Work;
  std::vector<std::string> Keys;
  std::vector<std::string> All = Db.getAllFiles();
  llvm::sort(All);
  All.erase(std::unique(All.begin(), All.end()), All.end());
  for (const std::string &F : All)
    if (sys::fs::exists(F)) {
      Work.push_back({F, compileCommandsOf(Db, F)});
      Keys.push_back(C ? C->key(Db, Work.back(), "summary") : "");
    }
  Summaries S;
  std::set<std::string> Conflicting;
  unsigned FromCache = 0;
  for (TUOutcome &O : runPass("summary pass", RO, Work, Keys, C)) {
    FromCache += O.FromCache;
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
      if (auto [It, New] = S.Rows.emplace(Name, Rs); !New && It->second != Rs)
        Conflicting.insert(Name);
    std::string File = O.File;
    S.ByFile.emplace(File, std::move(O));
  }
  for (const std::string &Name : Conflicting)
    S.Rows.erase(Name);
  raw_string_ostream OS(S.Text);
  OS << "# Generated by dbleak --export-summaries from " << DbPath
     << ".\n# What the project's own functions do with database handles, "
        "for calls from\n# other translation units. Regenerate rather than "
        "edit.\nlibrary: project-summaries\nprovenance: dbleak "
     << DBLEAK_VERSION << " summary pass over " << Work.size()
     << " translation units\nfunctions:";
  unsigned N = 0;
  for (const auto &[Name, Rs] : S.Rows)
    for (const std::string &R : Rs)
      OS << "\n  - " << R, ++N;
  OS << (N ? "\n" : " []\n");
  if (!Quiet) {
    errs() << "dbleak: summary pass: " << N << " catalog row"
           << (N == 1 ? "" : "s") << " for the project's functions ("
           << Work.size() << " translation unit"
           << (Work.size() == 1 ? "" : "s");
    if (FromCache)
      errs() << ", " << FromCache << " from the cache";
    errs() << ", " << Conflicting.size() << " function"
           << (Conflicting.size() == 1 ? "" : "s")
           << " left out: defined differently in two of them)\n";
  }
  return S;
}

/// The analysis with --cross-tu's summaries. A translation unit whose code
/// names none of the summarized functions has the findings of the summary
/// pass already: the rows it would import are none. The others are keyed by
/// the rows they import, so that a change to another file's helper
/// re-analyzes exactly its callers.
std::vector<TUOutcome> analyzeWithSummaries(const CompilationDatabase &Db,
                                            const RunnerOptions &RO,
                                            ArrayRef<Job> Work, Summaries &S,
                                            CacheContext *C) {
  std::vector<TUOutcome> Out(Work.size());
  std::vector<Job> Rest;
  std::vector<std::string> Keys;
  std::vector<size_t> Where;
  for (size_t I = 0; I < Work.size(); ++I) {
    auto It = S.ByFile.find(Work[I].File);
    std::string Imported;
    if (It != S.ByFile.end()) {
      for (const std::string &Name : It->second.Result.FunctionNames)
        if (auto Row = S.Rows.find(Name); Row != S.Rows.end())
          for (const std::string &R : Row->second)
            Imported += R + "\n";
      if (Imported.empty()) {
        Out[I] = std::move(It->second);
        // A later run without --cross-tu would compute the same.
        TUResult &R = Out[I].Result;
        if (C && !Out[I].FromCache &&
            llvm::none_of(R.Findings,
                          [](const Finding &F) { return F.IsError; }))
          consumeError(C->Cache.store(C->key(Db, Work[I], "analysis"), R));
        if (Verbose)
          errs() << "dbleak: analysis: " << Out[I].File
                 << ": the summary pass's result (it calls no summarized "
                    "function)\n";
        continue;
      }
    } else {
      Imported = S.Text; // the summary pass failed here: assume all rows
    }
    Rest.push_back(Work[I]);
    Keys.push_back(C ? C->key(Db, Work[I], "analysis", Imported) : "");
    Where.push_back(I);
  }
  std::vector<TUOutcome> Ran = runPass("analysis", RO, Rest, Keys, C);
  for (size_t K = 0; K < Ran.size(); ++K)
    Out[Where[K]] = std::move(Ran[K]);
  return Out;
}

int runDriver(const char *Argv0) {
  unsigned ShardIndex = 1, ShardCount = 1;
  if (!Shard.empty()) {
    auto [I, N] = StringRef(Shard).split('/');
    if (I.getAsInteger(10, ShardIndex) || N.getAsInteger(10, ShardCount) ||
        ShardIndex == 0 || ShardIndex > ShardCount)
      return fail("--shard expects I/N with 1 <= I <= N, got '" + Shard + "'");
  }
  if (NoCache && !CacheDir.empty())
    return fail("--no-cache and --cache-dir contradict each other");
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
  // Fixes that leave the process are first applied and re-analyzed by the
  // worker that found them (see docs/driver.md); the summary pass's
  // findings stand for a TU's final ones when it imports no summary.
  if (verifiesFixes())
    RO.WorkerArgs.push_back("--worker-verify-fixes");
  RO.Parallel =
      JobCount ? JobCount : hardware_concurrency().compute_thread_count();
  RO.TimeoutSeconds = Timeout;

  auto Cache = openCache(*DbPath, RO.Self);
  if (!Cache)
    return fail(toString(Cache.takeError()));
  CacheContext *C = *Cache ? &**Cache : nullptr;

  auto WithCatalogs = [&](RunnerOptions Opts) {
    if (!Catalogs.empty())
      Opts.WorkerArgs.push_back("--catalog=" + Catalogs);
    return Opts;
  };
  std::string TempSummaries;
  std::optional<Summaries> Sums;
  if (!ExportSummaries.empty() || CrossTU) {
    bool Export = !ExportSummaries.empty(), Failed = false;
    Sums = summarize(**Db, *DbPath, WithCatalogs(RO), C, Export, Failed);
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
          OS << Sums->Text;
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
  std::vector<std::string> Keys;
  for (const std::string &F : TUs) {
    Work.push_back({F, compileCommandsOf(**Db, F)});
    Keys.push_back(C && !Sums ? C->key(**Db, Work.back(), "analysis") : "");
  }
  Merged M =
      merge(Sums ? analyzeWithSummaries(**Db, WithCatalogs(RO), Work, *Sums, C)
                 : runPass("analysis", WithCatalogs(RO), Work, Keys, C));
  if (!TempSummaries.empty()) {
    sys::fs::remove(TempSummaries);
    sys::DontRemoveFileOnSignal(TempSummaries);
  }
  bool ColorErrors =
      useColor(colorOption(), sys::Process::StandardErrIsDisplayed());
  errs().enable_colors(ColorErrors);
  for (const Finding &E : M.Errors)
    printText(errs(), E);
  errs().enable_colors(false);

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

  // Colors go to a terminal, or anywhere when asked for (--color=always
  // with -o, for a pager that shows them).
  bool ColorReport = useColor(
      colorOption(), Output.empty() && sys::Process::StandardOutIsDisplayed());
  Check(writeReport(R, ColorReport), "report");
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
  printSummary(R, M.FromCache);

  if (HadTrouble || !R.Errors.empty() || !R.Failures.empty())
    return ExitTrouble;
  return R.Warnings.empty() ? ExitClean : ExitFindings;
}

} // namespace

int main(int Argc, const char **Argv) {
  InitLLVM X(Argc, Argv);
  if (cl::Option *LLVMColor = cl::getRegisteredOptions().lookup("color"))
    LLVMColor->removeArgument();
  colorOption();
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
