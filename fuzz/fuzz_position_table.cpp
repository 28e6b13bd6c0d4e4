// The actor,capability,position,salience table of expected-utility studies.
#include "bargaining/model.h"
#include "fuzz.h"
#include "io/scenario_io.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  entente::fuzz::expect_input_errors_only([&] {
    const entente::Scenario s = entente::read_position_table(entente::fuzz::text_of(data, size), "fuzz.csv");
    static const auto median = entente::load_model("median");
    median->forecast(s, {});
  });
  return 0;
}
