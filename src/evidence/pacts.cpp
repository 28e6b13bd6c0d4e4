// The dyad-year panel of every defence pact since 1946 (pacts.h).
#include "evidence/pacts.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/error.h"
#include "io/files.h"
#include "io/text.h"
#include "io/world_data.h"

namespace entente::evidence {

namespace {

std::int64_t pair_year(int a, int b, int year) {
  if (a > b) std::swap(a, b);
  return (static_cast<std::int64_t>(a) * 1000 + b) * 10000 + year;
}

// One CSV file read by column name, with every bad field reported at its line.
struct CsvFile {
  std::string path;
  std::vector<text::Row> rows;  // without the header
  std::map<std::string, std::size_t> column;

  explicit CsvFile(const std::string& file) : path(file) {
    auto all = text::split_csv(read_file(file), file);
    if (all.empty()) throw InputError(file, 1, "", "empty file: expected a header row");
    for (std::size_t i = 0; i < all.front().fields.size(); ++i) column[all.front().fields[i]] = i;
    rows.assign(std::make_move_iterator(all.begin() + 1), std::make_move_iterator(all.end()));
  }
  std::size_t index(const std::string& name) const {
    auto it = column.find(name);
    if (it == column.end()) throw InputError(path, 1, name, "missing column '" + name + "'");
    return it->second;
  }
  const std::string& field(const text::Row& r, std::size_t i, const std::string& name) const {
    if (i >= r.fields.size()) throw InputError(path, r.line, name, "the row has too few fields");
    return r.fields[i];
  }
  // The number in the field; false when it is one of the `missing` spellings.
  bool number(const text::Row& r, std::size_t i, const std::string& name, double& out,
              std::initializer_list<const char*> missing = {}) const {
    const std::string& f = field(r, i, name);
    for (const char* m : missing)
      if (f == m) return false;
    if (!text::parse_number(f, out)) throw InputError(path, r.line, name, "expected a number, found '" + f + "'");
    return true;
  }
  int whole(const text::Row& r, std::size_t i, const std::string& name) const {
    double x = 0;
    number(r, i, name, x);
    if (x != std::floor(x)) throw InputError(path, r.line, name, "expected a whole number");
    return static_cast<int>(x);
  }
};

std::string join(const std::string& dir, const char* name) { return dir + "/" + name; }

void read_atop(PactWorld& w, const std::string& file) {
  const CsvFile f(file);
  const auto c1 = f.index("ccode1"), c2 = f.index("ccode2"), y = f.index("year"), d = f.index("atop_defense");
  for (const auto& r : f.rows) {
    const int year = f.whole(r, y, "year");
    w.atop_last_year = std::max(w.atop_last_year, year);
    if (f.whole(r, d, "atop_defense") == 1) w.add_pledge(f.whole(r, c1, "ccode1"), f.whole(r, c2, "ccode2"), year);
  }
}

// Capabilities, democracy, ideal points and US troops hosted, by state, through the world
// data reader (io/world_data.h: missing codes, NA and empty fields left out).
void read_state_series(PactWorld& w, const std::string& dir) {
  bool first = true;
  for (const auto& [ccode, state] : io::world_states(dir)) {
    const auto fill = [&, ccode = ccode](io::Series series, std::unordered_map<std::int64_t, double>& into) {
      for (const auto& [year, value] : io::world_values(dir, ccode, series).by_year) into[state_year(ccode, year)] = value;
    };
    fill(io::Series::capability, w.cinc);
    fill(io::Series::democracy, w.polyarchy);
    fill(io::Series::us_troops, w.us_troops);
    for (const auto& [year, x] : io::world_values(dir, ccode, io::Series::ideal_point).by_year) {
      w.ideal[state_year(ccode, year)] = x;
      w.ideal_min = first ? x : std::min(w.ideal_min, x);
      w.ideal_max = first ? x : std::max(w.ideal_max, x);
      first = false;
    }
  }
}

// Polity2 (the democracy file's second score), for the states V-Dem leaves out.
void read_polity(PactWorld& w, const std::string& file) {
  const CsvFile f(file);
  const auto c = f.index("ccode"), y = f.index("year"), v = f.index("polity2");
  for (const auto& r : f.rows) {
    double x = 0;
    if (f.number(r, v, "polity2", x, {"", "NA"}))
      w.polity[state_year(f.whole(r, c, "ccode"), f.whole(r, y, "year"))] = (x + 10) / 20;
  }
}

void read_gml(PactWorld& w, const std::string& file) {
  const CsvFile f(file);
  const auto c1 = f.index("ccode1"), c2 = f.index("ccode2"), y = f.index("year"), on = f.index("gmlmidongoing");
  for (const auto& r : f.rows) {
    const int year = f.whole(r, y, "year");
    w.gml_last_year = std::max(w.gml_last_year, year);
    if (f.whole(r, on, "gmlmidongoing") != 1) continue;
    const int a = f.whole(r, c1, "ccode1"), b = f.whole(r, c2, "ccode2");
    w.opponents[state_year(a, year)].insert(b);
    w.opponents[state_year(b, year)].insert(a);
  }
}

int year_of_date(const CsvFile& f, const text::Row& r, std::size_t i, const char* name) {
  const std::string& d = f.field(r, i, name);
  double x = 0;
  if (d.size() < 4 || !text::parse_number(d.substr(0, 4), x))
    throw InputError(f.path, r.line, name, "expected a date YYYY-MM-DD, found '" + d + "'");
  return static_cast<int>(x);
}

void read_archigos(PactWorld& w, const std::string& file) {
  const CsvFile f(file);
  const auto g = f.index("gwcode"), s = f.index("startdate"), e = f.index("enddate");
  for (const auto& r : f.rows) {
    const int gw = f.whole(r, g, "gwcode");
    const int start = year_of_date(f, r, s, "startdate"), end = year_of_date(f, r, e, "enddate");
    w.leader_entry.insert(state_year(gw, start));
    for (int y = start; y <= end; ++y) w.leader_known.insert(state_year(gw, y));
  }
}

}  // namespace

int gw_code(int cow, int year) {
  if (cow == 255 && year >= 1990) return 260;
  if (cow == 340 && year >= 2006) return 345;
  if (cow == 679) return 678;
  return cow;
}

void PactWorld::add_pledge(int a, int b, int year) {
  if (a == b) return;
  defence.insert(pair_year(a, b, year));
  partners[state_year(a, year)].insert(b);
  partners[state_year(b, year)].insert(a);
}

bool PactWorld::democracy(int ccode, int year, double& now, double& before) const {
  for (const auto* source : {&polyarchy, &polity}) {
    auto a = source->find(state_year(ccode, year)), b = source->find(state_year(ccode, year - 1));
    if (a != source->end() && b != source->end()) {
      now = a->second;
      before = b->second;
      return true;
    }
  }
  return false;
}

bool PactWorld::pledge(int a, int b, int year) const { return defence.count(pair_year(a, b, year)) != 0; }

PactWorld load_pact_world(const std::string& dir) {
  PactWorld w;
  read_atop(w, join(dir, "atop51_ddy_all.csv"));
  read_state_series(w, dir);
  read_polity(w, join(dir, "democracy_all.csv"));
  read_gml(w, join(dir, "gml_mid_ddy_all.csv"));
  read_archigos(w, join(dir, "archigos41_leaders_all.csv"));
  return w;
}

const char* spell_end_name(SpellEnd end) {
  switch (end) {
    case SpellEnd::Terminated: return "terminated";
    case SpellEnd::StillInForce: return "in_force_at_window_end";
    case SpellEnd::StateDeath: return "state_death";
    case SpellEnd::BeyondData: return "beyond_data";
  }
  return "";
}

const char* drop_reason_name(DropReason reason) {
  for (const auto& r : kDropReasons)
    if (r.reason == reason) return r.name;
  return "";
}

std::vector<PactSpell> pact_spells(const PactWorld& w, int from, int to) {
  // The pairs with a pledge in the window, then each run of consecutive years.
  std::set<std::pair<int, int>> pairs;
  for (const auto key : w.defence) {
    const int year = static_cast<int>(key % 10000);
    if (year < from || year > to) continue;
    const std::int64_t pair = key / 10000;
    pairs.insert({static_cast<int>(pair / 1000), static_cast<int>(pair % 1000)});
  }
  std::vector<PactSpell> out;
  for (const auto& [a, b] : pairs) {
    for (int y = from; y <= to; ++y) {
      if (!w.pledge(a, b, y)) continue;
      PactSpell s{.a = a, .b = b, .start = y, .last = y};
      while (w.pledge(a, b, s.start - 1)) --s.start;  // ATOP runs back to 1815: the true start
      while (s.last < to && w.pledge(a, b, s.last + 1)) ++s.last;
      const int next = s.last + 1;
      if (w.pledge(a, b, next)) s.end = SpellEnd::StillInForce;
      else if (next > w.atop_last_year) s.end = SpellEnd::BeyondData;
      else if (!w.in_system(a, next) || !w.in_system(b, next)) s.end = SpellEnd::StateDeath;
      else s.end = SpellEnd::Terminated;
      out.push_back(s);
      y = s.last;
    }
  }
  return out;
}

std::vector<std::string> covariate_names(DurationTerms terms) {
  std::vector<std::string> names = {"capability_change", "regime_change", "leader_change", "outside_pledge",
                                    "threat_change",     "ideal_distance", "us_troops",     "ln_cinc_strong",
                                    "ln_cinc_weak"};
  switch (terms) {
    case DurationTerms::Log: names.push_back("ln_duration"); break;
    case DurationTerms::Cubic: names.insert(names.end(), {"duration", "duration2", "duration3"}); break;
  }
  return names;
}

std::vector<double> PactYear::covariates(DurationTerms terms) const {
  std::vector<double> x = {capability_change, regime_change, leader_change, outside_pledge, threat_change,
                           ideal_distance,    us_troops,     ln_cinc_strong, ln_cinc_weak};
  const double d = duration / 10.0;  // decades, so the cubic stays well scaled
  switch (terms) {
    case DurationTerms::Log: x.push_back(std::log(static_cast<double>(duration))); break;
    case DurationTerms::Cubic: x.insert(x.end(), {d, d * d, d * d * d}); break;
  }
  return x;
}

namespace {

const double* find(const std::unordered_map<std::int64_t, double>& m, int ccode, int year) {
  auto it = m.find(state_year(ccode, year));
  return it == m.end() ? nullptr : &it->second;
}

// The ideal point this year, else the nearest within two years (session 19, 1964, is absent).
const double* nearest_ideal(const PactWorld& w, int ccode, int year) {
  for (int d : {0, -1, 1, -2, 2})
    if (const double* x = find(w.ideal, ccode, year + d)) return x;
  return nullptr;
}

bool gained_outside_partner(const PactWorld& w, int s, int other, int year) {
  auto now = w.partners.find(state_year(s, year));
  if (now == w.partners.end()) return false;
  auto before = w.partners.find(state_year(s, year - 1));
  for (int p : now->second) {
    if (p == other) continue;
    if (before == w.partners.end() || !before->second.count(p)) return true;
  }
  return false;
}

PactYear pact_year(const PactWorld& w, const PactSpell& s, std::size_t index, int year) {
  PactYear y{.spell = index, .year = year, .duration = year - s.start + 1};
  y.event = s.end == SpellEnd::Terminated && year == s.last;
  const int a = s.a, b = s.b;
  auto& miss = y.missing;
  const double* ca = find(w.cinc, a, year);
  const double* cb = find(w.cinc, b, year);
  if (!ca || !cb) { miss.push_back(DropReason::StateOutsideSystem); return y; }
  y.cinc_a = *ca;
  y.cinc_b = *cb;
  const double* ca0 = find(w.cinc, a, year - 1);
  const double* cb0 = find(w.cinc, b, year - 1);
  if (!ca0 || !cb0) miss.push_back(DropReason::NoPreviousYear);
  // Capabilities: the stronger member's share of the pair's, and how far it moved.
  const double total = *ca + *cb;
  const double strong = std::max(*ca, *cb), weak = std::min(*ca, *cb);
  y.ln_cinc_strong = std::log(std::max(strong, 1e-6));
  y.ln_cinc_weak = std::log(std::max(weak, 1e-6));
  if (ca0 && cb0 && total > 0 && *ca0 + *cb0 > 0) {
    const bool a_strong = *ca >= *cb;
    const double share = (a_strong ? *ca : *cb) / total, share0 = (a_strong ? *ca0 : *cb0) / (*ca0 + *cb0);
    y.capability_change = 100 * std::abs(share - share0);
  }
  // Regime change (V-Dem polyarchy, else Polity2).
  double da = 0, da0 = 0, db = 0, db0 = 0;
  if (!w.democracy(a, year, da, da0) || !w.democracy(b, year, db, db0)) miss.push_back(DropReason::NoDemocracy);
  else {
    y.polyarchy_a = da;
    y.polyarchy_b = db;
    y.regime_change = (std::abs(da - da0) >= kRegimeChange || std::abs(db - db0) >= kRegimeChange) ? 1 : 0;
  }
  // Leader change (Archigos, by GW code).
  const int ga = gw_code(a, year), gb = gw_code(b, year);
  if (!w.leader_known.count(state_year(ga, year)) || !w.leader_known.count(state_year(gb, year)))
    miss.push_back(DropReason::NoLeaderData);
  else
    y.leader_change = (w.leader_entry.count(state_year(ga, year)) || w.leader_entry.count(state_year(gb, year))) ? 1 : 0;
  y.outside_pledge = (gained_outside_partner(w, a, b, year) || gained_outside_partner(w, b, a, year)) ? 1 : 0;
  // Threats: third states in militarized disputes with either member.
  if (year > w.gml_last_year) miss.push_back(DropReason::NoDisputeData);
  else {
    const auto now = third_parties(w, a, b, year), before = third_parties(w, a, b, year - 1);
    y.third_parties = static_cast<double>(now.size());
    y.threat_change = static_cast<double>(now.size()) - static_cast<double>(before.size());
    y.threat_capability = third_party_capability(w, a, b, year);
  }
  const double* ia = nearest_ideal(w, a, year);
  const double* ib = nearest_ideal(w, b, year);
  if (!ia || !ib) miss.push_back(DropReason::NoIdealPoint);
  else {
    y.ideal_a = *ia;
    y.ideal_b = *ib;
    y.ideal_distance = std::abs(*ia - *ib);
  }
  // US troops where the US is a member (ccode 2 is always the lower code of its pairs).
  if (a == 2) {
    const double* t = find(w.us_troops, b, year);
    if (!t) miss.push_back(DropReason::NoTroopData);
    else {
      y.troops = *t;
      y.us_troops = std::log1p(*t);
    }
  }
  return y;
}

}  // namespace

std::set<int> third_parties(const PactWorld& w, int a, int b, int year) {
  std::set<int> out;
  for (int s : {a, b})
    if (auto it = w.opponents.find(state_year(s, year)); it != w.opponents.end())
      for (int o : it->second)
        if (o != a && o != b) out.insert(o);
  return out;
}

double third_party_capability(const PactWorld& w, int a, int b, int year) {
  double sum = 0;
  for (int o : third_parties(w, a, b, year))
    if (const double* c = find(w.cinc, o, year)) sum += *c;
  return sum;
}

std::string DyadRecord::reason() const {
  std::string out;
  for (const auto& [r, n] : dropped) {
    if (!out.empty()) out += "; ";
    out += std::string(drop_reason_name(r)) + " (" + std::to_string(n) + (n == 1 ? " year)" : " years)");
  }
  return out;
}

PactPanel build_pact_panel(const PactWorld& w, int from, int to) {
  PactPanel p{.from = from, .to = to, .spells = pact_spells(w, from, to)};
  std::map<std::pair<int, int>, std::size_t> dyad_of;
  for (std::size_t i = 0; i < p.spells.size(); ++i) {
    const PactSpell& s = p.spells[i];
    auto [it, fresh] = dyad_of.try_emplace({s.a, s.b}, p.dyads.size());
    if (fresh) p.dyads.push_back({.a = s.a, .b = s.b, .first = std::max(s.start, from)});
    DyadRecord& d = p.dyads[it->second];
    ++d.spells;
    d.last = s.last;
    if (s.end == SpellEnd::Terminated) ++d.events;
    for (int year = std::max(s.start, from); year <= s.last; ++year) {
      PactYear y = pact_year(w, s, i, year);
      ++d.pledge_years;
      if (y.scored()) {
        ++d.scored_years;
        if (y.event) ++d.scored_events;
      } else {
        ++d.dropped[y.missing.front()];  // the first reason in the order checked
      }
      p.years.push_back(std::move(y));
    }
  }
  return p;
}

}  // namespace entente::evidence
