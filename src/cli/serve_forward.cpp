// `entente serve`: hands its command line to `entente-serve`, the dashboard's own program
// (cli/serve_main.cpp), built beside this one. exec keeps the process, so whoever started
// `entente serve` can still stop it with a signal. Built only with ENTENTE_SERVER.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/common.h"

namespace entente::cli {

namespace {

CLI::App* serve_command = nullptr;

// The program beside the running one (the kernel's /proc/self/exe, links resolved).
std::filesystem::path beside_this_program(const std::string& name) {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return (ec ? std::filesystem::path(".") : self.parent_path()) / name;
}

int forward_to_server() {
  const std::string program = beside_this_program("entente-serve").string();
  std::vector<std::string> words{program, "serve"};
  for (const auto& word : serve_command->remaining()) words.push_back(word);
  std::vector<char*> argv;
  for (auto& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  execv(program.c_str(), argv.data());
  // Only reached when the program could not be started.
  throw std::runtime_error("serve: cannot start " + program + " (" + std::strerror(errno) +
                           "); the dashboard's program is built beside `entente` by `make build`");
}

}  // namespace

void add_serve_forward(CLI::App& app) {
  serve_command =
      app.add_subcommand("serve", "A local dashboard: what-if controls, runs side by side, sweeps (in a browser)");
  // Every word after `serve`, --help included, is the dashboard program's to read.
  serve_command->prefix_command();
  serve_command->allow_extras();
  serve_command->set_help_flag();
  serve_command->fallthrough(false);
  on_run(serve_command, forward_to_server);
}

}  // namespace entente::cli
