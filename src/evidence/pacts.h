// Every defence pact since 1946 as a dyad-year panel (docs/evidence.md, "Every defence pact
// since 1946"). The unit is the undirected pair of states: ATOP 5.1's directed rows (Leeds et
// al. 2002) count as one pledge for the pair when either direction carries atop_defense = 1, so
// a multilateral pact enters as every pair of its members. A spell is a run of consecutive
// pledge years; it ends (the event) when the pair has no pledge in the next year while both
// states are still in the COW state system (NMC 6.0) that year, and is right-censored
// otherwise (a state's death, or the pledge lasting past the window).
//
// Covariates follow Leeds & Savun (2007), "Terminating alliances", J. of Politics 69(4), plus
// the UN ideal-point distance (Bailey, Strezhnev & Voeten 2017) and duration terms for time
// dependence (Beck, Katz & Tucker 1998, AJPS 42(4); Carter & Signorino 2010, Political
// Analysis 18(3): the cubic polynomial). A dyad-year lacking any covariate is dropped with
// its reason (listwise deletion); every dyad is listed as scored or left out.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/enum_table.h"

namespace entente::evidence {

// A state-year key: ccode × 10000 + year.
inline std::int64_t state_year(int ccode, int year) { return static_cast<std::int64_t>(ccode) * 10000 + year; }

// Archigos codes states by Gleditsch & Ward (1999); everything else by COW. The codes that
// differ for states in ATOP defence pacts 1946–2010: COW 255 (Germany from 1990) is GW 260,
// which GW keeps for the Federal Republic before and after unification; COW 340 (Serbia from
// 2006) is GW 345, which GW keeps for Yugoslavia and then Serbia; COW 679 (Yemen from 1990) is
// GW 678, which GW keeps for the Yemen Arab Republic and then unified Yemen. COW 816/817
// (North, South Vietnam) and 678/680 before 1990 are the same in both. COW's microstates
// (54–60, 403, …) have no GW code: no leader data.
int gw_code(int cow_code, int year);

// The sources the panel reads, by COW code and year (data/world/, README there).
struct PactWorld {
  int atop_last_year = 0;                              // the last year ATOP covers (pledges after it unknown)
  std::unordered_set<std::int64_t> defence;           // undirected pledge-years: pair_key(a, b) × 10000 + year
  std::unordered_map<std::int64_t, double> cinc;       // NMC 6.0; a state-year in it is a state in the system
  std::unordered_map<std::int64_t, double> polyarchy;  // V-Dem v2x_polyarchy
  std::unordered_map<std::int64_t, double> polity;     // Polity2 rescaled to 0..1, (polity2 + 10)/20
  std::unordered_map<std::int64_t, double> ideal;      // UNGA ideal point (IdealPointAll)
  std::unordered_map<std::int64_t, double> us_troops;  // US troops hosted (troopdata); NA rows left out
  std::unordered_map<std::int64_t, std::set<int>> opponents;  // GML ongoing MIDs: the other side's states
  // Archigos by GW code and year: the years a leader is in office, and the years one takes office.
  std::unordered_set<std::int64_t> leader_known, leader_entry;
  // The defence partners of each state in each year (both directions).
  std::unordered_map<std::int64_t, std::set<int>> partners;
  int gml_last_year = 0;
  double ideal_min = 0, ideal_max = 0;  // the range of every NMC state's ideal points (for 0..100)

