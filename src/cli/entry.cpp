#include "cli/entry.h"

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "cli/common.h"
#include "cli/hand_over.h"
#include "core/error.h"
#include "core/spelling.h"

namespace entente::cli {

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
    std::cerr << "entente: no command '" << word << "'" << did_you_mean(word, names)
              << "; `entente --help` lists them\n";
    return true;
  }
  return false;
}

}  // namespace

int run_command_line(int argc, char** argv, const std::string& description, void (*add_commands)(CLI::App&)) {
  remember_command_line(argc, argv);
  CLI::App app{description, "entente"};
  app.footer(kExitCodes);
  app.set_version_flag("--version", std::string("entente ") + ENTENTE_VERSION);
  app.require_subcommand(1);
  bool quiet = false;
  app.add_flag("-q,--quiet", quiet, "No progress or stage notes on standard error (results and errors still print)");
  app.fallthrough();  // --quiet may come after the subcommand too
  add_commands(app);
  if (unknown_command(app, argc, argv)) return kExitUsage;

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
    return kExitUsage;
  }
  set_quiet(quiet);
  try {
    return run_selected(app);
  } catch (const InputError& e) {
    std::cerr << "entente: invalid input\n" << e.what() << "\n";
    return kExitInput;
  } catch (const SpecError& e) {
    std::cerr << "entente: " << e.what() << "\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "entente: " << e.what() << "\n";
    return kExitInternal;
  }
}

}  // namespace entente::cli
