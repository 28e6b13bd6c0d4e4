#include "sim/sweep.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "core/error.h"
#include "core/parallel.h"
#include "sim/sample.h"

namespace entente::sim {

namespace {

namespace fs = std::filesystem;
using output::Cell;

// Exact sums of fixed-point values need more than 64 bits (a million values of up to 2^40).
__extension__ using Int128 = __int128;

constexpr int kBins = 10000;
constexpr double kFixedScale = 4294967296.0;  // means are summed exactly in units of 2^-32
constexpr std::uint64_t kBlock = 256;         // runs computed between two merges
constexpr char kMagic[8] = {'E', 'N', 'T', 'S', 'W', 'P', '0', '3'};

// A fixed histogram over [lo, hi] with an exact sum: its quantiles and mean do not depend on
// the order values arrive in, so threads and splits give identical summaries.
struct Histogram {
  double lo = 0, hi = 1;
  std::vector<std::uint32_t> counts = std::vector<std::uint32_t>(kBins, 0);
  Int128 sum = 0;
  std::uint64_t n = 0;

  void add(double x) {
    const double width = (hi - lo) / kBins;
    const double clamped = std::clamp(x, lo, hi);
    const int bin = std::min(kBins - 1, static_cast<int>((clamped - lo) / width));
    ++counts[static_cast<std::size_t>(bin)];
    sum += static_cast<Int128>(std::llround(x * kFixedScale));
    ++n;
  }
  void add(const Histogram& other) {
    sum += other.sum;
    n += other.n;
    for (std::size_t b = 0; b < counts.size(); ++b) counts[b] += other.counts[b];
  }
  double mean() const { return n ? static_cast<double>(sum) / kFixedScale / static_cast<double>(n) : 0.0; }
  // The midpoint of the bin holding the ⌈q·n⌉-th smallest value.
  double quantile(double q) const {
    if (!n) return 0;
    const auto rank = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(n))));
    std::uint64_t seen = 0;
    for (int b = 0; b < kBins; ++b) {
      seen += counts[static_cast<std::size_t>(b)];
      if (seen >= rank) return lo + (b + 0.5) * (hi - lo) / kBins;
    }
    return hi;
  }
};

// One summary cell while the sweep runs: its place and its histogram.
struct Accumulator {
  std::string policy;
  int year = 0;
  std::string series;
  Histogram h;
};

// What one kind of sweep computes; the engine below runs it.
struct Job {
  SweepResult header;             // what is run: everything but the range, cells and retreats
  std::string rows_header;        // the first line of runs.csv
  std::vector<Accumulator> cells;
  std::vector<std::string> retreat_policies;  // one per policy; empty for forecasts
  // Computes run i: one value per cell, retreat flags, and (when `rows` is given) its runs.csv rows.
  std::function<void(std::uint64_t run, std::vector<double>& values, std::vector<char>& retreat, std::string* rows)>
      compute;
};

struct State {
  std::uint64_t done = 0;
  std::uint64_t rows_bytes = 0;
  std::vector<std::uint64_t> retreats;
};

// ------------------------------------------------------------------------ what was run

nlohmann::ordered_json header_json(const SweepResult& r) {
  return {{"entente_version", r.entente_version}, {"kind", sweep_kind_name(r.kind)},
          {"scenario_hash", r.scenario_hash},     {"model", r.model},
          {"seed", r.seed},                       {"to_year", r.to_year},
          {"policies", r.policies},               {"inputs", r.inputs}};
}

// The header as one string: two sweeps are the same sweep when these are equal.
std::string header_key(const SweepResult& r) { return header_json(r).dump(); }

SweepResult parse_header(const std::string& text, const fs::path& file) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw InputError(file.string(), 0, "", "a damaged sweep checkpoint");
  SweepResult r;
  try {
    r.entente_version = j.at("entente_version").get<std::string>();
    r.kind = j.at("kind").get<std::string>() == "forecast" ? SweepKind::Forecast : SweepKind::Timeline;
    r.scenario_hash = j.at("scenario_hash").get<std::string>();
    r.model = j.at("model").get<std::string>();
    r.seed = j.at("seed").get<std::uint64_t>();
    r.to_year = j.at("to_year").get<int>();
    r.policies = j.at("policies").get<std::vector<std::string>>();
    r.inputs = j.at("inputs").get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception&) {
    throw InputError(file.string(), 0, "", "a damaged sweep checkpoint");
  }
  return r;
}

