// How long analyses tell the caller how far they have got: a callback given the units done
// and the units in all (coalitions, runs), called once at 0 and then after each unit.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <utility>

namespace entente::analysis {

// Told (done, total). May be empty. Never called by two threads at once, and `done` never
// goes down within one analysis; it has no effect on results.
using ProgressFn = std::function<void(std::uint64_t done, std::uint64_t total)>;

// Counts finished units from any worker thread and reports them in order.
class ProgressCounter {
 public:
  ProgressCounter(ProgressFn report, std::uint64_t total) : report_(std::move(report)), total_(total) {
    if (report_) report_(0, total_);
  }
  void tick() {
    if (!report_) return;
    std::lock_guard lock(mutex_);
    report_(++done_, total_);
  }

 private:
  ProgressFn report_;
  std::uint64_t total_;
  std::uint64_t done_ = 0;
  std::mutex mutex_;
};

}  // namespace entente::analysis
