// Entente's forecast JSON, read back to rerun a forecast.
#include "fuzz.h"
#include "io/forecast_io.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  entente::fuzz::expect_input_errors_only([&] {
    const entente::ForecastRecord r = entente::read_forecast_json(entente::fuzz::text_of(data, size), "fuzz.json");
    // What `entente forecast result.json` does next: load the model the file names.
    try {
      entente::load_model(r.model_spec);
    } catch (const entente::SpecError&) {
      // a spec that names no model is the user's mistake, exit 2
    }
  });
  return 0;
}
