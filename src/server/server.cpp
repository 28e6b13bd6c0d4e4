#include "server/server.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "analysis/attribution.h"
#include "analysis/claims.h"
#include "analysis/compare.h"
#include "analysis/report_data.h"
#include "core/error.h"
#include "io/analysis_io.h"
#include "io/files.h"
#include "io/forecast_io.h"
#include "io/run_io.h"
#include "io/timeline_io.h"
#include "output/document.h"
#include "server/controls.h"
#include "server/whatif.h"
#include "sim/sweep.h"
#include "store/export.h"
#include "store/store.h"

#ifndef ENTENTE_WEB_DIR
#define ENTENTE_WEB_DIR "web"
#endif

namespace entente::server {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

std::string default_web_root() { return ENTENTE_WEB_DIR; }

bool is_loopback(const std::string& host) {
  if (host == "localhost" || host == "::1" || host == "[::1]") return true;
  in_addr address{};  // a dotted IPv4 address in 127.0.0.0/8, and not a name that begins "127."
  return ::inet_pton(AF_INET, host.c_str(), &address) == 1 && (ntohl(address.s_addr) >> 24) == 127;
}

namespace {

// A request the server cannot answer as asked: its status and what to tell the user.
struct HttpError {
  int status;
  std::string message;
};

void send_json(httplib::Response& res, const std::string& text, int status = 200) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(text, "application/json");
}

void send_error(httplib::Response& res, int status, const std::string& message) {
  send_json(res, output::render_json(ojson{{"error", message}, {"status", status}}), status);
}

// The file types the page is made of; anything else is not served.
struct ContentType {
  std::string_view extension, mime;
};
constexpr ContentType kContentTypes[] = {
    {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},   {".svg", "image/svg+xml"},
    {".png", "image/png"},                 {".json", "application/json"},
    {".txt", "text/plain; charset=utf-8"}, {".ico", "image/x-icon"},
};

std::optional<std::string_view> content_type(const fs::path& file) {
  const std::string ext = file.extension().string();
  for (const auto& type : kContentTypes)
    if (ext == type.extension) return type.mime;
  return std::nullopt;
}

// The file under `root` a URL path names, or none. The path arrives percent-decoded; a
// segment "." or "..", an empty segment, a backslash, a NUL, a colon or a '%' left after
// decoding (an encoding of an encoding) is refused outright, and what remains must resolve to
// a regular file inside the root (so a symbolic link out of it is refused too).
std::optional<fs::path> static_file(const fs::path& root, const std::string& url_path) {
  if (url_path.empty() || url_path[0] != '/') return std::nullopt;
  std::string rel = url_path.substr(1);
  if (rel.empty()) rel = "index.html";
  if (rel.find_first_of(std::string("\\%:\0", 4)) != std::string::npos) return std::nullopt;
  for (std::size_t start = 0; start <= rel.size();) {
    const std::size_t slash = std::min(rel.find('/', start), rel.size());
    const std::string segment = rel.substr(start, slash - start);
    if (segment.empty() || segment == "." || segment == "..") return std::nullopt;
    start = slash + 1;
  }
  std::error_code ec;
  const fs::path file = fs::canonical(root / rel, ec);
  if (ec || !fs::is_regular_file(file, ec)) return std::nullopt;
  const auto [r, f] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  if (r != root.end()) return std::nullopt;
  return file;
}

// One sweep started from the page: its progress, then its result or its error.
struct SweepJob {
  std::mutex mutex;
  std::condition_variable changed;
  std::uint64_t done = 0, total = 0;
  bool finished = false;
  std::string result;  // the `result`, `summary` and `retreat` messages
  std::string error;
};

// An SSE message; a data field may not hold a newline, so each line of the text is a field of
// its own (EventSource joins them with newlines again).
std::string sse_message(const std::string& event, const std::string& text) {
  std::string out = "event: " + event + "\n";
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    out += "data: " + text.substr(start, end - start) + "\n";
    start = end + 1;
  }
  return out + "\n";
}

std::string progress_json(std::uint64_t done, std::uint64_t total) {
  return output::render_json(ojson{{"done", done}, {"total", total}});
}

