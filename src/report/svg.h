// Chart primitives for the HTML report: line charts (with 5–95 % bands, dated-event ticks,
// reference lines, marked points and scatters, on a linear or logarithmic x axis) and
// horizontal waterfall charts, drawn as inline SVG.
//
// Every chart carries a visible title, axis labels with units and a legend inside the SVG,
// so a chart cut out of the report still says what it shows. The SVG scales to its
// container (viewBox, width 100 %) and is well-formed XML: a report can be checked with any
// XML parser and printed or opened on a phone without a script.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace entente::report {

// Escapes text for XML content and attribute values (&, <, >, ").
std::string escape(std::string_view text);

// A colour-blind-safe palette (Okabe & Ito 2008), cycled by index.
std::string palette(std::size_t index);

// A value with a fixed number of decimals and a real minus sign.
std::string decimal(double value, int decimals);

struct Axis {
  std::string label;  // with its unit, e.g. "strain (0–1)"
  std::optional<double> min, max;  // fixed ends; otherwise from the data (with round ticks)
  bool integer = false;            // whole-number ticks (years, turns)
  bool log = false;                // logarithmic, ticks at 1, 2, 5 × 10^k (the x axis only; values > 0)
};

struct Line {
  std::string name;
  std::vector<double> x, y;
  std::string color;
  bool dashed = false;
  double width = 2.5;
  bool in_legend = true;
};

// A shaded range between two curves, e.g. the 5–95 % quantiles of a sweep.
struct Band {
  std::string name;
  std::vector<double> x, lo, hi;
  std::string color;
};

// Dated events at x: one mark per x, its names shown on hover (an SVG <title>).
struct Tick {
  double x = 0;
  std::string label;
};

// A horizontal reference line, e.g. the strain threshold.
struct Rule {
  double y = 0;
  std::string label;
  std::string color = "#555555";
};

// A marked point, e.g. a forecast outcome.
struct Point {
  double x = 0, y = 0;
  std::string label;
  std::string color;
};

// Points of one series, one legend entry: a reliability diagram's bins, the cases of a rug.
// Each point has its own hover text (labels[i], when given).
struct Scatter {
  std::string name;
  std::vector<double> x, y;
  std::vector<std::string> labels;
  std::string color;
  double radius = 6;
  bool hollow = false;  // a ring, so that points drawn over each other stay visible
};

struct LineChart {
  std::string id;  // unique within the page
  std::string title;
  Axis x, y;
  std::vector<Band> bands;
  std::vector<Line> lines;
  std::vector<Tick> ticks;
  std::string ticks_legend = "dated event (hover for names)";
  std::vector<Rule> rules;
  std::vector<Point> points;
  std::vector<Scatter> scatters;
  std::optional<double> shade_from;  // shades x ≥ this, e.g. a projection past the data
  std::string shade_label = "projection";
  double width = 480;        // viewBox units: narrower for small multiples, so their text stays large
  double plot_height = 250;
};

std::string line_chart(const LineChart& chart);

// One row of a waterfall: a level (drawn from 0) or a step (drawn from the running level).
struct Step {
  std::string label;
  double value = 0;
  bool level = false;
};

struct Waterfall {
  std::string id;
  std::string title;
  std::string value_label;  // the horizontal axis, with its unit
  std::vector<Step> steps;
};

// Horizontal bars, one row per step, so long cause names stay readable on a phone.
std::string waterfall_chart(const Waterfall& chart);

}  // namespace entente::report
