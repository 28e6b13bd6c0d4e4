// The one thread pool (src/core/parallel.h): every index runs once, chunks tile the range,
// and a failure is reported the same way whatever the thread count.
#include "core/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace entente {
namespace {

TEST(ParallelFor, RunsEveryIndexExactlyOnce) {
  for (int threads : {0, 1, 2, 4, 16})
    for (std::uint64_t count : {0u, 1u, 3u, 1000u}) {
      std::vector<std::atomic<int>> runs(count);
      parallel_for(count, threads, [&](std::uint64_t i) { ++runs[i]; });
      for (std::uint64_t i = 0; i < count; ++i) EXPECT_EQ(runs[i], 1) << "threads " << threads << ", i " << i;
    }
}

TEST(ParallelFor, RethrowsTheLowestFailingIndexOnAnyThreadCount) {
  // Two tasks fail; a single thread meets index 5 first, and so must every thread count,
  // however the later index races it.
  for (int threads : {1, 2, 4, 8}) {
    try {
      parallel_for(1000, threads, [](std::uint64_t i) {
        if (i == 5 || i == 6 || i == 900) throw std::runtime_error(std::to_string(i));
      });
      ADD_FAILURE() << "nothing thrown with " << threads << " threads";
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "5") << threads << " threads";
    }
  }
}

TEST(ParallelFor, UsesAtMostTheThreadsItIsGiven) {
  // Tasks wait for one another; with 3 threads at most 3 are ever in flight.
  std::atomic<int> in_flight{0}, peak{0};
  parallel_for(64, 3, [&](std::uint64_t) {
    const int now = ++in_flight;
    for (int seen = peak; now > seen && !peak.compare_exchange_weak(seen, now);) {
    }
    std::this_thread::yield();
    --in_flight;
  });
  EXPECT_GE(peak, 1);
  EXPECT_LE(peak, 3);
}

TEST(ParallelForChunks, ChunksTileTheRangeInOrder) {
  for (int threads : {1, 2, 3, 7})
    for (std::uint64_t count : {0u, 1u, 2u, 10u, 80u}) {
      const std::uint64_t chunks = chunk_count(count, threads);
      EXPECT_GE(chunks, 1u);
      EXPECT_LE(chunks, std::max<std::uint64_t>(count, 1));
      EXPECT_LE(chunks, static_cast<std::uint64_t>(threads));
      std::vector<std::pair<std::uint64_t, std::uint64_t>> range(chunks, {1, 0});
      parallel_for_chunks(count, threads, [&](std::uint64_t first, std::uint64_t last, std::uint64_t c) {
        ASSERT_LT(c, chunks);
        range[c] = {first, last};
      });
      // Chunk c starts where chunk c − 1 ended; together they cover [0, count).
      std::uint64_t next = 0;
      for (std::uint64_t c = 0; c < chunks; ++c) {
        EXPECT_EQ(range[c].first, next) << "chunk " << c;
        EXPECT_LE(range[c].first, range[c].second);
        next = range[c].second;
      }
      EXPECT_EQ(next, count);
    }
}

TEST(ParallelForChunks, BoundariesDependOnlyOnCountAndChunkCount) {
  // Chunk c is [count·c/C, count·(c+1)/C), whichever thread ran it.
  auto boundaries = [](int threads) {
    std::vector<std::uint64_t> first(chunk_count(100, threads));
    parallel_for_chunks(100, threads, [&](std::uint64_t f, std::uint64_t, std::uint64_t c) { first[c] = f; });
    return first;
  };
  EXPECT_EQ(boundaries(4), (std::vector<std::uint64_t>{0, 25, 50, 75}));
  EXPECT_EQ(boundaries(3), (std::vector<std::uint64_t>{0, 33, 66}));
  EXPECT_EQ(boundaries(1), (std::vector<std::uint64_t>{0}));
}

}  // namespace
}  // namespace entente
