// The DEU III table (tab-separated, with its capability row).
#include "fuzz.h"
#include "io/deu3.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  entente::fuzz::expect_input_errors_only([&] { entente::read_deu3(entente::fuzz::text_of(data, size), "fuzz.tsv"); });
  return 0;
}
