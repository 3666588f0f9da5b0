//===--- MismatchedReleaseCheck.h - dbleak-mismatched-release ---*- C++ -*-===//

#ifndef DBLEAK_MISMATCHEDRELEASECHECK_H
#define DBLEAK_MISMATCHEDRELEASECHECK_H

#include "DbleakCheck.h"

namespace clang::tidy::dbleak {

/// See docs/checks/mismatched-release.md.
class MismatchedReleaseCheck : public DbleakCheck {
public:
  MismatchedReleaseCheck(StringRef Name, ClangTidyContext *Context)
      : DbleakCheck(Name, Context, {::dbleak::FindingKind::Mismatched}) {}
};

} // namespace clang::tidy::dbleak

#endif
