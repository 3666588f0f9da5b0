//===--- Fixes.cpp - Export and apply fix-its -----------------------------===//

#include "Fixes.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <set>
#include <tuple>

using namespace llvm;

namespace dbleak::driver {

Error exportFixes(StringRef Path, const std::vector<Finding> &Findings) {
  clang::tooling::TranslationUnitDiagnostics TUD;
  SmallString<256> Cwd;
  sys::fs::current_path(Cwd);
  for (const Finding &F : Findings) {
    clang::tooling::DiagnosticMessage Msg(F.Message);
    Msg.FilePath = F.Loc.File;
    Msg.FileOffset = F.Loc.Offset;
    for (const Edit &E : F.Fix) {
      // Several edits of one finding never overlap (clang-tidy checked them).
      consumeError(Msg.Fix[E.File].add(
          clang::tooling::Replacement(E.File, E.Offset, E.Length, E.Text)));
    }
    clang::tooling::Diagnostic D(F.Check, Msg, {},
                                 clang::tooling::Diagnostic::Warning, Cwd);
    for (const Note &N : F.Notes) {
      clang::tooling::DiagnosticMessage NM(N.Message);
      NM.FilePath = N.Loc.File;
      NM.FileOffset = N.Loc.Offset;
      D.Notes.push_back(std::move(NM));
    }
    TUD.Diagnostics.push_back(std::move(D));
  }
  return writeToOutput(Path, [&](raw_ostream &OS) {
    yaml::Output YAML(OS);
    YAML << TUD;
    return Error::success();
  });
}

namespace {

struct PendingEdit {
  unsigned Offset, Length;
  std::string Text;
  const Finding *From;
  Location At;
  bool operator<(const PendingEdit &O) const {
    return std::tie(Offset, Length, Text) <
           std::tie(O.Offset, O.Length, O.Text);
  }
};

std::string position(const Location &L) {
  return std::to_string(L.Line) + ":" + std::to_string(L.Column);
}

std::string source(const PendingEdit &E) {
  return "the " + E.From->Check + " warning at " + position(E.From->Loc);
}

/// Old with Edits (sorted by offset, none overlapping) applied.
template <typename EditSet>
std::string splice(StringRef Old, const EditSet &Edits) {
  std::string New;
  unsigned Pos = 0;
  for (const auto &E : Edits) {
    New += Old.slice(Pos, E.Offset);
    New += E.Text;
    Pos = E.Offset + E.Length;
  }
  New += Old.substr(Pos);
  return New;
}

/// Edits that overlap, or two insertions at one place, have no order that
/// is certainly right.
template <typename EditSet> const auto *firstConflict(const EditSet &Edits) {
  const typename EditSet::value_type *Prev = nullptr;
  for (const auto &E : Edits) {
    if (Prev && (E.Offset < Prev->Offset + Prev->Length ||
                 (E.Offset == Prev->Offset && !E.Length && !Prev->Length)))
      return &E;
    Prev = &E;
  }
  return static_cast<const typename EditSet::value_type *>(nullptr);
}

/// Writes Content to Path so that readers see the old or the new file, never
/// a mix: a temporary file in the same directory (same file system, so the
/// rename is atomic) with the original permissions, then a rename over it.
Error writeAtomically(StringRef Path, StringRef Content) {
  sys::fs::file_status Status;
  if (std::error_code EC = sys::fs::status(Path, Status))
    return errorCodeToError(EC);
  SmallString<256> Model(Path);
  Model += ".dbleak-%%%%%%";
  int FD;
  SmallString<256> Temp;
  if (std::error_code EC = sys::fs::createUniqueFile(
          Model, FD, Temp, sys::fs::OF_None, Status.permissions()))
    return errorCodeToError(EC);
  {
    raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Content;
    OS.close();
    if (OS.has_error()) {
      std::error_code EC = OS.error();
      OS.clear_error();
      sys::fs::remove(Temp);
      return errorCodeToError(EC);
    }
  }
  if (std::error_code EC = sys::fs::rename(Temp, Path)) {
    sys::fs::remove(Temp);
    return errorCodeToError(EC);
  }
  return Error::success();
}

} // namespace

bool applyFixes(const std::vector<Finding> &Findings,
                const std::map<std::string, std::string> &AnalyzedHashes,
                raw_ostream &Log) {
  // A header reached from several translation units yields the same fix
  // several times: the set keeps one of each.
  std::map<std::string, std::set<PendingEdit>> ByFile;
  for (const Finding &F : Findings)
    for (const Edit &E : F.Fix)
      ByFile[E.File].insert({E.Offset, E.Length, E.Text, &F, E.Begin});

  bool AllApplied = true;
  for (const auto &[File, Edits] : ByFile) {
    auto Refuse = [&, &File = File](const Twine &Why) {
      Log << "error: not applying fixes to " << File << ": " << Why << "\n";
      AllApplied = false;
    };
    if (const PendingEdit *E = firstConflict(Edits)) {
      const PendingEdit &Prev = *std::prev(Edits.find(*E));
      Refuse("different fixes at " + position(E->At) + " from " + source(Prev) +
             " and " + source(*E));
      continue;
    }

    auto Buffer = MemoryBuffer::getFile(File, /*IsText=*/false,
                                        /*RequiresNullTerminator=*/false);
    if (!Buffer) {
      Refuse(Buffer.getError().message());
      continue;
    }
    StringRef Old = (*Buffer)->getBuffer();
    auto Hash = AnalyzedHashes.find(File);
    if (Hash == AnalyzedHashes.end() || Hash->second != hashContent(Old)) {
      Refuse("the file changed since it was analyzed; run dbleak again");
      continue;
    }
    // The hash matched, so the offsets are those of this very text.
    if (Error Err = writeAtomically(File, splice(Old, Edits))) {
      Refuse(toString(std::move(Err)));
      continue;
    }
    Log << "dbleak: applied " << Edits.size()
        << (Edits.size() == 1 ? " fix to " : " fixes to ") << File << "\n";
  }
  return AllApplied;
}

namespace {

struct Span {
  unsigned Offset, Length;
  std::string Text;
  bool operator<(const Span &O) const {
    return std::tie(Offset, Length, Text) <
           std::tie(O.Offset, O.Length, O.Text);
  }
};
using Spans = std::map<std::string, std::set<Span>>;

/// Where Offset of File is once Edits are applied.
unsigned shifted(const Spans &Edits, const std::string &File, unsigned Offset) {
  auto It = Edits.find(File);
  if (It == Edits.end())
    return Offset;
  long Delta = 0;
  for (const Span &E : It->second)
    if (E.Offset + E.Length <= Offset && !(E.Length && E.Offset == Offset))
      Delta += long(E.Text.size()) - long(E.Length);
  return unsigned(long(Offset) + Delta);
}

using Key = std::tuple<std::string, std::string, std::string, unsigned>;
Key keyOf(const Finding &F, unsigned Offset) {
  return {F.Check, F.Message, F.Loc.File, Offset};
}

} // namespace

static std::string proposal(const Finding &F) {
  std::string S = F.Check + "\n" + F.Loc.File + "\n" +
                  std::to_string(F.Loc.Offset) + "\n" + F.Message;
  for (const Edit &E : F.Fix)
    S += "\n" + E.File + ":" + std::to_string(E.Offset) + ":" +
         std::to_string(E.Length) + ":" + E.Text;
  return S;
}

void FixAgreement::addTranslationUnit(const TUResult &R) {
  for (const auto &[File, Hash] : R.FileHashes)
    ++Readers[File];
  std::set<std::string> Seen; // a finding once per translation unit
  for (const Finding &F : R.Findings)
    if (!F.Fix.empty() && Seen.insert(proposal(F)).second)
      ++Proposals[proposal(F)];
}

void FixAgreement::settle(Finding &F) const {
  if (F.Fix.empty())
    return;
  auto It = Proposals.find(proposal(F));
  unsigned Agree = It == Proposals.end() ? 0 : It->second;
  for (const Edit &E : F.Fix) {
    auto R = Readers.find(E.File);
    if (R == Readers.end() || R->second == Agree)
      continue;
    F.Fix.clear();
    F.FixStatus = "dropped";
    return;
  }
}

void verifyFixes(std::vector<Finding> &Findings,
                 const std::map<std::string, std::string> &Files,
                 Reanalysis Reanalyze) {
  // Only the text the fixes were computed from can verify them; a file
  // edited since is refused when fixes are applied, verified or not.
  std::map<std::string, std::string> Originals;
  auto Readable = [&](const std::string &File) {
    if (Originals.count(File))
      return true;
    auto Buffer = MemoryBuffer::getFile(File, /*IsText=*/false,
                                        /*RequiresNullTerminator=*/false);
    auto Hash = Files.find(File);
    if (!Buffer || Hash == Files.end() ||
        Hash->second != hashContent((*Buffer)->getBuffer()))
      return false;
    Originals.emplace(File, (*Buffer)->getBuffer().str());
    return true;
  };
  std::vector<size_t> WithFix;
  unsigned ErrorsBefore = 0;
  for (size_t I = 0; I < Findings.size(); ++I) {
    ErrorsBefore += Findings[I].IsError;
    if (!Findings[I].IsError && !Findings[I].Fix.empty() &&
        llvm::all_of(Findings[I].Fix,
                     [&](const Edit &E) { return Readable(E.File); }))
      WithFix.push_back(I);
  }
  if (WithFix.empty())
    return;
  auto Passes = [&](ArrayRef<size_t> Which) {
    Spans Edits;
    for (size_t I : Which)
      for (const Edit &E : Findings[I].Fix)
        Edits[E.File].insert({E.Offset, E.Length, E.Text});
    std::map<std::string, std::string> Contents;
    for (const auto &[File, FileEdits] : Edits) {
      if (firstConflict(FileEdits))
        return false;
      Contents[File] = splice(Originals[File], FileEdits);
    }
    std::set<Key> Before;
    for (const Finding &F : Findings)
      if (!F.IsError)
        Before.insert(keyOf(F, shifted(Edits, F.Loc.File, F.Loc.Offset)));
    unsigned Errors = 0;
    std::set<Key> After;
    for (const Finding &F : Reanalyze(Contents)) {
      Errors += F.IsError;
      if (!F.IsError)
        After.insert(keyOf(F, F.Loc.Offset));
    }
    if (Errors > ErrorsBefore)
      return false;
    for (const Key &K : After)
      if (!Before.count(K))
        return false; // a finding the fixes added
    for (size_t I : Which) {
      const Finding &F = Findings[I];
      if (After.count(keyOf(F, shifted(Edits, F.Loc.File, F.Loc.Offset))))
        return false; // not fixed
    }
    return true;
  };
  std::vector<size_t> Kept;
  if (Passes(WithFix)) {
    Kept = WithFix;
  } else {
    for (size_t I : WithFix)
      if (Passes({I}))
        Kept.push_back(I);
    // Each alone is right but not all together: none is certainly right.
    if (Kept.size() > 1 && !Passes(Kept))
      Kept.clear();
  }
  for (size_t I : WithFix) {
    Finding &F = Findings[I];
    F.FixStatus = llvm::is_contained(Kept, I) ? "verified" : "dropped";
    if (F.FixStatus == "dropped")
      F.Fix.clear();
  }
}

} // namespace dbleak::driver
