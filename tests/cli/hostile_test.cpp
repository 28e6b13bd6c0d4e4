// Hostile inputs through the command line: each ends in exit 3 (a bad file or database) or 2
// (an output that cannot be written) with the problem named, leaves --output unwritten and the
// input untouched, and finishes in bounded time and memory (in the optimised build the CLI
// runs under a 4 GB address-space limit). The output path that is a folder or in a missing
// folder is covered by errors_test.cpp.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "io/files.h"
#include "support.h"

namespace entente {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  int exit_code = -1;
  std::string stderr_text;
  double seconds = 0;
};

// Runs the CLI with standard error kept (standard output dropped), timed.
Outcome run(const std::string& args) {
#if defined(__SANITIZE_ADDRESS__)
  const std::string limit;  // AddressSanitizer reserves terabytes of address space
#else
  const std::string limit = "ulimit -v 4194304; ";
#endif
  const std::string command = "(" + limit + "exec " + std::string(ENTENTE_CLI) + " " + args + ") 2>&1 >/dev/null";
  Outcome o;
  const auto start = std::chrono::steady_clock::now();
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return o;
  std::array<char, 4096> buffer{};
  for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) o.stderr_text.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return o;
}

std::string q(const std::string& path) { return "'" + path + "'"; }

fs::path scratch() {
  const fs::path dir = fs::path(test::temp_file("hostile-anchor", "")).parent_path() / "hostile";
  fs::create_directories(dir);
  return dir;
}

std::string write(const std::string& name, const std::string& content) {
  const fs::path p = scratch() / name;
  std::ofstream(p, std::ios::binary) << content;
  return p.string();
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// Expects the refusal: its exit code, the words on standard error, no output file, bounded time.
void expect_refused(const std::string& args, int exit_code, const std::string& says, const std::string& output = "") {
  if (!output.empty()) fs::remove(output);
  const Outcome o = run(args);
  EXPECT_EQ(o.exit_code, exit_code) << o.stderr_text;
  EXPECT_NE(o.stderr_text.find(says), std::string::npos) << o.stderr_text;
  EXPECT_LT(o.seconds, 30) << args;
  if (!output.empty()) {
    EXPECT_FALSE(fs::exists(output)) << "half a result at " << output;
  }
}

const char kTable[] = "actor,capability,position,salience\n";

TEST(Hostile, HugeNumbers) {
  const std::string out = (scratch() / "huge-out.json").string();
  // Beyond KTAB's bound on capability, and beyond what a double holds.
  expect_refused("forecast " + q(write("cap.csv", "s,d,3,1,\nActor,Description,Power,P,S,\na,d,1e300,50,50,\n"
                                                  "b,d,1,50,50,\nc,d,1,50,50,\n")) +
                     " -o " + q(out),
                 3, "outside", out);
  expect_refused("forecast " + q(write("big.csv", std::string(kTable) + "a,1,4,50\nb,1e999,5,50\n")) + " -o " + q(out), 3,
                 "not a finite number", out);
  // Capabilities near the largest double would overflow every weighted sum: refused.
  const std::string giant = "name: giant\nactors:\n  - {name: a, capability: 1.7e308}\n  - {name: b, capability: 1.7e308}\n"
                            "issues:\n  - name: i\n    status_quo: 0\n    stances:\n      a: {position: 10, salience: 90}\n"
                            "      b: {position: 90, salience: 90}\n";
  expect_refused("forecast " + q(write("giant.yaml", giant)) + " -m mean -o " + q(out), 3,
                 "giant.yaml:3: actors.a.capability: capability must be at most 1e100", out);
  // A scale whose width overflows (positions near ±the largest double): refused.
  expect_refused("forecast " + q(write("widest.csv", std::string(kTable) + "a,1,-1.7e308,50\nb,1,1.7e308,50\nc,2,0,50\n")) +
                     " -m smp -o " + q(out),
                 3, "wider than a number can hold", out);
  // At the bounds every model forecasts a finite number or refuses the scenario by its own rule.
  std::string strong = giant;
  for (std::size_t at; (at = strong.find("1.7e308")) != std::string::npos;) strong.replace(at, 7, "1e100");
  const std::string wide = std::string(kTable) + "a,1,-8e307,50\nb,1,8e307,50\nc,2,0,50\n";
  for (const std::string& file : {write("strong.yaml", strong), write("wide.csv", wide)})
    for (const char* model : {"mean", "median", "eu", "eu(variant=scholz)", "smp", "nbs"}) {
      const test::CliResult r = test::run_cli("forecast " + q(file) + " -m '" + model + "' --format csv");
      EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 3) << model << ": " << r.output;
      if (r.exit_code != 0) continue;
      const std::string last = r.output.substr(r.output.rfind("forecast,"));
      EXPECT_EQ(last.back(), '\n');
      EXPECT_NE(last[last.size() - 2], ',') << model << " forecast no number (NaN) for " << file << ": " << last;
      EXPECT_EQ(last.find("inf"), std::string::npos) << model << ": " << last;
    }
}

