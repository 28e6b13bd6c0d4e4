// The report as a value: everything the HTML report of a scenario shows, computed once by the
// analyses and then drawn by src/report, which computes nothing. The store keeps it whole (a
// run of kind `report`), so a stored report is drawn again without running anything and
// without the scenario file: the scenario's facts the report shows are copied out here.
//
// A report of a one-year scenario holds its facts and its forecast; a report of a
// time-stepped scenario holds its facts, the baseline run, the attribution of the change of
// strain over a window, a sweep of its uncertain inputs under every policy, and its claims.
// A stored run of another kind is drawn as a ReportData holding only the parts that kind
// keeps (a `run` its baseline, a `compare` its policy runs, a `sweep` its bands…); every
// part but the facts is therefore optional, and the report draws the parts that are there.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/attribution.h"
#include "analysis/claims.h"
#include "analysis/compare.h"
#include "bargaining/model.h"
#include "core/scenario.h"
#include "sim/simulation.h"
#include "sim/sweep.h"

namespace entente::analysis {

struct ReportOptions {
  std::string source;              // the scenario file as the user named it (shown and reused in commands)
  std::string scenario_text;       // its bytes, hashed into the sweep's result as `entente sweep` does
  std::string model;               // "" = the scenario's model
  std::uint64_t seed = 0;
  bool seed_given = false;         // else the scenario's seed
  std::uint64_t sweep_runs = 200;  // draws of the uncertain inputs behind the policy bands
  std::uint64_t claim_runs = 100;  // draws on which each claim is checked
  int from = 0, to = 0;            // attribution window (0 = the default, see attribution_window)
  int threads = 1;                 // results do not depend on it
  std::function<void(const std::string&)> progress;  // told what is being computed
  std::function<void(std::uint64_t done, std::uint64_t total)> sweep_progress;  // runs of the policy sweep
};

// A one-year scenario as the report shows it.
struct ForecastFacts {
  std::string name, description;
  std::vector<Actor> actors;
  std::vector<Issue> issues;
  std::vector<Stance> stances;  // at the start, actor-major as in Scenario
};

// A time-stepped scenario as the report shows it.
struct TimelineFacts {
  struct Actor {
    std::string name, description;
    double capability_first = 0, capability_last = 0;  // in the first and the last year of the data
    bool has_democracy = false;                        // a democracy series that is not all 0
    double democracy_first = 0, democracy_last = 0;
    std::vector<std::string> factions;
    int faction_in_office = -1;  // index into `factions` at the start, or -1
  };
  struct Issue {
    std::string name, role;  // role: goal, strategy, posture or other
    std::string owner;       // the actor whose policy it would be alone; "" for none
    std::string low_pole, high_pole;
    double leadership = 0;   // the patron's lead λ at the start
  };
  struct Event {
    std::string date, name;
    int year = 0;
    std::vector<std::string> tags;
  };
  struct Policy {
    std::string name, description;
  };
  struct Backer {
    std::string name;
    double weight = 0;
  };

  std::string name, description;
  int start_year = 0, end_year = 0, horizon_year = 0;
  std::string patron, client, adversary;
  std::vector<Backer> backers;
  std::vector<Actor> actors;
  std::vector<Issue> issues;
  std::vector<Event> events;  // in date order
  std::vector<Policy> policies;
  std::uint64_t factions = 0, uncertain_inputs = 0, claims = 0;
  double strain_threshold = 0;
  int retreat_years = 0;
  double public_anchor[2] = {0, 0};  // patron, client: support at entry
};

struct ReportData {
  std::string source;      // the scenario file as the user named it
  std::string model_spec;  // canonical
  std::uint64_t seed = 0;
  std::string entente_version = ENTENTE_VERSION;  // the Entente that computed it

  // One-year scenarios.
  std::optional<ForecastFacts> forecast_facts;
  std::optional<Forecast> forecast;

  // Time-stepped scenarios.
  std::optional<TimelineFacts> timeline;
  std::optional<sim::Run> baseline;
  std::vector<Attribution> attributions;  // the report computes one: strain over its window
  std::vector<CauseGroup> groups;         // the cause groups attributed
  std::vector<PolicyRun> policy_runs;     // single runs of policies (a stored `compare`)
  std::vector<std::string> compared_series;
  std::optional<std::vector<ClaimResult>> claims;  // empty: the scenario states none
  std::uint64_t claim_runs = 0;

  // Either: the uncertain inputs swept (under every policy, for a time-stepped scenario).
  std::optional<sim::SweepResult> sweep;
  int bands_from = 0;  // the first year the policy panels show (see first_divergent_year)

  // The commands that reproduce the figures, shell-quoted.
  std::vector<std::string> commands;
};

// The window the attribution explains when the options name none: the first window the
// scenario's own claims attribute strain over, else the span's last ten years. A window
// given in part keeps the default for the other end.
std::pair<int, int> attribution_window(const sim::TimeScenario& t, const ReportOptions& options);

// The cause groups a report attributes: the default groups, and when there are more than 12
// (the most attributed exactly), `ascendancy` and the 10 with the most events in the window,
// the rest gathered into `other`.
std::vector<CauseGroup> report_groups(const sim::TimeScenario& t, int from, int to);

// The first year in which some policy's strain band leaves the baseline's, less three years
// of context (before it every policy runs the same history); the last 11 years when none does.
int first_divergent_year(const sim::SweepResult& sweep, const std::string& series = "strain");

ForecastFacts forecast_facts(const Scenario& s);
TimelineFacts timeline_facts(const sim::TimeScenario& t);

// Forecasts a one-year scenario with the model and seed given, for its report.
ReportData forecast_report_data(const Scenario& s, const std::string& model_spec, std::uint64_t seed,
                                const ReportOptions& options);

// Runs a time-stepped scenario, its attribution, a sweep over its policies and its claims.
// Throws SpecError on a bad model spec or window.
ReportData timeline_report_data(const sim::TimeScenario& t, const ReportOptions& options);

// A word as a shell reads it back: quoted when it holds anything a shell treats specially.
std::string shell_word(const std::string& word);

}  // namespace entente::analysis
