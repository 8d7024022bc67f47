// Small containers the policies share: allocation happens once, at construction, sized by the
// number of threads (each thread is in at most one ready queue at a time).
#pragma once
#include "sim/core/types.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace tl::detail {

// A double-ended ring of thread ids with fixed capacity.
class ThreadRing {
 public:
  explicit ThreadRing(std::size_t capacity = 0) : buf_(std::max<std::size_t>(1, capacity)) {}
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  ThreadId front() const { return buf_[head_]; }
  void push_back(ThreadId t) {
    buf_[(head_ + size_) % buf_.size()] = t;
    ++size_;
  }
  void push_front(ThreadId t) {
    head_ = (head_ + buf_.size() - 1) % buf_.size();
    buf_[head_] = t;
    ++size_;
  }
  ThreadId pop_front() {
    const ThreadId t = buf_[head_];
    head_ = (head_ + 1) % buf_.size();
    --size_;
    return t;
  }

 private:
  std::vector<ThreadId> buf_;
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

// A min-heap of (key, order, thread): the policies' "best ready thread" queue.
struct RankedThread {
  std::int64_t key;    // policy's measure (demand, remaining, -priority)
  std::int64_t order;  // ready order (negative: inserted at the head)
  ThreadId thread;
  bool operator>(const RankedThread& o) const {
    if (key != o.key) return key > o.key;
    if (order != o.order) return order > o.order;
    return thread > o.thread;
  }
};

class RankedQueue {
 public:
  void reserve(std::size_t n) { heap_.reserve(n); }
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  void push(RankedThread r) {
    heap_.push_back(r);
    std::push_heap(heap_.begin(), heap_.end(), std::greater<>{});
  }
  ThreadId pop() {
    std::pop_heap(heap_.begin(), heap_.end(), std::greater<>{});
    const ThreadId t = heap_.back().thread;
    heap_.pop_back();
    return t;
  }

 private:
  std::vector<RankedThread> heap_;
};

}  // namespace tl::detail
