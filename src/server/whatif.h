// A what-if: the changes a user asks of a time-stepped scenario from the dashboard (alliance
// parameters, start positions and saliences, leadership shares, a troop level, event dates,
// the bargaining model), applied like a policy to a copy of the scenario (sim::with_policy,
// sim::sample): the loaded scenario is never edited. docs/dashboard.md lists the fields.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/timeline.h"

namespace entente::server {

struct WhatIf {
  struct Parameter {
    std::string name;  // a row of alliance::parameter_table()
    double value = 0;
  };
  // A holder's (actor's or faction's) stance at the start, on the issue's scale and 0..1.
  struct StartStance {
    std::string holder, issue;
    std::optional<double> position, salience;
  };
  struct Leadership {
    std::string issue;
    double share = 0.5;  // λ at the start, 0..1
  };
  // From `year` on the patron keeps `level` troops in the client: an added event, so a later
  // event of the scenario that sets troops still applies.
  struct Troops {
    int year = 0;
    double level = 0;
  };
  struct EventDate {
    std::string event;  // every event of that name moves
    int year = 0;
  };

  std::string model;  // a bargaining model spec; "" = the scenario's
  int to_year = 0;    // the last year run; 0 = the scenario's end
  std::vector<Parameter> parameters;
  std::vector<StartStance> stances;
  std::vector<Leadership> leadership;
  std::optional<Troops> troops;
  std::vector<EventDate> event_dates;
};

// Reads a what-if from its JSON body (docs/dashboard.md). Throws SpecError saying what is
// wrong: text that is not JSON (with the parser's position), an unknown field, a value of the
// wrong type, a name the scenario does not have (with the nearest one), a value out of range.
WhatIf parse_what_if(std::string_view body, const sim::TimeScenario& t);

// The scenario with the what-if applied. Throws InputError when the result cannot be run
// (sim::validate: saliences over 100, two events setting troops in one year, …).
sim::TimeScenario with_what_if(const sim::TimeScenario& t, const WhatIf& what_if);

}  // namespace entente::server
