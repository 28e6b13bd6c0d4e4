// The time-stepped scenario YAML (docs/timeline-format.md). Data files are looked up beside
// the scenario; the fuzz input names none that exist unless it copies the seeds' paths.
#include "fuzz.h"
#include "io/timeline_io.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = entente::fuzz::text_of(data, size);
  entente::fuzz::expect_input_errors_only([&] {
    entente::is_timeline(text);
    entente::read_timeline(text, ENTENTE_SOURCE_DIR "/scenarios/fuzz.yaml");
  });
  return 0;
}
