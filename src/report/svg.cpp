#include "report/svg.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace entente::report {

namespace {

// The drawing is laid out in viewBox units; the page scales it to the column width. 480 units
// keep 14-unit text near 11 px on a 400 px phone and near 16 px in a 36rem desktop column.
constexpr double kWidth = 480;
constexpr double kTitleSize = 19, kLabelSize = 15, kTickSize = 14, kLegendSize = 14;
constexpr double kLeft = 62, kRight = 26;
constexpr double kLegendRow = 22;

// Text width estimate for layout (no font metrics without a browser): a sans-serif glyph
// averages a little over half its size.
double text_width(std::string_view text, double size, bool bold = false) {
  std::size_t glyphs = 0;
  for (unsigned char c : text) glyphs += (c & 0xC0) != 0x80;
  return (bold ? 0.6 : 0.56) * size * static_cast<double>(glyphs);
}

// The largest size up to `size` at which the text fits `room`.
double fitting_size(std::string_view text, double size, double room) {
  return std::min(size, std::floor(10 * size * room / std::max(1.0, text_width(text, size))) / 10);
}

std::string f1(double v) { return fmt::format("{:.1f}", v); }

// Splits a title into lines that fit the width.
std::vector<std::string> wrap(const std::string& text, double size, double width) {
  std::vector<std::string> lines{""};
  std::size_t start = 0;
  while (start < text.size()) {
    const auto space = std::min(text.find(' ', start), text.size());
    const std::string word = text.substr(start, space - start);
    const std::string joined = lines.back().empty() ? word : lines.back() + " " + word;
    if (!lines.back().empty() && text_width(joined, size, true) > width) lines.push_back(word);
    else lines.back() = joined;
    start = space + 1;
  }
  return lines;
}

// The title block: an accessible <title> and the visible heading; returns its height.
double title_block(std::string& out, const std::string& id, const std::string& title, double width) {
  out += fmt::format("<title id=\"{}-title\">{}</title>\n", escape(id), escape(title));
  const auto lines = wrap(title, kTitleSize, width - 16);
  double y = 24;
  for (const auto& line : lines) {
    out += fmt::format("<text x=\"8\" y=\"{}\" class=\"chart-title\" font-size=\"{}\" font-weight=\"bold\">{}</text>\n",
                       f1(y), kTitleSize, escape(line));
    y += kTitleSize + 5;
  }
  return y;
}

// Round tick steps (1, 2, 2.5, 5 × 10^k) giving about `count` intervals.
std::vector<double> nice_ticks(double lo, double hi, int count) {
  if (!(hi > lo)) hi = lo + 1;
  const double raw = (hi - lo) / count, magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude * 10;
  for (double m : {1.0, 2.0, 2.5, 5.0})
    if (raw <= m * magnitude * 1.0000001) {
      step = m * magnitude;
      break;
    }
  std::vector<double> ticks;
  for (double t = std::floor(lo / step + 1e-9) * step; t <= hi + step * 1e-6; t += step)
    if (t >= lo - step * 1e-6) ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
  return ticks;
}

struct Range {
  double lo = std::numeric_limits<double>::infinity(), hi = -std::numeric_limits<double>::infinity();
  void add(double v) {
    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  }
  bool empty() const { return lo > hi; }
};

// The axis ends: fixed where given, else the data widened to round ticks.
std::pair<double, double> ends(const Axis& axis, Range r, bool round) {
  if (r.empty()) r = {0, 1};
  if (r.hi - r.lo < 1e-12) r = {r.lo - 0.5, r.hi + 0.5};
  double lo = axis.min.value_or(r.lo), hi = axis.max.value_or(r.hi);
  if (round && (!axis.min || !axis.max)) {
    const auto ticks = nice_ticks(lo, hi, 5);
    const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : 1;
    if (!axis.min) lo = std::floor(lo / step + 1e-9) * step;
    if (!axis.max) hi = std::ceil(hi / step - 1e-9) * step;
  }
  return {lo, hi};
}

// The ends of a logarithmic axis: fixed where given, else the positive data widened to
// whole decades.
std::pair<double, double> log_ends(const Axis& axis, const std::vector<double>& values) {
  Range r;
  for (double v : values)
    if (v > 0) r.add(v);
  if (r.empty()) r = {1, 10};
  double lo = axis.min.value_or(std::pow(10.0, std::floor(std::log10(r.lo) + 1e-9)));
  double hi = axis.max.value_or(std::pow(10.0, std::ceil(std::log10(r.hi) - 1e-9)));
  if (!(hi > lo)) hi = lo * 10;
  return {lo, hi};
}

// Ticks of a logarithmic axis: the decades, with 2 and 5 times each when fewer than four
// decades show.
std::vector<double> log_ticks(double lo, double hi) {
  std::vector<double> ticks;
  const int first = static_cast<int>(std::floor(std::log10(lo))), last = static_cast<int>(std::ceil(std::log10(hi)));
  const bool fine = last - first < 4;
  for (int k = first; k <= last; ++k)
    for (double m : fine ? std::vector<double>{1, 2, 5} : std::vector<double>{1}) {
      const double t = m * std::pow(10.0, k);
      if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) ticks.push_back(t);
    }
  return ticks;
}

