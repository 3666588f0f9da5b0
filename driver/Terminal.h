//===--- Terminal.h - Colors and the progress line ------------------------===//
//
// What a person at a terminal sees and a pipe never does: colors like
// clang's, and a progress line on standard error that is erased when the run
// ends. See docs/driver.md, "Output".
//
//===----------------------------------------------------------------------===//

#ifndef DBLEAK_DRIVER_TERMINAL_H
#define DBLEAK_DRIVER_TERMINAL_H

#include "Runner.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <set>
#include <tuple>

namespace dbleak::driver {

enum class ColorMode { Auto, Always, Never };

/// Whether to color a stream that is (or is not) a terminal: Auto means a
/// terminal whose TERM is not "dumb", unless NO_COLOR is set (no-color.org).
bool useColor(ColorMode Mode, bool IsTerminal);

/// "[12/41] 3 findings, 0:12 elapsed, about 0:30 left" on standard error,
/// redrawn in place as translation units finish. Draws nothing unless
/// enabled (a terminal, no --quiet); finish() erases it, so nothing of it is
/// left between the lines printed afterwards.
class Progress {
public:
  Progress(bool Enabled, llvm::StringRef What, size_t Total);
  ~Progress() { finish(); }
  /// One translation unit is done (analyzed or from the cache).
  void done(const TUOutcome &O);
  /// Time passes: keeps elapsed time and the estimate current.
  void tick() { draw(/*Force=*/false); }
  void finish();

private:
  using Clock = std::chrono::steady_clock;
  void draw(bool Force);

  bool Enabled;
  std::string What;
  size_t Total, Done = 0, Analyzed = 0;
  /// Findings as the report counts them: a header's once.
  std::set<std::tuple<std::string, std::string, unsigned, std::string>>
      Findings;
  Clock::time_point Start = Clock::now(), LastDraw;
  size_t Width = 0; ///< Of the line on screen, to erase it.
};

} // namespace dbleak::driver

#endif
