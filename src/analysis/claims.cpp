#include "analysis/claims.h"

#include <muParser.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <tuple>

#include "analysis/attribution.h"
#include "core/error.h"
#include "core/parallel.h"
#include "core/spelling.h"
#include "sim/sample.h"

namespace entente::analysis {

namespace {

using Kind = sim::ClaimTerm::Kind;

bool is_attribution(const sim::ClaimTerm& term) {
  return term.kind == Kind::Shapley || term.kind == Kind::ShapleyRank || term.kind == Kind::TotalChange;
}

// The last year a term needs simulated.
int last_year(const sim::ClaimTerm& term) {
  switch (term.kind) {
    case Kind::SeriesAt: return term.year;
    case Kind::RetreatYear: return 0;
    default: return term.to;
  }
}

// A term that cannot be evaluated on this scenario; evaluate_claims() gives it the claim's
// file, line and field.
struct TermError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void check_series(const sim::ClaimTerm& term, const std::vector<std::string>& names) {
  if (std::find(names.begin(), names.end(), term.series) == names.end())
    throw TermError("no series '" + term.series + "'" + did_you_mean(term.series, names) +
                    "; `entente series FILE` lists them");
}

// Runs and attributions shared by all the claims of one scenario.
class Evaluator {
 public:
  Evaluator(const sim::TimeScenario& t, const sim::SimOptions& o, int threads) : t_(t), o_(o), threads_(threads) {}

  double value(const sim::ClaimTerm& term) {
    if (is_attribution(term)) return attribution_value(term);
    const sim::Run& r = run(term.policy);
    if (term.kind != Kind::RetreatYear) check_series(term, r.series_names);
    auto years_in = [&](auto&& fold, double init) {
      double acc = init;
      int count = 0;
      for (std::size_t i = 0; i < r.years.size(); ++i)
        if (r.years[i] >= term.from && r.years[i] <= term.to) {
          acc = fold(acc, r.at(term.series)[i]);
          ++count;
        }
      if (count == 0)
        throw TermError("no simulated years in " + std::to_string(term.from) + "–" + std::to_string(term.to) +
                        " (the run covers " + std::to_string(r.years.front()) + "–" + std::to_string(r.years.back()) + ")");
      return std::pair{acc, count};
    };
    switch (term.kind) {
      case Kind::SeriesAt:
        if (std::find(r.years.begin(), r.years.end(), term.year) == r.years.end())
          throw TermError("year " + std::to_string(term.year) + " is not simulated (the run covers " +
                          std::to_string(r.years.front()) + "–" + std::to_string(r.years.back()) + ")");
        return r.value(term.series, term.year);
      case Kind::SeriesMax: return years_in([](double a, double b) { return std::max(a, b); }, -INFINITY).first;
      case Kind::SeriesMin: return years_in([](double a, double b) { return std::min(a, b); }, INFINITY).first;
      case Kind::SeriesMean: {
        const auto [sum, n] = years_in([](double a, double b) { return a + b; }, 0.0);
        return sum / n;
      }
      case Kind::RetreatYear: return r.retreat_year ? *r.retreat_year : 0.0;  // 0 = never
      default: return 0;
    }
  }

 private:
  const sim::Run& run(const std::string& policy) {
    auto it = runs_.find(policy);
    if (it != runs_.end()) return it->second;
    sim::SimOptions o = o_;
    o.to_year = horizon();
    const sim::Run r = sim::simulate(policy.empty() ? t_ : sim::with_policy(t_, policy), o);
    return runs_.emplace(policy, r).first->second;
  }

  int horizon() const {
    int to = t_.end_year;
    for (const auto& c : t_.claims)
      for (const auto& term : c.terms) to = std::max(to, last_year(term));
    return std::min(to, t_.horizon_year);
  }

