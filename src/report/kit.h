// The HTML kit of the report: a page, its header and navigation, sections, tables and
// figures. Each piece takes text that is already HTML (callers escape what they put in, with
// `escape` from svg.h) and lays it out; none computes anything. The page is well-formed XML.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace entente::report {

// The whole page: the stylesheet inline, no script, no external file.
std::string page(const std::string& title, const std::string& body);

// The report's heading, its description and a list of facts (term → HTML).
std::string header(const std::string& heading, const std::string& description,
                   const std::vector<std::pair<std::string, std::string>>& facts);

// Links to the sections: (id, name) pairs.
std::string navigation(const std::vector<std::pair<std::string, std::string>>& sections);

std::string section(const std::string& id, const std::string& heading, const std::string& body);

// A table of HTML cells; numeric columns are right-aligned figures.
struct HtmlTable {
  std::vector<std::string> head;
  std::vector<bool> numeric;  // per column
  std::vector<std::vector<std::string>> rows;
};
std::string table(const HtmlTable& t);

// A chart with its caption.
std::string figure(const std::string& svg, const std::string& caption);

// Text as code; the list of commands that reproduce the figures.
std::string code(const std::string& text);
std::string reproduce(const std::vector<std::string>& commands);

std::string joined(const std::vector<std::string>& items, const std::string& separator);

}  // namespace entente::report
