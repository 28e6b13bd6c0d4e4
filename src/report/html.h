// The report: one self-contained HTML file a person would rather look at than read. No
// network, no external files, no script: CSS inline and every chart inline SVG drawn by
// report/svg.h. The page is well-formed XML as well as HTML, so any XML parser can check it.
//
// The report is drawn from a ReportData (analysis/report_data.h) and nothing else: the
// analyses computed it, here it is only laid out (report/kit.h: the page; report/charts.h: one
// function per chart). For a one-year scenario: the scenario (actors, issues with poles,
// stances) and where each issue's bargaining goes turn by turn. For a time-stepped scenario:
// the scenario, strain over time with the dated events, each member's gains and losses,
// public support, divergence, the adversary's disarmament probability, the Shapley
// attribution of the change of strain over a window, the scenario's policies with 5–95 %
// bands from a sweep of its uncertain inputs, and its claims checked on the baseline and
// across runs. A ReportData holding only some of these parts (a stored run of one kind)
// draws those parts. Either kind may add the evidence of the alliance model: a backtest and a
// posterior read from their files.
#pragma once

#include <string>

#include "analysis/report_data.h"
#include "report/evidence.h"

namespace entente::report {

// The page, with an evidence section when `evidence` holds a backtest or a posterior
// (report/evidence.h). Throws std::invalid_argument when the data hold neither a one-year nor
// a time-stepped scenario's facts.
std::string render(const analysis::ReportData& data, const Evidence& evidence = {});

}  // namespace entente::report
