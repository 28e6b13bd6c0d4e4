#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "bargaining/model.h"

namespace entente {

namespace {

std::map<std::string, ModelInfo>& registry() {
  static std::map<std::string, ModelInfo> models;
  return models;
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool parse_real(const std::string& text, double& out) {
  const char* b = text.data();
  const char* e = b + text.size();
  auto [p, ec] = std::from_chars(b, e, out);
  return ec == std::errc() && p == e && std::isfinite(out);
}

std::string describe(const ParamSpec& p) {
  switch (p.kind) {
    case ParamSpec::Kind::Choice: {
      std::string s;
      for (const auto& c : p.choices) s += (s.empty() ? "" : "|") + c;
      return "one of " + s;
    }
    case ParamSpec::Kind::Integer:
      return "a whole number from " + std::to_string(static_cast<long>(p.min)) + " to " +
             std::to_string(static_cast<long>(p.max));
    case ParamSpec::Kind::Real:
      return "a number from " + std::to_string(p.min) + " to " + std::to_string(p.max);
  }
  return "";
}

// Checks one value against its spec and returns it in canonical form.
std::string check_value(const std::string& model, const ParamSpec& p, const std::string& raw) {
  const std::string v = lower(trim(raw));
  auto fail = [&] {
    throw SpecError(model + ": parameter '" + p.name + "' = '" + raw + "': expected " +
                    describe(p));
  };
  switch (p.kind) {
    case ParamSpec::Kind::Choice:
      if (std::find(p.choices.begin(), p.choices.end(), v) == p.choices.end()) fail();
      return v;
    case ParamSpec::Kind::Integer: {
      double x;
      if (!parse_real(v, x) || x != std::floor(x) || x < p.min || x > p.max) fail();
      return std::to_string(static_cast<long>(x));
    }
    case ParamSpec::Kind::Real: {
      double x;
      if (!parse_real(v, x) || x < p.min || x > p.max) fail();
      return v;
    }
  }
  return v;
}

const ParamSpec& find_spec(const std::vector<ParamSpec>& specs, const std::string& name) {
  for (const auto& s : specs)
    if (s.name == name) return s;
  throw SpecError("no parameter '" + name + "'");
}

}  // namespace

// ------------------------------------------------------------------------------ Params

Params::Params(std::vector<ParamSpec> specs, std::map<std::string, std::string> values)
    : specs_(std::move(specs)), values_(std::move(values)) {}

const std::string& Params::raw(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) throw SpecError("no parameter '" + name + "'");
  return it->second;
}

const std::string& Params::choice(const std::string& name) const { return raw(name); }

long Params::integer(const std::string& name) const {
  find_spec(specs_, name);
  return std::stol(raw(name));
}

double Params::real(const std::string& name) const {
  double x = 0;
  parse_real(raw(name), x);
  return x;
}

// --------------------------------------------------------------------------- ModelSpec

ModelSpec ModelSpec::parse(const std::string& text) {
  ModelSpec spec;
  const std::string t = trim(text);
  const auto open = t.find('(');
  spec.name = lower(trim(t.substr(0, open)));
  if (spec.name.empty()) throw SpecError("empty model spec: expected e.g. 'smp' or 'eu(rounds=10)'");
  for (char c : spec.name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-')
      throw SpecError("model spec '" + text + "': bad character in the model name");
  if (open == std::string::npos) return spec;
  if (t.back() != ')') throw SpecError("model spec '" + text + "': missing ')' at the end");
  const std::string body = t.substr(open + 1, t.size() - open - 2);
  std::size_t start = 0;
  while (start <= body.size()) {
    auto comma = body.find(',', start);
    if (comma == std::string::npos) comma = body.size();
    const std::string item = trim(body.substr(start, comma - start));
    start = comma + 1;
    if (item.empty()) {
      if (comma == body.size() && spec.args.empty() && trim(body).empty()) break;
      throw SpecError("model spec '" + text + "': empty parameter between commas");
    }
    const auto eq = item.find('=');
    if (eq == std::string::npos)
      throw SpecError("model spec '" + text + "': expected name=value, got '" + item + "'");
    const std::string key = lower(trim(item.substr(0, eq)));
    if (!spec.args.emplace(key, trim(item.substr(eq + 1))).second)
      throw SpecError("model spec '" + text + "': parameter '" + key + "' given twice");
  }
  return spec;
}

// ---------------------------------------------------------------------------- Registry

namespace {

bool valid_model_name(const std::string& name) {
  if (name.empty()) return false;
  for (char c : name)
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_' ||
          c == '-'))
      return false;
  return true;
}

// Why a model cannot be registered, or "" if it can.
std::string registration_problem(const ModelInfo& info) {
  if (!valid_model_name(info.name)) return "model name '" + info.name + "' is not of the form [a-z0-9_-]+";
  if (registry().count(info.name)) return "a model named '" + info.name + "' is already registered";
  if (!info.make) return info.name + ": no factory (make)";
  for (std::size_t i = 0; i < info.params.size(); ++i) {
    const ParamSpec& p = info.params[i];
    for (std::size_t j = 0; j < i; ++j)
      if (info.params[j].name == p.name) return info.name + ": parameter '" + p.name + "' declared twice";
    if (p.kind == ParamSpec::Kind::Choice && p.choices.empty())
      return info.name + ": choice parameter '" + p.name + "' has no choices";
    try {
      for (const std::string& c : p.choices)  // each must be accepted as written
        if (check_value(info.name, p, c) != c) return info.name + ": choice '" + c + "' of '" + p.name + "' is not lower case";
      if (check_value(info.name, p, p.default_value) != p.default_value)
        return info.name + ": default of '" + p.name + "' is not in canonical form: '" + p.default_value + "'";
    } catch (const SpecError& e) {
      return std::string("parameter spec rejects its own values: ") + e.what();
    }
  }
  return "";
}

}  // namespace

