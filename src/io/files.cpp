#include "io/files.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "core/error.h"

namespace entente {

namespace fs = std::filesystem;

std::string read_file(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw InputError(path, 0, "", "is a folder, not a file");
  if (!fs::exists(path, ec)) throw InputError(path, 0, "", "no such file");
  const auto too_large = [&] {
    return InputError(path, 0, "", "larger than any input Entente reads (at most " +
                                       std::to_string(kMaxInputBytes >> 20) + " MB)");
  };
  if (fs::is_regular_file(path, ec)) {
    const auto size = fs::file_size(path, ec);
    if (!ec && size > kMaxInputBytes) throw too_large();  // refused before a byte is read
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, "", std::string("cannot read the file: ") + std::strerror(errno));
  std::string content;
  char chunk[1 << 16];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    content.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (content.size() > kMaxInputBytes) throw too_large();  // a pipe or device that does not end
  }
  if (in.bad()) throw InputError(path, 0, "", "failed while reading the file");
  return content;
}

namespace {

// The mistakes in naming an output that can be seen before writing: each is the user's.
void check_output_path(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec))
    throw SpecError("cannot write '" + path + "': it is a folder (name a file in it)");
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty() && !fs::is_directory(parent, ec))
    throw SpecError("cannot write '" + path + "': there is no folder '" + parent.string() + "'");
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& content) {
  check_output_path(path);
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw SpecError("cannot write '" + path + "': " + std::strerror(errno));
    out << content;
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      throw std::runtime_error("failed while writing '" + path + "'");
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    throw std::runtime_error("cannot move the output into place at '" + path + "': " + ec.message());
  }
}

}  // namespace entente
