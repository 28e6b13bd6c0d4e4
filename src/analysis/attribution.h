// Attribution of a change to its causes: the exact Shapley value (Shapley 1953) of each cause
// group for the change of a series over a window [from, to], over all 2^g coalitions.
//
// Window convention (docs/models/alliance.md): a coalition S keeps the changes of its groups
// dated after `from` and drops those of the other groups; events up to `from` always stay.
// The group `ascendancy` holds capabilities at their `from` values when it is off.
// v(S) = the series at `to` under S. The Shapley values sum to v(all) − v(none); the drift
// v(none) − series(from) is the change with none of the groups' events at all.
//
// Attribution is by change, not by event: a change with a cause of its own (`cause:`) belongs
// to the group gathering that tag; a change without one belongs to the groups of its event's
// tags. When those are several, the change is their joint product: it applies only when all
// of them are on, so the Shapley value shares it equally among them (a unanimity game) and
// the interaction index shows it. No tag counts more for being named first.
#pragma once

#include <string>
#include <vector>

#include "analysis/progress.h"
#include "sim/simulation.h"

namespace entente::analysis {

// A cause group: its name and the cause tags it gathers. The name `ascendancy` also stands
// for the capability series after `from`.
using CauseGroup = sim::CauseGroup;

struct Interaction {
  std::string a, b;
  double value = 0;  // the Shapley interaction index of the pair
};

struct Attribution {
  std::string series;
  int from = 0, to = 0;
  double start_value = 0;   // the series at `from` (all events up to `from`)
  double v_all = 0;         // at `to` with every group on: the baseline run
  double v_none = 0;        // at `to` with every group off
  double total_change = 0;  // v_all − v_none = Σ shapley
  double drift = 0;         // v_none − start_value
  std::vector<std::pair<std::string, double>> shapley;  // in group order
  // Per group, in group order: its but-for effect, v(all) − v(all without the group): how
  // much less the series would have changed had that group's changes alone not happened.
  std::vector<std::pair<std::string, double>> but_for;
  std::vector<Interaction> interactions;                // largest |value| first
};

// The scenario's own partition (`causes:`) when it declares one; otherwise one group per
// cause tag of the changes after `from` (a change's own cause, else its event's tags), plus
// `ascendancy`.
std::vector<CauseGroup> default_groups(const sim::TimeScenario& t, int from);

// Attributes each named series. At most 12 groups (4,096 coalitions, each one run from a
// shared snapshot at `from`), on `threads` threads with identical results for any count.
// `progress` is told the coalitions run of 2^g. Throws SpecError on a bad window, no or too
// many groups, or an unknown series (naming the nearest series there is).
std::vector<Attribution> attribute(const sim::TimeScenario& t, const sim::SimOptions& options,
                                   const std::vector<CauseGroup>& groups, int from, int to,
                                   const std::vector<std::string>& series, int threads = 1,
                                   const ProgressFn& progress = {});

// The exact Shapley values of a game given as v[mask] over g players (bit i = player i).
std::vector<double> shapley_values(const std::vector<double>& v, int g);

// The Shapley interaction index of players i and j (Grabisch & Roubens 1999).
double shapley_interaction(const std::vector<double>& v, int g, int i, int j);

}  // namespace entente::analysis
