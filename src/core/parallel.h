// Running independent tasks 0..count−1 on a few threads. Each task writes only its own
// slot of the caller's output, so results never depend on the thread count or on which
// thread ran what; the first exception a task throws is rethrown on the calling thread.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace entente {

template <class Task>
void parallel_for(std::uint64_t count, int threads, Task&& task) {
  if (count == 0) return;
  std::atomic<std::uint64_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto work = [&] {
    for (std::uint64_t i; (i = next++) < count;) {
      try {
        task(i);
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
      }
    }
  };
  std::vector<std::thread> pool;
  const auto extra = std::min<std::uint64_t>(count, static_cast<std::uint64_t>(std::max(1, threads))) - 1;
  for (std::uint64_t k = 0; k < extra; ++k) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace entente
