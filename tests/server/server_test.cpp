// The dashboard's API, answered by a server started in-process on an ephemeral loopback port:
// every route against the library it fronts, and the refusals the server owes its users
// (path traversal, oversized and malformed bodies, unknown routes).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <numeric>
#include <thread>

#include "alliance/alliance.h"
#include "io/files.h"
#include "io/run_io.h"
#include "io/timeline_io.h"
#include "server/server.h"
#include "sim/simulation.h"
#include "support.h"

namespace entente::server {
namespace {

using json = nlohmann::json;

const std::string kKorea = std::string(ENTENTE_SOURCE_DIR) + "/scenarios/korea.yaml";

class ServerApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = (std::filesystem::temp_directory_path() / ("entente-serve-test-" + std::to_string(::getpid()) + ".db")).string();
    std::filesystem::remove(db_);
    const auto made = test::run_cli("run '" + kKorea + "' --db '" + db_ + "' --format json -o /dev/null");
    ASSERT_EQ(made.exit_code, 0) << made.output;
    ServerOptions options;
    options.scenarios = {kKorea};
    options.db = db_;
    options.max_body_bytes = 16 * 1024;
    options.threads = 2;
    server_ = new Server(options);
    port_ = server_->bind("127.0.0.1", 0);
    thread_ = new std::thread([] { server_->listen(); });
    korea_ = new sim::TimeScenario(load_timeline(kKorea));
  }
  static void TearDownTestSuite() {
    server_->stop();
    thread_->join();
    delete thread_;
    delete server_;
    delete korea_;
    std::filesystem::remove(db_);
  }

  static httplib::Client client() {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(120);
    return c;
  }
  static json get_json(const std::string& path, int status = 200) {
    auto res = client().Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, status) << path << ": " << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json") << path;
    return json::parse(res->body);
  }
  static httplib::Result post(const std::string& path, const std::string& body) {
    return client().Post(path.c_str(), body, "application/json");
  }
  // One raw request line, sent as written (no client normalises or encodes it); the status.
  static std::pair<int, std::string> raw(const std::string& request_line, const std::string& host = "127.0.0.1") {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port_));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    const std::string request = request_line + "\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
    EXPECT_EQ(::send(fd, request.data(), request.size(), 0), static_cast<ssize_t>(request.size()));
    std::string response;
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) response.append(buffer, static_cast<std::size_t>(n));
    ::close(fd);
    const int status = response.size() > 12 ? std::stoi(response.substr(9, 3)) : 0;
    return {status, response};
  }
  static json run_json(const sim::TimeScenario& t) {
    sim::SimOptions options;
    options.seed = t.scenario.seed;
    const sim::Run run = sim::simulate(t, options);
    return json::parse(write_run(t, run, output::Format::Json, t.start_year, t.end_year));
  }
  static std::size_t index_of(const json& run, int year) {
    const auto& years = run["years"];
    return static_cast<std::size_t>(std::find(years.begin(), years.end(), year) - years.begin());
  }

  static inline Server* server_ = nullptr;
  static inline std::thread* thread_ = nullptr;
  static inline int port_ = 0;
  static inline std::string db_;
  static inline sim::TimeScenario* korea_ = nullptr;
};

TEST_F(ServerApi, ListsTheScenariosItWasGiven) {
  const json list = get_json("/api/scenarios");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["id"], 0);
  EXPECT_EQ(list[0]["name"], korea_->scenario.name);
  EXPECT_EQ(list[0]["start"], korea_->start_year);
  EXPECT_EQ(list[0]["horizon"], korea_->horizon_year);
  EXPECT_EQ(list[0]["model"], "median");
}

TEST_F(ServerApi, ControlsComeFromTheParameterMetadata) {
  const json c = get_json("/api/scenarios/0/controls");
  const auto& table = alliance::parameter_table();
  ASSERT_EQ(c["parameters"].size(), table.size());
  for (std::size_t i = 0; i < table.size(); ++i) {
    const json& p = c["parameters"][i];
    EXPECT_EQ(p["name"], table[i].name);
    EXPECT_EQ(p["min"].get<double>(), table[i].min);
    EXPECT_EQ(p["max"].get<double>(), table[i].max);
    EXPECT_EQ(p["default"].get<double>(), korea_->params.*(table[i].field)) << table[i].name;
    EXPECT_FALSE(p["meaning"].get<std::string>().empty()) << table[i].name;
  }
  EXPECT_EQ(c["events"].size(), korea_->events.size());
  EXPECT_EQ(c["leadership"].size(), korea_->scenario.num_issues());
  EXPECT_EQ(c["stances"].size(), korea_->num_holders() * korea_->scenario.num_issues());
  EXPECT_FALSE(c["models"].empty());
}

