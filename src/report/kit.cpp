#include "report/kit.h"

#include <fmt/format.h>

#include "report/svg.h"

namespace entente::report {

namespace {

// The stylesheet. No '<' or '&' in it, so the page stays well-formed XML.
constexpr const char* kStyle = R"(
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; font-size: 1rem;
       line-height: 1.5; color: #1a1a1a; background: #ffffff; max-width: 52rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.75rem; line-height: 1.2; margin: 0.6rem 0 0.3rem; }
h2 { font-size: 1.35rem; margin: 2.4rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 2px solid #dddddd; }
h3 { font-size: 1.1rem; margin: 1.6rem 0 0.4rem; }
p { margin: 0.5rem 0; }
.meta, figcaption, .note { color: #444444; }
figcaption, .note { font-size: 0.9rem; }
nav ul { padding-left: 1.2rem; margin: 0.4rem 0; columns: 2 14rem; }
figure { margin: 1.2rem 0 1.6rem; break-inside: avoid; page-break-inside: avoid; }
svg.chart { display: block; width: 100%; height: auto; max-width: 36rem; }
.panels { display: grid; grid-template-columns: repeat(auto-fill, minmax(21rem, 1fr)); gap: 0 1.5rem; }
.panels figure { margin: 0.6rem 0; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.92rem; margin: 0.5rem 0 1rem; }
th, td { text-align: left; padding: 0.3rem 0.6rem; border-bottom: 1px solid #e2e2e2; vertical-align: top; }
th { background: #f4f4f4; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
.holds { color: #00683a; font-weight: 600; }
.fails { color: #a1260d; font-weight: 600; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size: 0.86em; }
code { background: #f2f2f2; padding: 0 0.2em; }
td code, td:first-child, .nowrap { white-space: nowrap; }
pre { overflow-x: auto; background: #f6f6f6; padding: 0.6rem 0.8rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.5rem 0; }
dt { font-weight: 600; }
dd { margin: 0; }
@media (max-width: 40rem) {
  body { padding: 0.6rem 0.75rem 2rem; }
  h1 { font-size: 1.45rem; }
  table { font-size: 0.84rem; }
  th, td { padding: 0.25rem 0.35rem; }
  dl { grid-template-columns: 1fr; }
  dd { margin-bottom: 0.3rem; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  figure, tr { break-inside: avoid; page-break-inside: avoid; }
  svg.chart { max-width: 36rem; }
  pre { white-space: pre-wrap; }
  .table-wrap { overflow: visible; }
}
)";

}  // namespace

std::string page(const std::string& title, const std::string& body) {
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>" +
         escape(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
}

std::string table(const HtmlTable& t) {
  auto cls = [&](std::size_t c) { return c < t.numeric.size() && t.numeric[c] ? " class=\"num\"" : ""; };
  std::string out = "<div class=\"table-wrap\"><table>\n<thead><tr>";
  for (std::size_t c = 0; c < t.head.size(); ++c) out += fmt::format("<th{}>{}</th>", cls(c), t.head[c]);
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : t.rows) {
    out += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) out += fmt::format("<td{}>{}</td>", cls(c), row[c]);
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table></div>\n";
}

std::string figure(const std::string& svg, const std::string& caption) {
  return "<figure>\n" + svg + "<figcaption>" + caption + "</figcaption>\n</figure>\n";
}

std::string section(const std::string& id, const std::string& heading, const std::string& body) {
  return fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n{}</section>\n", id, escape(heading), body);
}

std::string navigation(const std::vector<std::pair<std::string, std::string>>& sections) {
  std::string out = "<nav><ul>\n";
  for (const auto& [id, name] : sections) out += fmt::format("<li><a href=\"#{}\">{}</a></li>\n", id, escape(name));
  return out + "</ul></nav>\n";
}

std::string joined(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

std::string header(const std::string& heading, const std::string& description,
                   const std::vector<std::pair<std::string, std::string>>& facts) {
  std::string out = "<header>\n<h1>" + escape(heading) + "</h1>\n";
  if (!description.empty()) out += "<p>" + escape(description) + "</p>\n";
  out += "<dl>\n";
  for (const auto& [term, value] : facts) out += "<dt>" + escape(term) + "</dt><dd>" + value + "</dd>\n";
  return out + "</dl>\n</header>\n";
}

std::string code(const std::string& text) { return "<code>" + escape(text) + "</code>"; }

std::string reproduce(const std::vector<std::string>& commands) {
  std::string out = "<p>The same figures from the command line:</p>\n<pre>";
  for (const auto& c : commands) out += escape(c) + "\n";
  return out + "</pre>\n";
}

}  // namespace entente::report
