// Every defence pact since 1946: spells built from a hand-made ATOP extract (expected spells
// typed by hand), the COW→GW codes Archigos needs, the panel's covariates and its listing of
// the dyads left out with their reason, read from tiny world files.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "core/error.h"
#include "evidence/pacts.h"
#include "evidence/pacts_benchmark.h"
#include "sim/simulation.h"
#include "support.h"

namespace entente {
namespace {

using evidence::PactSpell;
using evidence::PactWorld;
using evidence::SpellEnd;

PactWorld world_in_system(std::initializer_list<int> states, int from, int to) {
  PactWorld w;
  w.atop_last_year = 2018;
  for (int s : states)
    for (int y = from; y <= to; ++y) w.cinc[evidence::state_year(s, y)] = 0.01;
  return w;
}

void pledge(PactWorld& w, int a, int b, int from, int to) {
  for (int y = from; y <= to; ++y) w.add_pledge(a, b, y);
}

TEST(PactSpells, RunsOfPledgeYearsEndOnlyWhileBothStatesExist) {
  PactWorld w = world_in_system({2, 20, 200, 210, 300, 400, 410}, 1816, 2016);
  for (int y = 1816; y <= 1965; ++y) w.cinc[evidence::state_year(310, y)] = 0.01;  // 310 dies after 1965
  pledge(w, 20, 2, 1950, 1955);     // given in the other direction: the same undirected pair
  pledge(w, 2, 20, 1958, 1960);     // a second spell after a gap
  pledge(w, 200, 210, 1944, 2012);  // began before the window, lasts past it
  pledge(w, 300, 310, 1960, 1965);  // ends with a state's death
  pledge(w, 400, 410, 2015, 2018);  // outside the window
  const auto spells = evidence::pact_spells(w, 1946, 2010);
  // Typed by hand: pair, start, last year in the window, end.
  const std::vector<PactSpell> expected = {
      {2, 20, 1950, 1955, SpellEnd::Terminated},
      {2, 20, 1958, 1960, SpellEnd::Terminated},
      {200, 210, 1944, 2010, SpellEnd::StillInForce},
      {300, 310, 1960, 1965, SpellEnd::StateDeath},
  };
  ASSERT_EQ(spells.size(), expected.size());
  for (std::size_t i = 0; i < spells.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(spells[i].a, expected[i].a);
    EXPECT_EQ(spells[i].b, expected[i].b);
    EXPECT_EQ(spells[i].start, expected[i].start);
    EXPECT_EQ(spells[i].last, expected[i].last);
    EXPECT_EQ(spells[i].end, expected[i].end);
  }
  // Past ATOP's last year the end is unknown.
  const auto late = evidence::pact_spells(w, 2011, 2018);
  ASSERT_EQ(late.size(), 2u);
  EXPECT_EQ(late[0].a, 200);
  EXPECT_EQ(late[0].end, SpellEnd::Terminated);  // 2012 its last, both exist in 2013
  EXPECT_EQ(late[1].a, 400);
  EXPECT_EQ(late[1].end, SpellEnd::BeyondData);
}

TEST(PactSpells, GleditschWardCodesForTheStatesThatDiffer) {
  EXPECT_EQ(evidence::gw_code(255, 1995), 260);  // unified Germany
  EXPECT_EQ(evidence::gw_code(255, 1938), 255);  // Germany before 1945
  EXPECT_EQ(evidence::gw_code(260, 1970), 260);
  EXPECT_EQ(evidence::gw_code(340, 2007), 345);  // Serbia continues Yugoslavia
  EXPECT_EQ(evidence::gw_code(345, 1970), 345);
  EXPECT_EQ(evidence::gw_code(679, 1995), 678);  // unified Yemen continues the YAR
  EXPECT_EQ(evidence::gw_code(680, 1980), 680);
  EXPECT_EQ(evidence::gw_code(816, 1980), 816);
  EXPECT_EQ(evidence::gw_code(817, 1970), 817);
}

TEST(PactPanel, DemocracyFromVDemElsePolityTwoBothYearsFromOneSource) {
  PactWorld w;
  w.polyarchy[evidence::state_year(2, 1990)] = 0.9;
  w.polyarchy[evidence::state_year(2, 1989)] = 0.8;
  w.polity[evidence::state_year(2, 1990)] = 1.0;
  w.polity[evidence::state_year(2, 1989)] = 1.0;
  w.polity[evidence::state_year(260, 1970)] = 1.0;  // V-Dem has no West Germany
  w.polity[evidence::state_year(260, 1969)] = 0.5;
  w.polyarchy[evidence::state_year(300, 1970)] = 0.7;  // V-Dem for one year only, Polity for both
  w.polity[evidence::state_year(300, 1970)] = 0.4;
  w.polity[evidence::state_year(300, 1969)] = 0.3;
  double now = 0, before = 0;
  ASSERT_TRUE(w.democracy(2, 1990, now, before));
  EXPECT_EQ(now, 0.9);
  EXPECT_EQ(before, 0.8);
  ASSERT_TRUE(w.democracy(260, 1970, now, before));
  EXPECT_EQ(now, 1.0);
  EXPECT_EQ(before, 0.5);
  ASSERT_TRUE(w.democracy(300, 1970, now, before));
  EXPECT_EQ(now, 0.4);
  EXPECT_EQ(before, 0.3);
  EXPECT_FALSE(w.democracy(260, 1980, now, before));
}

// A tiny world in the files' own layout: the US (2) with Germany (255 from 1990) 1990–1994,
// ending in 1994; the US with a microstate (54) that V-Dem does not cover; 255 with 325
// (Italy) 1991–1992, ending in 1992.
std::string write_world() {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(test::temp_file("pacts-marker", "")).parent_path() / "pacts-world";
  fs::create_directories(dir);
  const auto put = [&](const char* name, const std::string& text) { std::ofstream(dir / name, std::ios::binary) << text; };
  std::string atop = "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n";
  for (int y = 1990; y <= 1994; ++y) atop += "2,255," + std::to_string(y) + ",1,0,0,0,0\n255,2," + std::to_string(y) + ",1,0,0,0,0\n";
  for (int y = 1990; y <= 1992; ++y) atop += "2,54," + std::to_string(y) + ",1,0,0,0,0\n";
  for (int y = 1991; y <= 1992; ++y) atop += "255,325," + std::to_string(y) + ",1,0,0,0,0\n";
  atop += "2,255,1995,0,0,0,1,0\n";
  put("atop51_ddy_all.csv", atop);
  std::string nmc = "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,cinc,version\n";
  std::string dem = "ccode,year,v2x_polyarchy,polity2,xm_qudsest\n";
  std::string un = "ccode,Countryname,iso3c,session,year,IdealPointAll,Q5%All,Q95%All\n";
  std::string troops = "countryname,ccode,iso3c,year,troops,army,navy,air_force,marine_corps,region,space_force,coast_guard\n";
  for (int y = 1989; y <= 1996; ++y) {
    const std::string ys = std::to_string(y);
    nmc += "USA,2," + ys + ",1,1,1,1,1,1,0.14,2021\n";
    nmc += "GMY,255," + ys + ",1,1,1,1,1,1," + (y == 1992 ? "0.05" : "0.04") + ",2021\n";
    nmc += "ITA,325," + ys + ",1,1,1,1,1,1,0.02,2021\n";
    nmc += "DMA,54," + ys + ",1,1,1,1,1,1,0.00001,2021\n";
    dem += "2," + ys + ",0.9,10,1\n255," + ys + "," + (y >= 1993 ? "0.7" : "0.85") + ",10,1\n325," + ys + ",0.8,10,1\n";
    dem += "54," + ys + ",,,\n";
    un += "2,United States,USA," + std::to_string(y - 1945) + "," + ys + ",3,2.8,3.2\n";
    un += "255,Germany,DEU," + std::to_string(y - 1945) + "," + ys + ",1,0.8,1.2\n";
    un += "325,Italy,ITA," + std::to_string(y - 1945) + "," + ys + ",0.5,0.3,0.7\n";
    un += "54,Dominica,DMA," + std::to_string(y - 1945) + "," + ys + ",-1,-1.2,-0.8\n";
    troops += "Germany,255,DEU," + ys + ",100000,NA,NA,NA,NA,Europe,NA,NA\n";
    troops += "Dominica,54,DMA," + ys + ",0,NA,NA,NA,NA,Caribbean,NA,NA\n";
  }
  put("nmc60_all.csv", nmc);
  put("democracy_all.csv", dem);
  put("unga_ideal_points.csv", un);
  put("us_troops_all.csv", troops);
  // Italy in a dispute with a third state (630) in 1992 only.
  put("gml_mid_ddy_all.csv",
      "dispnum,ccode1,ccode2,year,gmlmidongoing,gmlmidonset,sidea1,sidea2,fatality1,fatality2,fatalpre1,fatalpre2,"
      "hiact1,hiact2,hostlev1,hostlev2,orig1,orig2,fatality,hostlev,recip,mindur,maxdur,stmon\n"
      "1,325,630,1992,1,1,1,0,0,0,0,0,0,0,0,0,1,1,0,3,0,1,1,5\n"
      "1,630,325,1992,1,1,0,1,0,0,0,0,0,0,0,0,1,1,0,3,0,1,1,5\n"
      "2,2,630,2010,0,0,1,0,0,0,0,0,0,0,0,0,1,1,0,3,0,1,1,5\n");
  // Archigos by GW code: Germany is 260 after 1990; a new German leader in 1992.
  put("archigos41_leaders_all.csv",
      "obsid,gwcode,leadid,leader,yrborn,gender,startdate,enddate,entry,exit,exitcode\n"
      "USA-1989,2,a,Bush,1924,M,1989-01-20,1993-01-20,Regular,Regular,Regular\n"
      "USA-1993,2,b,Clinton,1946,M,1993-01-20,2001-01-20,Regular,Regular,Regular\n"
      "GFR-1982,260,c,Kohl,1930,M,1982-10-01,1992-06-01,Regular,Regular,Regular\n"
      "GFR-1992,260,d,Nachfolger,1940,M,1992-06-01,1998-10-27,Regular,Regular,Regular\n"
      "ITA-1987,325,e,Andreotti,1919,M,1987-01-01,1996-01-01,Regular,Regular,Regular\n");
  return dir.string();
}

TEST(PactPanel, CovariatesFromTheWorldFilesAndEveryDyadListed) {
  const PactWorld w = evidence::load_pact_world(write_world());
  const auto p = evidence::build_pact_panel(w, 1946, 1992);
  ASSERT_EQ(p.dyads.size(), 3u);
  // US–Germany: pledges 1990–1994; the window ends in 1992, so the spell is still in force.
  // NMC and V-Dem list 255 from 1989, so every change is known; Archigos has it as GW 260.
  const auto& us_de = p.dyads[1];
  EXPECT_EQ(us_de.a, 2);
  EXPECT_EQ(us_de.b, 255);
  EXPECT_EQ(us_de.pledge_years, 3);
  EXPECT_EQ(us_de.scored_years, 3);
  EXPECT_TRUE(us_de.reason().empty());
  // The microstate: no V-Dem score, so every year is dropped and the dyad is listed as left out.
  const auto& us_dma = p.dyads[0];
  EXPECT_EQ(us_dma.b, 54);
  EXPECT_FALSE(us_dma.scored());
  EXPECT_EQ(us_dma.reason(), "no_democracy (3 years)");
  EXPECT_EQ(us_dma.events, 1);  // the pledge ended in 1992 with both states in the system
  // The panel table lists each dyad with its status.
  const auto table = evidence::pacts_dyads_table(p);
  ASSERT_EQ(table.rows.size(), 3u);
  EXPECT_EQ(std::get<std::string>(table.rows[0][9]), "left_out");
  EXPECT_EQ(std::get<std::string>(table.rows[1][9]), "scored");
  // Year by year for Germany–Italy (spell 1991–1992; no pledge in 1993 while both exist).
  const evidence::PactYear* de_it_1992 = nullptr;
  const evidence::PactYear* us_de_1992 = nullptr;
  for (const auto& y : p.years) {
    const auto& s = p.spells[y.spell];
    if (s.a == 255 && s.b == 325 && y.year == 1992) de_it_1992 = &y;
    if (s.a == 2 && s.b == 255 && y.year == 1992) us_de_1992 = &y;
  }
  ASSERT_NE(de_it_1992, nullptr);
  ASSERT_NE(us_de_1992, nullptr);
  ASSERT_TRUE(de_it_1992->scored());
  EXPECT_EQ(de_it_1992->duration, 2);
  EXPECT_TRUE(de_it_1992->event);
  // Germany's share of the pair's CINC: 0.04/0.06 in 1991, 0.05/0.07 in 1992 (points).
  EXPECT_NEAR(de_it_1992->capability_change, 100 * (0.05 / 0.07 - 0.04 / 0.06), 1e-12);
  EXPECT_EQ(de_it_1992->leader_change, 1);   // the new leader under GW 260
  EXPECT_EQ(de_it_1992->regime_change, 0);   // 0.85 → 0.85
  EXPECT_EQ(de_it_1992->threat_change, 1);   // Italy's dispute with 630 begins
  EXPECT_EQ(de_it_1992->third_parties, 1);
  EXPECT_NEAR(de_it_1992->ideal_distance, 0.5, 1e-12);
  EXPECT_EQ(de_it_1992->us_troops, 0);
  EXPECT_EQ(de_it_1992->outside_pledge, 0);  // Germany's other partner, the US, was one in 1991 too
  EXPECT_NEAR(us_de_1992->us_troops, std::log1p(100000.0), 1e-12);
  EXPECT_NEAR(us_de_1992->ideal_distance, 2, 1e-12);
  // 1991: Germany gains Italy as a partner outside the US–Germany pair.
  for (const auto& y : p.years) {
    const auto& s = p.spells[y.spell];
    if (s.a == 2 && s.b == 255 && (y.year == 1990 || y.year == 1991)) {
      EXPECT_EQ(y.outside_pledge, 1) << y.year;  // 1990: the US gains Dominica; 1991: Germany, Italy
    }
  }
  // With the window to 1994 the US–Germany spell ends (1995: no pledge, both exist), and
  // Germany's polyarchy falls by 0.15 in 1993: a regime change.
  const auto q = evidence::build_pact_panel(w, 1946, 1994);
  for (const auto& y : q.years) {
    const auto& s = q.spells[y.spell];
    if (s.a != 2 || s.b != 255) continue;
    EXPECT_EQ(y.event, y.year == 1994);
    EXPECT_EQ(y.regime_change, y.year == 1993 ? 1 : 0);
    EXPECT_EQ(y.leader_change, (y.year == 1992 || y.year == 1993) ? 1 : 0);  // Germany 1992, the US 1993
  }
}

TEST(PactPanel, BadWorldFileNamesTheFileLineAndField) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(test::temp_file("pacts-marker-bad", "")).parent_path() / "pacts-bad";
  fs::create_directories(dir);
  std::ofstream(dir / "atop51_ddy_all.csv") << "ccode1,ccode2,year,atop_defense\n2,20,19x9,1\n";
  try {
    evidence::load_pact_world(dir.string());
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].line, 2);
    EXPECT_EQ(e.diagnostics()[0].field, "year");
  }
}

