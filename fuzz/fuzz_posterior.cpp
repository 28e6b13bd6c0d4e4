// A posterior file (`entente calibrate`, read by --posterior and the report) and the
// marginals the report draws from one.
#include "evidence/calibration.h"
#include "fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  entente::fuzz::expect_input_errors_only(
      [&] { entente::evidence::parse_posterior(std::string(entente::fuzz::text_of(data, size)), "fuzz.json"); });
  return 0;
}