SweepResult result_of(const Job& job, const State& st, std::uint64_t first, std::uint64_t runs) {
  SweepResult r = job.header;
  r.first = first;
  r.runs = runs;
  for (const Accumulator& c : job.cells)
    r.cells.push_back({c.policy, c.year, c.series, c.h.mean(), c.h.quantile(0.05), c.h.quantile(0.5), c.h.quantile(0.95)});
  for (std::size_t p = 0; p < job.retreat_policies.size(); ++p)
    r.retreats.push_back({job.retreat_policies[p], runs, st.retreats[p],
                          runs ? static_cast<double>(st.retreats[p]) / static_cast<double>(runs) : 0.0});
  return r;
}

// ------------------------------------------------------------------------- checkpoints

template <class T>
void put(std::ostream& out, const T& x) { out.write(reinterpret_cast<const char*>(&x), sizeof x); }
template <class T>
void get(std::istream& in, T& x) { in.read(reinterpret_cast<char*>(&x), sizeof x); }
void put_string(std::ostream& out, const std::string& s) {
  put(out, static_cast<std::uint64_t>(s.size()));
  out.write(s.data(), static_cast<std::streamsize>(s.size()));
}

InputError damaged(const fs::path& file, const std::string& what) {
  return InputError(file.string(), 0, "", what + " (run the sweep again into a fresh folder)");
}

std::string get_string(std::istream& in, const fs::path& file) {
  std::uint64_t size = 0;
  get(in, size);
  if (!in || size > (1u << 24)) throw damaged(file, "a damaged sweep checkpoint");
  std::string s(size, '\0');
  in.read(s.data(), static_cast<std::streamsize>(size));
  return s;
}

void write_string_atomically(const fs::path& path, const std::string& content) {
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + path.string());
  }
  fs::rename(tmp, path);
}

// The checkpoint holds the sweep's whole layout (header, cells, policies) and state, so a
// resume or a merge needs nothing else.
void save_checkpoint(const fs::path& dir, std::uint64_t first, std::uint64_t runs, const State& st, const Job& job) {
  std::ostringstream out(std::ios::binary);
  out.write(kMagic, sizeof kMagic);
  put_string(out, header_key(job.header));
  put_string(out, job.rows_header);
  put(out, first);
  put(out, runs);
  put(out, st.done);
  put(out, st.rows_bytes);
  put(out, static_cast<std::uint64_t>(job.retreat_policies.size()));
  for (std::size_t p = 0; p < job.retreat_policies.size(); ++p) {
    put_string(out, job.retreat_policies[p]);
    put(out, st.retreats[p]);
  }
  put(out, static_cast<std::uint64_t>(job.cells.size()));
  for (const Accumulator& c : job.cells) {
    put_string(out, c.policy);
    put(out, static_cast<std::int64_t>(c.year));
    put_string(out, c.series);
    put(out, c.h.lo);
    put(out, c.h.hi);
    put(out, c.h.sum);
    put(out, c.h.n);
    out.write(reinterpret_cast<const char*>(c.h.counts.data()), kBins * sizeof(std::uint32_t));
  }
  write_string_atomically(dir / "checkpoint.bin", out.str());
}

struct Checkpoint {
  Job job;
  State st;
  std::uint64_t first = 0, runs = 0;
  std::string dir;
};

