// Drawing one run's inputs for a sweep: every uncertain input of the scenario, in the order
// declared, two uniforms each from the run's RandomStream (so adding an input never changes
// the draws of those before it).
#pragma once

#include <string>
#include <vector>

#include "core/scenario.h"
#include "sim/timeline.h"

namespace entente::sim {

// Position and salience shifts (in points, clamped to the scale; an actor's saliences scaled
// back to a total of 100 if a shift pushes them over), capability factors. When `drawn` is
// given it receives each input's drawn value, in the scenario's order, before any clamping.
Scenario sample(const Scenario& s, RandomStream& rng, std::vector<double>* drawn = nullptr);
// The same draw into `out`, which must be a copy of s or hold an earlier draw from it: only
// the stances and capabilities are rewritten, so a sweep copies its scenario once per thread.
void sample_into(const Scenario& s, RandomStream& rng, Scenario& out, std::vector<double>* drawn = nullptr);

// The same for a time-stepped scenario, where a stance shift applies to the start stance and
// to every event setting that holder's stance on that issue; capability factors scale the
// whole series; event dates move by whole years (kept within the span); alliance parameters
// and start values take the drawn value, and an event's changes of the named kind take,
// add or are multiplied by it (each clamped to its valid range); an optional event is left
// out when its draw is below ½. `drawn`, when given, receives each input's draw in order,
// then, under a posterior, the index of the run's posterior draw and the value it gave each
// of the posterior's parameters (the columns posterior_input_names names).
// Last, one uniform for the alliance's end (TimeScenario::ending_draw): in a sampled run the
// alliance can end.
TimeScenario sample(const TimeScenario& t, RandomStream& rng, std::vector<double>* drawn = nullptr);

// The columns a sampled run's posterior draw adds after the declared inputs: posterior.draw,
// then posterior.NAME per parameter of the posterior; none without one.
std::vector<std::string> posterior_input_names(const TimeScenario& t);

// The start value an uncertain `start:` names (leadership.ISSUE, backing.BACKER,
// public.MEMBER or umbrella) and its valid range; nullptr when it names none.
struct StartSlot {
  double* value = nullptr;
  double min = 0, max = 1;
};
StartSlot start_slot(TimeScenario& t, const std::string& name);

// How many of an event's changes an uncertain `change:` names: a kind that carries one number
// (leadership, credibility, public_shock, backing, umbrella, troops, contribution,
// capability), optionally `.NAME` for the issue, member, backer, item or actor it is of.
std::size_t count_changes(const TimeScenario& t, const Event& ev, const std::string& change);

}  // namespace entente::sim
