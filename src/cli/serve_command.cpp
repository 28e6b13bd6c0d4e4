// entente serve: the local dashboard (src/server, web/). Built only when cpp-httplib is found
// (the CMake option ENTENTE_SERVER).
#include <csignal>
#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"
#include "core/error.h"
#include "server/server.h"

namespace entente::cli {

namespace {

struct ServeOptions {
  std::vector<std::string> scenarios;
  std::string db, host = "127.0.0.1", web;
  int port = 8080, threads = 0;
  bool allow_remote = false;
};

ServeOptions serve_opts;
server::Server* running = nullptr;

extern "C" void stop_serving(int) {
  if (running) running->stop();
}

int run_serve() {
  const ServeOptions& o = serve_opts;
  if (!server::is_loopback(o.host) && !o.allow_remote)
    throw SpecError("--host " + o.host +
                    " would open the dashboard to other machines; add --allow-remote to mean it");
  server::ServerOptions options{.scenarios = o.scenarios.empty() ? std::vector<std::string>{"scenarios/korea.yaml"}
                                                                : o.scenarios,
                                .db = o.db,
                                .web_root = o.web,
                                .threads = o.threads > 0 ? o.threads : hardware_threads()};
  server::Server server(options);
  const int port = server.bind(o.host, o.port);
  if (!server::is_loopback(o.host))
    std::cerr << "entente serve: warning: listening on " << o.host
              << ", reachable from other machines; the dashboard has no authentication\n";
  std::cout << "entente serve: http://" << (o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host) << ":"
            << port << "/  (Ctrl-C stops)" << std::endl;
  running = &server;
  std::signal(SIGINT, stop_serving);
  std::signal(SIGTERM, stop_serving);
  server.listen();
  running = nullptr;
  return kExitOk;
}

}  // namespace

void add_serve_command(CLI::App& app) {
  auto* serve = app.add_subcommand("serve", "A local dashboard: what-if controls, runs side by side, sweeps (in a browser)");
  serve->add_option("scenarios", serve_opts.scenarios, "Time-stepped scenarios to offer (default: scenarios/korea.yaml)");
  serve->add_option("--db", serve_opts.db, "Results database whose stored runs the page lists");
  serve->add_option("--port", serve_opts.port, "Port (0: any free port, printed)")->check(CLI::Range(0, 65535));
  serve->add_option("--host", serve_opts.host, "Address to listen on (default loopback: this machine only)");
  serve->add_flag("--allow-remote", serve_opts.allow_remote, "Allow a --host other machines can reach (prints a warning)");
  serve->add_option("--web", serve_opts.web, "The page's folder (default: web/ of the source tree)");
  serve->add_option("-j,--threads", serve_opts.threads, "Threads for sweeps and attribution (default: every core)")
      ->check(CLI::Range(1, 1024));
  on_run(serve, run_serve);
}

}  // namespace entente::cli
