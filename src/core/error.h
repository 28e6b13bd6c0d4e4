// Errors as values with a place: every problem found in an input names the file, the line
// and the field, and says what was expected. Loaders and validators collect all problems
// they find and throw them together, so a user fixes a file in one pass.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace entente {

// One problem in an input. `line` is 1-based; 0 means "no line" (e.g. a built-in default).
struct Diagnostic {
  std::string file;
  int line = 0;
  std::string field;    // e.g. "capability", "stances.nuclear.US.salience"
  std::string message;  // what is wrong and what was expected

  // "file:line: field: message", the form editors and compilers use.
  std::string to_string() const;
};

// Thrown by loaders and validators; carries every diagnostic found, in input order.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  InputError(std::string file, int line, std::string field, std::string message);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// A model specification or parameter that cannot be used (unknown model, bad value).
class SpecError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace entente