Checkpoint read_checkpoint(const fs::path& dir) {
  const fs::path file = dir / "checkpoint.bin";
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(dir.string(), 0, "", "no sweep checkpoint (checkpoint.bin) in this folder");
  char magic[8];
  in.read(magic, sizeof magic);
  if (!in || !std::equal(magic, magic + 8, kMagic))
    throw damaged(file, "not a sweep checkpoint of this Entente");
  Checkpoint c;
  c.dir = dir.string();
  c.job.header = parse_header(get_string(in, file), file);
  c.job.rows_header = get_string(in, file);
  get(in, c.first);
  get(in, c.runs);
  get(in, c.st.done);
  get(in, c.st.rows_bytes);
  std::uint64_t count = 0;
  get(in, count);
  if (!in || count > 100000) throw damaged(file, "a damaged sweep checkpoint");
  for (std::uint64_t p = 0; p < count; ++p) {
    c.job.retreat_policies.push_back(get_string(in, file));
    c.st.retreats.push_back(0);
    get(in, c.st.retreats.back());
  }
  get(in, count);
  if (!in || count > 10000000) throw damaged(file, "a damaged sweep checkpoint");
  for (std::uint64_t i = 0; i < count; ++i) {
    Accumulator cell;
    cell.policy = get_string(in, file);
    std::int64_t year = 0;
    get(in, year);
    cell.year = static_cast<int>(year);
    cell.series = get_string(in, file);
    get(in, cell.h.lo);
    get(in, cell.h.hi);
    get(in, cell.h.sum);
    get(in, cell.h.n);
    in.read(reinterpret_cast<char*>(cell.h.counts.data()), kBins * sizeof(std::uint32_t));
    c.job.cells.push_back(std::move(cell));
  }
  if (!in) throw damaged(file, "a truncated sweep checkpoint");
  return c;
}

bool same_layout(const Job& a, const Job& b) {
  if (header_key(a.header) != header_key(b.header) || a.rows_header != b.rows_header ||
      a.retreat_policies != b.retreat_policies || a.cells.size() != b.cells.size())
    return false;
  for (std::size_t c = 0; c < a.cells.size(); ++c)
    if (a.cells[c].policy != b.cells[c].policy || a.cells[c].year != b.cells[c].year ||
        a.cells[c].series != b.cells[c].series)
      return false;
  return true;
}

// ------------------------------------------------------------------------------ output

void write_files(const fs::path& dir, const SweepResult& r) {
  write_string_atomically(dir / "sweep.json", sweep_json(r));
  write_string_atomically(dir / "summary.csv", output::render_csv(summary_table(r)));
  if (r.kind == SweepKind::Timeline) write_string_atomically(dir / "retreat.csv", output::render_csv(retreat_table(r)));
}

std::string fnv1a_hex(const std::string& s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return fmt::format("{:016x}", h);
}

bool holds_a_sweep(const fs::path& dir) {
  return fs::exists(dir / "checkpoint.bin") || fs::exists(dir / "runs.csv");
}

// Blocks of runs computed on threads and folded in run order; with a folder, rows streamed
// to runs.csv and the state checkpointed.
void run_blocks(Job& job, State& st, const SweepOptions& o, std::ofstream* rows, const fs::path& dir) {
  const std::size_t cells = job.cells.size(), policies = job.retreat_policies.size();
  const int threads = std::max(1, o.threads);
  auto last_save = std::chrono::steady_clock::now();
  while (st.done < o.runs) {
    const std::uint64_t block = std::min(kBlock, o.runs - st.done);
    std::vector<std::vector<double>> values(block, std::vector<double>(cells));
    std::vector<std::vector<char>> retreat(block, std::vector<char>(policies));
    std::vector<std::string> text(block);
    parallel_for(block, threads, [&](std::uint64_t i) {
      job.compute(o.first + st.done + i, values[i], retreat[i], rows ? &text[i] : nullptr);
    });
    for (std::uint64_t i = 0; i < block; ++i) {  // fold in run order
      if (rows) *rows << text[i];
      st.rows_bytes += text[i].size();
      for (std::size_t c = 0; c < cells; ++c) job.cells[c].h.add(values[i][c]);
      for (std::size_t p = 0; p < policies; ++p) st.retreats[p] += retreat[i][p] ? 1 : 0;
    }
    st.done += block;
    if (rows) {
      rows->flush();
      if (!*rows) throw std::runtime_error("failed writing " + (dir / "runs.csv").string());
      const auto now = std::chrono::steady_clock::now();
      if (st.done == o.runs || std::chrono::duration<double>(now - last_save).count() >= o.checkpoint_seconds) {
        save_checkpoint(dir, o.first, o.runs, st, job);
        last_save = now;
      }
    }
    if (o.progress) o.progress(st.done, o.runs);
  }
}

