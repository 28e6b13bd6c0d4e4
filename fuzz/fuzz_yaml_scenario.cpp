// Entente's one-year scenario YAML (docs/scenario-format.md). A file the reader accepts must
// also be one the weighted median can forecast: the reader promises a valid scenario.
#include "bargaining/model.h"
#include "fuzz.h"
#include "io/scenario_io.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  entente::fuzz::expect_input_errors_only([&] {
    const entente::Scenario s = entente::read_yaml_scenario(entente::fuzz::text_of(data, size), "fuzz.yaml");
    static const auto median = entente::load_model("median");
    median->forecast(s, {});
  });
  return 0;
}
