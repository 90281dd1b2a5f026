// A pool of workers that read items in order, work on them at once, and write them in the order
// they were read. At most `window` items are read but not yet written, so memory is bounded by
// the window and the largest item, whatever the input's length.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace newskg::corpus {

// read(In&) -> bool: the next item, false at the end (called by one thread at a time, in order).
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
  // No thread only reads or only writes: a worker reads its next item itself, and the worker
  // that finishes the next item in order writes it (and those ready after it). A reader thread
  // of its own had to be woken for every few items and each worker for every item it was
  // handed, and at two threads on two cores those wake-ups cost a tenth of all CPU time; now a
  // thread sleeps only when the window is full or another thread is reading.
  std::mutex reading;  // held while an item is read, so that items are numbered in read order
  std::mutex mutex;    // guards what follows
  std::condition_variable room;  // the window has room again, or the pipeline stopped
  std::map<std::size_t, Out> done;  // worked on, not yet written
  std::size_t read_count = 0, written_count = 0;
  bool input_ended = false, stopped = false, writing = false;
  std::exception_ptr failure;

  // The next item and its number in read order, or false when the input has ended or the
  // pipeline stopped. A read that waits on a slow pipe holds up only the other readers: the
  // items already read are still worked on and written.
  auto take = [&](In& item, std::size_t& number) {
    std::lock_guard read_lock(reading);
    {
      std::unique_lock lock(mutex);
      room.wait(lock, [&] { return stopped || input_ended || read_count - written_count < window; });
      if (stopped || input_ended) return false;
    }
    const bool more = read(item);
    std::lock_guard lock(mutex);
    if (!more) input_ended = true;
    if (!more || stopped) return false;
    number = read_count++;
    return true;
  };
  auto run_worker = [&] {
    try {
      while (true) {
        In item;
        std::size_t number = 0;
        if (!take(item, number)) return;
        Out result = work(std::move(item));
        std::unique_lock lock(mutex);
        if (stopped) return;
        done.emplace(number, std::move(result));
        if (writing) continue;  // the worker writing now takes this one too when its turn comes
        writing = true;
        for (auto next = done.find(written_count); !stopped && next != done.end(); next = done.find(written_count)) {
          Out out = std::move(next->second);
          done.erase(next);
          lock.unlock();
          write(std::move(out));
          lock.lock();
          ++written_count;
          room.notify_one();
        }
        writing = false;
      }
    } catch (...) {
      std::lock_guard lock(mutex);
      if (!failure) failure = std::current_exception();
      stopped = true;
      room.notify_all();
    }
  };

  // The calling thread is one of the workers.
  std::vector<std::thread> others;
  for (unsigned i = 1; i < threads; ++i) others.emplace_back(run_worker);
  run_worker();
  for (std::thread& worker : others) worker.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace newskg::corpus
