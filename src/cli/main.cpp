// The `entente` command: a thin layer over the library. Each subcommand parses its options,
// calls the library, and maps failures onto the documented exit codes.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "bargaining/model.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "core/error.h"
#include "core/spelling.h"

namespace {

constexpr const char* kExitCodes =
    "Exit codes: 0 success, 1 internal error, 2 usage error (bad option, window, series,\n"
    "policy, model or parameter, or an output that cannot be written), 3 invalid input (a\n"
    "missing or invalid file or database; the message names the file, the line and the field).\n"
    "On failure nothing is written to --output.";

// The first word that is not an option names the command (the app's own options take no
// values). A word that names none gets the nearest command, which CLI11 would not say.
bool unknown_command(const CLI::App& app, int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (word.empty() || word[0] == '-') continue;
    std::vector<std::string> names;
    for (const auto* sub : app.get_subcommands({})) names.push_back(sub->get_name());
    if (std::find(names.begin(), names.end(), word) != names.end()) return false;
    std::cerr << "entente: no command '" << word << "'" << entente::did_you_mean(word, names)
              << "; `entente --help` lists them\n";
    return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Entente: alliances under strain — actors, issues, bargaining models.", "entente"};
  app.footer(kExitCodes);
  app.set_version_flag("--version", std::string("entente ") + ENTENTE_VERSION);
  app.require_subcommand(1);
  bool quiet = false;
  app.add_flag("-q,--quiet", quiet, "No progress or stage notes on standard error (results and errors still print)");
  app.fallthrough();  // --quiet may come after the subcommand too
  entente::cli::add_commands(app);
  if (unknown_command(app, argc, argv)) return entente::cli::kExitUsage;

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
  entente::cli::set_quiet(quiet);
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
