#include "core/uncertainty.h"

#include <Random123/philox.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace entente {

double Distribution::draw(double u1, double u2) const {
  switch (kind) {
    case Kind::Uniform: return a + (b - a) * u1;
    case Kind::Normal:  // Box & Muller (1958)
      return a + b * std::sqrt(-2 * std::log(u1)) * std::cos(2 * std::numbers::pi * u2);
    case Kind::Triangular: {  // inverse CDF
      const double f = (b - a) / (c - a);
      return u1 < f ? a + std::sqrt(u1 * (c - a) * (b - a)) : c - std::sqrt((1 - u1) * (c - a) * (c - b));
    }
    case Kind::UniformInt: {
      const double n = b - a + 1;
      return a + std::min(n - 1, std::floor(u1 * n));
    }
  }
  return a;
}

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t run) : seed_(seed), run_(run) {}

double RandomStream::uniform() {
  if (next_ == 4) {
    r123::Philox4x64 philox;
    const r123::Philox4x64::ctr_type counter = {{run_, block_++, 0, 0}};
    const r123::Philox4x64::key_type key = {{seed_, 0x656e74656e7465ULL}};  // "entente"
    const auto out = philox(counter, key);
    for (int i = 0; i < 4; ++i) buffer_[i] = out.v[i];
    next_ = 0;
  }
  // The top 53 bits, as a double in (0, 1]: never 0, so log(u) is finite.
  return static_cast<double>((buffer_[next_++] >> 11) + 1) * 0x1.0p-53;
}

}  // namespace entente
