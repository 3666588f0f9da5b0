//===--- GuardEscapeCheck.h - dbleak-guard-escape ---------------*- C++ -*-===//

#ifndef DBLEAK_GUARDESCAPECHECK_H
#define DBLEAK_GUARDESCAPECHECK_H

#include "DbleakCheck.h"

namespace clang::tidy::dbleak {

/// See docs/checks/guard-escape.md.
class GuardEscapeCheck : public DbleakCheck {
public:
  GuardEscapeCheck(StringRef Name, ClangTidyContext *Context)
      : DbleakCheck(Name, Context, {::dbleak::FindingKind::GuardEscape}) {}
};

} // namespace clang::tidy::dbleak

#endif
