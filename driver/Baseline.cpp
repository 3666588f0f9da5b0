//===--- Baseline.cpp - Accepted findings, hidden from later runs ---------===//

#include "Baseline.h"
#include "Report.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace dbleak::driver {

static bool fromJSON(const json::Value &V, BaselineEntry &E, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("fingerprint", E.Fingerprint) &&
         O.mapOptional("check", E.Check) && O.mapOptional("file", E.File) &&
         O.mapOptional("message", E.Message);
}

Expected<std::vector<BaselineEntry>> readBaseline(StringRef Path) {
  auto Buffer = MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return createStringError(Buffer.getError(), "cannot read baseline '%s': %s",
                             Path.str().c_str(),
                             Buffer.getError().message().c_str());
  Expected<json::Value> V = json::parse((*Buffer)->getBuffer());
  if (!V)
    return createStringError(
        inconvertibleErrorCode(), "baseline '%s' is not valid JSON: %s",
        Path.str().c_str(), toString(V.takeError()).c_str());
  std::vector<BaselineEntry> Entries;
  json::Path::Root Root;
  const json::Object *O = V->getAsObject();
  if (!O || !O->get("findings") ||
      !fromJSON(*O->get("findings"), Entries, json::Path(Root)))
    return createStringError(
        inconvertibleErrorCode(),
        "baseline '%s' is not a dbleak baseline (expected {\"findings\": "
        "[{\"fingerprint\": ...}]})",
        Path.str().c_str());
  return Entries;
}

Error writeBaseline(StringRef Path, const std::vector<Finding> &Findings,
                    StringRef SourceRoot) {
  json::Array Entries;
  for (const Finding &F : Findings)
    Entries.push_back(
        json::Object{{"fingerprint", F.Fingerprint},
                     {"check", F.Check},
                     {"file", relativePath(F.Loc.File, SourceRoot)},
                     {"message", F.Message}});
  json::Value Doc = json::Object{
      {"tool", "dbleak"}, {"version", 1}, {"findings", std::move(Entries)}};
  return writeToOutput(Path, [&](raw_ostream &OS) {
    OS << formatv("{0:2}", Doc) << "\n";
    return Error::success();
  });
}

BaselineResult applyBaseline(std::vector<Finding> Findings,
                             const std::vector<BaselineEntry> &Baseline,
                             const std::set<std::string> &AnalyzedFiles,
                             StringRef SourceRoot) {
  std::set<std::string> Known, Matched;
  for (const BaselineEntry &E : Baseline)
    Known.insert(E.Fingerprint);
  BaselineResult R;
  for (Finding &F : Findings) {
    if (Known.count(F.Fingerprint)) {
      Matched.insert(F.Fingerprint);
      R.Suppressed.push_back(std::move(F));
    } else {
      R.Kept.push_back(std::move(F));
    }
  }
  std::set<std::string> AnalyzedRel;
  for (const std::string &File : AnalyzedFiles)
    AnalyzedRel.insert(relativePath(File, SourceRoot));
  for (const BaselineEntry &E : Baseline)
    if (!Matched.count(E.Fingerprint) && AnalyzedRel.count(E.File))
      ++R.Stale;
  return R;
}

} // namespace dbleak::driver
