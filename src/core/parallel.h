// The one way Entente runs work on several threads. Each task writes only its own slot of
// the caller's output, so results never depend on the thread count or on which thread ran
// what. If tasks throw, the exception of the lowest-numbered failing task is rethrown on the
// calling thread — the same one a single thread would have met first — so errors, too, do
// not depend on the thread count.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <limits>
#include <mutex>
#include <thread>
#include <vector>

namespace entente {

// Runs task(i) for i in 0..count−1 on up to `threads` threads (the caller's among them),
// handing out indices in increasing order as threads come free. Once a task has thrown, no
// new index is handed out; every index below it has already been handed out and finishes,
// so the lowest failing index is always found.
template <class Task>
void parallel_for(std::uint64_t count, int threads, Task&& task) {
  if (count == 0) return;
  const auto workers = std::min<std::uint64_t>(count, static_cast<std::uint64_t>(std::max(1, threads)));
  if (workers == 1) {
    for (std::uint64_t i = 0; i < count; ++i) task(i);
    return;
  }
  constexpr auto kNone = std::numeric_limits<std::uint64_t>::max();
  std::atomic<std::uint64_t> next{0};
  std::atomic<bool> failed{false};
  std::uint64_t failed_at = kNone;
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto work = [&] {
    for (std::uint64_t i; !failed.load(std::memory_order_relaxed) && (i = next++) < count;) {
      try {
        task(i);
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (i < failed_at) {
          failed_at = i;
          failure = std::current_exception();
        }
        failed = true;
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (std::uint64_t k = 1; k < workers; ++k) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

// How many chunks parallel_for_chunks splits `count` items into on `threads` threads: one per
// thread, never more than there are items, at least one.
inline std::uint64_t chunk_count(std::uint64_t count, int threads) {
  return std::clamp<std::uint64_t>(static_cast<std::uint64_t>(std::max(1, threads)), 1, std::max<std::uint64_t>(count, 1));
}

// Runs work(first, last, chunk) over [0, count) split into chunk_count(count, threads)
// contiguous ranges by index, chunk c covering [count·c/C, count·(c+1)/C). For loops whose
// items are too cheap to hand out one by one, and for per-chunk scratch memory: chunk c may
// use scratch slot c, whichever thread runs it. Built on parallel_for (same guarantees).
template <class Work>
void parallel_for_chunks(std::uint64_t count, int threads, Work&& work) {
  const std::uint64_t chunks = chunk_count(count, threads);
  parallel_for(chunks, static_cast<int>(chunks), [&](std::uint64_t c) {
    work(count * c / chunks, count * (c + 1) / chunks, c);
  });
}

}  // namespace entente
