// The controls the dashboard draws for a scenario, as metadata: every alliance parameter
// (alliance::parameter_table: range, default, unit, meaning), every bargaining model and its
// parameters (ParamSpec), the start stances, leadership shares, troop levels and events a
// what-if may change (with their ranges), the policies and the members. The page builds its
// sliders from this alone, so a parameter added to the model appears without a change there.
#pragma once

#include <string>

#include "sim/timeline.h"

namespace entente::server {

// JSON, keys in this order: scenario, start, end, horizon, model, patron, client, parameters,
// models, holders, issues, stances, leadership, troops, events, policies (docs/dashboard.md).
std::string controls_json(const sim::TimeScenario& t);

}  // namespace entente::server
