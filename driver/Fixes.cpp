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
    // Edits that overlap, or two insertions at one place, have no order that
    // is certainly right.
    const PendingEdit *Prev = nullptr;
    bool Conflict = false;
    for (const PendingEdit &E : Edits) {
      if (Prev && (E.Offset < Prev->Offset + Prev->Length ||
                   (E.Offset == Prev->Offset && !E.Length && !Prev->Length))) {
        Refuse("different fixes at " + position(E.At) + " from " +
               source(*Prev) + " and " + source(E));
        Conflict = true;
        break;
      }
      Prev = &E;
    }
    if (Conflict)
      continue;

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
    std::string New;
    unsigned Pos = 0;
    for (const PendingEdit &E : Edits) {
      New += Old.slice(Pos, E.Offset);
      New += E.Text;
      Pos = E.Offset + E.Length;
    }
    New += Old.substr(Pos);
    if (Error Err = writeAtomically(File, New)) {
      Refuse(toString(std::move(Err)));
      continue;
    }
    Log << "dbleak: applied " << Edits.size()
        << (Edits.size() == 1 ? " fix to " : " fixes to ") << File << "\n";
  }
  return AllApplied;
}

} // namespace dbleak::driver
