#include "cli/entry.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/common.h"
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

std::vector<std::string>& saved_command_line() {
  static std::vector<std::string> words;
  return words;
}

}  // namespace

const std::vector<std::string>& command_line() { return saved_command_line(); }

void exec_beside(const std::string& program, const std::vector<std::string>& words) {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  const std::string path = ((ec ? std::filesystem::path(".") : self.parent_path()) / program).string();
  if (!std::filesystem::exists(path, ec)) return;
  std::vector<std::string> args{path};
  args.insert(args.end(), words.begin(), words.end());
  std::vector<char*> argv;
  for (auto& word : args) argv.push_back(word.data());
  argv.push_back(nullptr);
  execv(path.c_str(), argv.data());
  throw std::runtime_error("cannot start " + path + ": " + std::strerror(errno));
}

int run_command_line(int argc, char** argv, const std::string& description, void (*add_commands)(CLI::App&)) {
  saved_command_line().assign(argv, argv + argc);
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