// A comma-separated query parameter.
std::vector<std::string> list_param(const httplib::Request& req, const std::string& key) {
  std::vector<std::string> out;
  if (!req.has_param(key.c_str())) return out;
  const std::string text = req.get_param_value(key.c_str());
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

int int_param(const httplib::Request& req, const std::string& key, int fallback) {
  if (!req.has_param(key.c_str())) return fallback;
  const std::string text = req.get_param_value(key.c_str());
  try {
    std::size_t used = 0;
    const int value = std::stoi(text, &used);
    if (used == text.size()) return value;
  } catch (const std::exception&) {
  }
  throw HttpError{400, fmt::format("query parameter {}: '{}' is not a whole number", key, text)};
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  fs::path web_root;
  std::vector<std::string> files;
  std::vector<sim::TimeScenario> scenarios;
  std::optional<store::Store> db;
  std::mutex db_mutex;
  httplib::Server http;

  // Analyses are deterministic: each is computed once per scenario and request.
  std::mutex cache_mutex;
  std::map<std::string, std::string> cache;

  std::mutex sweeps_mutex;
  std::vector<std::shared_ptr<SweepJob>> sweeps;
  std::thread sweep_thread;
  std::atomic<bool> sweep_running{false};
  bool loopback_only = true;  // bound to a loopback address: answer only requests addressed to one

  int threads() const {
    return options.threads > 0 ? options.threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  }

  const sim::TimeScenario& scenario(const httplib::Request& req) {
    const std::size_t i = std::stoul(req.matches[1]);  // the route's pattern holds digits only
    if (i >= scenarios.size())
      throw HttpError{404, fmt::format("no scenario {} (there are {})", i, scenarios.size())};
    return scenarios[i];
  }

  sim::SimOptions sim_options(const sim::TimeScenario& t, int to_year = 0) const {
    sim::SimOptions o;
    o.model = choose_model("", t.scenario.model, ScenarioKind::TimeStepped);
    o.seed = t.scenario.seed;
    o.to_year = to_year > 0 ? to_year : t.end_year;
    if (o.to_year < t.start_year || o.to_year > t.horizon_year)
      throw HttpError{400, fmt::format("to={} is outside the scenario's years {}..{}", o.to_year, t.start_year,
                                       t.horizon_year)};
    return o;
  }

  // Returns the cached text for `key`, computing it once.
  template <class F>
  std::string cached(const std::string& key, F compute) {
    {
      std::lock_guard lock(cache_mutex);
      if (auto it = cache.find(key); it != cache.end()) return it->second;
    }
    std::string text = compute();
    std::lock_guard lock(cache_mutex);
    return cache.emplace(key, std::move(text)).first->second;
  }

  // Runs a handler, turning every failure into a status and a message.
  template <class F>
  auto guarded(F handler) {
    return [handler](const httplib::Request& req, httplib::Response& res) {
      try {
        handler(req, res);
      } catch (const HttpError& e) {
        send_error(res, e.status, e.message);
      } catch (const InputError& e) {
        send_error(res, 400, e.what());
      } catch (const SpecError& e) {
        send_error(res, 400, e.what());
      } catch (const std::exception& e) {
        send_error(res, 500, e.what());
      }
    };
  }

  void routes();
  void serve_static(const httplib::Request& req, httplib::Response& res);
  void list_scenarios(httplib::Response& res);
  void list_runs(httplib::Response& res);
  void stored_run(const httplib::Request& req, httplib::Response& res);
  void start_sweep(const httplib::Request& req, httplib::Response& res);
  void stream_sweep(const httplib::Request& req, httplib::Response& res);
};

void Server::Impl::list_scenarios(httplib::Response& res) {
  output::Table table{.columns = {"id", "name", "file", "start", "end", "horizon", "model", "events", "policies",
                                  "claims"}};
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    const auto& t = scenarios[i];
    table.add({static_cast<std::int64_t>(i), t.scenario.name, files[i], std::int64_t{t.start_year},
               std::int64_t{t.end_year}, std::int64_t{t.horizon_year},
               choose_model("", t.scenario.model, ScenarioKind::TimeStepped),
               static_cast<std::int64_t>(t.events.size()), static_cast<std::int64_t>(t.policies.size()),
               static_cast<std::int64_t>(t.claims.size())});
  }
  send_json(res, output::render(table, output::Format::Json));
}

void Server::Impl::list_runs(httplib::Response& res) {
  output::Table table{.columns = {"id", "created_utc", "kind", "scenario", "file", "model", "seed", "command"}};
  if (db) {
    std::lock_guard lock(db_mutex);
    for (const auto& r : db->runs())
      table.add({r.id, r.created_utc, r.kind, r.scenario_name, r.scenario_file, r.model_spec,
                 static_cast<std::int64_t>(r.seed), r.command_line});
  }
  send_json(res, output::render(table, output::Format::Json));
}

