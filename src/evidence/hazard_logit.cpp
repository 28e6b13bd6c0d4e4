// The discrete-time logit hazard fitted by Newton–Raphson (hazard_logit.h).
#include "evidence/hazard_logit.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"

namespace entente::evidence {

namespace {

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

// ln(1 + e^z) without overflow.
double log1p_exp(double z) { return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z)); }

// The information matrix XᵀWX.
std::vector<std::vector<double>> information(const LogitData& d, const std::vector<double>& beta) {
  const std::size_t k = beta.size();
  std::vector<std::vector<double>> h(k, std::vector<double>(k, 0.0));
  for (const auto& x : d.x) {
    const double p = logit_predict(beta, x), w = p * (1 - p);
    for (std::size_t i = 0; i < k; ++i)
      for (std::size_t j = 0; j <= i; ++j) h[i][j] += w * x[i] * x[j];
  }
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t j = 0; j < i; ++j) h[j][i] = h[i][j];
  return h;
}

// Lower-triangular L with A = LLᵀ, in place; false when A is not positive definite.
bool cholesky(std::vector<std::vector<double>>& a) {
  const std::size_t n = a.size();
  for (std::size_t j = 0; j < n; ++j) {
    double s = a[j][j];
    for (std::size_t k = 0; k < j; ++k) s -= a[j][k] * a[j][k];
    if (!(s > 1e-300)) return false;
    a[j][j] = std::sqrt(s);
    for (std::size_t i = j + 1; i < n; ++i) {
      double t = a[i][j];
      for (std::size_t k = 0; k < j; ++k) t -= a[i][k] * a[j][k];
      a[i][j] = t / a[j][j];
    }
  }
  return true;
}

void solve_factored(const std::vector<std::vector<double>>& l, std::vector<double>& b) {
  const std::size_t n = l.size();
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t k = 0; k < i; ++k) b[i] -= l[i][k] * b[k];
    b[i] /= l[i][i];
  }
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t k = i + 1; k < n; ++k) b[i] -= l[k][i] * b[k];
    b[i] /= l[i][i];
  }
}

}  // namespace

double logit_predict(const std::vector<double>& beta, const std::vector<double>& x) {
  const double z = dot(beta, x);
  return z >= 0 ? 1 / (1 + std::exp(-z)) : std::exp(z) / (1 + std::exp(z));
}

double logit_log_likelihood(const LogitData& d, const std::vector<double>& beta) {
  double ll = 0;
  for (std::size_t r = 0; r < d.x.size(); ++r) {
    const double z = dot(beta, d.x[r]);
    ll += d.y[r] ? -log1p_exp(-z) : -log1p_exp(z);
  }
  return ll;
}

std::vector<double> logit_gradient(const LogitData& d, const std::vector<double>& beta) {
  std::vector<double> g(beta.size(), 0.0);
  for (std::size_t r = 0; r < d.x.size(); ++r) {
    const double e = d.y[r] - logit_predict(beta, d.x[r]);
    for (std::size_t i = 0; i < g.size(); ++i) g[i] += e * d.x[r][i];
  }
  return g;
}

bool cholesky_solve(std::vector<std::vector<double>> a, std::vector<double>& b) {
  if (!cholesky(a)) return false;
  solve_factored(a, b);
  return true;
}

std::vector<std::vector<double>> spd_inverse(const std::vector<std::vector<double>>& a) {
  auto l = a;
  if (!cholesky(l)) return {};
  const std::size_t n = a.size();
  std::vector<std::vector<double>> inv(n, std::vector<double>(n, 0.0));
  for (std::size_t j = 0; j < n; ++j) {
    std::vector<double> e(n, 0.0);
    e[j] = 1;
    solve_factored(l, e);
    for (std::size_t i = 0; i < n; ++i) inv[i][j] = e[i];
  }
  return inv;
}

LogitFit fit_logit(const LogitData& d, double tolerance, int max_iterations) {
  const std::size_t k = d.names.size();
  if (d.x.empty()) throw InputError("", 0, "logit", "no observations to fit");
  LogitFit fit{.names = d.names, .beta = std::vector<double>(k, 0.0)};
  double ll = logit_log_likelihood(d, fit.beta);
  for (fit.iterations = 1; fit.iterations <= max_iterations; ++fit.iterations) {
    std::vector<double> step = logit_gradient(d, fit.beta);
    if (!cholesky_solve(information(d, fit.beta), step))
      throw InputError("", 0, "logit", "the information matrix is singular: a covariate is constant, collinear or separates the outcome");
    // Newton's step, halved while it lowers the likelihood (it rarely does for the logit,
    // whose log-likelihood is concave).
    double scale = 1;
    std::vector<double> next(k);
    double ll_next = ll;
    for (int halvings = 0; halvings < 40; ++halvings, scale /= 2) {
      for (std::size_t i = 0; i < k; ++i) next[i] = fit.beta[i] + scale * step[i];
      ll_next = logit_log_likelihood(d, next);
      if (ll_next >= ll - 1e-12 * std::abs(ll)) break;
    }
    double largest = 0;
    for (std::size_t i = 0; i < k; ++i) largest = std::max(largest, std::abs(next[i] - fit.beta[i]));
    fit.beta = next;
    ll = ll_next;
    if (largest < tolerance) { fit.converged = true; break; }
  }
  fit.log_likelihood = ll;
  const auto cov = spd_inverse(information(d, fit.beta));
  if (cov.empty()) throw InputError("", 0, "logit", "the information matrix is singular at the estimate");
  for (std::size_t i = 0; i < k; ++i) fit.se.push_back(std::sqrt(cov[i][i]));
  return fit;
}

}  // namespace entente::evidence