// A tick of a logarithmic axis with the decimals its value needs: 0.01, 0.2, 5, 100.
std::string log_tick_label(double v) {
  return decimal(v, std::max(0, static_cast<int>(-std::floor(std::log10(v) + 1e-9))));
}

std::string tick_label(double v, double step, bool integer) {
  if (integer) return fmt::format("{:.0f}", v);
  const int decimals = step >= 1 ? 0 : step >= 0.1 - 1e-12 ? 1 : step >= 0.01 - 1e-12 ? 2 : 3;
  return decimal(v, step == 0.25 || step == 0.025 ? decimals + 1 : decimals);
}

// A legend laid out in rows that wrap at the chart's width.
class Legend {
 public:
  Legend(double top, double width) : width_(width), y_(top) {}
  // `swatch` draws the symbol in a 26 × 14 box whose left middle is (x, y).
  void add(const std::string& label, const std::string& swatch_kind, const std::string& color, bool dashed = false,
           double stroke = 3) {
    const double width = 34 + text_width(label, kLegendSize) + 18;
    if (x_ > 8 && x_ + width > width_ - 8) x_ = 8, y_ += kLegendRow;
    body_ += swatch(swatch_kind, color, dashed, stroke);
    body_ += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"{}\">{}</text>\n", f1(x_ + 32), f1(y_ + 5), kLegendSize,
                         escape(label));
    x_ += width;
  }
  // The height used below `top`, and the markup.
  double bottom() const { return y_ + kLegendRow / 2; }
  std::string markup() const { return "<g class=\"legend\">\n" + body_ + "</g>\n"; }

 private:
  std::string swatch(const std::string& kind, const std::string& color, bool dashed, double stroke) const {
    if (kind == "band")
      return fmt::format("<rect x=\"{}\" y=\"{}\" width=\"26\" height=\"12\" fill=\"{}\" fill-opacity=\"0.25\"/>\n",
                         f1(x_), f1(y_ - 6), color);
    if (kind == "point")
      return fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"{}\" stroke=\"#ffffff\"/>\n", f1(x_ + 13), f1(y_),
                         color);
    if (kind == "ring")
      return fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n",
                         f1(x_ + 13), f1(y_), color);
    if (kind == "tick")
      return fmt::format("<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"{3}\" stroke-width=\"2\"/>\n",
                         f1(x_ + 13), f1(y_ - 7), f1(y_ + 7), color);
    if (kind == "bar")
      return fmt::format("<rect x=\"{}\" y=\"{}\" width=\"26\" height=\"12\" fill=\"{}\"/>\n", f1(x_), f1(y_ - 6), color);
    if (kind == "shade")
      return fmt::format("<rect x=\"{}\" y=\"{}\" width=\"26\" height=\"12\" fill=\"{}\" stroke=\"#bbbbbb\"/>\n", f1(x_),
                         f1(y_ - 6), color);
    return fmt::format("<line x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\" stroke=\"{3}\" stroke-width=\"{4}\"{5}/>\n", f1(x_),
                       f1(x_ + 26), f1(y_), color, std::clamp(stroke, 2.0, 8.0), dashed ? " stroke-dasharray=\"6 4\"" : "");
  }
  double width_, x_ = 8, y_;
  std::string body_;
};

std::string svg_open(const std::string& id, double width, double height) {
  return fmt::format(
      "<svg id=\"{0}\" class=\"chart\" viewBox=\"0 0 {1} {2}\" width=\"100%\" preserveAspectRatio=\"xMidYMin meet\" "
      "role=\"img\" aria-labelledby=\"{0}-title\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, "
      "'DejaVu Sans', sans-serif\">\n",
      escape(id), width, f1(height));
}