// A stored run's results in the JSON of the command that made it.
void Server::Impl::stored_run(const httplib::Request& req, httplib::Response& res) {
  if (!db) throw HttpError{404, "no results database: start `entente serve` with --db FILE"};
  const std::int64_t id = std::stoll(req.matches[1]);
  store::RunRecord record;
  {
    std::lock_guard lock(db_mutex);
    record = db->load(id);
  }
  const store::Results& r = record.results;
  const store::Request& q = record.inputs.request;
  const auto json = output::Format::Json;
  // What write_run reads of the scenario: its name and actors (its table form names the
  // members; the stored results keep the actors, and the patron and client come first).
  sim::TimeScenario named;
  named.scenario.name = r.scenario_name;
  named.scenario.actors = r.actors;
  if (r.actors.size() < 2) named.scenario.actors.resize(2);
  switch (record.inputs.kind) {
    case store::Kind::Run:
    case store::Kind::Report:
      if (r.run) return send_json(res, write_run(named, *r.run, json, r.run->years.front(), r.run->years.back()));
      if (r.report && r.report->baseline) {
        const auto& run = *r.report->baseline;
        return send_json(res, write_run(named, run, json, run.years.front(), run.years.back()));
      }
      break;
    case store::Kind::Explain:
      return send_json(res, write_attribution(r.attributions, record.inputs.model_spec, json));
    case store::Kind::Compare:
      return send_json(res, write_comparison(r.policies, q.series, q.from, q.to, json));
    case store::Kind::Claims:
      return send_json(res, write_claims(r.claims, json));
    case store::Kind::Sweep:
      if (r.sweep) return send_json(res, sim::sweep_json(*r.sweep));
      break;
    case store::Kind::Forecast:
    case store::Kind::Backtest:
      break;
  }
  // What has no writer of its own here goes out as its tidy table, as `entente export` gives it.
  std::lock_guard lock(db_mutex);
  send_json(res, store::export_table(*db, store::main_table(record.inputs.kind), id, json));
}

void Server::Impl::start_sweep(const httplib::Request& req, httplib::Response& res) {
  const sim::TimeScenario& base = scenario(req);
  nlohmann::json body;
  try {
    body = req.body.empty() ? nlohmann::json::object() : nlohmann::json::parse(req.body);
  } catch (const nlohmann::json::exception& e) {  // a syntax error, or a number out of range
    throw HttpError{400, std::string("the body is not JSON: ") + e.what()};
  }
  if (!body.is_object()) throw HttpError{400, "the body must be an object {runs, policies, to, what_if}"};
  sim::SweepOptions o;
  o.runs = 200;
  if (body.contains("runs")) {
    if (!body["runs"].is_number_integer() || body["runs"].get<std::int64_t>() < 1 ||
        body["runs"].get<std::uint64_t>() > options.max_sweep_runs)
      throw HttpError{400, fmt::format("runs: a whole number 1..{}", options.max_sweep_runs)};
    o.runs = body["runs"].get<std::uint64_t>();
  }
  if (body.contains("policies")) {
    if (!body["policies"].is_array()) throw HttpError{400, "policies: a list of policy names"};
    for (const auto& p : body["policies"]) {
      if (!p.is_string()) throw HttpError{400, "policies: a list of policy names"};
      sim::with_policy(base, p.get<std::string>());  // an unknown name is refused with the known ones
      o.policies.push_back(p.get<std::string>());
    }
  }
  auto t = std::make_shared<sim::TimeScenario>(
      body.contains("what_if") ? with_what_if(base, parse_what_if(body["what_if"].dump(), base)) : base);
  const sim::SimOptions so = sim_options(*t, body.contains("to") && body["to"].is_number_integer() ? body["to"].get<int>()
                                                                                                 : t->horizon_year);
  o.model = so.model;
  o.seed = so.seed;
  o.to_year = so.to_year;
  o.threads = threads();
  if (sweep_running.exchange(true)) throw HttpError{429, "a sweep is running; wait for it to finish"};
  if (sweep_thread.joinable()) sweep_thread.join();
  auto job = std::make_shared<SweepJob>();
  std::size_t id = 0;
  {
    std::lock_guard lock(sweeps_mutex);
    id = sweeps.size();
    sweeps.push_back(job);
  }
  o.progress = [job](std::uint64_t done, std::uint64_t total) {
    std::lock_guard lock(job->mutex);
    job->done = done;
    job->total = total;
    job->changed.notify_all();
  };
  sweep_thread = std::thread([this, job, t, o] {
    std::string result, error;
    try {
      const sim::SweepResult r = sim::sweep_timeline(*t, o);
      result = sse_message("result", sim::sweep_json(r)) +
               sse_message("summary", output::render(sim::summary_table(r), output::Format::Json)) +
               sse_message("retreat", output::render(sim::retreat_table(r), output::Format::Json));
    } catch (const std::exception& e) {
      error = e.what();
    }
    std::lock_guard lock(job->mutex);
    job->result = std::move(result);
    job->error = std::move(error);
    job->finished = true;
    sweep_running = false;
    job->changed.notify_all();
  });
  send_json(res, output::render_json(ojson{{"id", id}, {"runs", o.runs}, {"events", fmt::format("/api/sweeps/{}/events", id)}}),
            202);
}

