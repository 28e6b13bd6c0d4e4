// KTAB's SMP CSV (SMPModel::csvRead's layout).
#include "bargaining/model.h"
#include "fuzz.h"
#include "io/scenario_io.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  entente::fuzz::expect_input_errors_only([&] {
    const entente::Scenario s = entente::read_ktab_csv(entente::fuzz::text_of(data, size), "fuzz.csv");
    static const auto mean = entente::load_model("mean");
    mean->forecast(s, {});
  });
  return 0;
}
