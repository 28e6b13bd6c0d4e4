// Helpers shared by the tests: scratch files and running the CLI.
#pragma once

#include <string>

namespace entente::test {

// Writes `content` to a fresh file named `name` in this test run's scratch folder.
std::string temp_file(const std::string& name, const std::string& content);

// The actors, issue and alliance shared by the small time-stepped test scenarios: a patron P,
// a client C and an adversary A on one client-owned strategy issue. Tests add name, time,
// events, policies and uncertain inputs around it.
extern const char* const kOneIssueAlliance;

struct CliResult {
  int exit_code = -1;
  std::string output;  // standard output and standard error together
};

// Runs a shell command line, standard error with standard output.
CliResult run_command(const std::string& command);
// Runs build/entente with the given arguments (a shell fragment).
CliResult run_cli(const std::string& args);

}  // namespace entente::test
