// The scenario types every part of Entente shares: actors, the policy issues they bargain
// over, and each actor's stance (position and salience) on each issue.
//
// Data flows one way: a loader in src/io builds a Scenario, `validate` checks it, bargaining
// models read it (never write it), and the results go into a Forecast (bargaining/model.h).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/uncertainty.h"

namespace entente {

// A party to the bargaining: a state, a government camp, an agency, a person.
struct Actor {
  std::string name;         // unique id used in tables and outputs, e.g. "US", "ROK-gov"
  std::string description;  // free text for people
  double capability = 0;    // power brought to bear (COW CINC share, influence score...), > 0
};

// A policy question on a numeric scale whose two ends are named. KTAB and our own scenario
// files use 0..100; expected-utility tables may use any scale (years, percentages...).
struct Issue {
  std::string name;
  std::string description;
  double scale_min = 0;
  double scale_max = 100;
  std::string low_pole;   // what scale_min means, e.g. "complete dismantlement"
  std::string high_pole;  // what scale_max means, e.g. "civilian programme kept"
  // The reference point: where the issue stays if the actors do not agree (the status quo,
  // or "no law" for a new proposal), on the issue's scale; models that bargain from a
  // disagreement point (nbs) need it, the others ignore it. None when the file gives none.
  std::optional<double> status_quo{};
};

// Where an actor stands on one issue and how much it cares.
struct Stance {
  double position = 0;  // on the issue's scale
  double salience = 0;  // share of the actor's attention, 0..1 (input files give 0..100)
};

// Where each field of a scenario came from, so a validator can name file and line.
// Keys are field paths such as "actors.US.capability" or "stances.nuclear.US.position".
struct Provenance {
  std::string file;
  std::map<std::string, int> lines;
  int line_of(const std::string& field) const;
};

struct Scenario {
  std::string name;
  std::string description;
  std::vector<Actor> actors;
  std::vector<Issue> issues;
  std::vector<Stance> stances;  // actor-major: stances[a * issues.size() + k]
  std::string model;            // the model spec the file asks for ("" = caller decides)
  std::uint64_t seed = 0;       // for stochastic models; written with every result
  std::vector<UncertainInput> uncertain;  // what sweeps draw (docs/scenario-format.md)
  Provenance provenance;

  std::size_t num_actors() const { return actors.size(); }
  std::size_t num_issues() const { return issues.size(); }
  const Stance& stance(std::size_t actor, std::size_t issue) const {
    return stances[actor * issues.size() + issue];
  }
  Stance& stance(std::size_t actor, std::size_t issue) {
    return stances[actor * issues.size() + issue];
  }
  // An actor's saliences summed over all issues (KTAB's S_i), 0..1 when valid.
  double total_salience(std::size_t actor) const;
};

// The most actors and issues a scenario may hold. Studies hold tens; far past this bound a
// forecast and its writers take minutes and gigabytes (100,000 actors: a minute for the
// weighted median's forecast file), so a file declaring a million is refused at once.
inline constexpr std::size_t kMaxActors = 10'000;
inline constexpr std::size_t kMaxIssues = 10'000;

// Every problem in the scenario at once: names, counts, ranges, NaN/infinity, duplicate
// actors or issues, saliences over 100 in total. Empty when the scenario can be used.
std::vector<Diagnostic> validate(const Scenario& scenario);

// Throws InputError with every diagnostic when `validate` finds any.
void require_valid(const Scenario& scenario);

}  // namespace entente
