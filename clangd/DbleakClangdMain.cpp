//===--- DbleakClangdMain.cpp - clangd with the dbleak module --------------===//
//
// The whole of clangd lives in the installed clangdMain library; this file
// only makes sure the statically linked dbleak clang-tidy module is kept by the
// linker and then hands over to clangd's own main.
//
//===----------------------------------------------------------------------===//

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/Compiler.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <cstdlib>
#include <string>
#include <vector>

namespace clang {
namespace clangd {
// Declared in clang-tools-extra/clangd/tool/ClangdMain.h, which is not
// installed.
int clangdMain(int argc, char *argv[]);
} // namespace clangd

namespace tidy {
// Defined in checks/DbleakModule.cpp next to the static registration of the
// module. Referencing it pulls that object file out of libdbleakChecks.a.
extern volatile int DbleakModuleAnchorSource;
static int LLVM_ATTRIBUTE_UNUSED DbleakModuleAnchorDestination =
    DbleakModuleAnchorSource;
} // namespace tidy
} // namespace clang

// clangd looks for clang's builtin headers (stddef.h, stdarg.h, ...) in
// <dir of the executable>/../lib/clang/<major>. That is right for
// /usr/lib/llvm-22/bin/clangd but not for dbleak-clangd in a build tree or in
// /usr/local/bin, so fall back to the resource directory of the clang we were
// built against unless the user chose one.
static bool needsResourceDir(int argc, char *argv[]) {
  // clangd also takes flags from $CLANGD_FLAGS; a second --resource-dir would
  // be rejected.
  if (const char *Env = std::getenv("CLANGD_FLAGS"))
    if (llvm::StringRef(Env).contains("resource-dir"))
      return false;
  for (int I = 1; I < argc; ++I) {
    llvm::StringRef A(argv[I]);
    if (A.consume_front("--") || A.consume_front("-"))
      if (A.starts_with("resource-dir"))
        return false;
  }
  std::string Exe = llvm::sys::fs::getMainExecutable(
      argv[0], reinterpret_cast<void *>(&needsResourceDir));
  if (Exe.empty())
    return true;
  llvm::SmallString<256> Dir(
      llvm::sys::path::parent_path(llvm::sys::path::parent_path(Exe)));
  llvm::sys::path::append(Dir, "lib", "clang",
                          std::to_string(LLVM_VERSION_MAJOR));
  return !llvm::sys::fs::is_directory(Dir);
}

int main(int argc, char *argv[]) {
#ifdef DBLEAK_CLANG_RESOURCE_DIR
  if (needsResourceDir(argc, argv)) {
    static std::string Flag =
        std::string("--resource-dir=") + DBLEAK_CLANG_RESOURCE_DIR;
    std::vector<char *> Args(argv, argv + argc);
    Args.insert(Args.begin() + 1, Flag.data());
    Args.push_back(nullptr);
    return clang::clangd::clangdMain(static_cast<int>(Args.size()) - 1,
                                     Args.data());
  }
#endif
  return clang::clangd::clangdMain(argc, argv);
}
