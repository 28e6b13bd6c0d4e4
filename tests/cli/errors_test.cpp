// Every mistake a user can make on the command line ends in exit 2 (usage: a bad option,
// window, series, policy, model or output path) or 3 (input: a missing, unreadable or invalid
// file or database), never 1 (internal), with the problem named on standard error.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <map>
#include <ostream>
#include <string>

#include "support.h"

namespace entente {
namespace {

namespace fs = std::filesystem;

struct BadCall {
  const char* name;     // the test's name
  const char* args;     // {KEY} stands for a file the suite writes (see Files())
  int exit_code;        // 2 or 3
  const char* names;    // what standard error must say
};

void PrintTo(const BadCall& c, std::ostream* os) { *os << c.name << ": entente " << c.args; }

std::string quoted(const std::string& path) { return "'" + path + "'"; }

// A time-stepped scenario with one claim, whose term `x` is given.
std::string claim_scenario(const std::string& term) {
  return std::string("name: claims\ntime: {start: 2000, end: 2006}\n") + test::kOneIssueAlliance +
         "events:\n"
         "  - {name: lead, date: 2003, tags: [role], source: t, set: [{leadership: {issue: strategy, share: 0.8}}]}\n"
         "claims:\n"
         "  - id: c\n"
         "    text: a claim\n"
         "    let:\n"
         "      x: " + term + "\n"
         "    holds: \"x > 0\"\n";
}

// The line of "- id: c" in claim_scenario().
int claim_line() {
  const std::string text = claim_scenario("{series: strain, year: 2003}");
  const auto at = text.find("  - id: c");
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

// This suite's scratch folder.
fs::path scratch() { return fs::path(test::temp_file("errors-anchor", "")).parent_path() / "errors"; }

// The files the calls name, written once; keys as in BadCall::args.
const std::map<std::string, std::string>& Files() {
  static const std::map<std::string, std::string> files = [] {
    const std::string src = ENTENTE_SOURCE_DIR;
    const fs::path tmp = scratch();
    fs::create_directories(tmp);
    std::map<std::string, std::string> f;
    f["K"] = quoted(src + "/scenarios/korea.yaml");
    f["K03"] = quoted(src + "/scenarios/korea-2003.yaml");
    f["EC"] = quoted(std::string(ENTENTE_REFERENCE_DIR) + "/eu/ec-emissions.csv");
    f["TMP"] = quoted(tmp.string());
    f["MISSING"] = quoted((tmp / "missing").string());  // a folder that does not exist
    f["PLAIN"] = quoted(test::temp_file("errors-plain.yaml", std::string("name: plain\ntime: {start: 2000, end: 2006}\n") +
                                                                 test::kOneIssueAlliance));
    f["BADCSV"] = quoted(test::temp_file("errors-bad.csv", "actor,capability,position,salience\na,1,x,50\n"));
    f["CL_SERIES"] = quoted(test::temp_file("errors-series.yaml", claim_scenario("{series: strian, year: 2003}")));
    f["CL_YEAR"] = quoted(test::temp_file("errors-year.yaml", claim_scenario("{series: strain, year: 1990}")));
    f["CL_GROUP"] = quoted(test::temp_file("errors-group.yaml",
                                           claim_scenario("{shapley: rol, series: strain, from: 2002, to: 2005}")));
    f["DB"] = quoted((tmp / "results.db").string());
    fs::remove(tmp / "results.db");
    const auto recorded = test::run_cli("run " + f["PLAIN"] + " --db " + f["DB"]);
    EXPECT_EQ(recorded.exit_code, 0) << recorded.output;
    return f;
  }();
  return files;
}

std::string expand(std::string text) {
  for (const auto& [key, value] : Files())
    for (std::size_t at; (at = text.find("{" + key + "}")) != std::string::npos;)
      text.replace(at, key.size() + 2, value);
  return text;
}

// Runs the CLI keeping standard error apart from the results on standard output.
test::CliResult run_for_stderr(const std::string& args) {
  test::CliResult r;
  const std::string command = std::string(ENTENTE_CLI) + " " + args + " 2>&1 >/dev/null";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buffer{};
  for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) r.output.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

const BadCall kUsage[] = {
    {"NoCommand", "", 2, "subcommand"},
    {"UnknownCommand", "nosuchcommand", 2, "no command 'nosuchcommand'"},
    {"MisspeltCommand", "-q explian {K}", 2, "did you mean 'explain'?"},
    {"MissingFileArgument", "run", 2, "file is required"},
    {"BadFormat", "run {K} --format xml", 2, "xml"},
    {"BadFormatOfForecast", "forecast {EC} --format xml", 2, "xml"},
    {"BadFormatOfSeries", "series {K} --format xml", 2, "xml"},
    {"ThreadsOutOfRange", "run {K} --threads 0", 2, "--threads"},
    {"RunsNotANumber", "claims {K} --runs abc", 2, "--runs"},
    {"UnknownModel", "run {K} --model nosuch", 2, "unknown model 'nosuch'"},
    {"UnknownModelParameter", "forecast {EC} --model 'median(bogus=1)'", 2, "bogus"},
    {"ToBeforeStart", "run {K} --to 1900", 2, "--to 1900"},
    {"ToPastHorizon", "run {K} --to 2100", 2, "horizon"},
    {"FromAfterTo", "run {K} --from 2020", 2, "--from 2020"},
    {"FromBeforeStart", "run {K} --from 1900", 2, "--from 1900"},
    {"ExplainWindowBeforeStart", "explain {K} --from 1950 --to 2003", 2, "--from 1950"},
    {"ExplainWindowReversed", "explain {K} --from 2003 --to 1992", 2, "--from 2003"},
    {"ExplainWindowPastHorizon", "explain {K} --from 1992 --to 2100", 2, "horizon"},
    {"ExplainUnknownSeries", "explain {K} --from 1992 --to 2003 --series strian", 2, "did you mean 'strain'?"},
    {"ExplainBadGroup", "explain {K} --from 1992 --to 2003 --groups =x", 2, "--groups"},
    {"ExplainTooManyGroups", "explain {K} --from 1992 --to 2003 --groups a b c d e f g h i j k l m", 2, "at most 12"},
    {"CompareUnknownPolicy", "compare {K} --policies no-incidnet", 2, "did you mean 'no-incident'?"},
    {"CompareUnknownSeries", "compare {K} --policies status-quo --series publc_support.US", 2,
     "did you mean 'public_support.US'?"},
    {"CompareFromAfterTo", "compare {K} --policies status-quo --from 2010 --to 2005", 2, "--from 2010"},
    {"ClaimsWithoutClaims", "claims {PLAIN}", 2, "states no claims"},
    {"OutputInAMissingFolder", "run {K} --output {MISSING}/run.txt", 2, "no folder"},
    {"OutputIsAFolder", "run {K} --output {TMP}", 2, "is a folder"},
    {"ForecastOutputInAMissingFolder", "forecast {EC} --output {MISSING}/forecast.json", 2, "no folder"},
    {"SweepUnknownPolicy", "sweep {K} --runs 2 --policies nope --output {MISSING}/sweep", 2, "no policy 'nope'"},
    {"SweepPastHorizon", "sweep {K} --runs 2 --to 2100 --output {MISSING}/sweep", 2, "horizon"},
    {"ReportWindowOfAOneYearScenario", "report {K03} --from 1995 --output {MISSING}/r.html", 2, "time-stepped"},
    {"ReportWithoutOutput", "report {K}", 2, "--output"},
    {"ExportUnknownTable", "export --db {DB} --table nosuch", 2, "nosuch"},
};

const BadCall kInput[] = {
    {"MissingScenario", "run {MISSING}/none.yaml", 3, "none.yaml: no such file"},
    {"MissingForecastFile", "forecast {MISSING}/none.csv", 3, "none.csv: no such file"},
    {"MissingSeriesFile", "series {MISSING}/none.yaml", 3, "none.yaml: no such file"},
    {"FolderAsScenario", "validate {TMP}", 3, "is a folder"},
    {"MalformedTable", "validate {BADCSV}", 3, "errors-bad.csv:2: position"},
    {"OneYearScenarioToRun", "run {K03}", 3, "korea-2003.yaml:30: time: expected time: {start: YEAR, end: YEAR}"},
    {"OneYearScenarioToSeries", "series {K03}", 3, "korea-2003.yaml:30: time: expected time: {start: YEAR, end: YEAR}"},
    {"TimelineToForecast", "forecast {K}", 3, "entente run"},
    {"ClaimOfAnUnknownSeries", "claims {CL_SERIES}", 3, "claims.c.let.x: no series 'strian' (did you mean 'strain'?)"},
    {"ClaimOfAYearNotSimulated", "claims {CL_YEAR}", 3, "claims.c.let.x: year 1990 is not simulated"},
    {"ClaimOfAnUnknownGroup", "claims {CL_GROUP}", 3, "no cause group 'rol' in the attribution (did you mean 'role'?)"},
    {"DatabaseInAMissingFolder", "run {PLAIN} --db {MISSING}/r.db", 3, "results database"},
    {"NoSuchDatabase", "runs --db {MISSING}/none.db", 3, "no such results database"},
    {"NoSuchRun", "show --db {DB} 99", 3, "no run 99"},
    {"ReportOfNoSuchRun", "report --db {DB} 99 --output {MISSING}/r.html", 3, "no run 99"},
};

class BadInvocation : public testing::TestWithParam<BadCall> {};

TEST_P(BadInvocation, ExitsTwoOrThreeAndNamesTheProblem) {
  const BadCall& c = GetParam();
  const auto r = run_for_stderr(expand(c.args));
  EXPECT_EQ(r.exit_code, c.exit_code) << r.output;
  EXPECT_NE(r.output.find(c.names), std::string::npos) << "stderr: " << r.output;
  EXPECT_FALSE(fs::exists(scratch() / "missing")) << "a failed command created the missing folder";
}

std::string name_of(const testing::TestParamInfo<BadCall>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(Usage, BadInvocation, testing::ValuesIn(kUsage), name_of);
INSTANTIATE_TEST_SUITE_P(Input, BadInvocation, testing::ValuesIn(kInput), name_of);

// Input errors name the file, the line and the field.
TEST(BadInvocation, AClaimsErrorNamesFileLineAndField) {
  const auto r = run_for_stderr(expand("claims {CL_SERIES}"));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.output.find("errors-series.yaml:" + std::to_string(claim_line()) + ": claims.c.let.x: "),
            std::string::npos)
      << r.output;
}

}  // namespace
}  // namespace entente
