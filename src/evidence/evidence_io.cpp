#include "evidence/evidence_io.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

#include "io/files.h"

namespace entente::evidence {

namespace {

using json = nlohmann::json;

const std::string kBacktestJson = "the JSON of `entente backtest -f json`";
const std::string kPosteriorJson = "a posterior file written by entente calibrate";

// One JSON object of a file, read field by field: a missing key, a wrong type or a value out
// of range is an InputError naming the file and the field (`cases[2].p_break`).
class Record {
 public:
  Record(const json& value, std::string where, const std::string& source, const std::string& expected)
      : value_(value), where_(std::move(where)), source_(source), expected_(expected) {
    if (!value_.is_object()) throw error(where_, "not an object");
  }

  InputError error(const std::string& field, const std::string& what) const {
    return InputError(source_, 0, field, what + " (expected " + expected_ + ")");
  }
  InputError bad(const std::string& key, const std::string& what) const { return error(field(key), what); }

  Record object(const std::string& key) const { return Record(at(key), field(key), source_, expected_); }

  // The records of the array under `key`, each given to `read`.
  template <class Read>
  void each(const std::string& key, Read read) const {
    const json& items = at(key);
    if (!items.is_array()) throw bad(key, "not an array");
    for (std::size_t i = 0; i < items.size(); ++i) read(Record(items[i], fmt::format("{}[{}]", field(key), i), source_, expected_));
  }

  std::string text(const std::string& key) const {
    const json& v = at(key);
    if (!v.is_string()) throw bad(key, "not a string");
    return v.get<std::string>();
  }
  double number(const std::string& key) const {
    const json& v = at(key);
    if (!v.is_number()) throw bad(key, "not a number");
    return v.get<double>();
  }
  // A number or null (nlohmann writes a NaN or an infinity as null).
  std::optional<double> maybe_number(const std::string& key) const {
    if (at(key).is_null()) return std::nullopt;
    return number(key);
  }
  int integer(const std::string& key) const {
    const json& v = at(key);
    const double x = v.is_number() ? v.get<double>() : NAN;
    if (!(std::abs(x) <= std::numeric_limits<int>::max()) || x != std::floor(x)) throw bad(key, "not a whole number");
    return static_cast<int>(x);
  }
  int count(const std::string& key) const {
    const int n = integer(key);
    if (n < 0) throw bad(key, fmt::format("{} is not a count (0 or more)", n));
    return n;
  }
  double probability(const std::string& key) const {
    const double p = number(key);
    if (!(p >= 0 && p <= 1)) throw bad(key, fmt::format("{} is not a probability (0 to 1)", p));
    return p;
  }
  // One of two words (broke/held, yes/no): true for the first.
  bool choice(const std::string& key, const char* first, const char* second) const {
    const std::string word = text(key);
    if (word != first && word != second) throw bad(key, fmt::format("'{}' is neither {} nor {}", word, first, second));
    return word == first;
  }
  template <class E, std::size_t N>
  E member(const std::string& key, const EnumTable<E, N>& table) const {
    const std::string word = text(key);
    if (auto e = table.find(word)) return *e;
    throw bad(key, "'" + word + "' is not one of " + table.joined("|"));
  }
  bool is_null(const std::string& key) const { return at(key).is_null(); }

 private:
  const json& at(const std::string& key) const {
    const auto it = value_.find(key);
    if (it == value_.end()) throw bad(key, "missing");
    return *it;
  }
  std::string field(const std::string& key) const { return where_.empty() ? key : where_ + "." + key; }