// Maps data to the plot rectangle.
struct Frame {
  double left, right, top, bottom;
  double x0, x1, y0, y1;
  bool xlog = false;
  double x(double v) const {
    if (xlog) return left + std::log(v / x0) / std::log(x1 / x0) * (right - left);
    return left + (v - x0) / (x1 - x0) * (right - left);
  }
  double y(double v) const { return bottom - (v - y0) / (y1 - y0) * (bottom - top); }
};

std::string path(const Frame& f, const std::vector<double>& xs, const std::vector<double>& ys) {
  std::string d;
  bool pen_down = false;
  for (std::size_t i = 0; i < xs.size() && i < ys.size(); ++i) {
    if (!std::isfinite(ys[i])) {
      pen_down = false;
      continue;
    }
    d += fmt::format("{}{} {} ", pen_down ? "L" : "M", f1(f.x(xs[i])), f1(f.y(ys[i])));
    pen_down = true;
  }
  return d;
}

std::string axes(const Frame& f, const LineChart& c) {
  std::string out = "<g class=\"axes\" font-size=\"" + fmt::format("{}", kTickSize) + "\">\n";
  const auto yt = nice_ticks(f.y0, f.y1, 5);
  const double ystep = yt.size() > 1 ? yt[1] - yt[0] : 1;
  for (double v : yt) {
    out += fmt::format("<line x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\" stroke=\"#e3e3e3\"/>\n", f1(f.left), f1(f.right),
                       f1(f.y(v)));
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", f1(f.left - 6), f1(f.y(v) + 5),
                       tick_label(v, ystep, false));
  }
  const auto xt = f.xlog ? log_ticks(f.x0, f.x1) : nice_ticks(f.x0, f.x1, c.x.integer ? 6 : 5);
  const double xstep = xt.size() > 1 ? xt[1] - xt[0] : 1;
  for (double v : xt) {
    if (c.x.integer && std::abs(v - std::round(v)) > 1e-9) continue;
    out += fmt::format("<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#444444\"/>\n", f1(f.x(v)),
                       f1(f.bottom), f1(f.bottom + 5));
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", f1(f.x(v)), f1(f.bottom + 21),
                       f.xlog ? log_tick_label(v) : tick_label(v, xstep, c.x.integer));
  }
  out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#444444\"/>\n",
                     f1(f.left), f1(f.top), f1(f.right - f.left), f1(f.bottom - f.top));
  out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{}\">{}</text>\n",
                     f1((f.left + f.right) / 2), f1(f.bottom + 42), kLabelSize, escape(c.x.label));
  out += fmt::format("<text transform=\"translate(16 {}) rotate(-90)\" text-anchor=\"middle\" font-size=\"{}\">{}</text>\n",
                     f1((f.top + f.bottom) / 2), fitting_size(c.y.label, kLabelSize, f.bottom - f.top), escape(c.y.label));
  return out + "</g>\n";
}

// Event marks: a faint line across the plot, a firm tick on the axis, a wide invisible
// target carrying the names, so hovering anywhere near the date shows them.
std::string event_ticks(const Frame& f, const std::vector<Tick>& ticks) {
  std::string out = "<g class=\"events\">\n";
  for (const auto& t : ticks) {
    const double x = f.x(t.x);
    out += fmt::format(
        "<g><title>{0}</title><line x1=\"{1}\" x2=\"{1}\" y1=\"{2}\" y2=\"{3}\" stroke=\"#8a8a8a\" "
        "stroke-opacity=\"0.35\"/><line x1=\"{1}\" x2=\"{1}\" y1=\"{4}\" y2=\"{3}\" stroke=\"#333333\" "
        "stroke-width=\"2\"/><rect x=\"{5}\" y=\"{2}\" width=\"6\" height=\"{6}\" fill=\"#000000\" "
        "fill-opacity=\"0\"/></g>\n",
        escape(t.label), f1(x), f1(f.top), f1(f.bottom), f1(f.bottom - 10), f1(x - 3), f1(f.bottom - f.top));
  }
  return out + "</g>\n";
}

