//===--- UnfinishedTransactionCheck.h ---------------------------*- C++ -*-===//

#ifndef DBLEAK_UNFINISHEDTRANSACTIONCHECK_H
#define DBLEAK_UNFINISHEDTRANSACTIONCHECK_H

#include "DbleakCheck.h"

namespace clang::tidy::dbleak {

/// See docs/checks/unfinished-transaction.md.
class UnfinishedTransactionCheck : public DbleakCheck {
public:
  UnfinishedTransactionCheck(StringRef Name, ClangTidyContext *Context)
      : DbleakCheck(Name, Context, {::dbleak::FindingKind::UnfinishedTx}) {}
};

} // namespace clang::tidy::dbleak

#endif