// The engine: a sweep in memory, or streamed to a folder and resumable.
SweepResult run_job(Job& job, const SweepOptions& o) {
  State st;
  st.retreats.assign(job.retreat_policies.size(), 0);
  if (o.dir.empty()) {
    run_blocks(job, st, o, nullptr, {});
    return result_of(job, st, o.first, o.runs);
  }
  const fs::path dir(o.dir);
  fs::create_directories(dir);
  const bool resumed = fs::exists(dir / "checkpoint.bin");
  if (holds_a_sweep(dir) && !o.resume)
    throw SpecError(o.dir + " already holds a sweep: add --resume to continue it, or choose another folder");
  if (resumed) {
    Checkpoint saved = read_checkpoint(dir);
    if (!same_layout(saved.job, job) || saved.first != o.first || saved.runs != o.runs)
      throw SpecError(o.dir + " holds a different sweep (scenario, model, seed, runs, horizon or policies differ): "
                              "resume it with the options it was started with, or choose another folder");
    st = saved.st;
    for (std::size_t c = 0; c < job.cells.size(); ++c) job.cells[c].h = saved.job.cells[c].h;
  }

  const fs::path rows_path = dir / "runs.csv";
  if (resumed) fs::resize_file(rows_path, st.rows_bytes);  // drop rows written after the checkpoint
  std::ofstream rows(rows_path, std::ios::binary | (resumed ? std::ios::app : std::ios::trunc));
  if (!rows) throw std::runtime_error("cannot write " + rows_path.string());
  if (!resumed) {
    rows << job.rows_header;
    st.rows_bytes = job.rows_header.size();
  }
  run_blocks(job, st, o, &rows, dir);
  if (o.runs == 0) save_checkpoint(dir, o.first, o.runs, st, job);  // no block ran, and a merge needs one
  SweepResult result = result_of(job, st, o.first, o.runs);
  write_files(dir, result);
  return result;
}

SweepResult header(SweepKind kind, const SweepOptions& o, const std::string& model_spec, int to_year,
                   const std::vector<std::string>& policies, const Scenario& s) {
  SweepResult r;
  r.kind = kind;
  r.scenario_hash = fnv1a_hex(o.scenario_text);
  r.model = model_spec;
  r.seed = o.seed;
  r.to_year = to_year;
  r.policies = policies;
  r.inputs = drawn_input_names(s);
  return r;
}

std::string input_name(const UncertainInput& u) {
  using T = UncertainInput::Target;
  switch (u.target) {
    case T::Position: return "input.position." + u.holder + "." + u.issue;
    case T::Salience: return "input.salience." + u.holder + "." + u.issue;
    case T::Capability: return "input.capability." + u.actor;
    case T::EventYear: return "input.event_year." + u.event;
    case T::Parameter: return "input.parameter." + u.parameter;
    case T::StartValue: return "input.start." + u.start;
    case T::EventChange: return "input.change." + u.event + "." + u.change;
    case T::EventKeep: return "input.keep." + u.event;
  }
  return "input";
}

}  // namespace

const char* sweep_kind_name(SweepKind kind) {
  switch (kind) {
    case SweepKind::Timeline: return "timeline";
    case SweepKind::Forecast: return "forecast";
  }
  return "timeline";
}

std::vector<SweepCell> SweepResult::cells_of(const std::string& policy, const std::string& series) const {
  std::vector<SweepCell> out;
  for (const auto& c : cells)
    if (c.policy == policy && c.series == series) out.push_back(c);
  return out;
}

std::vector<std::string> drawn_input_names(const Scenario& s) {
  std::vector<std::string> names;
  std::map<std::string, int> seen;
  for (const auto& u : s.uncertain) {
    const std::string name = input_name(u);
    const int n = ++seen[name];
    names.push_back(n == 1 ? name : fmt::format("{}#{}", name, n));
  }
  return names;
}

output::Table summary_table(const SweepResult& r) {
  output::Table t;
  t.title = "Sweep summary";
  const bool timeline = r.kind == SweepKind::Timeline;
  t.columns = timeline ? std::vector<std::string>{"policy", "year", "series", "mean", "q05", "q50", "q95"}
                       : std::vector<std::string>{"series", "mean", "q05", "q50", "q95"};
  for (const auto& c : r.cells) {
    std::vector<Cell> row;
    if (timeline) row = {c.policy, static_cast<std::int64_t>(c.year)};
    row.insert(row.end(), {c.series, c.mean, c.q05, c.q50, c.q95});
    t.add(std::move(row));
  }
  return t;
}