  const json& value_;
  std::string where_;
  const std::string& source_;
  const std::string& expected_;
};

json parse(const std::string& text, const std::string& source, const std::string& expected) {
  try {
    return json::parse(text);
  } catch (const json::exception& e) {  // a syntax error, or a number out of range
    throw InputError(source, 0, "", std::string("not JSON: ") + e.what() + " (expected " + expected + ")");
  }
}

// A row of backtest_document's `cases` table.
CaseForecast case_forecast(const Record& r) {
  CaseForecast f;
  f.fit = r.member("fit", kFits);
  f.coding = r.member("coding", kCodings);
  f.shuffle = r.count("shuffle");
  if ((f.coding == Coding::Real) != (f.shuffle == 0)) throw r.bad("shuffle", "0 for the real coding, 1 or more for a placebo");
  f.name = r.text("case");
  f.window_first = r.integer("window_first");
  f.window_last = r.integer("window_last");
  if (f.window_last < f.window_first) throw r.bad("window_last", "before window_first");
  f.broke = r.choice("result", "broke", "held");
  if (f.broke) {
    f.year = r.integer("year");
    if (f.year < f.window_first || f.year > f.window_last) throw r.bad("year", "outside the window");
  } else if (!r.is_null("year")) {
    throw r.bad("year", "a year for a case that held");
  }
  f.p_break = r.probability("p_break");
  f.p_base = r.probability("p_base");
  f.runs = r.count("runs");
  f.breaks = r.count("breaks");
  if (f.breaks > f.runs) throw r.bad("breaks", "more breaks than runs");
  f.year_median = r.maybe_number("break_year_median");
  f.year_q05 = r.maybe_number("break_year_q05");
  f.year_q95 = r.maybe_number("break_year_q95");
  if (!r.is_null("hit")) f.hit = r.choice("hit", "yes", "no");
  return f;
}

// A row of its `scores` table.
Score score_row(const Record& r) {
  Score s;
  s.fit = r.member("fit", kFits);
  s.coding = r.member("coding", kCodings);
  s.cases = r.count("cases");
  s.brier = r.number("brier");
  s.brier_base = r.number("brier_base");
  s.log_score = r.number("log_score");
  s.log_score_base = r.number("log_score_base");
  s.true_break = r.count("true_break");
  s.false_break = r.count("false_break");
  s.missed_break = r.count("missed_break");
  s.true_held = r.count("true_held");
  if (s.true_break + s.false_break + s.missed_break + s.true_held != s.cases)
    throw r.bad("true_held", "the 2×2 table does not add up to the cases");
  s.timing_error = r.maybe_number("timing_error");
  return s;
}

// A row of its `fits` table: "all cases" or "without CASE".
FitCheck fit_row(const Record& r) {
  FitCheck f;
  const std::string fit = r.text("fit");
  const std::string without = "without ";
  if (fit.rfind(without, 0) == 0) f.left_out = fit.substr(without.size());
  else if (fit != "all cases") throw r.bad("fit", "'" + fit + "' is neither 'all cases' nor 'without CASE'");
  f.max_rhat = r.number("max_rhat");
  f.min_ess = r.maybe_number("min_ess").value_or(std::numeric_limits<double>::infinity());  // no summary: ∞, written null
  f.converged = r.choice("converged", "yes", "no");
  return f;
}

}  // namespace

BacktestResult parse_backtest(const std::string& text, const std::string& source) {
  const json j = parse(text, source, kBacktestJson);
  const Record top(j, "", source, kBacktestJson);
  BacktestResult r;
  top.each("cases", [&](const Record& row) { r.forecasts.push_back(case_forecast(row)); });
  top.each("scores", [&](const Record& row) { r.scores.push_back(score_row(row)); });
  top.each("fits", [&](const Record& row) { r.fits.push_back(fit_row(row)); });
  return r;
}

BacktestResult read_backtest(const std::string& path) { return parse_backtest(read_file(path), path); }

std::vector<Marginal> read_marginals(const std::string& path) {
  const PosteriorFile file = read_posterior(path);  // a posterior file, or InputError
  const json j = parse(read_file(path), path, kPosteriorJson);
  const Record top(j, "", path, kPosteriorJson);
  std::vector<Marginal> out(file.draws.names.size());
  std::vector<bool> found(out.size(), false);
  top.each("parameters", [&](const Record& e) {
    const std::string name = e.text("name");
    for (std::size_t k = 0; k < out.size(); ++k) {
      if (file.draws.names[k] != name) continue;
      Marginal& m = out[k];
      const Record prior = e.object("prior");
      m.prior.name = name;
      m.prior.shape = prior.choice("shape", "log_uniform", "uniform") ? PriorShape::LogUniform : PriorShape::Uniform;
      m.prior.min = prior.number("min");
      m.prior.max = prior.number("max");
      if (!(m.prior.min < m.prior.max)) throw prior.bad("max", "not above min");
      if (m.prior.shape == PriorShape::LogUniform && !(m.prior.min > 0)) throw prior.bad("min", "not above 0 for a log-uniform prior");
      m.prior.why = prior.text("why");
      m.summary.name = name;
      m.summary.median = e.number("median");
      m.summary.q05 = e.number("q05");
      m.summary.q95 = e.number("q95");
      m.summary.ess = e.number("ess");
      m.summary.rhat = e.maybe_number("rhat");
      found[k] = true;
    }
  });
  for (std::size_t k = 0; k < out.size(); ++k) {
    if (!found[k]) throw top.bad("parameters", "no entry for '" + file.draws.names[k] + "'");
    for (const auto& draw : file.draws.draws) out[k].draws.push_back(draw[k]);
  }
  return out;
}

}  // namespace entente::evidence