// Server-sent events: `progress` {done, total} as runs finish, then `result` (sweep.json),
// `summary` (summary.csv's records: policy, year, series, mean, q05, q50, q95) and `retreat`
// (retreat.csv's records), or `failed` {error}. A client that comes late gets the latest progress and then the end.
void Server::Impl::stream_sweep(const httplib::Request& req, httplib::Response& res) {
  std::shared_ptr<SweepJob> job;
  {
    std::lock_guard lock(sweeps_mutex);
    const std::size_t id = std::stoul(req.matches[1]);
    if (id >= sweeps.size()) throw HttpError{404, fmt::format("no sweep {}", id)};
    job = sweeps[id];
  }
  res.set_header("Cache-Control", "no-store");
  auto sent = std::make_shared<std::uint64_t>(UINT64_MAX);
  res.set_chunked_content_provider("text/event-stream", [job, sent](std::size_t, httplib::DataSink& sink) {
    std::unique_lock lock(job->mutex);
    job->changed.wait_for(lock, std::chrono::milliseconds(250), [&] { return job->finished || job->done != *sent; });
    std::string out;
    if (job->done != *sent) {
      *sent = job->done;
      out += sse_message("progress", progress_json(job->done, job->total));
    }
    const bool finished = job->finished;
    if (finished)
      out += job->error.empty() ? job->result
                                : sse_message("failed", output::render_json(ojson{{"error", job->error}}));
    lock.unlock();
    if (!out.empty() && !sink.write(out.data(), out.size())) return false;
    if (finished) sink.done();
    return true;
  });
}

void Server::Impl::serve_static(const httplib::Request& req, httplib::Response& res) {
  if (req.path.rfind("/api/", 0) == 0 || req.path == "/api")
    return send_error(res, 404, "no route " + req.method + " " + req.path + " (docs/dashboard.md lists them)");
  const auto file = static_file(web_root, req.path);
  const auto type = file ? content_type(*file) : std::nullopt;
  if (!type) return send_error(res, 404, "not found: " + req.path);
  res.set_content(read_file(file->string()), std::string(*type));
}