// Numbers a double cannot hold, and NaN and infinity spelled as YAML and as text: every reader
// refuses them at their field rather than computing with them.
TEST(Hostile, NumbersBeyondADouble) {
  const std::string out = (scratch() / "literal-out.json").string();
  for (const char* literal : {"1e400", "-1e309", ".nan", ".NaN", ".inf", "-.inf", "nan", "inf"}) {
    const std::string yaml = std::string("name: n\nactors:\n  - {name: a, capability: ") + literal +
                             "}\n  - {name: b, capability: 1}\nissues:\n  - name: i\n    stances:\n"
                             "      a: {position: 10, salience: 50}\n      b: {position: 20, salience: 50}\n";
    expect_refused("forecast " + q(write("literal.yaml", yaml)) + " -o " + q(out), 3,
                   "literal.yaml:3: actors.a.capability", out);
    expect_refused("forecast " + q(write("literal.csv", std::string(kTable) + "a,1,4,50\nb,1," + literal + ",50\n")) +
                       " -o " + q(out),
                   3, "literal.csv:3", out);
  }
  // A forecast JSON read back with a position past a double.
  const std::string json = read_file(std::string(ENTENTE_SOURCE_DIR) + "/fuzz/corpus/forecast_json/ec-median.json");
  const std::string huge = std::string(json).replace(json.find("7.0"), 3, "1e400");
  expect_refused("forecast " + q(write("huge.json", huge)) + " -o " + q(out), 3, "huge.json", out);
}

TEST(Hostile, AMillionActorsDeclared) {
  const std::string out = (scratch() / "million-out.json").string();
  expect_refused("forecast " + q(write("million.csv", "s,d,1000000,1,\nActor,Description,Power,P,S,\na,d,1,50,50,\n"
                                                      "b,d,1,50,50,\nc,d,1,50,50,\n")) +
                     " -o " + q(out),
                 3, "declares 1000000 actors", out);
  expect_refused("forecast " + q(write("dims.csv", "s,d,3,1000000,\nActor,Description,Power,P,S,\n")) + " -o " + q(out), 3,
                 "dims.csv:1: numDims", out);
  // A million actors listed in a position table, and 200,000 (twenty times the cap) in a
  // scenario YAML: yaml-cpp parses a whole document before the cap can be checked, 7 MB in a
  // few seconds, where a million rows (35 MB) took 24 s and nears the guard on a loaded machine.
  std::string table = kTable, yaml = "name: many\nactors:\n";
  for (int i = 0; i < 1'000'000; ++i) table += "a" + std::to_string(i) + ",1,50,50\n";
  for (int i = 0; i < 200'000; ++i) yaml += "  - {name: a" + std::to_string(i) + ", capability: 1}\n";
  expect_refused("forecast " + q(write("million-rows.csv", table)) + " -o " + q(out), 3,
                 "million-rows.csv:10002: actor: more than 10000 actor rows", out);
  expect_refused("forecast " + q(write("million.yaml", yaml)) + " -o " + q(out), 3, "million.yaml", out);
}

TEST(Hostile, DeeplyNestedYaml) {
  const std::string out = (scratch() / "deep-out.json").string();
  const std::string flow = write("deep.yaml", "name: x\nactors: " + repeat("[", 200000) + "\n");
  expect_refused("forecast " + q(flow) + " -o " + q(out), 3, "deep.yaml:2: nested more than 100 deep", out);
  expect_refused("validate " + q(flow), 3, "nested more than 100 deep");
  const std::string block = write("deep-block.yaml", "name: x\ntime: {start: 2000, end: 2001}\nactors:\n" + repeat("- ", 100000) + "x\n");
  expect_refused("run " + q(block) + " -o " + q(out), 3, "deep-block.yaml:4: nested", out);
}

TEST(Hostile, ExponentialYamlAnchors) {
  std::string laughs = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < 12; ++i) {
    const std::string prev = "*l" + std::to_string(i - 1);
    laughs += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " [" + repeat(prev + ", ", 9) + prev + "]\n";
  }
  const std::string out = (scratch() / "lol-out.json").string();
  const std::string one_year = write("lol.yaml", laughs + "name: *l11\nactors: *l11\nissues: *l11\n");
  expect_refused("forecast " + q(one_year) + " -o " + q(out), 3, "expands to more than 1000000 values", out);
  expect_refused("validate " + q(one_year), 3, "lol.yaml:");
  const std::string timeline = write("lol-time.yaml", laughs + "name: x\ntime: {start: 2000, end: 2001}\nactors: *l11\n"
                                                               "issues: *l11\nevents: *l11\n");
  expect_refused("run " + q(timeline) + " -o " + q(out), 3, "lol-time.yaml:", out);
}

