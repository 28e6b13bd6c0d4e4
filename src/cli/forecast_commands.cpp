// entente forecast, models, validate: one-year scenarios and the model catalogue.
#include <fmt/format.h>

#include <iostream>

#include "bargaining/model.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/results_db.h"
#include "io/files.h"
#include "io/forecast_io.h"
#include "io/scenario_io.h"
#include "io/timeline_io.h"
#include "output/table.h"

namespace entente::cli {

namespace {

struct ForecastOptions {
  std::string file;
  std::vector<std::string> models;
  std::string format = "table";
  std::string output;
  std::uint64_t seed = 0;
  bool seed_given = false;
  int threads = 0;
  std::string db;
};

ForecastOptions forecast_opts;
std::string validate_file;

ForecastRecord forecast_with(const Scenario& scenario, const std::string& spec, const ForecastOptions& o) {
  const auto model = load_model(spec);
  ForecastRecord record;
  record.seed = o.seed_given ? o.seed : scenario.seed;
  record.model_spec = model->spec();
  record.forecast =
      model->forecast(scenario, RunOptions{record.seed, o.threads > 0 ? o.threads : hardware_threads()});
  record.scenario = scenario;
  return record;
}

int run_forecast() {
  const ForecastOptions& o = forecast_opts;
  const Format format = parse_format(o.format);
  const Scenario scenario = load_scenario(o.file);
  std::vector<std::string> specs = o.models;
  if (specs.empty()) specs.push_back(choose_model("", scenario.model, ScenarioKind::OneYear));
  for (const auto& spec : specs) load_model(spec);  // report a bad spec before any work
  std::vector<ForecastRecord> records;
  for (const auto& spec : specs) records.push_back(forecast_with(scenario, spec, o));
  for (const auto& r : records)  // one recorded run per model
    record_run(o.db, store::Kind::Forecast, o.file, r.model_spec, r.seed, {}, store::forecast_results(scenario, r.forecast));
  emit(records.size() == 1 ? write_forecast(records.front(), format) : write_comparison(records, format),
       o.output);
  return kExitOk;
}

// What a parameter accepts: its choices, or its kind and range.
std::string accepted(const ParamSpec& p) {
  switch (p.kind) {
    case ParamSpec::Kind::Choice: {
      std::string values;
      for (const auto& c : p.choices) values += (values.empty() ? "" : "|") + c;
      return values;
    }
    case ParamSpec::Kind::Integer:
      return fmt::format("integer {}..{}", output::rounded(p.min, 12), output::rounded(p.max, 12));
    case ParamSpec::Kind::Real:
      return fmt::format("number {}..{}", output::rounded(p.min, 12), output::rounded(p.max, 12));
  }
  return "";
}

// Each model: its name, summary and source, then its parameters.
int run_models() {
  std::vector<output::Table> tables;
  for (const ModelInfo* m : registered_models()) {
    output::Table t{.title = fmt::format("{}\n{}\nsource: {}", m->name, m->summary, m->citation)};
    if (!m->params.empty()) t.columns = {"parameter", "default", "values", "meaning"};
    for (const auto& p : m->params) t.add({p.name, p.default_value, accepted(p), p.help});
    tables.push_back(std::move(t));
  }
  std::cout << output::render(tables, Format::Table);
  return kExitOk;
}

int run_validate() {
  if (is_timeline(read_file(validate_file))) {
    const sim::TimeScenario t = load_timeline(validate_file);
    std::cout << fmt::format("{}: valid — {} actors, {} factions, {} issues, {}–{}, {} events\n", validate_file,
                             t.scenario.num_actors(), t.factions.size(), t.scenario.num_issues(), t.start_year,
                             t.end_year, t.events.size());
    return kExitOk;
  }
  const Scenario s = load_scenario(validate_file);
  std::cout << fmt::format("{}: valid — {} actors, {} issues{}\n", validate_file, s.num_actors(), s.num_issues(),
                           s.model.empty() ? "" : ", model " + s.model);
  return kExitOk;
}

}  // namespace

void add_forecast_commands(CLI::App& app) {
  auto* forecast = app.add_subcommand("forecast", "Forecast where bargaining over each issue lands");
  forecast->add_option("file", forecast_opts.file,
                       "Scenario: Entente YAML, KTAB SMP CSV, an actor,capability,position,salience "
                       "table, or an Entente forecast JSON (to rerun it)")
      ->required();
  forecast->add_option("-m,--model", forecast_opts.models,
                       "Model spec, e.g. smp, 'smp(voting=prop)', 'eu(variant=scholz,rounds=10)' "
                       "(default: the file's model, else smp; see `entente models`). Give it "
                       "several times to compare models side by side")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  forecast->add_option("-f,--format", forecast_opts.format, "Output: table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}, CLI::ignore_case));
  forecast->add_option("-o,--output", forecast_opts.output, "Write here instead of standard output");
  forecast->add_option("--seed", forecast_opts.seed, "Seed for stochastic models (default: the file's seed, else 0)")
      ->each([](const std::string&) { forecast_opts.seed_given = true; });
  forecast->add_option("-j,--threads", forecast_opts.threads,
                       "Threads (default: all cores); results do not depend on it")
      ->check(CLI::Range(1, 1024));
  add_db_option(forecast, forecast_opts.db);
  on_run(forecast, run_forecast);

  auto* models = app.add_subcommand("models", "List every bargaining model with its parameters and defaults");
  on_run(models, run_models);

  auto* validate = app.add_subcommand("validate", "Check a scenario file and report every problem");
  validate->add_option("file", validate_file, "Scenario file")->required();
  on_run(validate, run_validate);
}

}  // namespace entente::cli
