// The world data by COW code: values as the CSV rows give them (expected values typed from the
// rows quoted beside them), missing years reported with the file, state, series and years,
// explicit entries overriding the data, and a scenario naming states by code running end to end.
#include "io/world_data.h"

#include <gtest/gtest.h>

#include <cmath>
#include <thread>

#include "core/error.h"
#include "io/timeline_io.h"
#include "support.h"

namespace entente {
namespace {

using io::Missing;
using io::Series;

const std::string kSource = ENTENTE_SOURCE_DIR;
const std::filesystem::path kWorld = kSource + "/data/world";
const std::filesystem::path kFixture = kSource + "/tests/data/world-fixture";

// The message of the InputError `f` throws ("" when it throws none).
template <class F>
std::string input_error(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    std::string out;
    for (const auto& d : e.diagnostics()) out += d.to_string() + "\n";
    return out;
  }
  return "";
}

TEST(WorldSeries, CapabilityIsNmcCinc) {
  // nmc60_all.csv: "JPN,740,1960,454148,263,22138,92588,93216,38258,0.036334883,2021"
  EXPECT_DOUBLE_EQ(io::world_series(kWorld, 740, Series::capability, 1960, 1960)[0], 0.036334883);
  // "USA,2,1990,289755000,2180,89726,2798225,249907,64116,0.14125326,2021"
  EXPECT_DOUBLE_EQ(io::world_series(kWorld, 2, Series::capability, 1990, 1990)[0], 0.14125326);
  // "JPN,740,2016,…,0.032967471,2021": the last year of NMC 6.0
  EXPECT_DOUBLE_EQ(io::world_series(kWorld, 740, Series::capability, 2016, 2016)[0], 0.032967471);
}

TEST(WorldSeries, DemocracyIsVdemPolyarchy) {
  // democracy_all.csv: "740,1960,0.862,10,1.42108631022678"
  EXPECT_DOUBLE_EQ(io::world_series(kWorld, 740, Series::democracy, 1960, 1960)[0], 0.862);
  // "220,1944,0.092,-3,…", "220,1945,0.175,4,…"
  const auto france = io::world_series(kWorld, 220, Series::democracy, 1944, 1945);
  ASSERT_EQ(france.size(), 2u);
  EXPECT_DOUBLE_EQ(france[0], 0.092);
  EXPECT_DOUBLE_EQ(france[1], 0.175);
}

TEST(WorldSeries, GdpIsBackTransformedFromLogs) {
  // sdp_gdp_all.csv: "740,1960,27.088,18.316,26.901,8.771"; the file holds ln(x + 1)
  const double gdp = io::world_series(kWorld, 740, Series::gdp, 1960, 1960)[0];
  EXPECT_DOUBLE_EQ(gdp, std::exp(27.088) - 1);
  EXPECT_GT(gdp, 5e11);  // about 5.8e11 2011 USD
  EXPECT_LT(gdp, 6e11);
}

TEST(WorldSeries, IdealPointAndTroops) {
  // unga_ideal_points.csv: "740,Japan,JPN,18,1963,1.280018,0.9835415,1.579977"
  EXPECT_DOUBLE_EQ(io::world_series(kWorld, 740, Series::ideal_point, 1963, 1963)[0], 1.280018);
  // us_troops_all.csv: "Japan,740,JPN,1960,83462,NA,…" and "Japan,740,JPN,2010,46289,2515,…"
  EXPECT_DOUBLE_EQ(io::world_series(kWorld, 740, Series::us_troops, 1960, 1960)[0], 83462);
  EXPECT_DOUBLE_EQ(io::world_series(kWorld, 740, Series::us_troops, 2010, 2010)[0], 46289);
}

TEST(WorldSeries, YearsWithoutAValueAreAnErrorNamingFileStateSeriesAndYears) {
  // Japan is out of the state system 1946–1951 (NMC rows for 1945, then 1952).
  const std::string m = input_error([] { io::world_series(kWorld, 740, Series::capability, 1944, 1953); });
  EXPECT_NE(m.find("nmc60_all.csv"), std::string::npos) << m;
  EXPECT_NE(m.find("740 Japan (JPN)"), std::string::npos) << m;
  EXPECT_NE(m.find("capability"), std::string::npos) << m;
  EXPECT_NE(m.find("1946–1951"), std::string::npos) << m;
  EXPECT_EQ(m.find("1945"), std::string::npos) << m;  // 1944, 1945, 1952 and 1953 have values
}

TEST(WorldSeries, YearsBeyondTheSourceAreMissing) {
  EXPECT_NE(input_error([] { io::world_series(kWorld, 740, Series::capability, 2015, 2018); }).find("2017–2018"),
            std::string::npos);  // NMC 6.0 ends in 2016
  EXPECT_NE(input_error([] { io::world_series(kWorld, 740, Series::democracy, 2019, 2020); }).find("in 2020"),
            std::string::npos);  // "740,2020,,,": no polyarchy after 2019
  EXPECT_NE(input_error([] { io::world_series(kWorld, 740, Series::gdp, 2016, 2016); }).find("2016"),
            std::string::npos);  // "740,2016,,,,"
  // Session 19 (1964) is absent from the UN voting file.
  EXPECT_NE(input_error([] { io::world_series(kWorld, 2, Series::ideal_point, 1963, 1965); }).find("in 1964"),
            std::string::npos);
}

TEST(WorldSeries, RulesFillGapsAndSayWhich) {
  // carry: 1946–1951 take the 1945 value; interpolate: a straight line from 1945 to 1952.
  const auto carried = io::fill_years(io::world_values(kWorld, 740, Series::capability), 1945, 1952, Missing::carry);
  EXPECT_EQ(carried.filled, (std::vector<int>{1946, 1947, 1948, 1949, 1950, 1951}));
  EXPECT_TRUE(carried.missing.empty());
  EXPECT_DOUBLE_EQ(carried.values[3], 0.052876092);
  const auto line = io::fill_years(io::world_values(kWorld, 740, Series::capability), 1945, 1952, Missing::interpolate);
  EXPECT_DOUBLE_EQ(line.values[1], 0.052876092 + (0.029540982 - 0.052876092) / 7);
  // Nothing to carry from before the first value, nothing to interpolate to after the last.
  EXPECT_EQ(io::fill_years(io::world_values(kWorld, 740, Series::ideal_point), 1954, 1956, Missing::carry).missing,
            (std::vector<int>{1954, 1955}));
  EXPECT_EQ(io::fill_years(io::world_values(kWorld, 740, Series::capability), 2016, 2017, Missing::interpolate).missing,
            (std::vector<int>{2017}));
}

TEST(WorldSeries, SourceMissingCodesAreGaps) {
  // The fixture: "AAA,1,2001,-9" (NMC), "1,2001," (democracy), "Beeland,5,2001,NA" (troops).
  for (const auto& [code, s] : {std::pair{1, Series::capability}, {1, Series::democracy}, {5, Series::us_troops}}) {
    SCOPED_TRACE(std::string(io::info(s).name));
    EXPECT_NE(input_error([&] { io::world_series(kFixture, code, s, 2000, 2002); }).find("in 2001"), std::string::npos);
  }
  EXPECT_EQ(io::world_series(kFixture, 5, Series::us_troops, 2000, 2002, Missing::interpolate),
            (std::vector<double>{100, 200, 300}));
  EXPECT_EQ(io::world_series(kFixture, 1, Series::capability, 2000, 2002, Missing::carry),
            (std::vector<double>{0.5, 0.5, 0.7}));
}

TEST(WorldSeries, UnknownCodeSuggestsTheNearestState) {
  // A code one keystroke from several: the numerically nearest (741 → 740, not 731 or 751).
  const std::string m = input_error([] { io::world_state(kWorld, 741); });
  EXPECT_NE(m.find("no state has COW code 741"), std::string::npos) << m;
  EXPECT_NE(m.find("did you mean 740 Japan (JPN)?"), std::string::npos) << m;
  EXPECT_EQ(io::state_hint(kWorld, "JPN"), " (did you mean 740 Japan (JPN)?)");
  EXPECT_EQ(io::state_hint(kWorld, "Japn"), " (did you mean 740 Japan (JPN)?)");
  EXPECT_NE(input_error([] { io::world_series(kWorld, 7400, Series::gdp, 2000, 2000); }).find("7400"), std::string::npos);
}

TEST(WorldSeries, EachFileIsReadOncePerProcessFromAnyThread) {
  const auto first = io::world_table(kWorld / "democracy_all.csv");
  std::vector<std::shared_ptr<const io::WorldTable>> seen(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < seen.size(); ++i)
    threads.emplace_back([&seen, i] { seen[i] = io::world_table(kWorld / "." / "democracy_all.csv"); });
  for (auto& t : threads) t.join();
  for (const auto& s : seen) EXPECT_EQ(s.get(), first.get());
}

TEST(WorldSeries, MissingFileOrFolderIsAnInputError) {
  EXPECT_NE(input_error([] { io::world_table(kFixture / "atop51_ddy_all.csv"); }).find("cannot read the world data file"),
            std::string::npos);
  const std::string lone = test::temp_file("lone.yaml", "");
  EXPECT_NE(input_error([&] { io::world_root(lone, ""); }).find("world: {data: PATH}"), std::string::npos);
  EXPECT_NE(input_error([&] { io::world_root(lone, "no-such-folder"); }).find("does not exist"), std::string::npos);
  EXPECT_EQ(io::world_root(kSource + "/scenarios/cases/x.yaml", ""), kWorld);  // found above the file
}

TEST(WorldSeries, YearRunsCompress) {
  EXPECT_EQ(io::year_runs({1943, 1944, 1945, 1950, 1952, 1953}), "1943–1945, 1950, 1952–1953");
  EXPECT_EQ(io::year_runs({}), "");
}

// ---------------------------------------------------------------------- in a scenario

// US (2), Japan (740) and the USSR (365) from `start` to `end`; `japan` is Japan's entry after
// its name, `alliance` extra keys of the alliance, `top` extra keys of `world:`.
std::string scenario(int start, int end, const std::string& japan = "cow: 740", const std::string& alliance = "",
                     const std::string& top = "") {
  return "name: cow\ntime: {start: " + std::to_string(start) + ", end: " + std::to_string(end) + "}\n" +
         "world: {data: '" + kWorld.string() + "'" + top + "}\n" + R"(actors:
  - {name: US, cow: 2}
  - {name: Japan, )" + japan + R"(}
  - {name: USSR, cow: 365}
issues:
  - name: strategy
    role: strategy
    owner: Japan
    stances:
      US: {position: 40, salience: 60}
      Japan: {position: 70, salience: 60}
      USSR: {position: 90, salience: 50}
alliance:
  patron: US
  client: Japan
  adversary: USSR
  umbrella: 1
  leadership: {strategy: 0.3}
  publics: {US: {anchor: 0.6}, Japan: {anchor: 0.7}}
)" + alliance;
}

