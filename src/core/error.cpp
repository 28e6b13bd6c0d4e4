#include "core/error.h"

#include <string_view>

namespace entente {

std::string Diagnostic::to_string() const {
  std::string out;
  out.append(file.empty() ? std::string_view("<input>") : std::string_view(file));
  if (line > 0) out.append(":").append(std::to_string(line));
  out.append(": ");
  if (!field.empty()) out.append(field).append(": ");
  out.append(message);
  return out;
}

namespace {
std::string join(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) {
    if (!out.empty()) out += "\n";
    out += d.to_string();
  }
  return out;
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

InputError::InputError(std::string file, int line, std::string field, std::string message)
    : InputError(std::vector<Diagnostic>{
          Diagnostic{std::move(file), line, std::move(field), std::move(message)}}) {}

}  // namespace entente
