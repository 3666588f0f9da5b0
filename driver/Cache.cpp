//===--- Cache.cpp - Results of unchanged translation units --------------===//

#include "Cache.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"
#if defined(__linux__)
#include <link.h>
#endif

#ifndef DBLEAK_VERSION
#define DBLEAK_VERSION "0.0.0"
#endif

using namespace llvm;

namespace dbleak::driver {

/// Bump when the entry format or the meaning of a key part changes.
static constexpr int EntryFormat = 1;

Expected<ResultCache> ResultCache::open(StringRef Dir) {
  SmallString<256> Abs(Dir);
  sys::fs::make_absolute(Abs);
  if (std::error_code EC = sys::fs::create_directories(Abs))
    return createStringError(EC, "cannot create the cache directory '%s': %s",
                             Abs.c_str(), EC.message().c_str());
  // Fail now, not after the whole analysis, when entries cannot be written.
  SmallString<256> Probe;
  int FD;
  if (std::error_code EC =
          sys::fs::createUniqueFile(Abs + "/.write-test-%%%%%%%%", FD, Probe))
    return createStringError(EC, "cannot write to the cache directory '%s': %s",
                             Abs.c_str(), EC.message().c_str());
  sys::fs::closeFile(FD);
  sys::fs::remove(Probe);
  return ResultCache(std::string(Abs));
}

std::string ResultCache::key(ArrayRef<std::string> Parts) {
  SHA256 Hash;
  std::string Format = std::to_string(EntryFormat);
  Hash.update(Format);
  for (const std::string &P : Parts) {
    std::string Length = std::to_string(P.size()) + ":";
    Hash.update(Length);
    Hash.update(P);
  }
  std::array<uint8_t, 32> Digest = Hash.final();
  return toHex(ArrayRef(Digest).take_front(16), /*LowerCase=*/true);
}

std::string ResultCache::toolIdentity(StringRef Executable) {
  std::string Id = "dbleak " DBLEAK_VERSION ", LLVM " LLVM_VERSION_STRING;
  // The executable by content: a rebuild with another engine is another
  // tool even when the version string stayed the same.
  if (auto B = MemoryBuffer::getFile(Executable, /*IsText=*/false,
                                     /*RequiresNullTerminator=*/false))
    Id += ", " + hashContent((*B)->getBuffer());
  else
    Id += ", unreadable " + Executable.str(); // a fresh identity per path
#if defined(__linux__)
  // The shared libraries by path, size and time: they are large, and an
  // upgrade of the LLVM package changes both.
  dl_iterate_phdr(
      [](dl_phdr_info *Info, size_t, void *Out) {
        sys::fs::file_status S;
        if (Info->dlpi_name && *Info->dlpi_name &&
            !sys::fs::status(Info->dlpi_name, S))
          *static_cast<std::string *>(Out) +=
              formatv(", {0} {1} {2}", Info->dlpi_name, S.getSize(),
                      S.getLastModificationTime().time_since_epoch().count())
                  .str();
        return 0;
      },
      &Id);
#endif
  return Id;
}

std::string ResultCache::entryPath(StringRef Key) const {
  SmallString<256> P(Dir);
  sys::path::append(P, Key.take_front(2), Key + ".json");
  return std::string(P);
}

const std::string &ResultCache::hashOf(const std::string &Path) {
  auto [It, New] = Hashes.emplace(Path, "");
  if (New)
    if (auto B = MemoryBuffer::getFile(Path, /*IsText=*/false,
                                       /*RequiresNullTerminator=*/false))
      It->second = hashContent((*B)->getBuffer());
  return It->second;
}

bool ResultCache::unchanged(const TUResult &R) {
  for (const auto &[Path, Hash] : R.FileHashes)
    if (hashOf(Path) != Hash) // also "changed-during-analysis", never a hash
      return false;
  for (const auto &[Path, Existed] : R.Probes) {
    auto [It, New] = Exists.emplace(Path, false);
    if (New)
      It->second = sys::fs::exists(Path);
    if (It->second != Existed)
      return false;
  }
  return true;
}

std::optional<TUResult> ResultCache::lookup(StringRef Key) {
  auto B = MemoryBuffer::getFile(entryPath(Key), /*IsText=*/true);
  if (!B)
    return std::nullopt;
  Expected<json::Value> V = json::parse((*B)->getBuffer());
  if (!V) {
    consumeError(V.takeError());
    return std::nullopt;
  }
  // The key inside guards against an entry copied or renamed by hand.
  const json::Object *O = V->getAsObject();
  const json::Value *Result = O ? O->get("result") : nullptr;
  std::optional<StringRef> StoredKey = O ? O->getString("key") : std::nullopt;
  TUResult R;
  json::Path::Root Root;
  if (!Result || StoredKey != Key || !fromJSON(*Result, R, Root))
    return std::nullopt;
  if (!unchanged(R))
    return std::nullopt;
  return R;
}

Error ResultCache::store(StringRef Key, const TUResult &R) {
  std::string Path = entryPath(Key);
  if (std::error_code EC =
          sys::fs::create_directories(sys::path::parent_path(Path)))
    return createStringError(EC, "cannot create '%s': %s",
                             sys::path::parent_path(Path).str().c_str(),
                             EC.message().c_str());
  return writeToOutput(Path, [&](raw_ostream &OS) {
    OS << json::Value(json::Object{{"key", Key}, {"result", toJSON(R)}});
    return Error::success();
  });
}

} // namespace dbleak::driver