TEST(Hostile, AGigabyteLine) {
  // 1 GB in one line, written as a sparse file (refused by its size, before it is read).
  const std::string path = write("gigabyte.csv", "");
  fs::resize_file(path, std::uintmax_t{1} << 30);
  const std::string out = (scratch() / "gigabyte-out.json").string();
  expect_refused("forecast " + q(path) + " -o " + q(out), 3, "larger than any input Entente reads", out);
  fs::remove(path);
  // Just under the limit, really written: read, refused, in bounded time and memory.
  const std::string line = write("long-line.csv", std::string(kMaxInputBytes - 1, 'x'));
  expect_refused("forecast " + q(line) + " -o " + q(out), 3, "long-line.csv", out);
  fs::remove(line);
  // A device that never ends.
  if (fs::exists("/dev/zero")) expect_refused("forecast /dev/zero -o " + q(out), 3, "larger than any input", out);
}

// A results database with one recorded forecast.
std::string recorded_db(const std::string& name) {
  const fs::path db = scratch() / name;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
  const Outcome o = run("forecast " + q(std::string(ENTENTE_REFERENCE_DIR) + "/eu/ec-emissions.csv") + " -m median --db " +
                        q(db.string()));
  EXPECT_EQ(o.exit_code, 0) << o.stderr_text;
  return db.string();
}

TEST(Hostile, ATruncatedResultsDatabase) {
  const std::string db = recorded_db("truncated.db");
  fs::remove(db + "-wal");
  fs::remove(db + "-shm");
  fs::resize_file(db, fs::file_size(db) / 2);
  const std::string out = (scratch() / "truncated-out.csv").string();
  for (const std::string& command : {"runs --db " + q(db), "show --db " + q(db) + " 1 -o " + q(out),
                                     "export --db " + q(db) + " --table positions -o " + q(out)})
    expect_refused(command, 3, "results database", out);
}

TEST(Hostile, AResultsDatabaseFromAnotherProgram) {
  const std::string other = (scratch() / "other.db").string();
  fs::remove(other);
  // A SQLite database of someone else's: written with the schema statement of an unrelated app.
  const std::string text = write("not-a-db.db", "SQLite format 3 — or so it says\n");
  expect_refused("runs --db " + q(text), 3, "not-a-db.db");
  const std::string foreign = recorded_db("foreign.db");
  {
    // Rename Entente's marker table: the tables are there, the schema_version is not.
    const Outcome o = run("runs --db " + q(foreign));
    ASSERT_EQ(o.exit_code, 0) << o.stderr_text;
  }
  if (::system(("command -v sqlite3 >/dev/null && sqlite3 " + q(foreign) + " 'DROP TABLE schema_version' 2>/dev/null").c_str()) == 0)
    expect_refused("runs --db " + q(foreign), 3, "not an Entente results database");
  // The database must not have been changed by the refusals.
  const std::string before = read_file(text);
  run("forecast " + q(std::string(ENTENTE_REFERENCE_DIR) + "/eu/ec-emissions.csv") + " -m median --db " + q(text));
  EXPECT_EQ(read_file(text), before);
}

