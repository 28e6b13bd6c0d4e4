// The evidence files read back: the backtest's JSON round-trips through backtest_document
// field for field, a file that is not one is an InputError naming the file and the field, and
// a posterior file's marginals are its priors, summaries and draws.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <functional>
#include <ostream>

#include "evidence/evidence_io.h"
#include "io/files.h"
#include "output/document.h"
#include "support.h"

namespace entente::evidence {
namespace {

// A small backtest by hand: every kind of row the document writes (broke and held, with and
// without break years and hits, both fits and codings), numbers that are not short decimals.
BacktestResult hand_made() {
  BacktestResult r;
  CaseForecast broke;
  broke.name = "alpha";
  broke.broke = true;
  broke.year = 1980;
  broke.window_first = 1975;
  broke.window_last = 1983;
  broke.p_break = 0.1 + 0.2;
  broke.p_base = 1.0 / 3;
  broke.runs = 20;
  broke.breaks = 7;
  broke.year_median = 1979.5;
  broke.year_q05 = 1976.6;
  broke.year_q95 = 1982;
  broke.hit = true;
  CaseForecast held;
  held.name = "beta, \"quoted\"";
  held.fit = Fit::HeldOut;
  held.coding = Coding::Placebo;
  held.shuffle = 3;
  held.window_first = 1990;
  held.window_last = 2000;
  held.p_break = 1e-7;
  held.p_base = 0.05;
  held.runs = 20;
  r.forecasts = {broke, held};
  Score s;
  s.cases = 1;
  s.brier = 0.49;
  s.brier_base = 4.0 / 9;
  s.log_score = -1.2039728043259361;
  s.log_score_base = -1.0986122886681098;
  s.missed_break = 1;
  s.timing_error = 0.5;
  Score p;
  p.fit = Fit::HeldOut;
  p.coding = Coding::Placebo;
  p.cases = 1;
  p.true_held = 1;
  r.scores = {s, p};
  r.fits = {{"", 1.0042, 812.25, true}, {"alpha", 1.3, 45.5, false}};
  return r;
}

std::string document_json(const BacktestResult& r) { return output::render_json(backtest_document(r).json); }

TEST(ReadBacktest, ReadsBackWhatTheDocumentWritesFieldForField) {
  const BacktestResult r = hand_made();
  const std::string path = test::temp_file("backtest.json", document_json(r));
  const BacktestResult back = read_backtest(path);
  ASSERT_EQ(back.forecasts.size(), r.forecasts.size());
  for (std::size_t i = 0; i < r.forecasts.size(); ++i) {
    const CaseForecast &a = r.forecasts[i], &b = back.forecasts[i];
    EXPECT_EQ(b.name, a.name);
    EXPECT_EQ(b.file, "");  // not in the JSON
    EXPECT_EQ(b.fit, a.fit);
    EXPECT_EQ(b.coding, a.coding);
    EXPECT_EQ(b.shuffle, a.shuffle);
    EXPECT_EQ(b.broke, a.broke);
    EXPECT_EQ(b.year, a.year);
    EXPECT_EQ(b.window_first, a.window_first);
    EXPECT_EQ(b.window_last, a.window_last);
    EXPECT_EQ(b.p_break, a.p_break);  // exactly: the shortest round-trip text
    EXPECT_EQ(b.p_base, a.p_base);
    EXPECT_EQ(b.runs, a.runs);
    EXPECT_EQ(b.breaks, a.breaks);
    EXPECT_EQ(b.year_median, a.year_median);
    EXPECT_EQ(b.year_q05, a.year_q05);
    EXPECT_EQ(b.year_q95, a.year_q95);
    EXPECT_EQ(b.hit, a.hit);
  }
  ASSERT_EQ(back.scores.size(), r.scores.size());
  for (std::size_t i = 0; i < r.scores.size(); ++i) {
    const Score &a = r.scores[i], &b = back.scores[i];
    EXPECT_EQ(b.fit, a.fit);
    EXPECT_EQ(b.coding, a.coding);
    EXPECT_EQ(b.cases, a.cases);
    EXPECT_EQ(b.brier, a.brier);
    EXPECT_EQ(b.brier_base, a.brier_base);
    EXPECT_EQ(b.log_score, a.log_score);
    EXPECT_EQ(b.log_score_base, a.log_score_base);
    EXPECT_EQ(b.true_break, a.true_break);
    EXPECT_EQ(b.false_break, a.false_break);
    EXPECT_EQ(b.missed_break, a.missed_break);
    EXPECT_EQ(b.true_held, a.true_held);
    EXPECT_EQ(b.timing_error, a.timing_error);
  }
  ASSERT_EQ(back.fits.size(), r.fits.size());
  for (std::size_t i = 0; i < r.fits.size(); ++i) {
    EXPECT_EQ(back.fits[i].left_out, r.fits[i].left_out);
    EXPECT_EQ(back.fits[i].max_rhat, r.fits[i].max_rhat);
    EXPECT_EQ(back.fits[i].min_ess, r.fits[i].min_ess);
    EXPECT_EQ(back.fits[i].converged, r.fits[i].converged);
  }
  // Written again, the same bytes.
  EXPECT_EQ(document_json(back), document_json(r));
}

// A file that is not a backtest's JSON: its text, and the field the error names.
struct BadBacktest {
  std::string name;
  std::function<std::string()> text;
  std::string field;
};
void PrintTo(const BadBacktest& b, std::ostream* os) { *os << b.name; }

// The hand-made document with one change.
std::string changed(const std::function<void(nlohmann::json&)>& change) {
  nlohmann::json j = nlohmann::json::parse(document_json(hand_made()));
  change(j);
  return j.dump(1);
}

class ReadBadBacktest : public ::testing::TestWithParam<BadBacktest> {};

TEST_P(ReadBadBacktest, IsAnInputErrorNamingTheFileAndTheField) {
  const std::string path = test::temp_file("bad-backtest-" + GetParam().name + ".json", GetParam().text());
  try {
    read_backtest(path);
    FAIL() << "read a file that is not a backtest";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].file, path);
    EXPECT_EQ(e.diagnostics()[0].field, GetParam().field) << e.what();
    EXPECT_NE(std::string(e.what()).find("entente backtest -f json"), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Files, ReadBadBacktest,
    ::testing::Values(
        BadBacktest{"not_json", [] { return std::string("{\"cases\": [1, 2"); }, ""},
        BadBacktest{"an_array", [] { return std::string("[]"); }, ""},
        BadBacktest{"real_with_a_shuffle", [] { return changed([](nlohmann::json& j) { j["cases"][0]["shuffle"] = 2; }); },
                    "cases[0].shuffle"},
        BadBacktest{"placebo_without_one", [] { return changed([](nlohmann::json& j) { j["cases"][1]["shuffle"] = 0; }); },
                    "cases[1].shuffle"},
        BadBacktest{"no_scores", [] { return changed([](nlohmann::json& j) { j.erase("scores"); }); }, "scores"},
        BadBacktest{"cases_not_an_array", [] { return changed([](nlohmann::json& j) { j["cases"] = 3; }); }, "cases"},
        BadBacktest{"missing_p_break", [] { return changed([](nlohmann::json& j) { j["cases"][1].erase("p_break"); }); },
                    "cases[1].p_break"},
        BadBacktest{"p_break_a_string", [] { return changed([](nlohmann::json& j) { j["cases"][0]["p_break"] = "high"; }); },
                    "cases[0].p_break"},
        BadBacktest{"p_break_above_one", [] { return changed([](nlohmann::json& j) { j["cases"][0]["p_break"] = 1.5; }); },
                    "cases[0].p_break"},
        BadBacktest{"unknown_fit", [] { return changed([](nlohmann::json& j) { j["scores"][0]["fit"] = "both"; }); },
                    "scores[0].fit"},
        BadBacktest{"runs_not_whole", [] { return changed([](nlohmann::json& j) { j["cases"][0]["runs"] = 2.5; }); },
                    "cases[0].runs"},
        BadBacktest{"unknown_fit_row", [] { return changed([](nlohmann::json& j) { j["fits"][0]["fit"] = "some"; }); },
                    "fits[0].fit"}),
    [](const ::testing::TestParamInfo<BadBacktest>& info) { return info.param.name; });

TEST(ReadBacktest, NoSuchFileIsAnInputError) { EXPECT_THROW(read_backtest("/nonexistent/backtest.json"), InputError); }

// The shipped posterior: one marginal per name of its draws, each with the prior, summary and
// draws the file holds (read here independently with nlohmann).
TEST(ReadMarginals, AreThePosteriorFilesPriorsSummariesAndDraws) {
  const std::string path = std::string(ENTENTE_SOURCE_DIR) + "/data/posterior.json";
  const auto marginals = read_marginals(path);
  const auto j = nlohmann::json::parse(read_file(path));
  const auto& names = j.at("draws").at("names");
  ASSERT_EQ(marginals.size(), names.size());
  for (std::size_t k = 0; k < marginals.size(); ++k) {
    const Marginal& m = marginals[k];
    EXPECT_EQ(m.prior.name, names[k].get<std::string>());
    const auto& e = *std::find_if(j["parameters"].begin(), j["parameters"].end(),
                                  [&](const nlohmann::json& p) { return p["name"] == m.prior.name; });
    EXPECT_EQ(m.prior.min, e["prior"]["min"].get<double>());
    EXPECT_EQ(m.prior.max, e["prior"]["max"].get<double>());
    EXPECT_EQ(m.prior.shape == PriorShape::LogUniform, e["prior"]["shape"] == "log_uniform");
    EXPECT_EQ(m.summary.median, e["median"].get<double>());
    EXPECT_EQ(m.summary.q05, e["q05"].get<double>());
    EXPECT_EQ(m.summary.q95, e["q95"].get<double>());
    EXPECT_EQ(m.summary.ess, e["ess"].get<double>());
    ASSERT_EQ(m.draws.size(), j["draws"]["values"].size());
    for (std::size_t i = 0; i < m.draws.size(); i += 97) EXPECT_EQ(m.draws[i], j["draws"]["values"][i][k].get<double>());
  }
}

TEST(ReadMarginals, APosteriorWithoutAPriorIsAnInputError) {
  auto j = nlohmann::json::parse(read_file(std::string(ENTENTE_SOURCE_DIR) + "/data/posterior.json"));
  j["parameters"][2].erase("prior");
  const std::string path = test::temp_file("no-prior-posterior.json", j.dump());
  try {
    read_marginals(path);
    FAIL() << "read a posterior without a prior";
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics().at(0).file, path);
    EXPECT_EQ(e.diagnostics().at(0).field, "parameters[2].prior");
  }
  EXPECT_THROW(read_marginals(test::temp_file("not-a-posterior.json", "{}")), InputError);
}

}  // namespace
}  // namespace entente::evidence
