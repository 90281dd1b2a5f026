// A reader, a pool of workers and one writer joined by a bounded window: items are read in
// order on one thread, worked on by `threads` threads at once, and written in the order they
// were read, on the calling thread. At most `window` items are read but not yet written, so
// memory is bounded by the window and the largest item, whatever the input's length.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace newskg::corpus {

// read(In&) -> bool: the next item, false at the end (called on one thread, in order).
// work(In&&) -> Out: on any worker thread. write(Out&&): on the calling thread, in read order.
// With threads <= 1 everything runs in turn on the calling thread. The first exception thrown
// by any of the three stops the pipeline and is rethrown here, once every thread has ended.
template <class In, class Out, class Read, class Work, class Write>
void run_ordered(unsigned threads, std::size_t window, Read read, Work work, Write write) {
  if (threads <= 1) {
    In item;
    while (read(item)) write(work(std::move(item)));
    return;
  }
  if (window < threads) window = threads;
  std::mutex mutex;
  std::condition_variable can_read, can_work, can_write;
  std::deque<std::pair<std::size_t, In>> waiting;  // read, not yet taken by a worker
  std::map<std::size_t, Out> done;                 // worked on, not yet written
  std::size_t read_count = 0, written_count = 0;
  bool input_ended = false, stopped = false;
  std::exception_ptr failure;
  auto fail = [&](std::exception_ptr e) {
    std::lock_guard lock(mutex);
    if (!failure) failure = e;
    stopped = true;
    can_read.notify_all();
    can_work.notify_all();
    can_write.notify_all();
  };

  std::thread reader([&] {
    try {
      while (true) {
        {
          std::unique_lock lock(mutex);
          can_read.wait(lock, [&] { return stopped || read_count - written_count < window; });
          if (stopped) return;
        }
        In item;
        const bool more = read(item);
        std::lock_guard lock(mutex);
        if (!more) {
          input_ended = true;
          can_work.notify_all();
          can_write.notify_all();
          return;
        }
        waiting.emplace_back(read_count++, std::move(item));
        can_work.notify_one();
      }
    } catch (...) {
      fail(std::current_exception());
    }
  });

  std::vector<std::thread> workers;
  for (unsigned i = 0; i < threads; ++i)
    workers.emplace_back([&] {
      try {
        while (true) {
          std::pair<std::size_t, In> job;
          {
            std::unique_lock lock(mutex);
            can_work.wait(lock, [&] { return stopped || !waiting.empty() || input_ended; });
            if (stopped || waiting.empty()) return;
            job = std::move(waiting.front());
            waiting.pop_front();
          }
          Out result = work(std::move(job.second));
          std::lock_guard lock(mutex);
          done.emplace(job.first, std::move(result));
          if (job.first == written_count) can_write.notify_one();
        }
      } catch (...) {
        fail(std::current_exception());
      }
    });

  try {
    while (true) {
      Out next;
      {
        std::unique_lock lock(mutex);
        can_write.wait(lock, [&] { return stopped || done.count(written_count) || (input_ended && written_count == read_count); });
        if (stopped || !done.count(written_count)) break;
        auto it = done.find(written_count);
        next = std::move(it->second);
        done.erase(it);
      }
      write(std::move(next));
      std::lock_guard lock(mutex);
      ++written_count;
      can_read.notify_one();
    }
  } catch (...) {
    fail(std::current_exception());
  }
  {
    // Ends the reader and the workers, whether the input ended or something failed.
    std::lock_guard lock(mutex);
    stopped = true;
    can_read.notify_all();
    can_work.notify_all();
  }
  reader.join();
  for (std::thread& worker : workers) worker.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace newskg::corpus
