// The model registry (src/bargaining/registry.cpp): a name is taken once, a malformed
// parameter spec is refused, and every enum-valued parameter parses through the table its
// choices come from, with defaults that are the models' own Settings defaults.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "bargaining/eu.h"
#include "bargaining/model.h"
#include "bargaining/smp.h"

namespace entente {
namespace {

using Kind = ParamSpec::Kind;

class Nothing final : public BargainingModel {
 public:
  using BargainingModel::BargainingModel;
  Forecast forecast(const Scenario&, const RunOptions&) const override { return {}; }
};

ModelInfo test_model(std::string name, std::vector<ParamSpec> params = {}) {
  return ModelInfo{.name = std::move(name),
                   .summary = "test only: never left in the registry",
                   .citation = "none",
                   .params = std::move(params),
                   .make = [](const Params& p) { return std::make_unique<Nothing>(p); }};
}

const ModelInfo* find_model(const std::string& name) {
  for (const ModelInfo* m : registered_models())
    if (m->name == name) return m;
  return nullptr;
}

TEST(Registry, RefusesASecondModelUnderATakenName) {
  const std::size_t before = registered_models().size();
  const std::string summary = find_model("median")->summary;
  try {
    register_model(test_model("median"));
    ADD_FAILURE() << "a duplicate was accepted";
  } catch (const std::logic_error& e) {
    EXPECT_NE(std::string(e.what()).find("'median' is already registered"), std::string::npos) << e.what();
  }
  // The first registration stands, and nothing was added.
  EXPECT_EQ(registered_models().size(), before);
  EXPECT_EQ(find_model("median")->summary, summary);
  EXPECT_EQ(load_model("median")->spec(), "median");
}

TEST(RegistryDeathTest, TheStaticRegistrarAbortsOnADuplicateWithTheReason) {
  // What ENTENTE_REGISTER_MODEL runs at start-up; here in a child process, so the registry
  // of this one is untouched.
  EXPECT_DEATH(register_model_or_abort(test_model("smp")), "entente: register_model: a model named 'smp' is already registered");
  EXPECT_NE(find_model("smp")->summary, test_model("smp").summary);
}

TEST(Registry, RefusesMalformedModelsAndLeavesNoTrace) {
  const std::size_t before = registered_models().size();
  const ParamSpec rounds{.name = "rounds", .kind = Kind::Integer, .default_value = "10", .min = 1, .max = 100};
  EXPECT_THROW(register_model(test_model("")), std::logic_error);
  EXPECT_THROW(register_model(test_model("Upper")), std::logic_error);
  EXPECT_THROW(register_model(test_model("with space")), std::logic_error);
  EXPECT_THROW(register_model(test_model("test-twice", {rounds, rounds})), std::logic_error);
  EXPECT_THROW(register_model(test_model("test-range", {{.name = "rounds",
                                                         .kind = Kind::Integer,
                                                         .default_value = "1000",
                                                         .min = 1,
                                                         .max = 100}})),
               std::logic_error);
  EXPECT_THROW(register_model(test_model("test-choice", {{.name = "rule",
                                                          .kind = Kind::Choice,
                                                          .default_value = "c",
                                                          .choices = {"a", "b"}}})),
               std::logic_error);
  EXPECT_THROW(register_model(test_model("test-upper-choice", {{.name = "rule",
                                                                .kind = Kind::Choice,
                                                                .default_value = "a",
                                                                .choices = {"a", "B"}}})),
               std::logic_error);
  EXPECT_THROW(register_model(test_model("test-no-choices", {{.name = "rule", .kind = Kind::Choice}})),
               std::logic_error);
  ModelInfo no_factory = test_model("test-no-factory");
  no_factory.make = nullptr;
  EXPECT_THROW(register_model(no_factory), std::logic_error);
  EXPECT_EQ(registered_models().size(), before);
}

// Every value of every Choice parameter, loaded, must come out of settings_from as the very
// member the parameter's table names it by, e.g. "smp(voting=cubic)" → VotingRule::Cubic.
template <class E, std::size_t N>
void expect_round_trip(const std::string& model, const std::string& param, const EnumTable<E, N>& table,
                       E (*member)(const Params&)) {
  const ModelInfo* info = find_model(model);
  ASSERT_NE(info, nullptr);
  const ParamSpec* spec = nullptr;
  for (const ParamSpec& p : info->params)
    if (p.name == param) spec = &p;
  ASSERT_NE(spec, nullptr) << model << "." << param;
  EXPECT_EQ(spec->choices, table.names()) << model << "." << param;
  for (const auto& row : table.rows()) {
    const auto loaded = load_model(model + "(" + param + "=" + std::string(row.name) + ")");
    EXPECT_EQ(member(loaded->params()), row.value) << model << "." << param << " = " << row.name;
  }
}

TEST(Registry, SmpChoicesParseThroughTheirOwnTables) {
  using smp::settings_from;
  expect_round_trip<smp::VictoryModel>("smp", "victory", smp::kVictoryModels,
                                       [](const Params& p) { return settings_from(p).victory; });
  expect_round_trip<smp::PceModel>("smp", "pce", smp::kPceModels, [](const Params& p) { return settings_from(p).pce; });
  expect_round_trip<smp::Transitions>("smp", "transitions", smp::kTransitions,
                                      [](const Params& p) { return settings_from(p).transitions; });
  expect_round_trip<smp::VotingRule>("smp", "voting", smp::kVotingRules,
                                     [](const Params& p) { return settings_from(p).voting; });
  expect_round_trip<smp::RiskAdjust>("smp", "risk_adjust", smp::kRiskAdjusts,
                                     [](const Params& p) { return settings_from(p).risk_adjust; });
  expect_round_trip<smp::RiskRange>("smp", "risk_range", smp::kRiskRanges,
                                    [](const Params& p) { return settings_from(p).risk_range; });
  expect_round_trip<smp::Commit>("smp", "commit", smp::kCommits, [](const Params& p) { return settings_from(p).commit; });
  expect_round_trip<smp::Interp>("smp", "interp", smp::kInterps, [](const Params& p) { return settings_from(p).interp; });
  expect_round_trip<smp::Bargain>("smp", "bargain", smp::kBargains,
                                  [](const Params& p) { return settings_from(p).bargain; });
}

TEST(Registry, EuVariantParsesThroughItsTable) {
  expect_round_trip<eu::Variant>("eu", "variant", eu::kVariants,
                                 [](const Params& p) { return eu::settings_from(p).variant; });
}

TEST(Registry, DeclaredDefaultsAreTheModelsOwnDefaults) {
  // The spec's defaults (what `entente models` shows) and the Settings structs' defaults (what
  // the library and the reference tests use) are written apart; they must agree.
  EXPECT_EQ(smp::settings_from(load_model("smp")->params()), smp::Settings{});
  EXPECT_EQ(eu::settings_from(load_model("eu")->params()), eu::Settings{});
}

TEST(Registry, EveryChoiceParameterOfEveryModelHasChoicesAndHelp) {
  for (const ModelInfo* info : registered_models())
    for (const ParamSpec& p : info->params) {
      EXPECT_FALSE(p.help.empty()) << info->name << "." << p.name;
      if (p.kind == Kind::Choice) {
        EXPECT_FALSE(p.choices.empty()) << info->name << "." << p.name;
      }
    }
}

}  // namespace
}  // namespace entente
