#include "store/stored_report.h"

#include <fmt/format.h>

#include "core/error.h"

#include "io/scenario_io.h"
#include "io/timeline_io.h"
#include "store/rerun.h"

namespace entente::store {

namespace {

// The scenario's facts, from the stored scenario text laid out with its data files.
void add_facts(const Inputs& in, analysis::ReportData& d) {
  const Workspace w(in);
  if (is_timeline(in.scenario_text))
    d.timeline = analysis::timeline_facts(load_timeline(w.scenario_path()));
  else
    d.forecast_facts = analysis::forecast_facts(load_scenario(w.scenario_path()));
}

}  // namespace

analysis::ReportData stored_report(const RunRecord& record) {
  const Inputs& in = record.inputs;
  const Results& r = record.results;
  if (in.kind == Kind::Report && r.report) return *r.report;
  if (in.kind == Kind::Backtest)
    throw SpecError(fmt::format("run {} is a backtest, which has no scenario to report: draw it in a scenario's "
                                "report with --backtest FILE, after `entente show --db DB {} -f json -o FILE`",
                                record.id, record.id));
  analysis::ReportData d;
  d.source = in.scenario_file;
  d.model_spec = in.model_spec;
  d.seed = in.seed;
  d.entente_version = record.entente_version;
  d.commands = {in.command_line};
  add_facts(in, d);
  switch (in.kind) {
    case Kind::Forecast:
      d.forecast = r.forecast;
      break;
    case Kind::Run:
      d.baseline = r.run;
      break;
    case Kind::Explain:
      d.baseline = r.run;
      d.attributions = r.attributions;
      d.groups = in.request.groups;
      break;
    case Kind::Compare:
      d.policy_runs = r.policies;
      d.compared_series = in.request.series;
      break;
    case Kind::Sweep:
      d.sweep = r.sweep;
      if (r.sweep) d.bands_from = analysis::first_divergent_year(*r.sweep);
      break;
    case Kind::Claims:
      d.claims = r.claims;
      d.claim_runs = in.request.runs;
      break;
    case Kind::Report:
      break;  // a report row without its data: only the facts
    case Kind::Backtest:
      break;  // refused above
  }
  return d;
}

}  // namespace entente::store
