//===--- UseAfterReleaseCheck.h - dbleak-use-after-release ------*- C++ -*-===//

#ifndef DBLEAK_USEAFTERRELEASECHECK_H
#define DBLEAK_USEAFTERRELEASECHECK_H

#include "DbleakCheck.h"

namespace clang::tidy::dbleak {

/// See docs/checks/use-after-release.md.
class UseAfterReleaseCheck : public DbleakCheck {
public:
  UseAfterReleaseCheck(StringRef Name, ClangTidyContext *Context)
      : DbleakCheck(Name, Context,
                    {::dbleak::FindingKind::UseAfterRelease,
                     ::dbleak::FindingKind::DoubleRelease}) {}
};

} // namespace clang::tidy::dbleak

#endif
