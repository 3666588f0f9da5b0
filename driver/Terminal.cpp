//===--- Terminal.cpp - Colors and the progress line ----------------------===//

#include "Terminal.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Process.h"

using namespace llvm;

namespace dbleak::driver {

bool useColor(ColorMode Mode, bool IsTerminal) {
  if (Mode != ColorMode::Auto)
    return Mode == ColorMode::Always;
  std::optional<std::string> NoColor = sys::Process::GetEnv("NO_COLOR");
  std::optional<std::string> Term = sys::Process::GetEnv("TERM");
  return IsTerminal && (!NoColor || NoColor->empty()) && Term != "dumb";
}

Progress::Progress(bool Enabled, StringRef What, size_t Total)
    : Enabled(Enabled), What(What), Total(Total) {}

void Progress::done(const TUOutcome &O) {
  ++Done;
  Analyzed += !O.FromCache;
  for (const Finding &F : O.Result.Findings)
    if (!F.IsError)
      Findings.insert({F.Check, F.Loc.File, F.Loc.Offset, F.Message});
  draw(/*Force=*/true);
}

static std::string minutes(std::chrono::steady_clock::duration D) {
  auto S = std::chrono::duration_cast<std::chrono::seconds>(D).count();
  return formatv("{0}:{1:2}", S / 60, S % 60);
}

void Progress::draw(bool Force) {
  if (!Enabled)
    return;
  Clock::time_point Now = Clock::now();
  // Four times a second is current enough; more is flicker over ssh.
  if (!Force && Now - LastDraw < std::chrono::milliseconds(250))
    return;
  LastDraw = Now;
  Clock::duration Elapsed = Now - Start;
  std::string Line = formatv("{0} [{1}/{2}] {3} finding{4}, {5} elapsed", What,
                             Done, Total, Findings.size(),
                             Findings.size() == 1 ? "" : "s", minutes(Elapsed));
  // Results from the cache come first and at once; only the analyzed ones
  // say how long the rest will take.
  if (Analyzed && Done < Total)
    Line += ", about " + minutes(Elapsed / Analyzed * (Total - Done)) + " left";
  // Overwrite in place; pad over the end of a longer previous line.
  errs() << '\r' << Line;
  if (Line.size() < Width)
    errs().indent(Width - Line.size());
  Width = Line.size();
  errs().flush();
}

void Progress::finish() {
  if (!Enabled || !Width)
    return;
  errs() << '\r';
  errs().indent(Width) << '\r';
  errs().flush();
  Width = 0;
}

} // namespace dbleak::driver
