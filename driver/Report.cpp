//===--- Report.cpp - Text, JSON and SARIF reports ------------------------===//

#include "Report.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include <map>
#include <set>

#ifndef DBLEAK_VERSION
#define DBLEAK_VERSION "0.0.0"
#endif
#ifndef DBLEAK_DOCS_URL
#define DBLEAK_DOCS_URL                                                        \
  "https://github.com/dbleak/dbleak/blob/main/docs/checks/"
#endif

using namespace llvm;

namespace dbleak::driver {

// {file name, markdown text} of docs/checks/*.md, embedded at build time.
static const std::pair<const char *, const char *> CheckDocs[] = {
#include "CheckDocs.inc"
    {nullptr, nullptr}};

/// docs/checks/ names pages after the check without the "dbleak-" prefix.
static std::string docPage(StringRef Check) {
  Check.consume_front("dbleak-");
  return (Check + ".md").str();
}

CheckDescription describeCheck(StringRef Check) {
  for (const auto &[Name, Text] : CheckDocs) {
    if (!Name || StringRef(Name) != docPage(Check))
      continue;
    // The first paragraph of prose after the title; its first clause is
    // the short description.
    SmallVector<StringRef> Lines;
    StringRef(Text).split(Lines, '\n');
    std::string Paragraph;
    for (StringRef Line : Lines) {
      Line = Line.trim();
      if (Line.empty() && !Paragraph.empty())
        break;
      if (Line.empty() || Line.starts_with("#") || Line.starts_with("=") ||
          Line.starts_with("---") || Line.starts_with("<!--"))
        continue;
      Paragraph += (Paragraph.empty() ? "" : " ") + Line.str();
    }
    if (Paragraph.empty())
      break;
    size_t End = std::min(Paragraph.find(". "), Paragraph.find(": "));
    std::string Short = Paragraph.substr(0, End);
    if (!Short.empty() && Short.back() == '.')
      Short.pop_back();
    return {Short, Paragraph};
  }
  std::string Fallback = ("dbleak check " + Check).str();
  return {Fallback, Fallback};
}

std::string relativePath(StringRef File, StringRef Root) {
  SmallString<256> Rel(File);
  if (!Root.empty() && sys::path::replace_path_prefix(Rel, Root, ""))
    return sys::path::convert_to_slash(Rel.str().ltrim("/\\"));
  return std::string(File);
}

static std::string normalizeSpace(StringRef Text) {
  SmallVector<StringRef> Words;
  Text.split(Words, ' ', -1, /*KeepEmpty=*/false);
  std::string Out;
  for (StringRef W : Words)
    for (StringRef Part : split(W, '\t'))
      if (!Part.trim().empty())
        Out += (Out.empty() ? "" : " ") + Part.trim().str();
  return Out;
}

void assignFingerprints(std::vector<Finding> &Findings, StringRef SourceRoot) {
  std::map<std::string, unsigned> Seen;
  for (Finding &F : Findings) {
    std::string Key = F.Check + '\0' + relativePath(F.Loc.File, SourceRoot) +
                      '\0' + normalizeSpace(F.Loc.LineText) + '\0' + F.Message;
    unsigned Occurrence = Seen[Key]++;
    SHA256 Hash;
    Hash.update(Key + '\0' + std::to_string(Occurrence));
    std::array<uint8_t, 32> Digest = Hash.final();
    F.Fingerprint = toHex(ArrayRef(Digest).take_front(16), /*LowerCase=*/true);
  }
}

//===-- Text --------------------------------------------------------------===//

static unsigned numDigits(unsigned N) { return std::to_string(N).size(); }

/// The source line and a caret under Column, with clang's layout: a line
/// number gutter and tabs expanded to multiples of 8.
static void printSnippet(raw_ostream &OS, const Location &L) {
  if (L.Line == 0)
    return;
  std::string Line, Caret;
  for (size_t I = 0; I < L.LineText.size(); ++I) {
    char C = L.LineText[I];
    bool Continuation = (static_cast<unsigned char>(C) & 0xC0) == 0x80;
    size_t Width = C == '\t' ? 8 - Line.size() % 8 : 1;
    Line += C == '\t' ? std::string(Width, ' ') : std::string(1, C);
    if (I + 1 < L.Column && !Continuation)
      Caret.append(Width, ' ');
  }
  unsigned Gutter = std::max(4u, numDigits(L.Line));
  OS << ' ';
  OS.indent(Gutter - numDigits(L.Line)) << L.Line << " | " << Line << "\n";
  OS.indent(Gutter + 2) << "| ";
  OS.changeColor(raw_ostream::GREEN, /*Bold=*/true) << Caret << "^";
  OS.resetColor() << "\n";
}

/// "file:line:col: level: message" in clang's colors (when OS has them
/// enabled): a bold location, the level in its color, a bold warning text.
static void printHeader(raw_ostream &OS, const Location &L, StringRef Level,
                        raw_ostream::Colors LevelColor, StringRef Message,
                        StringRef Flag = "") {
  if (!L.File.empty()) {
    OS.changeColor(raw_ostream::SAVEDCOLOR, /*Bold=*/true)
        << L.File << ":" << L.Line << ":" << L.Column << ": ";
    OS.resetColor();
  }
  OS.changeColor(LevelColor, /*Bold=*/true) << Level << ": ";
  OS.resetColor();
  if (Level != "note")
    OS.changeColor(raw_ostream::SAVEDCOLOR, /*Bold=*/true);
  OS << Message;
  if (!Flag.empty())
    OS << " [" << Flag << "]";
  OS.resetColor() << "\n";
}

void printText(raw_ostream &OS, const Finding &F) {
  printHeader(OS, F.Loc, F.IsError ? "error" : "warning",
              F.IsError ? raw_ostream::RED : raw_ostream::MAGENTA, F.Message,
              F.Check);
  printSnippet(OS, F.Loc);
  for (const Note &N : F.Notes) {
    printHeader(OS, N.Loc, "note", raw_ostream::CYAN, N.Message);
    printSnippet(OS, N.Loc);
  }
}

std::string summaryLine(const Report &R) {
  std::set<std::string> Files;
  std::map<std::string, unsigned> ByCheck;
  for (const Finding &F : R.Warnings) {
    Files.insert(F.Loc.File);
    ++ByCheck[F.Check];
  }
  auto Plural = [](size_t N, StringRef Word) {
    return std::to_string(N) + " " + Word.str() + (N == 1 ? "" : "s");
  };
  std::string Line = Plural(R.Warnings.size(), "warning") + " in " +
                     Plural(Files.size(), "file");
  // Most frequent first, the way a person scans for what dominates.
  std::vector<std::pair<std::string, unsigned>> Counts(ByCheck.begin(),
                                                       ByCheck.end());
  llvm::stable_sort(
      Counts, [](const auto &A, const auto &B) { return A.second > B.second; });
  for (size_t I = 0; I < Counts.size(); ++I)
    Line += (I ? ", " : ": ") + std::to_string(Counts[I].second) + " " +
            Counts[I].first;
  return Line;
}

//===-- JSON --------------------------------------------------------------===//

static json::Object jsonLocation(const Location &L, StringRef Root) {
  return json::Object{{"file", relativePath(L.File, Root)},
                      {"line", L.Line},
                      {"column", L.Column}};
}

static json::Value jsonFinding(const Finding &F, StringRef Root) {
  json::Object O = jsonLocation(F.Loc, Root);
  O["check"] = F.Check;
  O["level"] = F.IsError ? "error" : "warning";
  O["message"] = F.Message;
  if (!F.Fingerprint.empty())
    O["fingerprint"] = F.Fingerprint;
  json::Array Notes;
  for (const Note &N : F.Notes) {
    json::Object NO = jsonLocation(N.Loc, Root);
    NO["message"] = N.Message;
    Notes.push_back(std::move(NO));
  }
  O["notes"] = std::move(Notes);
  json::Array Fixes;
  for (const Edit &E : F.Fix)
    Fixes.push_back(json::Object{{"file", relativePath(E.File, Root)},
                                 {"offset", E.Offset},
                                 {"length", E.Length},
                                 {"replacement", E.Text}});
  O["fixes"] = std::move(Fixes);
  if (!F.FixStatus.empty())
    O["fixStatus"] = F.FixStatus;
  return O;
}

void printJSON(raw_ostream &OS, const Report &R) {
  json::Array Warnings, Errors, Failures;
  for (const Finding &F : R.Warnings)
    Warnings.push_back(jsonFinding(F, R.SourceRoot));
  for (const Finding &F : R.Errors)
    Errors.push_back(jsonFinding(F, R.SourceRoot));
  for (const TUFailure &F : R.Failures)
    Failures.push_back(json::Object{
        {"file", relativePath(F.File, R.SourceRoot)}, {"reason", F.Reason}});
  std::set<std::string> Files;
  for (const Finding &F : R.Warnings)
    Files.insert(F.Loc.File);
  json::Object Summary{{"warnings", R.Warnings.size()},
                       {"files", Files.size()},
                       {"translationUnits", R.TranslationUnits},
                       {"errors", R.Errors.size() + R.Failures.size()}};
  if (R.UsedBaseline) {
    Summary["suppressedByBaseline"] = R.Baselined.size();
    Summary["staleBaselineEntries"] = R.Stale;
  }
  OS << formatv("{0:2}",
                json::Value(json::Object{{"tool", "dbleak"},
                                         {"version", DBLEAK_VERSION},
                                         {"findings", std::move(Warnings)},
                                         {"errors", std::move(Errors)},
                                         {"failures", std::move(Failures)},
                                         {"summary", std::move(Summary)}}))
     << "\n";
}

//===-- GitLab Code Quality -----------------------------------------------===//

void printCodeClimate(raw_ostream &OS, const Report &R) {
  // GitLab reads description, check_name, fingerprint, severity and
  // location; type and categories make each entry a valid Code Climate
  // issue too. GitLab tells new from fixed findings by the fingerprint, so
  // it must be the line-independent one of the baseline.
  json::Array Issues;
  for (const Finding &F : R.Warnings)
    Issues.push_back(json::Object{
        {"type", "issue"},
        {"check_name", F.Check},
        {"description", F.Message},
        {"categories", json::Array{"Bug Risk"}},
        {"severity", "major"},
        {"fingerprint", F.Fingerprint},
        {"location",
         json::Object{{"path", relativePath(F.Loc.File, R.SourceRoot)},
                      {"lines", json::Object{{"begin", F.Loc.Line}}}}}});
  OS << formatv("{0:2}", json::Value(std::move(Issues))) << "\n";
}

//===-- SARIF 2.1.0 -------------------------------------------------------===//

/// SARIF columns count UTF-16 code units by default; clang counts bytes.
static unsigned utf16Column(const Location &L) {
  StringRef Before = StringRef(L.LineText).take_front(L.Column - 1);
  unsigned Units = 1;
  for (size_t I = 0; I < Before.size(); ++I) {
    unsigned char C = Before[I];
    if ((C & 0xC0) == 0x80)
      continue; // Continuation byte.
    Units += C >= 0xF0 ? 2 : 1;
  }
  // A column past the end of the line (a diagnostic at a newline).
  return Units + (L.Column - 1 - Before.size());
}

static std::string uriEscape(StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (isAlnum(C) || StringRef("-._~/").contains(C))
      Out += C;
    else
      Out += "%" + utohexstr(C, /*LowerCase=*/false, /*Width=*/2);
  }
  return Out;
}

