// The statistical baseline: a discrete-time logit hazard (Beck, Katz & Tucker 1998, "Taking
// time seriously", AJPS 42(4)): P(end in year t | lasted to t) = logistic(x_t·β), fitted by
// maximum likelihood with Newton–Raphson, standard errors from the inverse of the negative
// Hessian (the observed information). With a few covariates the linear algebra is a small
// Cholesky factorisation, written here.
#pragma once

#include <string>
#include <vector>

namespace entente::evidence {

struct LogitData {
  std::vector<std::string> names{};       // one per column of x, the intercept first when present
  std::vector<std::vector<double>> x{};   // rows of covariates
  std::vector<int> y{};                   // 0 or 1 per row
};

struct LogitFit {
  std::vector<std::string> names;
  std::vector<double> beta{}, se{};
  double log_likelihood = 0;
  int iterations = 0;
  bool converged = false;
};

// log L(β) = Σ y ln p + (1 − y) ln(1 − p), p = logistic(x·β), computed stably.
double logit_log_likelihood(const LogitData& data, const std::vector<double>& beta);
// ∇ log L = Σ (y − p) x.
std::vector<double> logit_gradient(const LogitData& data, const std::vector<double>& beta);

// Newton–Raphson from β = 0, β ← β + (XᵀWX)⁻¹ Xᵀ(y − p), W = diag(p(1 − p)), halving a step
// that lowers log L, until the largest step is below `tolerance`. Throws InputError when the
// information matrix is singular (a covariate constant or collinear in the data, or the
// outcome separated).
LogitFit fit_logit(const LogitData& data, double tolerance = 1e-10, int max_iterations = 100);

// logistic(x·β).
double logit_predict(const std::vector<double>& beta, const std::vector<double>& x);

// Solves A z = b for a symmetric positive-definite A by Cholesky; false when A is not.
bool cholesky_solve(std::vector<std::vector<double>> a, std::vector<double>& b);
// The inverse of a symmetric positive-definite A; empty when A is not.
std::vector<std::vector<double>> spd_inverse(const std::vector<std::vector<double>>& a);

}  // namespace entente::evidence
