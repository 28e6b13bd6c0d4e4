// `entente serve`: hands its command line to `entente-serve`, the dashboard's own program
// (cli/serve_main.cpp), built beside this one. Built only with ENTENTE_SERVER.
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/entry.h"

namespace entente::cli {

namespace {

CLI::App* serve_command = nullptr;

int forward_to_server() {
  std::vector<std::string> words{"serve"};
  for (const auto& word : serve_command->remaining()) words.push_back(word);
  exec_beside("entente-serve", words);
  throw std::runtime_error("serve: the dashboard's program entente-serve is not beside this one; `make build` builds it");
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