TEST_F(ServerApi, TheBaselineIsTheLibrarysRun) {
  EXPECT_EQ(get_json("/api/scenarios/0/run"), run_json(*korea_));
}

TEST_F(ServerApi, AnEmptyWhatIfIsTheBaseline) {
  auto res = post("/api/scenarios/0/whatif", "{}");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json::parse(res->body), run_json(*korea_));
}

TEST_F(ServerApi, AWhatIfChangesACopyAndTheBaselineStays) {
  // No troops from 1960 on: the tripwire term of credibility's noisy-or vanishes, so
  // credibility falls in 1960 wherever the baseline had troops.
  const int year = 1960;
  auto res = post("/api/scenarios/0/whatif", R"({"troops": {"year": 1960, "level": 0}})");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const json what_if = json::parse(res->body), baseline = run_json(*korea_);
  const std::size_t i = index_of(baseline, year);
  ASSERT_GT(baseline["series"]["troops"][i].get<double>(), 0);
  EXPECT_EQ(what_if["series"]["troops"][i].get<double>(), 0);
  EXPECT_LT(what_if["series"]["credibility"][i].get<double>(), baseline["series"]["credibility"][i].get<double>());
  EXPECT_EQ(get_json("/api/scenarios/0/run"), baseline);  // the served scenario was not edited
}

TEST_F(ServerApi, AWhatIfSetsParametersStancesLeadershipAndDates) {
  json body = {{"parameters", {{"kappa_treaty", 0.0}, {"kappa_umbrella", 0.0}, {"kappa_troops", 0.0}}}};
  auto res = post("/api/scenarios/0/whatif", body.dump());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  // Every guarantee worthless: credibility is only the shifts in effect, so in the first year
  // (before any shift) it is 0 where the baseline's is not.
  EXPECT_EQ(json::parse(res->body)["series"]["credibility"][0].get<double>(), 0);
  EXPECT_GT(run_json(*korea_)["series"]["credibility"][0].get<double>(), 0);

  // An event moved a year on applies then, unless it would set what another event of that
  // year sets: then the what-if is refused, as the scenario file would be.
  int moved_ok = 0, refused = 0;
  for (const auto& ev : korea_->events) {
    const int moved = ev.year + 1;
    res = post("/api/scenarios/0/whatif", json{{"event_dates", {{ev.name, moved}}}}.dump());
    ASSERT_TRUE(res);
    if (res->status == 400) {
      EXPECT_NE(res->body.find("sets the same thing"), std::string::npos) << res->body;
      ++refused;
      continue;
    }
    ASSERT_EQ(res->status, 200) << res->body;
    const json run = json::parse(res->body);
    const json& names = run["events"][std::to_string(moved)];
    EXPECT_NE(std::find(names.begin(), names.end(), ev.name), names.end()) << ev.name;
    if (++moved_ok == 3) break;
  }
  EXPECT_EQ(moved_ok, 3);

  const std::string issue = korea_->scenario.issues[0].name, holder = korea_->scenario.actors[0].name;
  json stance = {{"stances", {{{"holder", holder}, {"issue", issue}, {"position", 0}}}}, {"leadership", {{issue, 1.0}}}};
  res = post("/api/scenarios/0/whatif", stance.dump());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
}