output::Table retreat_table(const SweepResult& r) {
  output::Table t;
  t.title = "Retreat into history by the horizon";
  t.columns = {"policy", "runs", "retreats", "probability"};
  for (const auto& x : r.retreats)
    t.add({x.policy, static_cast<std::int64_t>(x.runs), static_cast<std::int64_t>(x.retreats), x.probability});
  return t;
}

std::string sweep_json(const SweepResult& r) {
  nlohmann::ordered_json j = header_json(r);
  j["first_run"] = r.first;
  j["runs"] = r.runs;
  return j.dump(1) + "\n";
}

SweepResult sweep_timeline(const TimeScenario& t, const SweepOptions& o) {
  const int to = o.to_year > 0 ? o.to_year : t.end_year;
  std::vector<std::string> policies{"baseline"};
  policies.insert(policies.end(), o.policies.begin(), o.policies.end());
  for (std::size_t p = 1; p < policies.size(); ++p) with_policy(t, policies[p]);  // unknown names fail now
  const std::string patron = t.scenario.actors[t.setup.patron].name, client = t.scenario.actors[t.setup.client].name;
  const std::vector<std::pair<std::string, std::pair<double, double>>> series = {
      {"strain", {0, 1}}, {"net_value." + patron, {-5, 5}}, {"net_value." + client, {-5, 5}}};
  SimOptions base;
  base.model = choose_model(o.model, t.scenario.model, ScenarioKind::TimeStepped);
  base.seed = o.seed;
  base.to_year = to;
  Job job;
  job.header = header(SweepKind::Timeline, o, load_model(base.model)->spec(), to, o.policies, t.scenario);
  for (const auto& name : posterior_input_names(t)) job.header.inputs.push_back(name);  // the run's draw
  std::vector<std::string> columns{"run",
                                   "policy",
                                   "retreat_year",
                                   "max_strain",
                                   fmt::format("strain_{}", to),
                                   fmt::format("net_value.{}_{}", patron, to),
                                   fmt::format("net_value.{}_{}", client, to)};
  columns.insert(columns.end(), job.header.inputs.begin(), job.header.inputs.end());
  job.rows_header = output::csv_row(columns);
  for (const auto& p : policies)
    for (int y = t.start_year; y <= to; ++y)
      for (const auto& [name, range] : series) {
        Accumulator c{p, y, name, {}};
        c.h.lo = range.first;
        c.h.hi = range.second;
        job.cells.push_back(std::move(c));
      }
  job.retreat_policies = policies;
  const std::size_t years = static_cast<std::size_t>(to - t.start_year + 1);
  job.compute = [&](std::uint64_t run, std::vector<double>& values, std::vector<char>& retreat, std::string* rows) {
    RandomStream rng(o.seed, run);
    std::vector<double> drawn;
    const TimeScenario sampled = sample(t, rng, &drawn);
    for (std::size_t p = 0; p < policies.size(); ++p) {
      const Run r = simulate(p == 0 ? sampled : with_policy(sampled, policies[p]), base);
      double max_strain = 0;
      for (std::size_t y = 0; y < years; ++y) {
        const std::size_t cell = (p * years + y) * series.size();
        for (std::size_t s = 0; s < series.size(); ++s) values[cell + s] = r.at(series[s].first)[y];
        max_strain = std::max(max_strain, r.at("strain")[y]);
      }
      retreat[p] = r.retreat_year.has_value();
      if (!rows) continue;
      std::vector<Cell> row{static_cast<std::int64_t>(run), policies[p],
                            r.retreat_year ? Cell(static_cast<std::int64_t>(*r.retreat_year)) : Cell(),
                            max_strain,
                            r.at("strain").back(),
                            r.at(series[1].first).back(),
                            r.at(series[2].first).back()};
      row.insert(row.end(), drawn.begin(), drawn.end());
      *rows += output::csv_row(row);
    }
  };
  return run_job(job, o);
}

