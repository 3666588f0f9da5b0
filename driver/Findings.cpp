//===--- Findings.cpp - Worker result serialization -----------------------===//

#include "Findings.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/xxhash.h"
#include <tuple>

using namespace llvm;

namespace dbleak::driver {

static json::Value toJSON(const Location &L) {
  return json::Object{{"file", L.File},
                      {"offset", L.Offset},
                      {"line", L.Line},
                      {"column", L.Column},
                      {"text", L.LineText}};
}

static json::Value toJSON(const Note &N) {
  return json::Object{{"loc", toJSON(N.Loc)}, {"message", N.Message}};
}

static json::Value toJSON(const Edit &E) {
  return json::Object{{"file", E.File},           {"offset", E.Offset},
                      {"length", E.Length},       {"text", E.Text},
                      {"begin", toJSON(E.Begin)}, {"end", toJSON(E.End)}};
}

template <typename T> static json::Array toJSONArray(const std::vector<T> &V) {
  json::Array A;
  for (const T &X : V)
    A.push_back(toJSON(X));
  return A;
}

json::Value toJSON(const TUResult &R) {
  json::Array Findings;
  for (const Finding &F : R.Findings)
    Findings.push_back(json::Object{{"check", F.Check},
                                    {"error", F.IsError},
                                    {"message", F.Message},
                                    {"loc", toJSON(F.Loc)},
                                    {"notes", toJSONArray(F.Notes)},
                                    {"fix", toJSONArray(F.Fix)},
                                    {"fix_status", F.FixStatus}});
  json::Object Files;
  for (const auto &[Path, Hash] : R.FileHashes)
    Files[Path] = Hash;
  json::Object Rows;
  for (const auto &[Name, Rs] : R.CatalogRows)
    Rows[Name] = json::Array(Rs);
  json::Object Probes;
  for (const auto &[Path, Exists] : R.Probes)
    Probes[Path] = Exists;
  return json::Object{{"findings", std::move(Findings)},
                      {"files", std::move(Files)},
                      {"catalog_rows", std::move(Rows)},
                      {"function_names", json::Array(R.FunctionNames)},
                      {"probes", std::move(Probes)}};
}

static bool fromJSON(const json::Value &V, Location &L, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("file", L.File) && O.map("offset", L.Offset) &&
         O.map("line", L.Line) && O.map("column", L.Column) &&
         O.map("text", L.LineText);
}

static bool fromJSON(const json::Value &V, Note &N, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("loc", N.Loc) && O.map("message", N.Message);
}

static bool fromJSON(const json::Value &V, Edit &E, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("file", E.File) && O.map("offset", E.Offset) &&
         O.map("length", E.Length) && O.map("text", E.Text) &&
         O.map("begin", E.Begin) && O.map("end", E.End);
}

static bool fromJSON(const json::Value &V, Finding &F, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("check", F.Check) && O.map("error", F.IsError) &&
         O.map("message", F.Message) && O.map("loc", F.Loc) &&
         O.map("notes", F.Notes) && O.map("fix", F.Fix) &&
         O.mapOptional("fix_status", F.FixStatus);
}

bool fromJSON(const json::Value &V, TUResult &R, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("findings", R.Findings) && O.map("files", R.FileHashes) &&
         O.mapOptional("catalog_rows", R.CatalogRows) &&
         O.mapOptional("function_names", R.FunctionNames) &&
         O.mapOptional("probes", R.Probes);
}

Expected<TUResult> parseTUResult(StringRef JSONText) {
  return json::parse<TUResult>(JSONText);
}

std::string hashContent(StringRef Content) {
  return llvm::utohexstr(xxh3_64bits(Content), /*LowerCase=*/true);
}

void resolveLocation(Location &L, StringRef Content) {
  if (L.Offset > Content.size())
    return;
  StringRef Before = Content.take_front(L.Offset);
  size_t LineStart = Before.rfind('\n');
  LineStart = LineStart == StringRef::npos ? 0 : LineStart + 1;
  L.Line = Before.count('\n') + 1;
  L.Column = L.Offset - LineStart + 1;
  L.LineText = Content.substr(LineStart).split('\n').first.rtrim('\r').str();
}

bool operator<(const Finding &A, const Finding &B) {
  return std::tie(A.Loc.File, A.Loc.Line, A.Loc.Column, A.Check, A.Message) <
         std::tie(B.Loc.File, B.Loc.Line, B.Loc.Column, B.Check, B.Message);
}

} // namespace dbleak::driver
