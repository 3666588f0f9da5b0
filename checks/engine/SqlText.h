//===--- SqlText.h - Transaction control in SQL text ------------*- C++ -*-===//

#ifndef DBLEAK_ENGINE_SQLTEXT_H
#define DBLEAK_ENGINE_SQLTEXT_H

#include "llvm/ADT/StringRef.h"

namespace dbleak {

enum class TxEffect { None, Begin, End };

/// What the SQL text does to the connection's transaction, statement by
/// statement: the effect of the last transaction-control statement wins.
/// Comments, whitespace and case do not matter.
TxEffect classifySql(llvm::StringRef Sql);

/// Certainly returns no result set: one statement whose first word is a
/// data change, DDL or session command (`INSERT`, `UPDATE`, `SET`, ...) and
/// that has no `RETURNING` clause. Unknown statements may return rows.
bool returnsNoRows(llvm::StringRef Sql);

} // namespace dbleak

#endif
