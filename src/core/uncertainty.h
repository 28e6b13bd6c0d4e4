// Uncertain inputs a scenario declares: a distribution over a position, a salience, a
// capability multiplier, an event's date, a model parameter, or (time-stepped scenarios) a
// start value of the alliance, the size of an event's change, or whether an event happens. Sweeps draw them from a
// counter-based generator, so run i of a sweep is the same wherever and whenever it runs.
#pragma once

#include <cstdint>
#include <string>

namespace entente {

struct Distribution {
  enum class Kind { Uniform, Normal, Triangular, UniformInt };
  Kind kind = Kind::Uniform;
  double a = 0, b = 0, c = 0;  // uniform [a, b]; normal (mean a, sd b); triangular (a, mode b, c); uniform_int [a, b]

  // A draw from two independent uniforms in (0, 1].
  double draw(double u1, double u2) const;
};

struct UncertainInput {
  // StartValue: a start value of the alliance (a leadership share, a backer's weight, a
  // public's anchor, the umbrella). EventChange: the number an event's change of one kind
  // carries (a credibility shift, a shock's size, a leadership step). EventKeep: whether an
  // optional event happens at all.
  enum class Target { Position, Salience, Capability, EventYear, Parameter, StartValue, EventChange, EventKeep };
  // How an EventChange's draw meets the coded number: replaces it, is added to it, multiplies it.
  enum class Op { Value, Shift, Factor };
  Target target = Target::Position;
  std::string holder, issue;  // Position, Salience: the actor (or faction) and the issue
  std::string actor;          // Capability
  std::string event;          // EventYear, EventChange, EventKeep
  std::string parameter;      // Parameter: an alliance parameter or, for forecasts, none
  std::string start;          // StartValue: leadership.ISSUE, backing.BACKER, public.MEMBER or umbrella
  std::string change;         // EventChange: a kind of change, optionally .NAME (leadership.strategy)
  Op op = Op::Value;          // EventChange
  Distribution dist;          // Position/Salience: a shift in points; Capability: a factor;
                              // EventYear: whole years added; Parameter, StartValue: the value;
                              // EventChange: per `op`; EventKeep: the event happens when ≥ 0.5
  int line = 0;
};

// Run `run` of a sweep with `seed`: an endless stream of uniforms in (0, 1], from Philox4x64
// (Salmon et al. 2011, "Parallel random numbers: as easy as 1, 2, 3") with key (seed, tag)
// and counter (run, block): the same numbers for any thread count or split of the runs.
class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint64_t run);
  double uniform();

 private:
  std::uint64_t seed_, run_, block_ = 0;
  std::uint64_t buffer_[4] = {0, 0, 0, 0};
  int next_ = 4;
};

}  // namespace entente
