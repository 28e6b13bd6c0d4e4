#include "support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace entente::test {

namespace fs = std::filesystem;

const char* const kOneIssueAlliance = R"(actors:
  - {name: P, capability: 0.2, democracy: 0.9}
  - {name: C, capability: 0.02, democracy: 0.8}
  - {name: A, capability: 0.01}
issues:
  - name: strategy
    role: strategy
    owner: C
    stances:
      P: {position: 40, salience: 60}
      C: {position: 70, salience: 60}
      A: {position: 90, salience: 50}
alliance:
  patron: P
  client: C
  adversary: A
  troops: 30000
  umbrella: 1
  leadership: {strategy: 0.3}
  publics: {P: {anchor: 0.6}, C: {anchor: 0.7}}
)";

std::string temp_file(const std::string& name, const std::string& content) {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("entente-tests-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
  const fs::path p = dir / name;
  std::ofstream(p, std::ios::binary) << content;
  return p.string();
}

CliResult run_command(const std::string& command) {
  CliResult r;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buffer{};
  std::size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) r.output.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

CliResult run_cli(const std::string& args) { return run_command(std::string(ENTENTE_CLI) + " " + args); }

}  // namespace entente::test
