// The DEU III dataset of EU legislative decisions (Arregui & Perarnaud 2021, "A new dataset on
// legislative decision-making in the European Union: the DEU III dataset", doi
// 10.34810/data53), in the tab-separated layout of `deu3.csv` as blksv/predictioneers_game
// ships it: a header row, a row of capabilities (GDP in trillions; 4.1 for the Commission and
// the Parliament) under the position columns, then one row per issue with the positions
// p<actor> and saliences s<actor> (0..100, empty = none), the reference point `rp` and the
// recorded outcome `out` (0..100, empty = unknown).
//
// Each issue becomes a one-issue Scenario for the bargaining models: the actors that state a
// position and give the issue a salience above 0 (a missing salience counts as 0; an actor
// with weight capability × salience = 0 moves no weighted model and is left out), scale
// 0..100, the reference point as its status quo.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/scenario.h"

namespace entente {

struct Deu3Issue {
  int line = 0;            // the issue's row in the file (1-based)
  std::string id;          // `isnr`, e.g. "d00032i1"
  std::string proposal;    // `prname`, the proposal's short name
  std::string procedure;   // `proc`: COD, CNS, ...
  std::string voting;      // `counvte`: QMV or unanimity in the Council
  std::optional<double> outcome;  // `out`; none when the dataset records no outcome
  // The issue as a validated one-issue scenario, when it has one; otherwise `unusable`
  // says why (fewer than two actors with a position and a salience above 0).
  std::optional<Scenario> scenario;
  std::string unusable;
  std::size_t positions = 0;         // actors stating a position
  std::size_t without_salience = 0;  // of those, with salience missing or 0 (left out)
};

struct Deu3Data {
  std::string file;
  std::vector<std::string> actors;  // column codes as names: COM, EP, AT, ... UK
  std::vector<double> capability;   // the capability row, one per actor
  std::vector<Deu3Issue> issues;    // in file order
};

// Reads the whole table; throws InputError with every problem (file, line, column and issue)
// at once: a missing column, a field that is not a number, a value outside 0..100, a row of
// the wrong width, a capability that is not above 0.
Deu3Data read_deu3(std::string_view text, const std::string& file);
Deu3Data load_deu3(const std::string& path);

}  // namespace entente
