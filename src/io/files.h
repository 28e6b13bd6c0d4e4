// Reading and writing whole files, with errors that name the file.
#pragma once

#include <string>

namespace entente {

// The whole file as bytes; throws InputError if it cannot be read.
std::string read_file(const std::string& path);

// Writes to a temporary file beside `path` and renames it into place, so a reader never
// sees half a file and a failure leaves the old file (or none) untouched.
// Throws std::runtime_error naming the path on failure.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace entente