sim::TimeScenario read(const std::string& text) { return read_timeline(text, test::temp_file("cow.yaml", text)); }

TEST(WorldScenario, CodesLoadEverySeries) {
  const sim::TimeScenario t = read(scenario(1959, 1960));
  ASSERT_EQ(t.cow, (std::vector<int>{2, 740, 365}));
  // nmc60_all.csv "JPN,740,1960,…,0.036334883,2021"; democracy_all.csv "740,1960,0.862,…"
  EXPECT_DOUBLE_EQ(t.capability[1][1], 0.036334883);
  EXPECT_DOUBLE_EQ(t.democracy[1][1], 0.862);
  EXPECT_DOUBLE_EQ(t.gdp[1][1], std::exp(27.088) - 1);
  // unga_ideal_points.csv "740,Japan,JPN,15,1960,1.073171,…"
  EXPECT_DOUBLE_EQ(t.ideal_point[1][1], 1.073171);
  // With a US patron the client's hosted troops load by default: "Japan,740,JPN,1960,83462,…"
  EXPECT_DOUBLE_EQ(t.troops[1], 83462);
  EXPECT_TRUE(t.notes.empty());
}

TEST(WorldScenario, ExplicitEntriesOverrideTheData) {
  const sim::TimeScenario t = read(scenario(1959, 1960, "cow: 740, capability: 0.05, democracy: 0.5", "  troops: 1000\n"));
  EXPECT_EQ(t.capability[1], (std::vector<double>{0.05, 0.05}));
  EXPECT_EQ(t.democracy[1], (std::vector<double>{0.5, 0.5}));
  EXPECT_EQ(t.troops, (std::vector<double>{1000, 1000}));
  // "USA,2,1960,…,0.21544383,2021": the US's capability still from the data
  EXPECT_DOUBLE_EQ(t.capability[0][1], 0.21544383);
  EXPECT_DOUBLE_EQ(t.ideal_point[1][1], 1.073171);
}