std::string series_marks(const Frame& f, const LineChart& c) {
  std::string out;
  for (const auto& b : c.bands) {
    std::string d = path(f, b.x, b.hi);
    for (std::size_t i = b.x.size(); i-- > 0;) d += fmt::format("L{} {} ", f1(f.x(b.x[i])), f1(f.y(b.lo[i])));
    out += fmt::format("<path d=\"{}Z\" fill=\"{}\" fill-opacity=\"0.18\" stroke=\"none\"><title>{}</title></path>\n",
                       d, b.color, escape(b.name));
  }
  out += event_ticks(f, c.ticks);
  for (const auto& r : c.rules)
    out += fmt::format(
        "<line x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\" stroke=\"{3}\" stroke-width=\"1.5\" stroke-dasharray=\"3 3\"><title>{4}</title></line>\n",
        f1(f.left), f1(f.right), f1(f.y(r.y)), r.color, escape(r.label));
  for (const auto& l : c.lines) {
    if (l.x.size() == 1)  // a single value: a dot, since a path of one point draws nothing
      out += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"{}\"><title>{}</title></circle>\n",
                         f1(f.x(l.x[0])), f1(f.y(l.y[0])), l.color, escape(l.name));
    else
      out += fmt::format(
          "<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\"{}><title>{}</title></path>\n",
          path(f, l.x, l.y), l.color, l.width, l.dashed ? " stroke-dasharray=\"7 4\"" : "", escape(l.name));
  }
  for (const auto& sc : c.scatters) {
    out += "<g class=\"scatter\">\n";
    for (std::size_t i = 0; i < sc.x.size() && i < sc.y.size(); ++i)
      out += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"{}\" {}><title>{}</title></circle>\n", f1(f.x(sc.x[i])),
                         f1(f.y(sc.y[i])), f1(sc.radius),
                         sc.hollow ? fmt::format("fill=\"none\" stroke=\"{}\" stroke-width=\"2\"", sc.color)
                                   : fmt::format("fill=\"{}\" fill-opacity=\"0.85\" stroke=\"#ffffff\" stroke-width=\"1.5\"", sc.color),
                         escape(i < sc.labels.size() ? sc.labels[i] : sc.name));
    out += "</g>\n";
  }
  for (const auto& p : c.points)
    out += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"6\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"1.5\"><title>{}</title></circle>\n",
                       f1(f.x(p.x)), f1(f.y(p.y)), p.color, escape(p.label));
  return out;
}

Legend line_legend(const LineChart& c, double top) {
  Legend legend(top, c.width);
  for (const auto& b : c.bands) legend.add(b.name, "band", b.color);
  for (const auto& l : c.lines)
    if (l.in_legend) legend.add(l.name, "line", l.color, l.dashed, l.width);
  for (const auto& sc : c.scatters) legend.add(sc.name, sc.hollow ? "ring" : "point", sc.color);
  for (const auto& p : c.points) legend.add(p.label, "point", p.color);
  for (const auto& r : c.rules) legend.add(r.label, "line", r.color, true);
  if (!c.ticks.empty()) legend.add(c.ticks_legend, "tick", "#333333");
  if (c.shade_from) legend.add(c.shade_label, "shade", "#f1f1f1");
  return legend;
}

}  // namespace

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string palette(std::size_t index) {
  static const char* const colors[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                       "#E69F00", "#56B4E9", "#6A3D9A", "#8C6D31"};
  return colors[index % (sizeof colors / sizeof *colors)];
}

std::string decimal(double value, int decimals) {
  std::string s = fmt::format("{:.{}f}", value, decimals);
  if (s.front() == '-') {
    if (s.find_first_not_of("-0.") == std::string::npos) return s.substr(1);  // no "−0.00"
    s = "\xE2\x88\x92" + s.substr(1);
  }
  return s;
}

std::string line_chart(const LineChart& c) {
  Range xr, yr;
  for (const auto& l : c.lines) {
    for (double v : l.x) xr.add(v);
    for (double v : l.y) yr.add(v);
  }
  for (const auto& b : c.bands) {
    for (double v : b.x) xr.add(v);
    for (double v : b.lo) yr.add(v);
    for (double v : b.hi) yr.add(v);
  }
  for (const auto& r : c.rules) yr.add(r.y);
  for (const auto& p : c.points) xr.add(p.x), yr.add(p.y);
  for (const auto& sc : c.scatters) {
    for (double v : sc.x) xr.add(v);
    for (double v : sc.y) yr.add(v);
  }
  for (const auto& t : c.ticks) xr.add(t.x);

  std::string body;
  const double title_bottom = title_block(body, c.id, c.title, c.width);
  const auto [x0, x1] = c.x.log ? log_ends(c.x, {xr.lo, xr.hi}) : ends(c.x, xr, false);
  const auto [y0, y1] = ends(c.y, yr, true);
  const Frame f{kLeft, c.width - kRight, title_bottom + 4, title_bottom + 4 + c.plot_height, x0, x1, y0, y1, c.x.log};
  if (c.shade_from && *c.shade_from < x1)
    body += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f1f1f1\"/>\n", f1(f.x(*c.shade_from)),
                        f1(f.top), f1(f.right - f.x(*c.shade_from)), f1(f.bottom - f.top));
  body += axes(f, c);
  body += series_marks(f, c);
  const Legend legend = line_legend(c, f.bottom + 66);
  body += legend.markup();
  return svg_open(c.id, c.width, legend.bottom() + 6) + body + "</svg>\n";
}

