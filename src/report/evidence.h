// The report's evidence section: what the alliance model's forecasts of real cases are worth,
// from files the user already has — a backtest's JSON (`entente backtest -f json`, read back by
// evidence::read_backtest) and a posterior file (`entente calibrate`, its marginals read by
// evidence::read_marginals). Either alone is drawn; the section shows what it is given: the
// per-case and score tables, the reliability diagram, and one figure per posterior marginal.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "evidence/backtest.h"
#include "evidence/evidence_io.h"

namespace entente::report {

struct Evidence {
  std::optional<evidence::BacktestResult> backtest;
  std::string backtest_file;  // as the user named it
  std::vector<evidence::Marginal> marginals;
  std::string posterior_file;
  bool empty() const { return !backtest && marginals.empty(); }
};

// The section's body (HTML); "" when `e` is empty.
std::string evidence_body(const Evidence& e);

}  // namespace entente::report
