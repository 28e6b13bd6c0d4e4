#include "core/scenario.h"

#include <cmath>
#include <cstdio>
#include <set>

namespace entente {

int Provenance::line_of(const std::string& field) const {
  auto it = lines.find(field);
  return it == lines.end() ? 0 : it->second;
}

double Scenario::total_salience(std::size_t actor) const {
  double total = 0;
  for (std::size_t k = 0; k < issues.size(); ++k) total += stance(actor, k).salience;
  return total;
}

namespace {

// Collects diagnostics with lines looked up in the scenario's provenance.
class Report {
 public:
  explicit Report(const Provenance& p) : p_(p) {}
  void add(const std::string& field, const std::string& message) {
    out_.push_back({p_.file, p_.line_of(field), field, message});
  }
  // At the line of `field`, or of `fallback` when the file gives `field` no line of its own.
  void add_at(const std::string& field, const std::string& fallback, const std::string& message) {
    const int line = p_.line_of(field);
    out_.push_back({p_.file, line > 0 ? line : p_.line_of(fallback), line > 0 ? field : fallback, message});
  }
  std::vector<Diagnostic> take() { return std::move(out_); }

 private:
  const Provenance& p_;
  std::vector<Diagnostic> out_;
};

void check_actors(const Scenario& s, Report& r) {
  if (s.actors.empty()) r.add("actors", "no actors: a scenario needs at least two");
  else if (s.actors.size() < 2) r.add("actors", "only one actor: bargaining needs at least two");
  std::set<std::string> seen;
  for (const auto& a : s.actors) {
    const std::string f = "actors." + a.name;
    if (a.name.empty()) r.add(f + ".name", "empty actor name");
    if (!seen.insert(a.name).second) r.add(f + ".name", "duplicate actor '" + a.name + "'");
    if (!std::isfinite(a.capability)) r.add(f + ".capability", "capability must be a finite number");
    else if (a.capability <= 0) r.add(f + ".capability", "capability must be greater than 0");
    // Only ratios of capabilities matter; beyond this bound the models' weighted sums overflow.
    else if (a.capability > 1e100)
      r.add(f + ".capability", "capability must be at most 1e100 (only ratios matter: state all in a larger unit)");
  }
}

void check_issues(const Scenario& s, Report& r) {
  if (s.issues.empty()) r.add("issues", "no issues: a scenario needs at least one");
  std::set<std::string> seen;
  for (const auto& i : s.issues) {
    const std::string f = "issues." + i.name;
    if (i.name.empty()) r.add(f + ".name", "empty issue name");
    if (!seen.insert(i.name).second) r.add(f + ".name", "duplicate issue '" + i.name + "'");
    if (!std::isfinite(i.scale_min) || !std::isfinite(i.scale_max) || i.scale_min >= i.scale_max)
      r.add(f + ".scale", "scale must be two finite numbers, low < high");
    else if (!std::isfinite(i.scale_max - i.scale_min))  // models measure positions by it
      r.add(f + ".scale", "scale is wider than a number can hold: use smaller units");
    else if (i.status_quo && !(*i.status_quo >= i.scale_min && *i.status_quo <= i.scale_max))
      r.add(f + ".status_quo", "status quo must be a finite number on the issue's scale");
  }
}

void check_stances(const Scenario& s, Report& r) {
  if (s.stances.size() != s.actors.size() * s.issues.size()) {
    r.add("stances", "expected one stance per actor and issue");
    return;
  }
  for (std::size_t a = 0; a < s.actors.size(); ++a) {
    for (std::size_t k = 0; k < s.issues.size(); ++k) {
      const auto& st = s.stance(a, k);
      const auto& is = s.issues[k];
      const std::string f = "stances." + is.name + "." + s.actors[a].name;
      if (!std::isfinite(st.position))
        r.add(f + ".position", "position must be a finite number");
      else if (st.position < is.scale_min || st.position > is.scale_max)
        r.add(f + ".position", "position outside the issue's scale");
      if (!std::isfinite(st.salience))
        r.add(f + ".salience", "salience must be a finite number");
      else if (st.salience < 0 || st.salience > 1)
        r.add(f + ".salience", "salience must lie in 0..100");
    }
    const double total = s.total_salience(a);
    // KTAB's rule (SMPModel::csvRead): an actor's saliences sum to at most 100. A tolerance
    // absorbs the rounding of tables whose saliences were printed to one decimal. Reported
    // at the stance where the running total passes 100.
    if (std::isfinite(total) && total > 1 + 1e-9) {
      double running = 0;
      std::size_t k = 0;
      while (k + 1 < s.issues.size() && (running += s.stance(a, k).salience) <= 1 + 1e-9) ++k;
      const std::string f = "stances." + s.issues[k].name + "." + s.actors[a].name + ".salience";
      char percent[32];
      std::snprintf(percent, sizeof percent, "%.4g", total * 100);
      r.add_at(f, "actors." + s.actors[a].name + ".salience",
               s.actors[a].name + "'s saliences are over 100 in total (" + std::string(percent) + " over the issues)");
    } else if (std::isfinite(total) && total <= 0 && !s.issues.empty())
      r.add("actors." + s.actors[a].name + ".salience",
            "saliences are all 0: the actor must care about some issue");
  }
}

}  // namespace

std::vector<Diagnostic> validate(const Scenario& scenario) {
  Report r(scenario.provenance);
  if (scenario.actors.size() > kMaxActors || scenario.issues.size() > kMaxIssues) {
    r.add(scenario.actors.size() > kMaxActors ? "actors" : "issues",
          "more than " + std::to_string(kMaxActors) + " actors or " + std::to_string(kMaxIssues) +
              " issues: larger than any study Entente is meant for");
    return r.take();
  }
  check_actors(scenario, r);
  check_issues(scenario, r);
  check_stances(scenario, r);
  return r.take();
}

void require_valid(const Scenario& scenario) {
  auto ds = validate(scenario);
  if (!ds.empty()) throw InputError(std::move(ds));
}

}  // namespace entente
