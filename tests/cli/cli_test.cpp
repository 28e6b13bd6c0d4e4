// The `entente` command end to end: help, version, models, validate, forecast in every
// format, and the documented exit codes.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "io/files.h"
#include "support.h"

namespace entente {
namespace {

const std::string kRef = ENTENTE_REFERENCE_DIR;
const std::string kEc = "'" + kRef + "/eu/ec-emissions.csv'";

TEST(Cli, VersionAndHelp) {
  auto r = test::run_cli("--version");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.output.find("entente " ENTENTE_VERSION), std::string::npos);
  r = test::run_cli("--help");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* word : {"forecast", "models", "validate", "Exit codes"})
    EXPECT_NE(r.output.find(word), std::string::npos) << word;
  for (const char* sub : {"forecast", "models", "validate"}) {
    r = test::run_cli(std::string(sub) + " --help");
    EXPECT_EQ(r.exit_code, 0) << sub;
    EXPECT_NE(r.output.find("Exit codes"), std::string::npos) << sub;
  }
}

// The dashboard and MPI are programs of their own (entente-serve, entente-mpi), so that every
// other command starts without their libraries.
TEST(Cli, TheMainProgramLoadsNeitherTheHttpLibraryNorMpi) {
  const auto r = test::run_command("ldd '" + std::string(ENTENTE_CLI) + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("libc.so"), std::string::npos) << r.output;  // ldd did list the libraries
  for (const char* library : {"httplib", "libssl", "libbrotli", "libmpi", "libopen-pal"})
    EXPECT_EQ(r.output.find(library), std::string::npos) << library << "\n" << r.output;
}

// `entente` copied somewhere alone: `--mpi` and `serve` have nothing to hand over to, which is
// a usage error saying so, with nothing written.
TEST(Cli, AloneWithoutItsProgramsMpiAndServeAreUsageErrors) {
  const std::filesystem::path dir = std::filesystem::path(test::temp_file("alone.txt", "")).parent_path() / "alone";
  std::filesystem::create_directories(dir);
  const std::filesystem::path lone = dir / "entente";
  std::filesystem::copy_file(ENTENTE_CLI, lone, std::filesystem::copy_options::overwrite_existing);
  const std::string out = (dir / "sweep").string();
  auto r = test::run_command("'" + lone.string() + "' sweep '" + std::string(ENTENTE_SOURCE_DIR) +
                             "/scenarios/korea-2003.yaml' --runs 3 --mpi -o '" + out + "'");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("entente-mpi"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(out));
  r = test::run_command("'" + lone.string() + "' serve --port 0");
  EXPECT_EQ(r.exit_code, 2) << r.output;  // built with the server: entente-serve is missing; without: no such command
  EXPECT_TRUE(r.output.find("entente-serve") != std::string::npos || r.output.find("no command") != std::string::npos)
      << r.output;
}

TEST(Cli, UsageErrorsExitWithTwo) {
  EXPECT_EQ(test::run_cli("").exit_code, 2);
  EXPECT_EQ(test::run_cli("nosuchcommand").exit_code, 2);
  EXPECT_EQ(test::run_cli("forecast").exit_code, 2);
  EXPECT_EQ(test::run_cli("forecast " + kEc + " --format xml").exit_code, 2);
  auto r = test::run_cli("forecast " + kEc + " --model nosuch");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("unknown model 'nosuch'"), std::string::npos) << r.output;
  r = test::run_cli("forecast " + kEc + " --model 'median(bogus=1)'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("bogus"), std::string::npos) << r.output;
}

TEST(Cli, MissingFileIsInvalidInput) {
  const auto r = test::run_cli("forecast /nonexistent/file.csv");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.output.find("/nonexistent/file.csv"), std::string::npos);
}

TEST(Cli, ModelsListsEveryModelWithParametersAndDefaults) {
  const auto r = test::run_cli("models");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* word : {"median", "mean", "smp", "eu", "voting", "variant", "prop", "paper"})
    EXPECT_NE(r.output.find(word), std::string::npos) << word;
}

TEST(Cli, ValidateAcceptsGoodFilesAndRejectsBadOnes) {
  auto r = test::run_cli("validate " + kEc);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("10 actors"), std::string::npos);
  r = test::run_cli("validate '" + std::string(ENTENTE_SOURCE_DIR) + "/scenarios/korea-2003.yaml'");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  const std::string bad = test::temp_file("bad.csv", "actor,capability,position,salience\na,1,x,50\n");
  r = test::run_cli("validate '" + bad + "'");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.output.find(bad + ":2: position"), std::string::npos) << r.output;
}

TEST(Cli, ForecastJsonHasTheDocumentedFields) {
  const auto r = test::run_cli("forecast " + kEc + " --model mean --format json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto j = nlohmann::json::parse(r.output);
  EXPECT_EQ(j.at("actors").size(), 10u);
  EXPECT_EQ(j.at("actors")[0], "Netherlands");
  EXPECT_EQ(j.at("issues")[0], "ec-emissions");
  EXPECT_EQ(j.at("history")[0].size(), 10u);
  EXPECT_EQ(j.at("history")[0][1][0], 7.0);
  EXPECT_NEAR(j.at("forecast").at("ec-emissions").get<double>(), 7.389955686853767, 1e-12);
  EXPECT_EQ(j.at("model").at("spec"), "mean");
  EXPECT_TRUE(j.contains("seed"));
}

TEST(Cli, ForecastCsvIsTidy) {
  const auto r = test::run_cli("forecast " + kEc + " --model median --format csv");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output.rfind("kind,turn,actor,issue,value\n", 0), 0u);
  EXPECT_NE(r.output.find("position,0,Belgium,ec-emissions,7\n"), std::string::npos);
  EXPECT_NE(r.output.find("forecast,0,,ec-emissions,7\n"), std::string::npos);
}

TEST(Cli, OutputFileAndRerunFromJson) {
  const std::string out = test::temp_file("run.json", "");
  auto r = test::run_cli("forecast " + kEc + " --model median --format json --output '" + out + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(r.output.empty());
  const std::string first = read_file(out);
  // The output alone reproduces the run.
  r = test::run_cli("forecast '" + out + "' --model median --format json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto a = nlohmann::json::parse(first), b = nlohmann::json::parse(r.output);
  EXPECT_EQ(a.at("history"), b.at("history"));
  EXPECT_EQ(a.at("forecast"), b.at("forecast"));
}

TEST(Cli, SeveralModelsSideBySide) {
  const auto r = test::run_cli("forecast " + kEc + " -m median -m mean --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("median,ec-emissions,7,0"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("mean,ec-emissions,7.38995568685376"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace entente
