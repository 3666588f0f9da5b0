//===--- CopyableOwnerCheck.h - dbleak-copyable-owner -----------*- C++ -*-===//

#ifndef DBLEAK_COPYABLEOWNERCHECK_H
#define DBLEAK_COPYABLEOWNERCHECK_H

#include "DbleakCheck.h"

namespace clang::tidy::dbleak {

/// See docs/checks/copyable-owner.md.
class CopyableOwnerCheck : public DbleakCheck {
public:
  CopyableOwnerCheck(StringRef Name, ClangTidyContext *Context)
      : DbleakCheck(Name, Context, {::dbleak::FindingKind::CopyableOwner}) {}
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
};

} // namespace clang::tidy::dbleak

#endif
