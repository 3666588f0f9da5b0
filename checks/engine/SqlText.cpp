//===--- SqlText.cpp - Transaction control in SQL text --------------------===//

#include "engine/SqlText.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace dbleak {
namespace {

/// Drops leading whitespace and SQL comments.
llvm::StringRef skipBlank(llvm::StringRef S) {
  while (true) {
    S = S.ltrim();
    if (S.starts_with("--")) {
      size_t Eol = S.find('\n');
      S = Eol == llvm::StringRef::npos ? "" : S.drop_front(Eol + 1);
    } else if (S.starts_with("/*")) {
      size_t End = S.find("*/");
      S = End == llvm::StringRef::npos ? "" : S.drop_front(End + 2);
    } else {
      return S;
    }
  }
}

llvm::StringRef nextWord(llvm::StringRef &S) {
  S = skipBlank(S);
  size_t N = 0;
  while (N < S.size() && (llvm::isAlnum(S[N]) || S[N] == '_'))
    ++N;
  llvm::StringRef W = S.take_front(N);
  S = S.drop_front(N);
  return W;
}

TxEffect classifyStatement(llvm::StringRef S) {
  llvm::StringRef First = nextWord(S);
  if (First.equals_insensitive("begin")) {
    // PL/pgSQL blocks ("BEGIN ... END") never reach a client as plain text,
    // but "BEGIN;"/"BEGIN WORK"/"BEGIN IMMEDIATE" all start a transaction.
    return TxEffect::Begin;
  }
  if (First.equals_insensitive("start"))
    return nextWord(S).equals_insensitive("transaction") ? TxEffect::Begin
                                                         : TxEffect::None;
  if (First.equals_insensitive("commit") || First.equals_insensitive("end") ||
      First.equals_insensitive("abort"))
    return TxEffect::End;
  if (First.equals_insensitive("rollback")) {
    // ROLLBACK TO [SAVEPOINT] keeps the transaction open.
    llvm::StringRef Rest = S;
    llvm::StringRef Next = nextWord(Rest);
    if (Next.equals_insensitive("work") ||
        Next.equals_insensitive("transaction"))
      Next = nextWord(Rest);
    return Next.equals_insensitive("to") ? TxEffect::None : TxEffect::End;
  }
  if (First.equals_insensitive("prepare"))
    return nextWord(S).equals_insensitive("transaction") ? TxEffect::End
                                                         : TxEffect::None;
  return TxEffect::None;
}

} // namespace

bool returnsNoRows(llvm::StringRef Sql) {
  llvm::StringRef S = skipBlank(Sql).rtrim().rtrim(';');
  if (S.contains(';') || S.contains_insensitive("returning"))
    return false;
  llvm::StringRef First = nextWord(S);
  return llvm::any_of(
      std::initializer_list<llvm::StringRef>{
          "insert",    "update",  "delete",   "replace", "set",   "create",
          "drop",      "alter",   "truncate", "begin",   "start", "commit",
          "rollback",  "use",     "grant",    "revoke",  "lock",  "unlock",
          "savepoint", "release", "rename",   "flush",   "load"},
      [&](llvm::StringRef W) { return First.equals_insensitive(W); });
}

TxEffect classifySql(llvm::StringRef Sql) {
  TxEffect Result = TxEffect::None;
  llvm::SmallVector<llvm::StringRef, 4> Statements;
  Sql.split(Statements, ';');
  for (llvm::StringRef S : Statements)
    if (TxEffect E = classifyStatement(S); E != TxEffect::None)
      Result = E;
  return Result;
}

} // namespace dbleak
