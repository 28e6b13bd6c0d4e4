// A backtest's JSON (`entente backtest -f json`), read back by `entente report --backtest`.
#include "evidence/evidence_io.h"
#include "fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  entente::fuzz::expect_input_errors_only(
      [&] { entente::evidence::parse_backtest(std::string(entente::fuzz::text_of(data, size)), "fuzz.json"); });
  return 0;
}
