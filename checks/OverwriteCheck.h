//===--- OverwriteCheck.h - dbleak-overwrite --------------------*- C++ -*-===//

#ifndef DBLEAK_OVERWRITECHECK_H
#define DBLEAK_OVERWRITECHECK_H

#include "DbleakCheck.h"

namespace clang::tidy::dbleak {

/// See docs/checks/overwrite.md.
class OverwriteCheck : public DbleakCheck {
public:
  OverwriteCheck(StringRef Name, ClangTidyContext *Context)
      : DbleakCheck(Name, Context, {::dbleak::FindingKind::Overwrite}) {}
};

} // namespace clang::tidy::dbleak

#endif
