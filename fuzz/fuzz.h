// What every fuzz target shares. A reader may refuse any input, but only with InputError
// (which the CLI turns into exit 3 with the problem named) or SpecError (a model spec in the
// file that names no model: exit 2). Any other exception escapes the target, and libFuzzer
// reports it as a crash (a "deadly signal" from std::terminate), as it does a sanitizer's
// finding, a leak, a timeout or memory past -rss_limit_mb.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.h"

namespace entente::fuzz {

inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

template <class Read>
void expect_input_errors_only(Read&& read) {
  try {
    read();
  } catch (const InputError&) {
    // refused with a located message: what a reader should do with a bad file
  } catch (const SpecError&) {
    // a spec the file holds is not one Entente knows: the user's mistake too
  }
}

}  // namespace entente::fuzz
