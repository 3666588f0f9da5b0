//===--- DbleakModule.cpp - The dbleak clang-tidy module ------------------===//

#include "CopyableOwnerCheck.h"
#include "GuardEscapeCheck.h"
#include "LeakCheck.h"
#include "MismatchedReleaseCheck.h"
#include "OverwriteCheck.h"
#include "UnfinishedTransactionCheck.h"
#include "UseAfterReleaseCheck.h"
#include "clang-tidy/ClangTidyModule.h"

namespace clang::tidy {
namespace dbleak {

class DbleakModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<CopyableOwnerCheck>("dbleak-copyable-owner");
    Factories.registerCheck<GuardEscapeCheck>("dbleak-guard-escape");
    Factories.registerCheck<LeakCheck>("dbleak-leak");
    Factories.registerCheck<MismatchedReleaseCheck>(
        "dbleak-mismatched-release");
    Factories.registerCheck<OverwriteCheck>("dbleak-overwrite");
    Factories.registerCheck<UnfinishedTransactionCheck>(
        "dbleak-unfinished-transaction");
    Factories.registerCheck<UseAfterReleaseCheck>("dbleak-use-after-release");
  }
};

static ClangTidyModuleRegistry::Add<DbleakModule>
    X("dbleak-module", "Database handle lifetime checks.");

} // namespace dbleak

// Referenced by binaries that link the module statically (driver, clangd).
volatile int DbleakModuleAnchorSource = 0;

} // namespace clang::tidy
