// The battery every registered bargaining model must pass (in the spirit of OpenSpiel's
// basic_tests and Axelrod's strategy checks): outcomes inside the range of the inputs, no
// dependence on actor names or order, on the unit of capability, or on the thread count, and
// a lossless JSON round trip. A new model is tested by registering it; nothing here changes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "bargaining/model.h"
#include "io/forecast_io.h"
#include "io/scenario_io.h"

namespace entente {
namespace {

const std::string kRef = ENTENTE_REFERENCE_DIR;

std::vector<std::string> model_names() {
  std::vector<std::string> names;
  for (const ModelInfo* m : registered_models()) names.push_back(m->name);
  return names;
}

// Each issue's status quo at the low end of its scale, for the models that bargain from one
// (nbs); the others ignore it.
Scenario with_status_quo(Scenario s) {
  for (auto& issue : s.issues) issue.status_quo = issue.scale_min;
  return s;
}

// Inputs every model is run on: a real multi-issue KTAB study, a 3-issue synthetic one, and
// the one-issue EC table of the expected-utility literature.
std::vector<Scenario> battery_inputs() {
  return {with_status_quo(load_scenario(kRef + "/ktab/SOE-Pol-Comp.csv")),
          with_status_quo(load_scenario(kRef + "/ktab/dummyData_3Dim.csv")),
          with_status_quo(load_scenario(kRef + "/eu/ec-emissions.csv"))};
}

// Inputs for the invariance checks: no two actors are clones (identical capability, position
// and salience), whose order a tie rule must otherwise decide, and capabilities are of order
// 1–100, far above the absolute floors of KTAB's coalitions (1e-8, 1e-10), which do not scale.
std::vector<Scenario> invariance_inputs() {
  return {with_status_quo(load_scenario(kRef + "/ktab/SOE-Pol-Comp.csv")),
          with_status_quo(load_scenario(kRef + "/ktab/dummyData_3Dim.csv"))};
}

Forecast run(const std::string& model, const Scenario& s, int threads = 1) {
  return load_model(model)->forecast(s, RunOptions{7, threads});
}

// The scenario with its actors in another order (a fixed permutation) and new names.
Scenario permuted(const Scenario& s, std::vector<std::size_t>& order) {
  order.resize(s.num_actors());
  std::iota(order.begin(), order.end(), 0);
  std::reverse(order.begin(), order.end());
  std::rotate(order.begin(), order.begin() + 1, order.end());
  Scenario p = s;
  p.actors.clear();
  p.stances.clear();
  for (std::size_t a : order) {
    Actor actor = s.actors[a];
    actor.name = "renamed-" + std::to_string(a);
    p.actors.push_back(actor);
    for (std::size_t k = 0; k < s.num_issues(); ++k) p.stances.push_back(s.stance(a, k));
  }
  return p;
}

class Battery : public ::testing::TestWithParam<std::string> {};

TEST_P(Battery, ForecastLiesWithinTheRangeOfPositions) {
  for (const Scenario& s : battery_inputs()) {
    SCOPED_TRACE(s.name);
    const Forecast f = run(GetParam(), s);
    ASSERT_EQ(f.outcome.size(), s.num_issues());
    ASSERT_GE(f.history.size(), 1u);
    for (std::size_t k = 0; k < s.num_issues(); ++k) {
      double lo = s.stance(0, k).position, hi = lo;
      for (std::size_t a = 0; a < s.num_actors(); ++a) {
        lo = std::min(lo, s.stance(a, k).position);
        hi = std::max(hi, s.stance(a, k).position);
      }
      EXPECT_TRUE(std::isfinite(f.outcome[k]));
      EXPECT_GE(f.outcome[k], lo - 1e-9);
      EXPECT_LE(f.outcome[k], hi + 1e-9);
      for (const auto& turn : f.history) {
        ASSERT_EQ(turn.size(), s.num_actors() * s.num_issues());
        for (std::size_t a = 0; a < s.num_actors(); ++a) {
          EXPECT_GE(turn[a * s.num_issues() + k], lo - 1e-9);
          EXPECT_LE(turn[a * s.num_issues() + k], hi + 1e-9);
        }
      }
    }
    // Turn 0 is the input.
    for (std::size_t i = 0; i < s.stances.size(); ++i) EXPECT_EQ(f.history[0][i], s.stances[i].position);
  }
}

TEST_P(Battery, RenamingOrReorderingActorsChangesNothing) {
  for (const Scenario& s : invariance_inputs()) {
    SCOPED_TRACE(s.name);
    std::vector<std::size_t> order;
    const Scenario p = permuted(s, order);
    const Forecast a = run(GetParam(), s), b = run(GetParam(), p);
    ASSERT_EQ(a.history.size(), b.history.size());
    for (std::size_t k = 0; k < s.num_issues(); ++k) EXPECT_NEAR(a.outcome[k], b.outcome[k], 1e-9);
    const std::size_t d = s.num_issues();
    for (std::size_t t = 0; t < a.history.size(); ++t)
      for (std::size_t i = 0; i < order.size(); ++i)
        for (std::size_t k = 0; k < d; ++k)
          EXPECT_NEAR(a.history[t][order[i] * d + k], b.history[t][i * d + k], 1e-9) << "turn " << t;
  }
}

TEST_P(Battery, ScalingAllCapabilitiesChangesNothing) {
  for (const Scenario& s : invariance_inputs()) {
    SCOPED_TRACE(s.name);
    Scenario scaled = s;
    for (auto& a : scaled.actors) a.capability *= 4;  // a power of two: exact in binary
    const Forecast a = run(GetParam(), s), b = run(GetParam(), scaled);
    ASSERT_EQ(a.history.size(), b.history.size());
    // 1e-6 on a 0–100 scale: KTAB's absolute coalition floors move smp by ~1e-8 here.
    for (std::size_t k = 0; k < s.num_issues(); ++k) EXPECT_NEAR(a.outcome[k], b.outcome[k], 1e-6);
    for (std::size_t i = 0; i < a.history.back().size(); ++i)
      EXPECT_NEAR(a.history.back()[i], b.history.back()[i], 1e-6);
  }
}

TEST_P(Battery, JsonRoundTripIsLossless) {
  for (const Scenario& s : battery_inputs()) {
    SCOPED_TRACE(s.name);
    const auto model = load_model(GetParam());
    ForecastRecord r{s, model->spec(), 7, model->forecast(s, RunOptions{7, 1})};
    const ForecastRecord back = read_forecast_json(write_forecast(r, Format::Json), "round-trip.json");
    EXPECT_EQ(back.model_spec, r.model_spec);
    EXPECT_EQ(back.seed, r.seed);
    EXPECT_EQ(back.forecast.history, r.forecast.history);
    EXPECT_EQ(back.forecast.outcome, r.forecast.outcome);
    for (std::size_t k = 0; k < s.num_issues(); ++k) EXPECT_EQ(back.scenario.issues[k].status_quo, s.issues[k].status_quo);
    ASSERT_EQ(back.scenario.stances.size(), s.stances.size());
    for (std::size_t i = 0; i < s.stances.size(); ++i) {
      EXPECT_EQ(back.scenario.stances[i].position, s.stances[i].position);
      EXPECT_DOUBLE_EQ(back.scenario.stances[i].salience, s.stances[i].salience);
    }
    // The spec in the output loads the very same model, and rerunning reproduces the run.
    const Forecast again = load_model(back.model_spec)->forecast(back.scenario, RunOptions{back.seed, 1});
    EXPECT_EQ(again.history, r.forecast.history);
  }
}

TEST_P(Battery, OneAndTwoThreadsGiveIdenticalResults) {
  for (const Scenario& s : battery_inputs()) {
    SCOPED_TRACE(s.name);
    const Forecast a = run(GetParam(), s, 1), b = run(GetParam(), s, 2);
    EXPECT_EQ(a.history, b.history);
    EXPECT_EQ(a.outcome, b.outcome);
  }
}

TEST_P(Battery, SpecNamesEveryParameterAndReloads) {
  const auto model = load_model(GetParam());
  const auto again = load_model(model->spec());
  EXPECT_EQ(model->spec(), again->spec());
  EXPECT_EQ(ModelSpec::parse(model->spec()).args.size(), model->params().specs().size());
}

// Tests are named after the model (EveryModel/Battery.X/smp). Model names may hold '-',
// which gtest names may not.
std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(EveryModel, Battery, ::testing::ValuesIn(model_names()), test_name);

TEST(Registry, HasTheModelsUsersExpect) {
  const auto names = model_names();
  for (const char* expected : {"eu", "mean", "median", "smp"})
    EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
}

TEST(Registry, RejectsUnknownModelsAndParametersClearly) {
  EXPECT_THROW(load_model("nosuch"), SpecError);
  EXPECT_THROW(load_model("median(x=1)"), SpecError);
  EXPECT_THROW(load_model("mean("), SpecError);
  EXPECT_THROW(load_model(""), SpecError);
  try {
    load_model("nosuch");
  } catch (const SpecError& e) {
    EXPECT_NE(std::string(e.what()).find("median"), std::string::npos) << "lists the known models";
  }
}

TEST(ModelSpec, ParsesNameAndParameters) {
  const auto spec = ModelSpec::parse(" eu( variant = scholz , rounds=10 ) ");
  EXPECT_EQ(spec.name, "eu");
  ASSERT_EQ(spec.args.size(), 2u);
  EXPECT_EQ(spec.args.at("variant"), "scholz");
  EXPECT_EQ(spec.args.at("rounds"), "10");
  EXPECT_TRUE(ModelSpec::parse("smp()").args.empty());
  EXPECT_THROW(ModelSpec::parse("eu(rounds)"), SpecError);
  EXPECT_THROW(ModelSpec::parse("eu(a=1,a=2)"), SpecError);
  EXPECT_THROW(ModelSpec::parse("eu(a=1,,b=2)"), SpecError);
}

}  // namespace
}  // namespace entente
