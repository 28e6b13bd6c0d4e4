// What the report tests share: the strictest XML check of a page and picking its charts out.
#pragma once

#include <libxml/parser.h>

#include <string>
#include <vector>

namespace entente::test {

// "" when `text` is well-formed XML; else libxml2's message. No network, no entity
// loading, no recovery: the strictest reading.
inline std::string xml_error(const std::string& text) {
  xmlDocPtr doc = xmlReadMemory(text.data(), static_cast<int>(text.size()), "report.xml", "UTF-8",
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc) {
    xmlFreeDoc(doc);
    return "";
  }
  const xmlError* e = xmlGetLastError();
  return e && e->message ? std::to_string(e->line) + ": " + e->message : "not well-formed";
}

// Every <svg>…</svg> of the page, as written (charts are never nested).
inline std::vector<std::string> svgs_of(const std::string& html) {
  std::vector<std::string> out;
  for (std::size_t at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1)) {
    const auto end = html.find("</svg>", at);
    if (end == std::string::npos) break;
    out.push_back(html.substr(at, end + 6 - at));
  }
  return out;
}

// The svg whose id is `id`, or "".
inline std::string svg_with_id(const std::string& html, const std::string& id) {
  for (const auto& svg : svgs_of(html))
    if (svg.find("<svg id=\"" + id + "\"") == 0) return svg;
  return "";
}

inline bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// How often `part` occurs in `text`.
inline std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
  return n;
}

}  // namespace entente::test
