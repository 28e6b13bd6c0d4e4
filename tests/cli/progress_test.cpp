// Progress on standard error: drawn on a terminal (done / total, rate, time left, ended with
// a newline), silenced by --quiet, absent when standard error is not a terminal, and never in
// the results.
#include <gtest/gtest.h>

#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "io/files.h"
#include "support.h"

namespace entente {
namespace {

const std::string kKorea = "'" + std::string(ENTENTE_SOURCE_DIR) + "/scenarios/korea.yaml'";
// Twelve draws on one thread take seconds: long enough for the line to appear (after ½ s).
const std::string kClaims = "claims " + kKorea + " --runs 12 -j 1 --format json";
const std::string kShortClaims = "claims " + kKorea + " --runs 6 -j 1 --format json";

struct TerminalRun {
  int exit_code = -1;
  std::string terminal;  // what the command wrote to the terminal (standard error here)
};

// Runs a shell command line with a pseudo-terminal as standard input, output and error.
TerminalRun run_on_terminal(const std::string& command) {
  TerminalRun r;
  int master = -1;
  const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
  if (pid < 0) return r;
  if (pid == 0) {
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(master, buffer, sizeof buffer);
    if (n > 0) r.terminal.append(buffer, static_cast<std::size_t>(n));
    else if (n < 0 && errno == EINTR) continue;
    else break;  // EIO once the child has gone
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ::close(master);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

TEST(ProgressCli, OnATerminalOneLineWithRateAndTimeLeftEndedByANewline) {
  const std::string results = test::temp_file("progress-claims.json", "");
  const auto r = run_on_terminal(std::string(ENTENTE_CLI) + " " + kClaims + " > '" + results + "'");
  ASSERT_EQ(r.exit_code, 0) << r.terminal;
  EXPECT_NE(r.terminal.find("claim runs ["), std::string::npos) << r.terminal;
  EXPECT_NE(r.terminal.find(" left"), std::string::npos) << r.terminal;  // a line drawn midway
  EXPECT_TRUE(r.terminal.find("/s ") != std::string::npos || r.terminal.find(" s each") != std::string::npos)
      << r.terminal;
  // The last line is the finished one, ended by a newline (a terminal shows "\n" as "\r\n").
  const auto last = r.terminal.rfind("\r", r.terminal.size() - 3);
  ASSERT_NE(last, std::string::npos);
  const std::string finished = r.terminal.substr(last);
  EXPECT_NE(finished.find("12/12  in "), std::string::npos) << finished;
  EXPECT_EQ(r.terminal.substr(r.terminal.size() - 2), "\r\n");
  // Without a terminal there is no progress, and the results are the same: progress never
  // reaches them.
  const std::string piped = test::temp_file("progress-claims-piped.json", "");
  const auto through_a_pipe = test::run_cli(kClaims + " > '" + piped + "'");  // standard error only
  EXPECT_EQ(through_a_pipe.exit_code, 0);
  EXPECT_TRUE(through_a_pipe.output.empty()) << through_a_pipe.output;
  EXPECT_EQ(read_file(results), read_file(piped));
  EXPECT_EQ(read_file(results).find('\r'), std::string::npos);
}

TEST(ProgressCli, QuietSilencesItBeforeOrAfterTheCommand) {
  for (const std::string& line : {"-q " + kShortClaims, kShortClaims + " --quiet"}) {
    const auto r = run_on_terminal(std::string(ENTENTE_CLI) + " " + line + " > /dev/null");
    EXPECT_EQ(r.exit_code, 0) << r.terminal;
    EXPECT_TRUE(r.terminal.empty()) << line << ": " << r.terminal;
  }
}

}  // namespace
}  // namespace entente
