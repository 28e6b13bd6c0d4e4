// The logit hazard: coefficients and standard errors known in closed form for one binary
// covariate, and a second fitting method (BFGS on the log-likelihood, written here) that
// must agree with Newton–Raphson to 1e-6, with the standard errors checked against a
// finite-difference Hessian.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "evidence/hazard_logit.h"

namespace entente {
namespace {

using evidence::LogitData;

// One binary covariate: the MLE reproduces each group's rate, so β₀ = logit(p₀),
// β₁ = logit(p₁) − logit(p₀), and the standard errors are those of log odds (ratios):
// √(1/a + 1/b) and √(1/a + 1/b + 1/c + 1/d) for the 2×2 cell counts.
TEST(HazardLogit, OneBinaryCovariateMatchesTheClosedForm) {
  LogitData d{.names = {"intercept", "x"}};
  const auto add = [&](double x, int y, int count) {
    for (int i = 0; i < count; ++i) {
      d.x.push_back({1.0, x});
      d.y.push_back(y);
    }
  };
  add(0, 1, 10);
  add(0, 0, 40);
  add(1, 1, 20);
  add(1, 0, 20);
  const auto fit = evidence::fit_logit(d);
  EXPECT_TRUE(fit.converged);
  EXPECT_NEAR(fit.beta[0], std::log(10.0 / 40.0), 1e-10);
  EXPECT_NEAR(fit.beta[1], std::log(20.0 / 20.0) - std::log(10.0 / 40.0), 1e-10);
  EXPECT_NEAR(fit.se[0], std::sqrt(1.0 / 10 + 1.0 / 40), 1e-9);
  EXPECT_NEAR(fit.se[1], std::sqrt(1.0 / 10 + 1.0 / 40 + 1.0 / 20 + 1.0 / 20), 1e-9);
}

// A deterministic data set with three covariates and a known generating β.
LogitData synthetic(std::size_t n) {
  LogitData d{.names = {"intercept", "a", "b", "c"}};
  std::uint64_t state = 12345;
  const auto uniform = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;  // Knuth's MMIX LCG
    return static_cast<double>(state >> 11) / 9007199254740992.0;
  };
  const std::vector<double> beta = {-2.0, 0.8, -0.5, 1.2};
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<double> x = {1.0, uniform() * 2 - 1, uniform() < 0.3 ? 1.0 : 0.0, std::log(1 + 10 * uniform())};
    d.y.push_back(uniform() < evidence::logit_predict(beta, x) ? 1 : 0);
    d.x.push_back(std::move(x));
  }
  return d;
}

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

// BFGS (Nocedal & Wright 2006, algorithm 6.1) maximising log L with a backtracking Armijo
// line search, to a gradient below 1e-10: a method that shares nothing with Newton–Raphson
// but the likelihood and its gradient.
std::vector<double> bfgs(const LogitData& d) {
  const std::size_t k = d.names.size();
  std::vector<double> x(k, 0.0);
  std::vector<std::vector<double>> h(k, std::vector<double>(k, 0.0));  // inverse Hessian of −log L
  for (std::size_t i = 0; i < k; ++i) h[i][i] = 1e-2;
  auto f = [&](const std::vector<double>& b) { return -evidence::logit_log_likelihood(d, b); };
  auto g = [&](const std::vector<double>& b) {
    auto v = evidence::logit_gradient(d, b);
    for (auto& e : v) e = -e;
    return v;
  };
  std::vector<double> grad = g(x);
  for (int it = 0; it < 1000; ++it) {
    double norm = 0;
    for (double e : grad) norm = std::max(norm, std::abs(e));
    if (norm < 1e-10) break;
    std::vector<double> p(k, 0.0);
    for (std::size_t i = 0; i < k; ++i)
      for (std::size_t j = 0; j < k; ++j) p[i] -= h[i][j] * grad[j];
    double step = 1;
    const double f0 = f(x), slope = dot(grad, p);
    std::vector<double> next(k);
    for (int back = 0; back < 60; ++back, step /= 2) {
      for (std::size_t i = 0; i < k; ++i) next[i] = x[i] + step * p[i];
      if (f(next) <= f0 + 1e-4 * step * slope) break;
    }
    const std::vector<double> grad_next = g(next);
    std::vector<double> s(k), y(k);
    for (std::size_t i = 0; i < k; ++i) {
      s[i] = next[i] - x[i];
      y[i] = grad_next[i] - grad[i];
    }
    const double sy = dot(s, y);
    x = next;
    grad = grad_next;
    if (sy <= 1e-300) continue;
    // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
    std::vector<double> hy(k, 0.0);
    for (std::size_t i = 0; i < k; ++i)
      for (std::size_t j = 0; j < k; ++j) hy[i] += h[i][j] * y[j];
    const double rho = 1 / sy, yhy = dot(y, hy);
    for (std::size_t i = 0; i < k; ++i)
      for (std::size_t j = 0; j < k; ++j)
        h[i][j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
  }
  return x;
}

TEST(HazardLogit, NewtonAndBfgsAgreeOnTheCoefficients) {
  const LogitData d = synthetic(2000);
  const auto newton = evidence::fit_logit(d);
  const auto other = bfgs(d);
  ASSERT_EQ(newton.beta.size(), other.size());
  for (std::size_t i = 0; i < other.size(); ++i) EXPECT_NEAR(newton.beta[i], other[i], 1e-6) << d.names[i];
  EXPECT_NEAR(newton.log_likelihood, evidence::logit_log_likelihood(d, other), 1e-9);
}

// The standard errors are √diag of the inverse of −∇²log L; the Hessian here is by central
// differences of the gradient.
TEST(HazardLogit, StandardErrorsFromTheInverseOfAFiniteDifferenceHessian) {
  const LogitData d = synthetic(2000);
  const auto fit = evidence::fit_logit(d);
  const std::size_t k = fit.beta.size();
  std::vector<std::vector<double>> info(k, std::vector<double>(k));
  const double e = 1e-5;
  for (std::size_t j = 0; j < k; ++j) {
    auto up = fit.beta, down = fit.beta;
    up[j] += e;
    down[j] -= e;
    const auto gu = evidence::logit_gradient(d, up), gd = evidence::logit_gradient(d, down);
    for (std::size_t i = 0; i < k; ++i) info[i][j] = -(gu[i] - gd[i]) / (2 * e);
  }
  const auto cov = evidence::spd_inverse(info);
  ASSERT_FALSE(cov.empty());
  for (std::size_t i = 0; i < k; ++i) EXPECT_NEAR(fit.se[i], std::sqrt(cov[i][i]), 1e-6 * fit.se[i]) << d.names[i];
}

TEST(HazardLogit, AConstantCovariateIsRefused) {
  LogitData d{.names = {"intercept", "same"}};
  for (int i = 0; i < 20; ++i) {
    d.x.push_back({1.0, 1.0});
    d.y.push_back(i % 4 == 0);
  }
  EXPECT_THROW(evidence::fit_logit(d), InputError);
}

}  // namespace
}  // namespace entente
