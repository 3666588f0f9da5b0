//===--- LeakCheck.h - dbleak-leak ------------------------------*- C++ -*-===//

#ifndef DBLEAK_LEAKCHECK_H
#define DBLEAK_LEAKCHECK_H

#include "DbleakCheck.h"

namespace clang::tidy::dbleak {

/// See docs/checks/leak.md.
class LeakCheck : public DbleakCheck {
public:
  LeakCheck(StringRef Name, ClangTidyContext *Context)
      : DbleakCheck(Name, Context,
                    {::dbleak::FindingKind::Leak,
                     ::dbleak::FindingKind::LeakInLoop,
                     ::dbleak::FindingKind::Discarded}) {}
};

} // namespace clang::tidy::dbleak

#endif