static json::Object artifactLocation(StringRef File, StringRef Root) {
  std::string Rel = relativePath(File, Root);
  if (Rel != File)
    return json::Object{{"uri", uriEscape(Rel)}, {"uriBaseId", "%SRCROOT%"}};
  return json::Object{
      {"uri", "file://" + uriEscape(sys::path::convert_to_slash(File))}};
}

static json::Object sarifLocation(const Location &L, StringRef Root,
                                  StringRef Message = "") {
  json::Object Physical{
      {"artifactLocation", artifactLocation(L.File, Root)},
      {"region",
       json::Object{{"startLine", L.Line}, {"startColumn", utf16Column(L)}}}};
  json::Object Loc{{"physicalLocation", std::move(Physical)}};
  if (!Message.empty())
    Loc["message"] = json::Object{{"text", Message}};
  return Loc;
}

static json::Value sarifFixes(const Finding &F, StringRef Root) {
  std::map<std::string, json::Array> ByFile;
  for (const Edit &E : F.Fix)
    ByFile[E.File].push_back(json::Object{
        {"deletedRegion", json::Object{{"startLine", E.Begin.Line},
                                       {"startColumn", utf16Column(E.Begin)},
                                       {"endLine", E.End.Line},
                                       {"endColumn", utf16Column(E.End)}}},
        {"insertedContent", json::Object{{"text", E.Text}}}});
  json::Array Changes;
  for (auto &[File, Replacements] : ByFile)
    Changes.push_back(
        json::Object{{"artifactLocation", artifactLocation(File, Root)},
                     {"replacements", std::move(Replacements)}});
  return json::Array{json::Object{
      {"description", json::Object{{"text", "apply the suggested fix"}}},
      {"artifactChanges", std::move(Changes)}}};
}