void register_model(ModelInfo info) {
  if (const std::string problem = registration_problem(info); !problem.empty())
    throw std::logic_error("register_model: " + problem);
  const std::string name = info.name;
  registry().emplace(name, std::move(info));
}

bool register_model_or_abort(ModelInfo info) noexcept {
  try {
    register_model(std::move(info));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "entente: %s\n", e.what());
    std::abort();
  }
  return true;
}

std::vector<const ModelInfo*> registered_models() {
  std::vector<const ModelInfo*> out;
  for (const auto& [name, info] : registry()) out.push_back(&info);
  return out;
}

std::unique_ptr<BargainingModel> load_model(const std::string& text) {
  const ModelSpec spec = ModelSpec::parse(text);
  auto it = registry().find(spec.name);
  if (it == registry().end()) {
    std::string names;
    for (const auto& [n, _] : registry()) names += (names.empty() ? "" : ", ") + n;
    throw SpecError("unknown model '" + spec.name + "': known models are " + names);
  }
  const ModelInfo& info = it->second;
  std::map<std::string, std::string> values;
  for (const auto& p : info.params) values[p.name] = check_value(info.name, p, p.default_value);
  for (const auto& [key, raw] : spec.args) {
    auto p = std::find_if(info.params.begin(), info.params.end(),
                          [&name = key](const ParamSpec& s) { return s.name == name; });  // clang 14: no binding captures
    if (p == info.params.end()) {
      std::string names;
      for (const auto& s : info.params) names += (names.empty() ? "" : ", ") + s.name;
      throw SpecError(info.name + ": unknown parameter '" + key + "'" +
                      (names.empty() ? " (it takes none)" : "; it takes " + names));
    }
    values[key] = check_value(info.name, *p, raw);
  }
  auto model = info.make(Params(info.params, std::move(values)));
  model->name_ = info.name;
  return model;
}

std::string BargainingModel::spec() const {
  std::string out = name_;
  if (params_.specs().empty()) return out;
  out += "(";
  bool first = true;
  for (const auto& p : params_.specs()) {
    out += (first ? "" : ",") + p.name + "=" + params_.raw(p.name);
    first = false;
  }
  return out + ")";
}

std::string default_model(ScenarioKind kind) {
  switch (kind) {
    case ScenarioKind::OneYear: return "smp";
    case ScenarioKind::TimeStepped: return "median";
  }
  return "median";  // unreachable: the switch covers every kind
}

std::string choose_model(const std::string& command_line, const std::string& scenario, ScenarioKind kind) {
  if (!command_line.empty()) return command_line;
  if (!scenario.empty()) return scenario;
  return default_model(kind);
}

}  // namespace entente