TEST(WorldScenario, MissingYearsAreReportedAtTheStatesLine) {
  // Japan has no UN ideal point before it joined (1956); NMC 6.0 lacks it 1946–1951.
  const std::string text = scenario(1950, 1957);
  const std::string m = input_error([&] { read(text); });
  EXPECT_NE(m.find("actors.Japan.ideal_point: no ideal_point of 740 Japan (JPN)"), std::string::npos) << m;
  EXPECT_NE(m.find("unga_ideal_points.csv) in 1950–1955"), std::string::npos) << m;
  EXPECT_NE(m.find("actors.Japan.capability: no capability of 740 Japan (JPN)"), std::string::npos) << m;
  EXPECT_NE(m.find("in 1950–1951"), std::string::npos) << m;
  EXPECT_NE(m.find("cow.yaml:6:"), std::string::npos) << m;  // Japan's line
}

TEST(WorldScenario, RulesFillGapsWithANote) {
  // The 1964 session is missing from the UN file: interpolated for every state, noted.
  const sim::TimeScenario t = read(scenario(1963, 1965, "cow: 740", "", ", missing: {ideal_point: interpolate}"));
  ASSERT_EQ(t.notes.size(), 3u);
  EXPECT_NE(t.notes[1].message.find("740 Japan (JPN)"), std::string::npos);
  EXPECT_NE(t.notes[1].message.find("in 1964; filled by missing: interpolate"), std::string::npos) << t.notes[1].message;
  // "740,…,1963,1.280018,…" and "740,…,1965,1.140655,…"
  EXPECT_DOUBLE_EQ(t.ideal_point[1][1], (1.280018 + 1.140655) / 2);
  // A state's own rule wins over the scenario's.
  const sim::TimeScenario own = read(scenario(1963, 1965, "cow: {code: 740, missing: carry}", "", ", missing: interpolate"));
  EXPECT_DOUBLE_EQ(own.ideal_point[1][1], 1.280018);
}

