// Reading and writing whole files, with errors that name the file.
#pragma once

#include <cstdint>
#include <string>

namespace entente {

// The largest input file read: far above any scenario, data table or result (the largest
// data tables are a few MB), and a bound on the memory a wrong or hostile file can take.
inline constexpr std::uintmax_t kMaxInputBytes = 64u << 20;

// The whole file as bytes; throws InputError naming the path if it is missing, a folder,
// larger than kMaxInputBytes (a pipe or a device is read up to that bound, never on without
// end), or unreadable.
std::string read_file(const std::string& path);

// Writes to a temporary file beside `path` and renames it into place, so a reader never
// sees half a file and a failure leaves the old file (or none) untouched.
// Throws SpecError naming the path when it cannot be an output (a folder, in a folder that
// does not exist or cannot be written), and std::runtime_error when writing fails midway
// (a full disk).
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace entente