TEST_F(ServerApi, AWhatIfOutsideItsRangeOrNamingNothingIsRefusedWithAMessage) {
  const std::pair<std::string, std::string> cases[] = {
      {R"({"parameters": {"kappa_treaty": 2}})", "outside 0..1"},
      {R"({"parameters": {"kappa_treety": 0.1}})", "did you mean 'kappa_treaty'"},
      {R"({"troops": {"year": 1800, "level": 1}})", "outside"},
      {R"({"event_dates": {"no such event": 1990}})", "no event"},
      {R"({"leadership": 3})", "leadership"},
      {R"({"speed": 1})", "unknown field 'speed'"},
      {R"({"model": "nosuchmodel"})", "nosuchmodel"},
      {R"([1, 2])", "expected an object"},
  };
  for (const auto& [body, says] : cases) {
    auto res = post("/api/scenarios/0/whatif", body);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << body;
    EXPECT_NE(json::parse(res->body)["error"].get<std::string>().find(says), std::string::npos) << res->body;
  }
}

TEST_F(ServerApi, MalformedJsonIs400WithTheParsersMessage) {
  auto res = post("/api/scenarios/0/whatif", R"({"parameters": )");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(json::parse(res->body)["error"].get<std::string>().find("not JSON"), std::string::npos);
}

TEST_F(ServerApi, BodiesOverTheCapAre413) {
  auto res = post("/api/scenarios/0/whatif", std::string(17 * 1024, ' ') + "{}");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
}

TEST_F(ServerApi, UnknownRoutesAndScenariosAre404) {
  EXPECT_EQ(get_json("/api/nothing", 404)["status"], 404);
  EXPECT_EQ(get_json("/api/scenarios/7/run", 404)["status"], 404);
  EXPECT_EQ(get_json("/api/sweeps/99/events", 404)["status"], 404);
  auto res = client().Delete("/api/scenarios");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
}

TEST_F(ServerApi, ServesThePageAndNothingOutsideIt) {
  auto page = client().Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->body, read_file(std::string(ENTENTE_SOURCE_DIR) + "/web/index.html"));
  // Each names a file that exists outside web/ (CMakeLists.txt beside it, /etc/passwd).
  for (const std::string target :
       {"/../CMakeLists.txt", "/%2e%2e/CMakeLists.txt", "/%2E%2E%2FCMakeLists.txt", "/..%2fCMakeLists.txt",
        "/%252e%252e/CMakeLists.txt", "/vendor/../../CMakeLists.txt", "//etc/passwd", "/etc/passwd",
        "/%2Fetc%2Fpasswd", "/..\\CMakeLists.txt", "/./index.html", "/index.html%00.png", "/../../../../etc/passwd"}) {
    const auto [status, response] = raw("GET " + target + " HTTP/1.1");
    EXPECT_TRUE(status == 404 || status == 400) << target << ": " << status;
    EXPECT_EQ(response.find("project(entente"), std::string::npos) << target;
    EXPECT_EQ(response.find("root:"), std::string::npos) << target;
  }
  EXPECT_EQ(raw("GET http://127.0.0.1/../CMakeLists.txt HTTP/1.1").second.find("project(entente"), std::string::npos);
}

TEST_F(ServerApi, OnLoopbackAnswersOnlyRequestsForALoopbackHost) {
  EXPECT_EQ(raw("GET /api/scenarios HTTP/1.1", "localhost:8080").first, 200);
  EXPECT_EQ(raw("GET /api/scenarios HTTP/1.1", "[::1]:8080").first, 200);
  EXPECT_EQ(raw("GET /api/scenarios HTTP/1.1", "attacker.example").first, 421);
  EXPECT_EQ(raw("GET / HTTP/1.1", "127.0.0.1.attacker.example:80").first, 421);
}

TEST_F(ServerApi, ComparesEveryPolicyBesideTheBaseline) {
  const json c = get_json("/api/scenarios/0/compare?series=strain");
  ASSERT_EQ(c["policies"].size(), korea_->policies.size() + 1);
  EXPECT_TRUE(c["policies"].contains("baseline"));
  for (const auto& p : korea_->policies) EXPECT_TRUE(c["policies"].contains(p.name)) << p.name;
  EXPECT_EQ(c["years"].back(), korea_->horizon_year);
  EXPECT_EQ(get_json("/api/scenarios/0/compare?policies=nosuch", 400)["status"], 400);
}

TEST_F(ServerApi, AttributionSharesSumToTheChange) {
  const json a = get_json("/api/scenarios/0/attribution?from=1992&to=2003");
  const json& strain = a["series"]["strain"];
  double sum = 0;
  for (const auto& [group, value] : strain["shapley"].items()) sum += value.get<double>();
  EXPECT_NEAR(sum, strain["total_change"].get<double>(), 1e-9);
  EXPECT_NEAR(strain["v_all"].get<double>() - strain["v_none"].get<double>(), strain["total_change"].get<double>(), 1e-12);
}

