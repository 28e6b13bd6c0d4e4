// The `entente` command: a thin layer over the library. Each subcommand parses its options,
// calls the library, and maps failures onto the documented exit codes.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>

#include "bargaining/model.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "core/error.h"

namespace {

constexpr const char* kExitCodes =
    "Exit codes: 0 success, 1 internal error, 2 usage error (bad option, unknown model or\n"
    "parameter), 3 invalid input (the message names the file, the line and the field).\n"
    "On failure nothing is written to --output.";

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Entente: alliances under strain — actors, issues, bargaining models.", "entente"};
  app.footer(kExitCodes);
  app.set_version_flag("--version", std::string("entente ") + ENTENTE_VERSION);
  app.require_subcommand(1);
  entente::cli::add_commands(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return entente::cli::kExitUsage;
  }
  try {
    return entente::cli::run_selected(app);
  } catch (const entente::InputError& e) {
    std::cerr << "entente: invalid input\n" << e.what() << "\n";
    return entente::cli::kExitInput;
  } catch (const entente::SpecError& e) {
    std::cerr << "entente: " << e.what() << "\n";
    return entente::cli::kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "entente: " << e.what() << "\n";
    return entente::cli::kExitInternal;
  }
}