void Server::Impl::routes() {
  http.Get("/api/scenarios", guarded([this](const auto&, auto& res) { list_scenarios(res); }));
  http.Get(R"(/api/scenarios/(\d+)/controls)", guarded([this](const auto& req, auto& res) {
             const auto& t = scenario(req);
             send_json(res, cached("controls/" + std::string(req.matches[1]), [&] { return controls_json(t); }));
           }));
  http.Get(R"(/api/scenarios/(\d+)/run)", guarded([this](const auto& req, auto& res) {
             const auto& t = scenario(req);
             const auto o = sim_options(t, int_param(req, "to", 0));
             send_json(res, write_run(t, sim::simulate(t, o), output::Format::Json, t.start_year, o.to_year));
           }));
  http.Post(R"(/api/scenarios/(\d+)/whatif)", guarded([this](const auto& req, auto& res) {
              const auto& base = scenario(req);
              const WhatIf w = parse_what_if(req.body, base);
              const sim::TimeScenario t = with_what_if(base, w);
              const auto o = sim_options(t, w.to_year);
              send_json(res, write_run(t, sim::simulate(t, o), output::Format::Json, t.start_year, o.to_year));
            }));
  http.Get(R"(/api/scenarios/(\d+)/compare)", guarded([this](const auto& req, auto& res) {
             const auto& t = scenario(req);
             auto policies = list_param(req, "policies");
             if (!req.has_param("policies"))
               for (const auto& p : t.policies) policies.push_back(p.name);
             auto series = list_param(req, "series");
             if (series.empty()) series = {"strain", "survival"};
             const auto o = sim_options(t, int_param(req, "to", t.horizon_year));
             const int from = int_param(req, "from", t.start_year);
             send_json(res, write_comparison(analysis::compare(t, o, policies), series, from, o.to_year,
                                             output::Format::Json));
           }));
  http.Get(R"(/api/scenarios/(\d+)/attribution)", guarded([this](const auto& req, auto& res) {
             const auto& t = scenario(req);
             analysis::ReportOptions window_of;
             window_of.from = int_param(req, "from", 0);
             window_of.to = int_param(req, "to", 0);
             const auto window = analysis::attribution_window(t, window_of);
             auto series = list_param(req, "series");
             if (series.empty()) series = {"strain"};
             const std::string key = fmt::format("attribution/{}/{}/{}/{}", std::string(req.matches[1]), window.first,
                                                 window.second, fmt::join(series, ","));
             send_json(res, cached(key, [&] {
                         const auto o = sim_options(t, std::max(window.second, t.end_year));
                         const auto groups = analysis::report_groups(t, window.first, window.second);
                         const auto results =
                             analysis::attribute(t, o, groups, window.first, window.second, series, threads());
                         return write_attribution(results, load_model(o.model)->spec(), output::Format::Json);
                       }));
           }));
  http.Get(R"(/api/scenarios/(\d+)/claims)", guarded([this](const auto& req, auto& res) {
             const auto& t = scenario(req);
             send_json(res, cached("claims/" + std::string(req.matches[1]), [&] {
                         const auto o = sim_options(t);
                         return write_claims(analysis::check_claims(t, o, 0, o.seed, threads()), output::Format::Json);
                       }));
           }));
  http.Post(R"(/api/scenarios/(\d+)/sweeps)", guarded([this](const auto& req, auto& res) { start_sweep(req, res); }));
  http.Get(R"(/api/sweeps/(\d+)/events)", guarded([this](const auto& req, auto& res) { stream_sweep(req, res); }));
  http.Get("/api/runs", guarded([this](const auto&, auto& res) { list_runs(res); }));
  http.Get(R"(/api/runs/(\d+))", guarded([this](const auto& req, auto& res) { stored_run(req, res); }));
  http.Get(".*", guarded([this](const auto& req, auto& res) { serve_static(req, res); }));
  // A page elsewhere could make a browser send requests to a loopback server under a name of
  // its own (DNS rebinding): on loopback, only requests for a loopback host are answered.
  http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (!loopback_only) return httplib::Server::HandlerResponse::Unhandled;
    std::string host = req.get_header_value("Host");
    host = host.rfind('[', 0) == 0 ? host.substr(0, host.find(']') + 1) : host.substr(0, host.find(':'));
    if (host.empty() || is_loopback(host)) return httplib::Server::HandlerResponse::Unhandled;
    send_error(res, 421, "this server answers only requests for 127.0.0.1 or localhost, not " + host);
    return httplib::Server::HandlerResponse::Handled;
  });
  // What no handler matched (another method, a body too large) still gets a message.
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    const std::string message = res.status == 413   ? "the request body is too large"
                                : res.status == 404 ? "no route " + req.method + " " + req.path
                                                    : "the request could not be answered";
    send_error(res, res.status, message);
  });
}

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>()) {
  Impl& s = *impl_;
  s.options = std::move(options);
  std::error_code ec;
  s.web_root = fs::canonical(s.options.web_root.empty() ? default_web_root() : s.options.web_root, ec);
  if (ec || !fs::is_directory(s.web_root))
    throw SpecError("--web: '" + s.options.web_root + "' is not a folder holding the page (index.html)");
  for (const auto& file : s.options.scenarios) {
    if (!is_timeline(read_file(file)))
      throw InputError(file, 0, "time", "entente serve shows time-stepped scenarios (a file with a time: span)");
    s.scenarios.push_back(load_timeline(file));
    s.files.push_back(file);
  }
  if (!s.options.db.empty()) s.db.emplace(s.options.db);
  s.http.set_payload_max_length(s.options.max_body_bytes);
  const int pool = std::max(1, s.options.request_threads);
  s.http.new_task_queue = [pool] { return new httplib::ThreadPool(static_cast<std::size_t>(pool)); };
  s.routes();
}

Server::~Server() {
  stop();
  if (impl_->sweep_thread.joinable()) impl_->sweep_thread.join();
}

int Server::bind(const std::string& host, int port) {
  impl_->loopback_only = is_loopback(host);
  const int bound = port == 0 ? impl_->http.bind_to_any_port(host) : (impl_->http.bind_to_port(host, port) ? port : -1);
  if (bound <= 0) throw SpecError(fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)", host, port));
  return bound;
}

void Server::listen() { impl_->http.listen_after_bind(); }

void Server::stop() { impl_->http.stop(); }

}  // namespace entente::server
