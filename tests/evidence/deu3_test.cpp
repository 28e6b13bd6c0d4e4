// The DEU III benchmark: the published figures of the compromise model and the weighted
// median, errors worked out by hand on a small table, refusals recorded with their reason,
// and the same result on any number of threads.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "evidence/deu3.h"
#include "support.h"

namespace entente {
namespace {

const std::string kDeu3 = std::string(ENTENTE_REFERENCE_DIR) + "/deu3/deu3.tsv";

const evidence::Deu3Score& score_of(const evidence::Deu3Benchmark& b, const std::string& asked) {
  for (const auto& s : b.scores)
    if (s.asked == asked) return s;
  throw std::logic_error("no score for " + asked);
}

TEST(Deu3Benchmark, ReproducesThePublishedBaselines) {
  // The figures of the dataset's README (weights capability × salience, missing salience 0,
  // missing positions skipped): 353 issues, mean 23.22, median 27.58 (two decimals).
  const Deu3Data data = load_deu3(kDeu3);
  const auto b = evidence::benchmark_deu3(data, {"mean", "median"}, {.threads = 2});
  EXPECT_EQ(b.used.size(), 353u);
  EXPECT_EQ(b.unusable, 0u);
  const auto& mean = score_of(b, "mean");
  const auto& median = score_of(b, "median");
  EXPECT_EQ(mean.scored.issues, 353u);
  EXPECT_EQ(mean.failed, 0u);
  EXPECT_NEAR(mean.scored.mean, 23.22, 0.005);
  EXPECT_NEAR(median.scored.mean, 27.58, 0.005);
}

TEST(Deu3Benchmark, ModelsThatNeedThreeActorsReportTheTwoActorIssues) {
  const Deu3Data data = load_deu3(kDeu3);
  const auto b = evidence::benchmark_deu3(data, {"smp", "mean"}, {.threads = 2});
  ASSERT_EQ(b.two_actor.size(), 2u);  // the dataset's two issues with two weighted actors
  const auto& smp = score_of(b, "smp");
  EXPECT_EQ(smp.two_actor_failed, 2u);
  EXPECT_EQ(smp.failed, 2u);
  ASSERT_EQ(smp.failures.size(), 1u);
  EXPECT_NE(smp.failures[0].first.find("3 to 250 actors"), std::string::npos) << smp.failures[0].first;
  EXPECT_EQ(score_of(b, "mean").two_actor_forecast, 2u);
  EXPECT_EQ(b.common, 351u);
}

// Two issues by hand. Capabilities COM 1, EP 1, AT 2.
//  i1: COM 0 (s 50), EP 100 (s 50), AT 100 (s 25): weights .5, .5, .5 → mean 66.67, median 100;
//      outcome 70 → errors 3.33 and 30.
//  i2: COM 20 (s 100), EP 40 (s 100), AT no position: weights 1, 1 → mean 30, median 20;
//      outcome 40 → errors 10 and 20. No reference point: nbs refuses it.
//  i3 has no outcome and is not scored.
const std::string kSmall =
    "isnr\tprname\tproc\tcounvte\tpcom\tpep\tpat\tscom\tsep\tsat\trp\tout\n"
    "\t\t\t\t1\t1\t2\t\t\t\t\t\n"
    "i1\ta\tCOD\tQMV\t0\t100\t100\t50\t50\t25\t0\t70\n"
    "i2\tb\tCNS\tunan\t20\t40\t\t100\t100\t\t\t40\n"
    "i3\tc\tCOD\tQMV\t20\t40\t60\t100\t100\t100\t0\t\n";

TEST(Deu3Benchmark, ErrorsOfASmallTableWorkedOutByHand) {
  const Deu3Data data = read_deu3(kSmall, "small.tsv");
  const auto b = evidence::benchmark_deu3(data, {"mean", "median", "nbs"}, {});
  EXPECT_EQ(b.rows, 3u);
  EXPECT_EQ(b.used, (std::vector<std::size_t>{0, 1}));
  const auto& mean = score_of(b, "mean");
  EXPECT_NEAR(mean.scored.mean, (10.0 / 3 + 10) / 2, 1e-9);
  EXPECT_NEAR(mean.scored.median, (10.0 / 3 + 10) / 2, 1e-9);  // the middle of two
  EXPECT_DOUBLE_EQ(mean.scored.within_10, 1.0);                 // 10 itself counts as within
  const auto& median = score_of(b, "median");
  EXPECT_NEAR(median.scored.mean, 25, 1e-9);
  EXPECT_DOUBLE_EQ(median.scored.within_10, 0.0);
  const auto& nbs = score_of(b, "nbs");
  EXPECT_EQ(nbs.scored.issues, 1u);
  EXPECT_EQ(nbs.failed, 1u);
  ASSERT_EQ(nbs.failures.size(), 1u);
  EXPECT_NE(nbs.failures[0].first.find("status quo"), std::string::npos);
  EXPECT_FALSE(b.forecasts[2][1].forecast.has_value());
  // Only i1 is forecast by every model: the common comparison is over it alone.
  EXPECT_EQ(b.common, 1u);
  EXPECT_EQ(mean.common.issues, 1u);
  EXPECT_NEAR(mean.common.mean, 10.0 / 3, 1e-9);
}

TEST(Deu3Benchmark, OneAndTwoThreadsGiveTheSameResult) {
  const Deu3Data data = load_deu3(kDeu3);
  const std::vector<std::string> specs = {"median", "eu(variant=scholz)", "nbs"};
  const auto one = evidence::benchmark_deu3(data, specs, {.threads = 1});
  const auto two = evidence::benchmark_deu3(data, specs, {.threads = 2});
  EXPECT_EQ(evidence::write_deu3(data, one, output::Format::Csv), evidence::write_deu3(data, two, output::Format::Csv));
}

TEST(Deu3Benchmark, ABadSpecFailsBeforeAnyWork) {
  const Deu3Data data = read_deu3(kSmall, "small.tsv");
  EXPECT_THROW(evidence::benchmark_deu3(data, {"mean", "nosuch"}, {}), SpecError);
}

TEST(Deu3Benchmark, ATableWithoutOutcomesIsAnInputError) {
  const Deu3Data data = read_deu3(
      "isnr\tprname\tproc\tcounvte\tpcom\tpep\tscom\tsep\trp\tout\n\t\t\t\t1\t1\t\t\t\t\n"
      "i1\ta\tCOD\tQMV\t0\t100\t50\t50\t0\t\n",
      "none.tsv");
  EXPECT_THROW(evidence::benchmark_deu3(data, {"mean"}, {}), InputError);
}

TEST(Deu3Cli, CsvHasOneRowPerModelAndIssue) {
  const std::string file = test::temp_file("small-deu3.tsv", kSmall);
  const auto r = test::run_cli("benchmark deu3 '" + file + "' -m mean -m nbs --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::istringstream lines(r.output);
  std::string header, line;
  std::getline(lines, header);
  EXPECT_EQ(header, "issue,proposal,procedure,voting,actors,status_quo,outcome,model,forecast,error,failure");
  std::vector<std::string> rows;
  while (std::getline(lines, line)) rows.push_back(line);
  ASSERT_EQ(rows.size(), 4u);  // 2 models × 2 issues with an outcome
  EXPECT_EQ(rows[0].rfind("i1,a,COD,QMV,3,0,70,mean,", 0), 0u) << rows[0];
  EXPECT_NE(rows[3].find("status quo"), std::string::npos) << rows[3];
}

TEST(Deu3Cli, TheSummaryNamesEveryModelAndItsRefusals) {
  const std::string file = test::temp_file("small-deu3-summary.tsv", kSmall);
  const auto r = test::run_cli("benchmark deu3 '" + file + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* model : {"eu", "mean", "median", "nbs", "smp"}) EXPECT_NE(r.output.find(model), std::string::npos) << model;
  EXPECT_NE(r.output.find("Refusals:"), std::string::npos) << r.output;
}

TEST(Deu3Cli, AMalformedTableExitsThreeAndABadModelTwo) {
  const std::string bad = test::temp_file("bad-deu3.tsv", "isnr\tpcom\n");
  const auto input = test::run_cli("benchmark deu3 '" + bad + "'");
  EXPECT_EQ(input.exit_code, 3) << input.output;
  EXPECT_NE(input.output.find("bad-deu3.tsv"), std::string::npos) << input.output;
  const std::string good = test::temp_file("good-deu3.tsv", kSmall);
  const auto usage = test::run_cli("benchmark deu3 '" + good + "' -m nosuch");
  EXPECT_EQ(usage.exit_code, 2) << usage.output;
}

}  // namespace
}  // namespace entente
