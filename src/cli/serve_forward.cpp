// `entente serve`: hands its command line to `entente-serve`, the dashboard's own program
// (cli/serve_main.cpp), built beside this one. Built only with ENTENTE_SERVER.
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/hand_over.h"
#include "core/error.h"

namespace entente::cli {

namespace {

// The whole command line goes over, global options before `serve` (-q) included.
int forward_to_server() {
  hand_over_to("entente-serve");
  throw SpecError("serve: entente-serve, the dashboard's program, is not beside this one (`make cli` builds it, "
                  "with libcpp-httplib-dev installed; docs/dashboard.md)");
}

}  // namespace

void add_serve_forward(CLI::App& app) {
  auto* serve =
      app.add_subcommand("serve", "A local dashboard: what-if controls, runs side by side, sweeps (in a browser)");
  // Every word after `serve`, --help included, is the dashboard program's to read.
  serve->prefix_command();
  serve->allow_extras();
  serve->set_help_flag();
  serve->fallthrough(false);
  on_run(serve, forward_to_server);
}

}  // namespace entente::cli