namespace {

// The running level before and after each step.
std::vector<std::pair<double, double>> spans(const std::vector<Step>& steps) {
  std::vector<std::pair<double, double>> out;
  double level = 0;
  for (const auto& s : steps) {
    const double start = s.level ? 0 : level;
    level = s.level ? s.value : level + s.value;
    out.emplace_back(start, s.level ? s.value : level);
  }
  return out;
}

std::string bar_color(const Step& s) { return s.level ? "#7f7f7f" : s.value >= 0 ? "#D55E00" : "#0072B2"; }

}  // namespace

std::string waterfall_chart(const Waterfall& c) {
  std::string body;
  const double title_bottom = title_block(body, c.id, c.title, kWidth);
  double label_width = 0;
  for (const auto& s : c.steps) label_width = std::max(label_width, text_width(s.label, kTickSize));
  label_width = std::min(label_width, 190.0) + 10;
  const auto bars = spans(c.steps);
  Range r;
  r.add(0);
  for (const auto& [a, b] : bars) r.add(a), r.add(b);
  const auto [lo, hi] = ends(Axis{}, r, true);
  constexpr double row = 30, bar = 19;
  const double top = title_bottom + 6, bottom = top + row * static_cast<double>(c.steps.size());
  const Frame f{label_width + 8, kWidth - 64, top, bottom, lo, hi, 0, 1};

  const auto ticks = nice_ticks(lo, hi, 5);
  const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : 1;
  body += fmt::format("<g class=\"axes\" font-size=\"{}\">\n", kTickSize);
  for (double v : ticks) {
    body += fmt::format("<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"{3}\"/>\n", f1(f.x(v)), f1(top),
                        f1(bottom), v == 0 ? "#444444" : "#e3e3e3");
    body += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", f1(f.x(v)), f1(bottom + 19),
                        tick_label(v, step, false));
  }
  body += fmt::format("<line x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\" stroke=\"#444444\"/>\n", f1(f.left), f1(f.right),
                      f1(bottom));
  body += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{}\">{}</text>\n</g>\n",
                      f1((f.left + f.right) / 2), f1(bottom + 41), kLabelSize, escape(c.value_label));

  body += fmt::format("<g class=\"bars\" font-size=\"{}\">\n", kTickSize);
  for (std::size_t i = 0; i < c.steps.size(); ++i) {
    const Step& s = c.steps[i];
    const double y = top + row * static_cast<double>(i) + (row - bar) / 2;
    const double a = f.x(std::min(bars[i].first, bars[i].second)), b = f.x(std::max(bars[i].first, bars[i].second));
    const std::string value = s.level ? decimal(s.value, 3) : (s.value >= 0 ? "+" : "") + decimal(s.value, 3);
    body += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", f1(label_width), f1(y + bar / 2 + 5),
                        escape(s.label));
    body += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}: {}</title></rect>\n",
                        f1(a), f1(y), f1(std::max(b - a, 1.0)), bar, bar_color(s), escape(s.label), value);
    body += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", f1(b + 5), f1(y + bar / 2 + 5), value);
    if (i + 1 < c.steps.size() && !c.steps[i + 1].level)  // the running level carries to the next row
      body += fmt::format("<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#555555\" stroke-dasharray=\"2 2\"/>\n",
                          f1(f.x(bars[i].second)), f1(y + bar), f1(y + row));
  }
  body += "</g>\n";
  Legend legend(bottom + 62, kWidth);
  legend.add("raises the value", "bar", "#D55E00");
  legend.add("lowers the value", "bar", "#0072B2");
  legend.add("level", "bar", "#7f7f7f");
  body += legend.markup();
  return svg_open(c.id, kWidth, legend.bottom() + 6) + body + "</svg>\n";
}

}  // namespace entente::report