  // Adds an undirected pledge a–b in `year`.
  void add_pledge(int a, int b, int year);
  bool pledge(int a, int b, int year) const;
  bool in_system(int ccode, int year) const { return cinc.count(state_year(ccode, year)) != 0; }
  // A state's democracy in `year` and the year before, 0..1, from one source: V-Dem polyarchy
  // where it has both years, else Polity2 rescaled (V-Dem has no West Germany, COW 260); false
  // when neither has both.
  bool democracy(int ccode, int year, double& now, double& before) const;
};

// Reads the world files from `dir`: the state series (NMC CINC, V-Dem polyarchy, UN ideal
// points, US troops) through io::world_values for every NMC state, and atop51_ddy_all.csv,
// gml_mid_ddy_all.csv and archigos41_leaders_all.csv, which that reader does not cover.
// Throws InputError naming file, line and field for a missing file or a bad value.
PactWorld load_pact_world(const std::string& dir);

// The third states in militarized disputes (GML, ongoing) with a or b in `year`, and their
// summed CINC: the threat a generic scenario gives the pair's adversary.
std::set<int> third_parties(const PactWorld& world, int a, int b, int year);
double third_party_capability(const PactWorld& world, int a, int b, int year);

// How a spell ends.
enum class SpellEnd { Terminated, StillInForce, StateDeath, BeyondData };
const char* spell_end_name(SpellEnd end);

// A run of consecutive pledge years of an undirected pair (a < b).
struct PactSpell {
  int a = 0, b = 0;
  int start = 0;  // the first pledge year of the run (may precede the window: ATOP starts in 1815)
  int last = 0;   // the last pledge year of the run inside the window
  SpellEnd end = SpellEnd::Terminated;
};

// Every spell with a pledge year in [from, to], in (a, b, start) order. A run continuing past
// `to` is StillInForce at `to`; a run ending at t ≤ to is Terminated when both states are in
// the system in t + 1, StateDeath when one is not, BeyondData when t + 1 > atop_last_year.
std::vector<PactSpell> pact_spells(const PactWorld& world, int from, int to);

// Why a dyad-year is not scored. One row per reason in kDropReasons.
enum class DropReason { StateOutsideSystem, NoPreviousYear, NoDemocracy, NoLeaderData, NoIdealPoint, NoTroopData, NoDisputeData };
struct DropReasonInfo {
  DropReason reason;
  const char* name;
  const char* description;
};
inline constexpr DropReasonInfo kDropReasons[] = {
    {DropReason::StateOutsideSystem, "state_outside_system", "a member is not in the COW state system (NMC) that year"},
    {DropReason::NoPreviousYear, "no_previous_year", "a member was not in the system the year before (born this year): no change"},
    {DropReason::NoDemocracy, "no_democracy", "neither V-Dem nor Polity2 scores a member this year and the year before"},
    {DropReason::NoLeaderData, "no_leader_data", "no Archigos leader for a member (no Gleditsch–Ward code, e.g. microstates)"},
    {DropReason::NoIdealPoint, "no_ideal_point", "no UN ideal point for a member within two years (not a UN member)"},
    {DropReason::NoTroopData, "no_troop_data", "the US is a member and its troops in the partner are not recorded (before 1950, NA)"},
    {DropReason::NoDisputeData, "no_dispute_data", "after the last GML year"},
};
const char* drop_reason_name(DropReason reason);

// How time dependence enters the hazard (Beck, Katz & Tucker 1998): ln d (the default), or
// Carter & Signorino's (2010) cubic d/10, (d/10)², (d/10)³, which extrapolates badly out of
// sample by time (docs/evidence.md).
enum class DurationTerms { Log, Cubic };
inline constexpr auto kDurationTerms = enum_table<DurationTerms>({{DurationTerms::Log, "log"}, {DurationTerms::Cubic, "cubic"}});

// The covariates of one dyad-year, in the order of covariate_names() (without the intercept).
std::vector<std::string> covariate_names(DurationTerms duration = DurationTerms::Log);

struct PactYear {
  std::size_t spell = 0;  // index into PactPanel::spells
  int year = 0;
  int duration = 0;       // years since the spell began, 1 in its first year
  bool event = false;     // the pledge ends after this year while both states exist
  std::vector<DropReason> missing{};  // empty: scored
  // The covariates (valid when `missing` is empty):
  double capability_change = 0;  // |Δ| of the stronger member's share c_s/(c_a + c_b), in points (×100), t−1 → t
  double regime_change = 0;      // 1 when a member's democracy moved by ≥ kRegimeChange from t−1
  double leader_change = 0;      // 1 when a new leader took office in a member this year (Archigos)
  double outside_pledge = 0;     // 1 when a member gained a defence partner outside the pair (not one in t−1)
  double threat_change = 0;      // Δ the number of third states in militarized disputes with a member, t−1 → t
  double ideal_distance = 0;     // |ideal_a − ideal_b|
  double us_troops = 0;          // ln(1 + US troops in the partner) when a member is the US, else 0
  double ln_cinc_strong = 0, ln_cinc_weak = 0;
  double third_parties = 0;      // number of third states in disputes with either member this year
  double threat_capability = 0;  // their summed CINC (the generic scenario's adversary)
  double cinc_a = 0, cinc_b = 0;
  double polyarchy_a = 0, polyarchy_b = 0;
  double ideal_a = 0, ideal_b = 0;
  double troops = 0;             // US troops in the partner (level)
  bool scored() const { return missing.empty(); }
  // The covariate vector: capability change, regime change, leader change, outside pledge,
  // threat change, ideal distance, US troops, ln CINC strong, weak, and the duration terms.
  std::vector<double> covariates(DurationTerms terms = DurationTerms::Log) const;
};

// A democracy change of 0.1 in one year (a tenth of the 0..1 scale: 2 points of Polity2's 21)
// counts as a regime change: a step as large as a transition year in V-Dem.
inline constexpr double kRegimeChange = 0.1;

struct DyadRecord {
  int a = 0, b = 0;
  int first = 0, last = 0;     // first and last pledge year in the window
  int spells = 0, pledge_years = 0, scored_years = 0, events = 0, scored_events = 0;
  std::map<DropReason, int> dropped{};  // dyad-years per reason
  bool scored() const { return scored_years > 0; }
  std::string reason() const;  // why the dyad is left out, or which years were dropped: "" when none
};

struct PactPanel {
  int from = 0, to = 0;
  std::vector<PactSpell> spells{};
  std::vector<PactYear> years{};   // every pledge-year of every spell, scored or not, spell-major
  std::vector<DyadRecord> dyads{};  // every undirected pair with a pledge in the window
};

// The panel of every pledge-year in [from, to].
PactPanel build_pact_panel(const PactWorld& world, int from, int to);

}  // namespace entente::evidence
