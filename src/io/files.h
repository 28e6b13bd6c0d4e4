// Reading and writing whole files, with errors that name the file.
#pragma once

#include <string>

namespace entente {

// The whole file as bytes; throws InputError naming the path if it is missing, a folder or
// unreadable.
std::string read_file(const std::string& path);

// Writes to a temporary file beside `path` and renames it into place, so a reader never
// sees half a file and a failure leaves the old file (or none) untouched.
// Throws SpecError naming the path when it cannot be an output (a folder, in a folder that
// does not exist or cannot be written), and std::runtime_error when writing fails midway
// (a full disk).
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace entente