static json::Value sarifResult(const Finding &F, unsigned RuleIndex,
                               StringRef Root, StringRef BaselineState) {
  json::Object Result{
      {"ruleId", F.Check},
      {"ruleIndex", RuleIndex},
      {"level", "warning"},
      {"message", json::Object{{"text", F.Message}}},
      {"locations", json::Array{sarifLocation(F.Loc, Root)}},
      {"partialFingerprints", json::Object{{"dbleak/v1", F.Fingerprint}}}};
  if (!BaselineState.empty())
    Result["baselineState"] = BaselineState;
  if (!F.Notes.empty()) {
    // Notes are both related locations (listed next to the alert) and the
    // witness path (codeFlows, replayed step by step by viewers).
    json::Array Related, Steps;
    Steps.push_back(
        json::Object{{"location", sarifLocation(F.Loc, Root, F.Message)}});
    unsigned Id = 0;
    for (const Note &N : F.Notes) {
      json::Object Rel = sarifLocation(N.Loc, Root, N.Message);
      Rel["id"] = Id++;
      Related.push_back(std::move(Rel));
      Steps.push_back(
          json::Object{{"location", sarifLocation(N.Loc, Root, N.Message)}});
    }
    Result["relatedLocations"] = std::move(Related);
    Result["codeFlows"] = json::Array{json::Object{
        {"threadFlows",
         json::Array{json::Object{{"locations", std::move(Steps)}}}}}};
  }
  if (!F.Fix.empty())
    Result["fixes"] = sarifFixes(F, Root);
  return Result;
}