TEST_F(ServerApi, ClaimsAreTheScenariosOwn) {
  const json claims = get_json("/api/scenarios/0/claims");
  ASSERT_EQ(claims.size(), korea_->claims.size());
  for (std::size_t i = 0; i < claims.size(); ++i) EXPECT_EQ(claims[i]["id"], korea_->claims[i].id);
}

TEST_F(ServerApi, StoredRunsAreListedAndRead) {
  const json runs = get_json("/api/runs");
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0]["kind"], "run");
  const json run = get_json("/api/runs/" + std::to_string(runs[0]["id"].get<int>()));
  EXPECT_EQ(run["series"]["strain"], run_json(*korea_)["series"]["strain"]);
  EXPECT_EQ(get_json("/api/runs/999", 400)["status"], 400);
}

TEST_F(ServerApi, ASweepStreamsItsProgressThenItsResult) {
  auto res = post("/api/scenarios/0/sweeps", R"({"runs": 6, "policies": ["no-role-reversal"]})");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 202) << res->body;
  const json started = json::parse(res->body);
  std::string stream;
  auto events = client().Get(started["events"].get<std::string>().c_str(), [&](const char* data, std::size_t n) {
    stream.append(data, n);
    return true;
  });
  ASSERT_TRUE(events);
  EXPECT_EQ(events->get_header_value("Content-Type"), "text/event-stream");
  // The messages: "event: NAME", then "data: …" lines (joined with newlines), then a blank line.
  std::vector<std::pair<std::string, json>> messages;
  std::string event, data;
  for (std::size_t line = 0; line < stream.size();) {
    const std::size_t end = std::min(stream.find('\n', line), stream.size());
    const std::string text = stream.substr(line, end - line);
    if (text.rfind("event: ", 0) == 0) event = text.substr(7);
    else if (text.rfind("data: ", 0) == 0) data += text.substr(6) + "\n";
    else if (text.empty() && !event.empty()) {
      messages.emplace_back(event, json::parse(data));
      event.clear();
      data.clear();
    }
    line = end + 1;
  }
  ASSERT_GE(messages.size(), 4u) << stream.substr(0, 300);
  EXPECT_EQ(messages.front().first, "progress");
  const std::size_t n = messages.size();
  ASSERT_EQ(messages[n - 3].first, "result");
  EXPECT_EQ(messages[n - 3].second["runs"], 6);
  EXPECT_EQ(messages[n - 3].second["policies"], json::array({"no-role-reversal"}));
  ASSERT_EQ(messages[n - 2].first, "summary");
  for (const auto& cell : messages[n - 2].second) {
    EXPECT_LE(cell["q05"].get<double>(), cell["q50"].get<double>());
    EXPECT_LE(cell["q50"].get<double>(), cell["q95"].get<double>());
  }
  ASSERT_EQ(messages[n - 1].first, "retreat");
  EXPECT_EQ(messages[n - 1].second.size(), 2u);  // the baseline and the policy
  // The progress never goes down and ends with every run done.
  const json& last = messages[n - 4].second;
  EXPECT_EQ(last["done"], last["total"]);
  for (std::size_t i = 1; i + 3 < n; ++i)
    EXPECT_GE(messages[i].second["done"].get<int>(), messages[i - 1].second["done"].get<int>());
  EXPECT_EQ(json::parse(post("/api/scenarios/0/sweeps", R"({"runs": 0})")->body)["status"], 400);
}

TEST(ServerHosts, LoopbackIsTheOnlyDefault) {
  EXPECT_TRUE(is_loopback("127.0.0.1"));
  EXPECT_TRUE(is_loopback("localhost"));
  EXPECT_TRUE(is_loopback("::1"));
  EXPECT_FALSE(is_loopback("0.0.0.0"));
  EXPECT_FALSE(is_loopback("192.168.1.4"));
  EXPECT_TRUE(is_loopback("127.0.0.2"));
  EXPECT_FALSE(is_loopback("127.0.0.1.example.org"));
}

}  // namespace
}  // namespace entente::server
