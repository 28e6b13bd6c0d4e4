// `entente serve`: a local dashboard over the library. One HTTP server (cpp-httplib) answers
// a JSON API over the scenarios it was given and a results database, and serves the page in
// web/. Every result it sends is rendered by the writers of src/io (and sim::sweep_json), so
// the API speaks the same JSON as `entente run|explain|compare|claims --format json`.
// docs/dashboard.md lists the routes.
//
// Safety: it binds to loopback unless told otherwise; it serves only regular files under the
// web root (no `..`, no encoded or absolute escapes); request bodies are capped; a mistake in
// a request is a 400 with a message, an unknown route a 404.
//
// Threads: requests are answered concurrently on a pool; the scenarios are loaded once and
// never changed (a what-if runs on a copy), the results database is used under a lock, and
// each sweep runs on a thread of its own, at most one at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace entente::server {

struct ServerOptions {
  std::vector<std::string> scenarios;  // time-stepped scenario files, listed in this order
  std::string db;                      // results database whose runs are listed ("" = none)
  std::string web_root;                // the page's folder; "" = the web/ of this source tree
  std::size_t max_body_bytes = 64 * 1024;  // larger request bodies get 413
  int threads = 0;                     // for attribution and sweeps; 0 = every core
  int request_threads = 32;            // connections answered at once
  std::uint64_t max_sweep_runs = 5000;
};

// The web/ folder of the source tree this Entente was built from.
std::string default_web_root();

// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback(const std::string& host);

class Server {
 public:
  // Loads every scenario and opens the database. Throws InputError for a file that cannot be
  // read or is not a time-stepped scenario, SpecError for a web root that is not a folder.
  explicit Server(ServerOptions options);
  ~Server();  // stops serving and waits for a running sweep
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds to host:port (port 0: any free port) and returns the port. Throws SpecError when
  // the address cannot be bound.
  int bind(const std::string& host, int port);
  // Answers requests until stop(); call after bind().
  void listen();
  // Makes listen() return; safe from any thread (and from a signal-handling thread).
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace entente::server
