// `entente serve` end to end: the main program hands its command line to `entente-serve`, which
// reads it as its own.
#include <gtest/gtest.h>

#include "support.h"

namespace entente {
namespace {

TEST(ServeCommand, IsListedAndItsHelpIsTheDashboardProgramsHelp) {
  auto r = test::run_cli("--help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.output.find("serve"), std::string::npos);
  r = test::run_cli("serve --help");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  for (const char* word : {"--port", "--allow-remote", "--web", "Exit codes"})
    EXPECT_NE(r.output.find(word), std::string::npos) << word << "\n" << r.output;
}

TEST(ServeCommand, TheDashboardProgramRefusesBadOptionsWithTwo) {
  auto r = test::run_cli("serve --port 70000");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("--port"), std::string::npos) << r.output;
  r = test::run_cli("serve --host 0.0.0.0 --port 0");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("--allow-remote"), std::string::npos) << r.output;
  r = test::run_cli("-q serve --no-such-option");
  EXPECT_EQ(r.exit_code, 2) << r.output;
}

}  // namespace
}  // namespace entente