TEST(PactScenario, TheStrongerMemberIsThePatronAndPositionsFollowTheVotes) {
  const PactWorld w = evidence::load_pact_world(write_world());
  const PactSpell spell{2, 255, 1990, 1994, SpellEnd::Terminated};
  const auto t = evidence::pact_scenario(w, spell, 1946, {});
  EXPECT_EQ(t.start_year, 1990);
  EXPECT_EQ(t.end_year, 1994);
  EXPECT_EQ(t.scenario.actors[0].description, "COW 2");
  EXPECT_EQ(t.scenario.actors[1].description, "COW 255");
  // Ideal points run −1..3 in the file: the US at 100, Germany at 50.
  EXPECT_NEAR(t.scenario.stances[0].position, 100, 1e-12);
  EXPECT_NEAR(t.scenario.stances[1].position, 50, 1e-12);
  EXPECT_EQ(t.troops[0], 100000);
  EXPECT_NEAR(t.democracy[1][3], 0.7, 1e-12);
  EXPECT_TRUE(sim::validate(t).empty());
  const auto run = sim::simulate(t, sim::SimOptions{});
  ASSERT_EQ(run.at("strain").size(), 5u);
  for (double h : run.at("strain")) {
    EXPECT_GT(h, 0);
    EXPECT_LT(h, 1);
  }
}

}  // namespace
}  // namespace entente