  double attribution_value(const sim::ClaimTerm& term) {
    const auto key = std::tuple{term.policy, term.from, term.to, term.groups, term.series};
    auto it = attributions_.find(key);
    if (it == attributions_.end()) {
      const sim::TimeScenario scenario = term.policy.empty() ? t_ : sim::with_policy(t_, term.policy);
      // By default the scenario's own partition of causes (or one group per tag when it
      // declares none); a term's `groups:` names groups of that partition or single tags.
      std::vector<CauseGroup> groups;
      if (term.groups.empty()) groups = default_groups(scenario, term.from);
      else for (const auto& g : term.groups) {
        const auto declared = std::find_if(scenario.causes.begin(), scenario.causes.end(),
                                           [&](const CauseGroup& x) { return x.name == g; });
        groups.push_back(declared != scenario.causes.end() ? *declared : CauseGroup{g, {g}});
      }
      check_series(term, run(term.policy).series_names);
      try {
        it = attributions_.emplace(key, attribute(scenario, o_, groups, term.from, term.to, {term.series}, threads_).front()).first;
      } catch (const SpecError& e) {  // a window or grouping the claim states
        throw TermError(e.what());
      }
    }
    const Attribution& a = it->second;
    if (term.kind == Kind::TotalChange) return a.total_change;
    const auto found = std::find_if(a.shapley.begin(), a.shapley.end(), [&](const auto& p) { return p.first == term.group; });
    if (found == a.shapley.end()) {
      std::vector<std::string> names;
      for (const auto& [name, value] : a.shapley) names.push_back(name);
      throw TermError("no cause group '" + term.group + "' in the attribution" + name_hint(term.group, names));
    }
    if (term.kind == Kind::Shapley) return found->second;
    // The rank among the groups, 1 = the largest contribution.
    return 1.0 + static_cast<double>(std::count_if(a.shapley.begin(), a.shapley.end(),
                                                   [&](const auto& p) { return p.second > found->second; }));
  }

  const sim::TimeScenario& t_;
  const sim::SimOptions& o_;
  int threads_;
  std::map<std::string, sim::Run> runs_;
  std::map<std::tuple<std::string, int, int, std::vector<std::string>, std::string>, Attribution> attributions_;
};

}  // namespace

std::vector<std::pair<bool, std::map<std::string, double>>> evaluate_claims(const sim::TimeScenario& t,
                                                                            const sim::SimOptions& options,
                                                                            int threads) {
  Evaluator evaluator(t, options, threads);
  std::vector<std::pair<bool, std::map<std::string, double>>> out;
  const std::string& file = t.scenario.provenance.file;
  for (const auto& claim : t.claims) {
    std::vector<double> values;
    std::map<std::string, double> named;
    for (const auto& term : claim.terms) {
      try {
        values.push_back(evaluator.value(term));
      } catch (const TermError& e) {
        throw InputError(file, claim.line, "claims." + claim.id + ".let." + term.name, e.what());
      }
      named[term.name] = values.back();
    }
    double result = 0;
    try {
      mu::Parser parser;
      for (std::size_t i = 0; i < claim.terms.size(); ++i) parser.DefineVar(claim.terms[i].name, &values[i]);
      parser.SetExpr(claim.holds);
      result = parser.Eval();
    } catch (const mu::Parser::exception_type& e) {  // muParser's errors are not std::exceptions
      throw InputError(file, claim.line, "claims." + claim.id + ".holds", e.GetMsg());
    }
    out.emplace_back(result != 0 && !std::isnan(result), std::move(named));
  }
  return out;
}

std::vector<ClaimResult> check_claims(const sim::TimeScenario& t, const sim::SimOptions& options, std::uint64_t runs,
                                      std::uint64_t seed, int threads, const ProgressFn& progress) {
  std::vector<ClaimResult> out;
  const auto baseline = evaluate_claims(t, options, threads);
  for (std::size_t c = 0; c < t.claims.size(); ++c)
    out.push_back({t.claims[c].id, t.claims[c].text, t.claims[c].holds, baseline[c].first, baseline[c].second, runs, 0});
  // Each run's verdicts land in its own slot; counting afterwards keeps any thread count exact.
  std::vector<std::vector<char>> verdicts(runs, std::vector<char>(t.claims.size(), 0));
  ProgressCounter counter(runs ? progress : ProgressFn{}, runs);
  parallel_for(runs, threads, [&](std::uint64_t i) {
    RandomStream rng(seed, i);
    const auto result = evaluate_claims(sim::sample(t, rng), options);
    for (std::size_t c = 0; c < result.size(); ++c) verdicts[i][c] = result[c].first;
    counter.tick();
  });
  for (const auto& v : verdicts)
    for (std::size_t c = 0; c < v.size(); ++c) out[c].held += v[c] ? 1 : 0;
  return out;
}

}  // namespace entente::analysis