SweepResult sweep_forecast(const Scenario& s, const SweepOptions& o) {
  const std::string spec = choose_model(o.model, s.model, ScenarioKind::OneYear);
  const auto model = load_model(spec);
  Job job;
  job.header = header(SweepKind::Forecast, o, model->spec(), 0, {}, s);
  std::vector<std::string> columns{"run"};
  for (const auto& issue : s.issues) columns.push_back("forecast." + issue.name);
  columns.insert(columns.end(), job.header.inputs.begin(), job.header.inputs.end());
  job.rows_header = output::csv_row(columns);
  for (const auto& issue : s.issues) {
    Accumulator c{"baseline", 0, "forecast." + issue.name, {}};
    c.h.lo = issue.scale_min;
    c.h.hi = issue.scale_max;
    job.cells.push_back(std::move(c));
  }
  // Each thread draws into its own copy of the scenario, made once per sweep (the id tells
  // this sweep's copy from one a previous sweep left on the thread).
  static std::atomic<std::uint64_t> sweeps{0};
  const std::uint64_t sweep_id = ++sweeps;
  job.compute = [&, sweep_id](std::uint64_t run, std::vector<double>& values, std::vector<char>&, std::string* rows) {
    thread_local std::uint64_t copied_for = 0;
    thread_local Scenario draw;
    if (copied_for != sweep_id) {
      draw = s;
      copied_for = sweep_id;
    }
    RandomStream rng(o.seed, run);
    std::vector<double> drawn;
    sample_into(s, rng, draw, &drawn);
    const Forecast f = model->forecast(draw, RunOptions{o.seed, 1});
    for (std::size_t k = 0; k < f.outcome.size(); ++k) values[k] = f.outcome[k];
    if (!rows) return;
    std::vector<Cell> row{static_cast<std::int64_t>(run)};
    row.insert(row.end(), f.outcome.begin(), f.outcome.end());
    row.insert(row.end(), drawn.begin(), drawn.end());
    *rows += output::csv_row(row);
  };
  return run_job(job, o);
}

SweepResult merge_sweeps(const std::vector<std::string>& dirs, const std::string& out) {
  if (dirs.empty()) throw SpecError("nothing to merge: name the sweep folders");
  const fs::path dir(out);
  if (holds_a_sweep(dir)) throw SpecError(out + " already holds a sweep: merge into another folder");
  std::vector<Checkpoint> found;
  for (const auto& d : dirs) found.push_back(read_checkpoint(d));
  std::sort(found.begin(), found.end(), [](const Checkpoint& a, const Checkpoint& b) { return a.first < b.first; });
  Checkpoint whole = found.front();
  for (std::size_t i = 0; i < found.size(); ++i) {
    const Checkpoint& p = found[i];
    if (p.st.done != p.runs)
      throw InputError(p.dir, 0, "", fmt::format("this sweep is not complete ({} of {} runs): resume it first",
                                                 p.st.done, p.runs));
    if (!same_layout(p.job, whole.job))
      throw InputError(p.dir, 0, "", "a different sweep from " + whole.dir +
                                         " (scenario, model, seed, horizon or policies differ)");
    if (i == 0) continue;
    const Checkpoint& before = found[i - 1];
    if (p.first != before.first + before.runs)
      throw InputError(p.dir, 0, "first_run",
                       fmt::format("runs {}–{} do not join the range before them, which ends at run {} (in {})",
                                   p.first, p.first + p.runs - 1, before.first + before.runs - 1, before.dir));
    whole.runs += p.runs;
    for (std::size_t r = 0; r < whole.st.retreats.size(); ++r) whole.st.retreats[r] += p.st.retreats[r];
    for (std::size_t c = 0; c < whole.job.cells.size(); ++c) whole.job.cells[c].h.add(p.job.cells[c].h);
  }
  whole.st.done = whole.runs;
  fs::create_directories(dir);
  std::ofstream rows(dir / "runs.csv", std::ios::binary | std::ios::trunc);
  rows << whole.job.rows_header;
  whole.st.rows_bytes = whole.job.rows_header.size();
  for (const auto& f : found) {  // rows in run order
    std::ifstream in(fs::path(f.dir) / "runs.csv", std::ios::binary);
    if (!in) throw InputError((fs::path(f.dir) / "runs.csv").string(), 0, "", "cannot read this sweep's rows");
    std::string first_line;
    std::getline(in, first_line);
    std::ostringstream body;
    body << in.rdbuf();
    rows << body.str();
    whole.st.rows_bytes += body.str().size();
  }
  rows.flush();
  if (!rows) throw std::runtime_error("cannot write " + (dir / "runs.csv").string());
  save_checkpoint(dir, whole.first, whole.runs, whole.st, whole.job);
  SweepResult result = result_of(whole.job, whole.st, whole.first, whole.runs);
  write_files(dir, result);
  return result;
}

}  // namespace entente::sim
