#include "sim/sweep.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/parallel.h"
#include "sim/sample.h"

namespace entente::sim {

namespace {

namespace fs = std::filesystem;

// Exact sums of fixed-point values need more than 64 bits (a million values of up to 2^40).
__extension__ using Int128 = __int128;

constexpr int kBins = 10000;
constexpr double kFixedScale = 4294967296.0;  // means are summed exactly in units of 2^-32
constexpr std::uint64_t kBlock = 256;         // runs computed between two merges
constexpr char kMagic[8] = {'E', 'N', 'T', 'S', 'W', 'P', '0', '2'};

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

struct Cell {
  std::string label;  // the leading columns of its summary row, e.g. "baseline,2003,strain"
  Histogram h;
};

// What one kind of sweep computes; the engine below runs it.
struct Job {
  std::string rows_header;     // runs.csv
  std::string summary_header;  // summary.csv, before mean,q05,q50,q95
  std::vector<Cell> cells;
  std::vector<std::string> retreat_labels;  // one per policy; empty for forecasts
  std::string meta_base;  // sweep.json without the run range
  // Computes run i: one value per cell, retreat flags, and its runs.csv rows.
  std::function<void(std::uint64_t run, std::vector<double>& values, std::vector<char>& retreat, std::string& rows)>
      compute;
};

struct State {
  std::uint64_t done = 0;
  std::uint64_t rows_bytes = 0;
  std::vector<std::uint64_t> retreats;
};

// ------------------------------------------------------------------------- checkpoints

template <class T>
void put(std::ostream& out, const T& x) { out.write(reinterpret_cast<const char*>(&x), sizeof x); }
template <class T>
void get(std::istream& in, T& x) { in.read(reinterpret_cast<char*>(&x), sizeof x); }
void put_string(std::ostream& out, const std::string& s) {
  put(out, static_cast<std::uint64_t>(s.size()));
  out.write(s.data(), static_cast<std::streamsize>(s.size()));
}
std::string get_string(std::istream& in) {
  std::uint64_t size = 0;
  get(in, size);
  if (!in || size > (1u << 24)) throw std::runtime_error("a sweep checkpoint is damaged");
  std::string s(size, '\0');
  in.read(s.data(), static_cast<std::streamsize>(size));
  return s;
}

std::string sweep_json(const std::string& base, std::uint64_t first, std::uint64_t runs) {
  return fmt::format("{{\n{},\n \"first_run\": {},\n \"runs\": {}\n}}\n", base, first, runs);
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

// The checkpoint holds the sweep's whole layout (headers, cells, policies) and state, so a
// resume or a merge needs nothing else.
void save_checkpoint(const fs::path& dir, std::uint64_t first, std::uint64_t runs, const State& st, const Job& job) {
  std::ostringstream out(std::ios::binary);
  out.write(kMagic, sizeof kMagic);
  put_string(out, job.meta_base);
  put_string(out, job.rows_header);
  put_string(out, job.summary_header);
  put(out, first);
  put(out, runs);
  put(out, st.done);
  put(out, st.rows_bytes);
  put(out, static_cast<std::uint64_t>(job.retreat_labels.size()));
  for (std::size_t p = 0; p < job.retreat_labels.size(); ++p) {
    put_string(out, job.retreat_labels[p]);
    put(out, st.retreats[p]);
  }
  put(out, static_cast<std::uint64_t>(job.cells.size()));
  for (const Cell& c : job.cells) {
    put_string(out, c.label);
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
};

Checkpoint read_checkpoint(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("no sweep checkpoint in " + file.parent_path().string());
  char magic[8];
  in.read(magic, sizeof magic);
  if (!in || !std::equal(magic, magic + 8, kMagic)) throw std::runtime_error(file.string() + " is not an Entente sweep checkpoint");
  Checkpoint c;
  c.job.meta_base = get_string(in);
  c.job.rows_header = get_string(in);
  c.job.summary_header = get_string(in);
  get(in, c.first);
  get(in, c.runs);
  get(in, c.st.done);
  get(in, c.st.rows_bytes);
  std::uint64_t count = 0;
  get(in, count);
  if (!in || count > 100000) throw std::runtime_error(file.string() + " is damaged");
  for (std::uint64_t p = 0; p < count; ++p) {
    c.job.retreat_labels.push_back(get_string(in));
    c.st.retreats.push_back(0);
    get(in, c.st.retreats.back());
  }
  get(in, count);
  if (!in || count > 10000000) throw std::runtime_error(file.string() + " is damaged");
  for (std::uint64_t i = 0; i < count; ++i) {
    Cell cell{get_string(in), {}};
    get(in, cell.h.lo);
    get(in, cell.h.hi);
    get(in, cell.h.sum);
    get(in, cell.h.n);
    in.read(reinterpret_cast<char*>(cell.h.counts.data()), kBins * sizeof(std::uint32_t));
    c.job.cells.push_back(std::move(cell));
  }
  if (!in) throw std::runtime_error(file.string() + " is truncated");
  return c;
}

// ------------------------------------------------------------------------------ output

void write_summaries(const fs::path& dir, const Job& job, const State& st, std::uint64_t first, std::uint64_t total) {
  write_string_atomically(dir / "sweep.json", sweep_json(job.meta_base, first, total));
  std::string summary = job.summary_header + ",mean,q05,q50,q95\n";
  for (const Cell& c : job.cells)
    summary += fmt::format("{},{:.17g},{:.17g},{:.17g},{:.17g}\n", c.label, c.h.mean(), c.h.quantile(0.05),
                           c.h.quantile(0.5), c.h.quantile(0.95));
  write_string_atomically(dir / "summary.csv", summary);
  if (!job.retreat_labels.empty()) {
    std::string retreat = "policy,runs,retreats,probability\n";
    for (std::size_t p = 0; p < job.retreat_labels.size(); ++p)
      retreat += fmt::format("{},{},{},{:.17g}\n", job.retreat_labels[p], total, st.retreats[p],
                             total ? static_cast<double>(st.retreats[p]) / static_cast<double>(total) : 0.0);
    write_string_atomically(dir / "retreat.csv", retreat);
  }
}

std::uint64_t fnv1a(const std::string& s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

// The engine: blocks of runs computed on threads, merged in run order, checkpointed.
void run_job(Job& job, const SweepOptions& o) {
  if (o.dir.empty()) throw std::runtime_error("a sweep needs an output folder");
  const fs::path dir(o.dir);
  fs::create_directories(dir);
  State st;
  st.retreats.assign(job.retreat_labels.size(), 0);
  const bool resumed = fs::exists(dir / "checkpoint.bin");
  if ((resumed || fs::exists(dir / "runs.csv")) && !o.resume)
    throw std::runtime_error(o.dir + " already holds a sweep: add --resume to continue it, or choose another folder");
  if (resumed) {
    Checkpoint saved = read_checkpoint(dir / "checkpoint.bin");
    if (saved.job.meta_base != job.meta_base || saved.first != o.first || saved.runs != o.runs ||
        saved.job.cells.size() != job.cells.size())
      throw std::runtime_error(o.dir + " holds a different sweep (scenario, model, seed, runs or policies differ)");
    st = saved.st;
    for (std::size_t c = 0; c < job.cells.size(); ++c) job.cells[c].h = saved.job.cells[c].h;
  }

  const fs::path rows_path = dir / "runs.csv";
  if (resumed) fs::resize_file(rows_path, st.rows_bytes);  // drop rows written after the checkpoint
  std::ofstream rows(rows_path, std::ios::binary | (resumed ? std::ios::app : std::ios::trunc));
  if (!rows) throw std::runtime_error("cannot write " + rows_path.string());
  if (!resumed) {
    rows << job.rows_header << "\n";
    st.rows_bytes = job.rows_header.size() + 1;
  }

  const std::size_t cells = job.cells.size(), policies = job.retreat_labels.size();
  const int threads = std::max(1, o.threads);
  auto last_save = std::chrono::steady_clock::now();
  while (st.done < o.runs) {
    const std::uint64_t block = std::min(kBlock, o.runs - st.done);
    std::vector<std::vector<double>> values(block, std::vector<double>(cells));
    std::vector<std::vector<char>> retreat(block, std::vector<char>(policies));
    std::vector<std::string> text(block);
    parallel_for(block, threads, [&](std::uint64_t i) { job.compute(o.first + st.done + i, values[i], retreat[i], text[i]); });
    for (std::uint64_t i = 0; i < block; ++i) {  // merge in run order
      rows << text[i];
      st.rows_bytes += text[i].size();
      for (std::size_t c = 0; c < cells; ++c) job.cells[c].h.add(values[i][c]);
      for (std::size_t p = 0; p < policies; ++p) st.retreats[p] += retreat[i][p] ? 1 : 0;
    }
    st.done += block;
    rows.flush();
    if (!rows) throw std::runtime_error("failed writing " + rows_path.string());
    const auto now = std::chrono::steady_clock::now();
    if (st.done == o.runs || std::chrono::duration<double>(now - last_save).count() >= o.checkpoint_seconds) {
      save_checkpoint(dir, o.first, o.runs, st, job);
      last_save = now;
    }
    if (o.progress) o.progress(st.done, o.runs);
  }
  write_summaries(dir, job, st, o.first, o.runs);
}

std::string meta(const std::string& kind, const SweepOptions& o, const std::string& model_spec, int to_year,
                 const std::vector<std::string>& policies) {
  std::string list;
  for (const auto& p : policies) list += (list.empty() ? "\"" : ",\"") + p + "\"";
  return fmt::format(
      " \"entente_version\": \"{}\",\n \"kind\": \"{}\",\n \"scenario_hash\": \"{:016x}\",\n \"model\": \"{}\",\n"
      " \"seed\": {},\n \"to_year\": {},\n \"policies\": [{}]",
      ENTENTE_VERSION, kind, fnv1a(o.scenario_text), model_spec, o.seed, to_year, list);
}

}  // namespace

void sweep_timeline(const TimeScenario& t, const SweepOptions& o) {
  const int to = o.to_year > 0 ? o.to_year : t.end_year;
  std::vector<std::string> policies{"baseline"};
  policies.insert(policies.end(), o.policies.begin(), o.policies.end());
  for (std::size_t p = 1; p < policies.size(); ++p) with_policy(t, policies[p]);  // unknown names fail now
  const std::string patron = t.scenario.actors[t.setup.patron].name, client = t.scenario.actors[t.setup.client].name;
  const std::vector<std::pair<std::string, std::pair<double, double>>> series = {
      {"strain", {0, 1}}, {"net_value." + patron, {-5, 5}}, {"net_value." + client, {-5, 5}}};
  Job job;
  job.rows_header = fmt::format("run,policy,retreat_year,max_strain,strain_{0},net_value.{1}_{0},net_value.{2}_{0}",
                                to, patron, client);
  job.summary_header = "policy,year,series";
  for (const auto& p : policies)
    for (int y = t.start_year; y <= to; ++y)
      for (const auto& [name, range] : series) {
        Cell c{fmt::format("{},{},{}", p, y, name), {}};
        c.h.lo = range.first;
        c.h.hi = range.second;
        job.cells.push_back(std::move(c));
      }
  job.retreat_labels = policies;
  SimOptions base;
  base.model = choose_model(o.model, t.scenario.model, ScenarioKind::TimeStepped);
  base.seed = o.seed;
  base.to_year = to;
  job.meta_base = meta("timeline", o, load_model(base.model)->spec(), to, o.policies);
  const std::size_t years = static_cast<std::size_t>(to - t.start_year + 1);
  job.compute = [&](std::uint64_t run, std::vector<double>& values, std::vector<char>& retreat, std::string& rows) {
    RandomStream rng(o.seed, run);
    const TimeScenario drawn = sample(t, rng);
    for (std::size_t p = 0; p < policies.size(); ++p) {
      const Run r = simulate(p == 0 ? drawn : with_policy(drawn, policies[p]), base);
      double max_strain = 0;
      for (std::size_t y = 0; y < years; ++y) {
        const std::size_t cell = (p * years + y) * series.size();
        for (std::size_t s = 0; s < series.size(); ++s) values[cell + s] = r.at(series[s].first)[y];
        max_strain = std::max(max_strain, r.at("strain")[y]);
      }
      retreat[p] = r.retreat_year.has_value();
      rows += fmt::format("{},{},{},{:.17g},{:.17g},{:.17g},{:.17g}\n", run, policies[p],
                          r.retreat_year ? std::to_string(*r.retreat_year) : "", max_strain, r.at("strain").back(),
                          r.at(series[1].first).back(), r.at(series[2].first).back());
    }
  };
  run_job(job, o);
}

void sweep_forecast(const Scenario& s, const SweepOptions& o) {
  const std::string spec = choose_model(o.model, s.model, ScenarioKind::OneYear);
  const auto model = load_model(spec);
  Job job;
  job.rows_header = "run";
  for (const auto& issue : s.issues) job.rows_header += ",forecast." + issue.name;
  job.summary_header = "series";
  for (const auto& issue : s.issues) {
    Cell c{"forecast." + issue.name, {}};
    c.h.lo = issue.scale_min;
    c.h.hi = issue.scale_max;
    job.cells.push_back(std::move(c));
  }
  job.meta_base = meta("forecast", o, model->spec(), 0, {});
  job.compute = [&](std::uint64_t run, std::vector<double>& values, std::vector<char>&, std::string& rows) {
    RandomStream rng(o.seed, run);
    const Forecast f = model->forecast(sample(s, rng), RunOptions{o.seed, 1});
    rows += std::to_string(run);
    for (std::size_t k = 0; k < f.outcome.size(); ++k) {
      values[k] = f.outcome[k];
      rows += fmt::format(",{:.17g}", f.outcome[k]);
    }
    rows += "\n";
  };
  run_job(job, o);
}

}  // namespace entente::sim

namespace entente::sim {

void merge_sweeps(const std::vector<std::string>& dirs, const std::string& out) {
  if (dirs.empty()) throw std::runtime_error("nothing to merge");
  std::vector<std::pair<Checkpoint, std::string>> found;
  for (const auto& d : dirs) found.emplace_back(read_checkpoint(fs::path(d) / "checkpoint.bin"), d);
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first.first < b.first.first; });
  Checkpoint whole = found.front().first;
  for (std::size_t i = 0; i < found.size(); ++i) {
    const Checkpoint& p = found[i].first;
    if (p.st.done != p.runs) throw std::runtime_error("a sweep to merge is not complete (resume it first)");
    if (p.job.meta_base != whole.job.meta_base || p.job.cells.size() != whole.job.cells.size())
      throw std::runtime_error("the sweeps differ in scenario, model, seed, horizon or policies");
    if (i > 0) {
      const Checkpoint& before = found[i - 1].first;
      if (p.first != before.first + before.runs)
        throw std::runtime_error(fmt::format("run ranges do not join: {} follows a range ending at {}", p.first,
                                             before.first + before.runs));
      whole.runs += p.runs;
      for (std::size_t r = 0; r < whole.st.retreats.size(); ++r) whole.st.retreats[r] += p.st.retreats[r];
      for (std::size_t c = 0; c < whole.job.cells.size(); ++c) {
        auto& h = whole.job.cells[c].h;
        const auto& o = p.job.cells[c].h;
        h.sum += o.sum;
        h.n += o.n;
        for (int b = 0; b < kBins; ++b) h.counts[static_cast<std::size_t>(b)] += o.counts[static_cast<std::size_t>(b)];
      }
    }
  }
  whole.st.done = whole.runs;
  const fs::path dir(out);
  fs::create_directories(dir);
  std::ofstream rows(dir / "runs.csv", std::ios::binary | std::ios::trunc);
  rows << whole.job.rows_header << "\n";
  whole.st.rows_bytes = whole.job.rows_header.size() + 1;
  for (const auto& f : found) {  // rows in run order
    std::ifstream in(fs::path(f.second) / "runs.csv", std::ios::binary);
    std::string header;
    std::getline(in, header);
    std::ostringstream body;
    body << in.rdbuf();
    rows << body.str();
    whole.st.rows_bytes += body.str().size();
  }
  rows.flush();
  if (!rows) throw std::runtime_error("cannot write " + (dir / "runs.csv").string());
  save_checkpoint(dir, whole.first, whole.runs, whole.st, whole.job);
  write_summaries(dir, whole.job, whole.st, whole.first, whole.runs);
}

}  // namespace entente::sim