TEST(WorldScenario, BadCodesAndRulesAreInputErrors) {
  std::string m = input_error([] { read(scenario(1959, 1960, "cow: 741")); });
  EXPECT_NE(m.find("actors.Japan.cow: no state has COW code 741"), std::string::npos) << m;
  EXPECT_NE(m.find("did you mean 740 Japan (JPN)?"), std::string::npos) << m;
  m = input_error([] { read(scenario(1959, 1960, "cow: JPN")); });
  EXPECT_NE(m.find("expected a COW state code (a whole number), found 'JPN' (did you mean 740 Japan (JPN)?)"),
            std::string::npos) << m;
  m = input_error([] { read(scenario(1959, 1960, "cow: 740", "", ", missing: cary")); });
  EXPECT_NE(m.find("world.missing: expected error, carry, interpolate (did you mean 'carry'?)"), std::string::npos) << m;
  m = input_error([] { read(scenario(1959, 1960, "cow: 740", "", ", missing: {idealpoint: carry}")); });
  EXPECT_NE(m.find("world.missing.idealpoint: unknown series"), std::string::npos) << m;
}

TEST(WorldScenario, RunsEndToEndFromTheCli) {
  const std::string file = "'" + kSource + "/tests/data/cow/us-japan.yaml'";
  auto r = test::run_cli("validate " + file);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("valid — 3 actors, 0 factions, 1 issues, 1957–1962"), std::string::npos) << r.output;
  r = test::run_cli("run " + file + " --format csv");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("\n1962,"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace entente