void printSARIF(raw_ostream &OS, const Report &R) {
  std::vector<std::string> Rules = R.Checks;
  for (const auto *List : {&R.Warnings, &R.Baselined})
    for (const Finding &F : *List)
      if (!is_contained(Rules, F.Check))
        Rules.push_back(F.Check);
  json::Array RuleObjects;
  for (const std::string &Id : Rules)
    RuleObjects.push_back(json::Object{
        {"id", Id},
        {"shortDescription", json::Object{{"text", describeCheck(Id).Short}}},
        {"fullDescription", json::Object{{"text", describeCheck(Id).Full}}},
        {"helpUri", DBLEAK_DOCS_URL + docPage(Id)},
        {"defaultConfiguration", json::Object{{"level", "warning"}}}});

  std::vector<std::pair<const Finding *, StringRef>> Sorted;
  for (const Finding &F : R.Warnings)
    Sorted.push_back({&F, R.UsedBaseline ? "new" : ""});
  for (const Finding &F : R.Baselined)
    Sorted.push_back({&F, "unchanged"});
  llvm::sort(Sorted,
             [](const auto &A, const auto &B) { return *A.first < *B.first; });
  json::Array Results;
  for (const auto &[F, State] : Sorted)
    Results.push_back(sarifResult(
        *F, std::find(Rules.begin(), Rules.end(), F->Check) - Rules.begin(),
        R.SourceRoot, State));

  // Compiler errors and failed workers make the run incomplete; say so
  // instead of uploading a clean-looking result.
  json::Array Notifications;
  for (const Finding &E : R.Errors) {
    json::Object N{{"level", "error"},
                   {"message", json::Object{{"text", E.Message}}}};
    if (!E.Loc.File.empty())
      N["locations"] = json::Array{sarifLocation(E.Loc, R.SourceRoot)};
    Notifications.push_back(std::move(N));
  }
  for (const TUFailure &F : R.Failures)
    Notifications.push_back(json::Object{
        {"level", "error"},
        {"message", json::Object{{"text", relativePath(F.File, R.SourceRoot) +
                                              ": " + F.Reason}}}});
  bool Successful = Notifications.empty();

  SmallString<256> Root(R.SourceRoot);
  sys::path::append(Root, "");
  json::Object Run{
      {"tool", json::Object{{"driver",
                             json::Object{{"name", "dbleak"},
                                          {"version", DBLEAK_VERSION},
                                          {"semanticVersion", DBLEAK_VERSION},
                                          {"informationUri", DBLEAK_DOCS_URL},
                                          {"rules", std::move(RuleObjects)}}}}},
      {"originalUriBaseIds",
       json::Object{
           {"%SRCROOT%",
            json::Object{
                {"uri",
                 "file://" + uriEscape(sys::path::convert_to_slash(Root))}}}}},
      {"columnKind", "utf16CodeUnits"},
      {"invocations",
       json::Array{json::Object{
           {"executionSuccessful", Successful},
           {"toolExecutionNotifications", std::move(Notifications)}}}},
      {"results", std::move(Results)}};
  OS << formatv("{0:2}", json::Value(json::Object{
                             {"$schema",
                              "https://json.schemastore.org/sarif-2.1.0.json"},
                             {"version", "2.1.0"},
                             {"runs", json::Array{std::move(Run)}}}))
     << "\n";
}

} // namespace dbleak::driver