// Databases the fuzzer made that the store once refused with std::invalid_argument or
// std::out_of_range (exit 1, as if Entente were at fault) or a bare SQLite error: now exit 3
// with the file named, from whichever reading command meets the damage.
TEST(Hostile, ResultsDatabasesTheFuzzerFound) {
  const fs::path findings = fs::path(ENTENTE_SOURCE_DIR) / "fuzz" / "findings" / "results_db";
  for (const char* name : {"malformed-page.db", "position-index-out-of-range.db", "unknown-run-kind.db"}) {
    const fs::path copy = scratch() / name;  // opened where its -shm may be written
    fs::copy_file(findings / name, copy, fs::copy_options::overwrite_existing);
    const std::string out = (scratch() / "finding-out.csv").string();
    int refused = 0;
    for (const std::string& command : {"runs --db " + q(copy.string()), "show --db " + q(copy.string()) + " 1 -o " + q(out),
                                       "export --db " + q(copy.string()) + " --table positions -o " + q(out)}) {
      fs::remove(out);
      const Outcome o = run(command);
      EXPECT_TRUE(o.exit_code == 0 || o.exit_code == 3) << name << ": " << command << ": " << o.stderr_text;
      if (o.exit_code != 3) continue;
      ++refused;
      EXPECT_NE(o.stderr_text.find(name), std::string::npos) << o.stderr_text;
      EXPECT_FALSE(fs::exists(out)) << "half a result from " << name;
    }
    EXPECT_GT(refused, 0) << name << " read as if whole";
  }
}

// A posterior file the fuzzer made: a number too large for a double ("14.0163127489E8247")
// made the JSON parser throw out_of_range, which the reader let through (exit 1, a crash for
// the fuzzer). Now exit 3 naming the file, from every command that reads a posterior, and the
// backtest reader alike.
TEST(Hostile, ANumberTooLargeForADoubleInAPosterior) {
  const std::string posterior =
      (fs::path(ENTENTE_SOURCE_DIR) / "fuzz" / "findings" / "posterior" / "number-overflow.json").string();
  const std::string korea = std::string(ENTENTE_SOURCE_DIR) + "/scenarios/korea.yaml";
  for (const std::string& command : {"run " + q(korea) + " --posterior " + q(posterior),
                                     "report " + q(korea) + " --posterior " + q(posterior) + " -o " +
                                         q((scratch() / "overflow.html").string())}) {
    const Outcome o = run(command);
    EXPECT_EQ(o.exit_code, 3) << command << ": " << o.stderr_text;
    EXPECT_NE(o.stderr_text.find("number-overflow.json"), std::string::npos) << o.stderr_text;
    EXPECT_NE(o.stderr_text.find("not JSON"), std::string::npos) << o.stderr_text;
  }
  EXPECT_FALSE(fs::exists(scratch() / "overflow.html"));
  const std::string backtest = (scratch() / "overflow-backtest.json").string();
  write_file_atomically(backtest, "{\"cases\": [{\"p_break\": 1E8247}], \"scores\": []}");
  const Outcome o = run("report " + q(korea) + " --backtest " + q(backtest) + " -o " +
                        q((scratch() / "overflow.html").string()));
  EXPECT_EQ(o.exit_code, 3) << o.stderr_text;
  EXPECT_NE(o.stderr_text.find("overflow-backtest.json"), std::string::npos) << o.stderr_text;
}

