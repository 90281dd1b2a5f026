// A reader, a pool of workers and an ordered writing step joined by a bounded window: items are
// read in order on one thread, worked on by `threads` threads at once, and written in the order
// they were read. At most `window` items are read but not yet written, so memory is bounded by
// the window and the largest item, whatever the input's length.
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
// work(In&&) -> Out: on any worker thread. write(Out&&): in read order, one call at a time, on
// the worker that finished the item next in order (or, with threads <= 1, on the calling
// thread, where everything then runs in turn). The first exception thrown by any of the three
// stops the pipeline and is rethrown here, once every thread has ended.
template <class In, class Out, class Read, class Work, class Write>
void run_ordered(unsigned threads, std::size_t window, Read read, Work work, Write write) {
  if (threads <= 1) {
    In item;
    while (read(item)) write(work(std::move(item)));
    return;
  }
  if (window < threads) window = threads;
  // Once the window is full the reader sleeps until it is half empty, then reads the other half
  // at once: one wake-up per half window, not one per item written. And no thread of its own
  // writes: the worker that finishes the next item writes it (and those ready after it), so
  // that no thread is woken per item only to write it. At two threads these wake-ups cost a
  // tenth of all CPU time.
  const std::size_t refill_at = window / 2;
  std::mutex mutex;
  std::condition_variable can_read, can_work, finished;
  std::deque<std::pair<std::size_t, In>> waiting;  // read, not yet taken by a worker
  std::map<std::size_t, Out> done;                 // worked on, not yet written
  std::size_t read_count = 0, written_count = 0;
  bool input_ended = false, stopped = false, writing = false;
  std::exception_ptr failure;
  auto all_written = [&] { return input_ended && written_count == read_count; };
  auto fail = [&](std::exception_ptr e) {
    std::lock_guard lock(mutex);
    if (!failure) failure = e;
    stopped = true;
    can_read.notify_all();
    can_work.notify_all();
    finished.notify_all();
  };

  std::thread reader([&] {
    try {
      while (true) {
        {
          std::unique_lock lock(mutex);
          if (read_count - written_count >= window)
            can_read.wait(lock, [&] { return stopped || read_count - written_count <= refill_at; });
          if (stopped) return;
        }
        In item;
        const bool more = read(item);
        std::lock_guard lock(mutex);
        if (!more) {
          input_ended = true;
          can_work.notify_all();
          if (all_written()) finished.notify_all();
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
          std::unique_lock lock(mutex);
          done.emplace(job.first, std::move(result));
          if (writing) continue;  // the worker writing now takes this one too when its turn comes
          writing = true;
          for (auto next = done.find(written_count); !stopped && next != done.end(); next = done.find(written_count)) {
            Out out = std::move(next->second);
            done.erase(next);
            lock.unlock();
            write(std::move(out));
            lock.lock();
            ++written_count;
            if (read_count - written_count == refill_at) can_read.notify_one();
          }
          writing = false;
          if (all_written()) finished.notify_all();
        }
      } catch (...) {
        fail(std::current_exception());
      }
    });

  {
    std::unique_lock lock(mutex);
    finished.wait(lock, [&] { return stopped || all_written(); });
    // Ends the reader and the workers, whether the input ended or something failed.
    stopped = true;
    can_read.notify_all();
    can_work.notify_all();
  }
  reader.join();
  for (std::thread& worker : workers) worker.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace newskg::corpus
