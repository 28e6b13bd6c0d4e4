// The files of the evidence commands read back, for the report's evidence section: a
// backtest's JSON (`entente backtest -f json`, written by backtest_document) and the marginals
// of a posterior file (`entente calibrate`). Each reader reads what its writer writes, key for
// key, and throws InputError naming the file and the field when a file is not one.
#pragma once

#include <string>
#include <vector>

#include "evidence/backtest.h"
#include "evidence/calibration.h"

namespace entente::evidence {

// The records of backtest_document's JSON as a BacktestResult. The JSON does not hold a
// case's file, so CaseForecast::file reads back "". `source` names the text in errors.
BacktestResult parse_backtest(const std::string& text, const std::string& source);
BacktestResult read_backtest(const std::string& path);

// One fitted parameter of a posterior file: its prior (name, range, shape and reason; the
// field pointer is left unset), its summary (median, 5 % and 95 % quantiles, ESS, R-hat over
// every draw the sampler kept) and the draws the file keeps.
struct Marginal {
  Prior prior;
  ParameterSummary summary;
  std::vector<double> draws;
};

// Per name of the file's `draws.names`, in that order. The file is first read as
// read_posterior reads it (so it is one), then its `parameters` for the priors and summaries.
std::vector<Marginal> read_marginals(const std::string& path);

}  // namespace entente::evidence
