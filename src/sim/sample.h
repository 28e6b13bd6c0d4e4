// Drawing one run's inputs for a sweep: every uncertain input of the scenario, in the order
// declared, two uniforms each from the run's RandomStream (so adding an input never changes
// the draws of those before it).
#pragma once

#include "core/scenario.h"
#include "sim/timeline.h"

namespace entente::sim {

// Position and salience shifts (in points, clamped to the scale; an actor's saliences scaled
// back to a total of 100 if a shift pushes them over), capability factors.
Scenario sample(const Scenario& s, RandomStream& rng);

// The same for a time-stepped scenario, where a stance shift applies to the start stance and
// to every event setting that holder's stance on that issue; capability factors scale the
// whole series; event dates move by whole years (kept within the span); alliance parameters
// take the drawn value (clamped to their valid range). Last, one uniform for the alliance's
// end (TimeScenario::ending_draw): in a sampled run the alliance can end.
TimeScenario sample(const TimeScenario& t, RandomStream& rng);

}  // namespace entente::sim
