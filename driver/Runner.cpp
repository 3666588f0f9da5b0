//===--- Runner.cpp - Run worker processes in parallel --------------------===//

#include "Runner.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Signals.h"
#include <chrono>
#include <thread>
#ifdef LLVM_ON_UNIX
#include <signal.h>
#endif

using namespace llvm;

namespace dbleak::driver {
namespace {

using Clock = std::chrono::steady_clock;

struct Running {
  size_t Index;
  sys::ProcessInfo PI;
  std::string OutPath, LogPath, DbPath;
  Clock::time_point Start;
};

std::string readFile(StringRef Path) {
  auto B = MemoryBuffer::getFile(Path, /*IsText=*/true);
  return B ? (*B)->getBuffer().str() : std::string();
}

std::string tempPath(StringRef Suffix) {
  SmallString<128> Path;
  if (std::error_code EC =
          sys::fs::createTemporaryFile("dbleak-worker", Suffix, Path))
    report_fatal_error(Twine("cannot create a temporary file: ") +
                       EC.message());
  sys::RemoveFileOnSignal(Path);
  return std::string(Path);
}

void removeTemp(StringRef Path) {
  sys::fs::remove(Path);
  sys::DontRemoveFileOnSignal(Path);
}

void removeTemps(Running &R) {
  for (StringRef Path : {R.OutPath, R.LogPath, R.DbPath})
    if (!Path.empty())
      removeTemp(Path);
}

bool start(const RunnerOptions &Opts, const Job &J, Running &R,
           std::string &Failure) {
  R.OutPath = tempPath("json");
  R.LogPath = tempPath("log");
  R.DbPath = tempPath("cdb.json");
  if (Error E = writeToOutput(R.DbPath, [&](raw_ostream &OS) {
        OS << J.CompileCommands;
        return Error::success();
      })) {
    Failure = "cannot write " + R.DbPath + ": " + toString(std::move(E));
    return false;
  }
  std::vector<std::string> Args = {
      Opts.Self, "--worker", "--worker-output=" + R.OutPath, "-p", R.DbPath};
  Args.insert(Args.end(), Opts.WorkerArgs.begin(), Opts.WorkerArgs.end());
  Args.push_back(J.File);
  std::vector<StringRef> ArgRefs(Args.begin(), Args.end());
  // The worker's stdout and stderr go to one log, shown only if it fails.
  std::optional<StringRef> Redirects[] = {StringRef(""), StringRef(R.LogPath),
                                          StringRef(R.LogPath)};
  std::string Err;
  bool ExecFailed = false;
  R.PI = sys::ExecuteNoWait(Opts.Self, ArgRefs, std::nullopt, Redirects,
                            /*MemoryLimit=*/0, &Err, &ExecFailed);
  R.Start = Clock::now();
  if (ExecFailed)
    Failure = "cannot start a worker: " + Err;
  return !ExecFailed;
}

/// Collects a finished worker's result into Out.
void finish(Running &R, const sys::ProcessInfo &Done, const std::string &Err,
            TUOutcome &Out) {
  if (Out.Failure.empty()) {
    if (Done.ReturnCode == -2)
      Out.Failure = "the worker crashed (" + Err + ")";
    else if (Done.ReturnCode != 0)
      Out.Failure = "the worker failed (exit code " +
                    std::to_string(Done.ReturnCode) + ")" +
                    (Err.empty() ? "" : ": " + Err);
  }
  if (Out.Failure.empty()) {
    auto Result = parseTUResult(readFile(R.OutPath));
    if (Result)
      Out.Result = std::move(*Result);
    else
      Out.Failure = "unreadable worker result: " + toString(Result.takeError());
  }
  if (!Out.Failure.empty())
    Out.WorkerStderr = readFile(R.LogPath);
  removeTemps(R);
}

} // namespace

std::vector<TUOutcome> runWorkers(const RunnerOptions &Opts,
                                  ArrayRef<Job> Jobs) {
  std::vector<TUOutcome> Outcomes(Jobs.size());
  std::vector<Running> Active;
  size_t Next = 0;
  unsigned Parallel = std::max(1u, Opts.Parallel);
  while (Next < Jobs.size() || !Active.empty()) {
    while (Active.size() < Parallel && Next < Jobs.size()) {
      Running R;
      R.Index = Next++;
      TUOutcome &Out = Outcomes[R.Index];
      Out.File = Jobs[R.Index].File;
      if (start(Opts, Jobs[R.Index], R, Out.Failure)) {
        Active.push_back(std::move(R));
      } else {
        removeTemps(R);
        if (Opts.OnProgress)
          Opts.OnProgress(&Out);
      }
    }
    // Poll rather than block: a blocking wait with a timeout uses SIGALRM,
    // of which a process has only one, and we watch several children.
    bool Progress = false;
    for (size_t I = 0; I < Active.size();) {
      Running &R = Active[I];
      TUOutcome &Out = Outcomes[R.Index];
      std::string Err;
      sys::ProcessInfo Done = sys::Wait(R.PI, /*SecondsToWait=*/0, &Err);
      if (Done.Pid == 0 && Opts.TimeoutSeconds &&
          Clock::now() - R.Start > std::chrono::seconds(Opts.TimeoutSeconds)) {
#ifdef LLVM_ON_UNIX
        ::kill(R.PI.Pid, SIGKILL);
#endif
        Done = sys::Wait(R.PI, std::nullopt, &Err);
        Out.Failure = "analysis timed out after " +
                      std::to_string(Opts.TimeoutSeconds) + " s (--timeout)";
      }
      if (Done.Pid == 0) {
        ++I;
        continue;
      }
      finish(R, Done, Err, Out);
      Active.erase(Active.begin() + I);
      Progress = true;
      if (Opts.OnProgress)
        Opts.OnProgress(&Out);
    }
    if (Opts.OnProgress)
      Opts.OnProgress(nullptr);
    if (!Progress && !Active.empty())
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return Outcomes;
}

} // namespace dbleak::driver