TEST(Hostile, AReadOnlyResultsDatabase) {
  const std::string db = recorded_db("read-only.db");
  fs::remove(db + "-wal");
  fs::remove(db + "-shm");
  fs::permissions(db, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  const std::string before = read_file(db);
  // The reading commands open it read-only: they work on a file that cannot be written (as
  // root, where modes do not stop writes, this is what tells a read-only open from another).
  const std::string out = (scratch() / "read-only-out.csv").string();
  for (const std::string& command : {"runs --db " + q(db), "show --db " + q(db) + " 1 --format csv -o " + q(out),
                                     "export --db " + q(db) + " --table positions -o " + q(out)}) {
    const Outcome o = run(command);
    EXPECT_EQ(o.exit_code, 0) << command << ": " << o.stderr_text;
  }
  EXPECT_EQ(read_file(db), before) << "a reading command wrote to the database";
  // Recording into it: refused with the file named, the database unchanged. As root, through
  // an unprivileged user, for whom the mode holds.
  std::string as_user;
  if (::geteuid() == 0) {
    if (::system("command -v setpriv >/dev/null") != 0) GTEST_SKIP() << "root without setpriv: the write is not tested";
    as_user = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
    for (fs::path dir = scratch(); dir != dir.root_path(); dir = dir.parent_path())
      fs::permissions(dir, fs::perms::others_exec, fs::perm_options::add);
  }
  // The input is copied beside the database, where the unprivileged user can read it whatever
  // the modes of the source tree's folders.
  const std::string input = write("read-only-input.csv", read_file(std::string(ENTENTE_REFERENCE_DIR) + "/eu/ec-emissions.csv"));
  fs::permissions(input, fs::perms::others_read, fs::perm_options::add);
  const std::string command =
      "(" + as_user + std::string(ENTENTE_CLI) + " forecast " + q(input) + " -m median --db " + q(db) + ") 2>&1 >/dev/null";
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string said;
  std::array<char, 4096> buffer{};
  for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) said.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 3) << said;
  EXPECT_NE(said.find("read-only.db"), std::string::npos) << said;
  EXPECT_EQ(read_file(db), before);
  fs::permissions(db, fs::perms::owner_read | fs::perms::owner_write);
}

TEST(Hostile, AnOutputThatIsAFolderOrInAMissingFolder) {
  const std::string input = write("ok.csv", std::string(kTable) + "a,1,4,50\nb,1,6,50\n");
  const fs::path folder = scratch() / "out-folder";
  fs::create_directories(folder);
  expect_refused("forecast " + q(input) + " -m mean -o " + q(folder.string()), 2, "is a folder");
  EXPECT_TRUE(fs::is_directory(folder));
  EXPECT_TRUE(fs::is_empty(folder)) << "something written into the folder";
  const fs::path missing = scratch() / "no-such-folder" / "out.csv";
  expect_refused("forecast " + q(input) + " -m mean -o " + q(missing.string()), 2, "no folder", missing.string());
  EXPECT_FALSE(fs::exists(missing.parent_path()));
  // A run that fails on its input leaves an existing output as it was.
  const std::string kept = write("kept.json", "{\"kept\": true}\n");
  expect_refused("forecast " + q(write("bad.csv", std::string(kTable) + "a,x,4,50\n")) + " -o " + q(kept), 3, "bad.csv");
  EXPECT_EQ(read_file(kept), "{\"kept\": true}\n");
}

TEST(Hostile, AnOutputThatIsTheInput) {
  const std::string input = write("self.csv", std::string(kTable) + "a,1,4,50\nb,1,6,50\n");
  const std::string before = read_file(input);
  expect_refused("forecast " + q(input) + " -m mean -o " + q(input), 2, "it is the input");
  // Through another spelling of the path, and through a link.
  const std::string other = (scratch() / "." / "self.csv").string();
  expect_refused("forecast " + q(input) + " -m mean -o " + q(other), 2, "it is the input");
  const fs::path link = scratch() / "self-link.csv";
  fs::remove(link);
  fs::create_symlink(input, link);
  expect_refused("forecast " + q(input) + " -m mean -o " + q(link.string()), 2, "it is the input");
  EXPECT_EQ(read_file(input), before) << "the input was overwritten";
  // The results database named as the output of `show`.
  const std::string db = recorded_db("self.db");
  const std::string db_before = read_file(db);
  expect_refused("show --db " + q(db) + " 1 -o " + q(db), 2, "it is the input");
  EXPECT_EQ(read_file(db), db_before);
}

}  // namespace
}  // namespace entente
