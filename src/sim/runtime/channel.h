// Communication between workers, for the lesson "threads share, processes copy".
// A Pipe joins processes: every message is copied through the kernel and its bytes count as
// copied between address spaces. The writer pays the latency, the pickling and the copy; the
// reader copies each 64 KiB chunk while the writer fills the next, so what it pays after the
// message is complete is the latency, the last chunk's copy and the unpickling.
// An MpQueue (multiprocessing.Queue) joins processes too, but does not overlap: its feeder
// thread pickles into a buffer and writes it, the reader reads all of it, then unpickles, so
// each side pays the latency, the pickling and two copies (buffer and kernel).
// A Queue joins threads of one process: it passes a reference, so a message costs
// queue_handoff whatever its size and nothing is copied.
// Like the GIL, this is a state machine the engine drives: it decides costs, who gets which
// message and whom to wake; the engine owns time and thread states.
//
// Receivers wait first-in first-out; messages are delivered in send order. Channels are not
// bounded (multiprocessing.Queue is unbounded through its feeder thread; a Pipe's 64 KiB kernel
// buffer, which can block a sender with no reader, is not modelled).
//
// [SECTION] Vocabulary
// [SECTION] Channels
#pragma once
#include "sim/runtime/cost_profile.h"
#include "sim/runtime/specs.h"
#include "sim/core/types.h"

#include <cstdint>
#include <deque>
#include <vector>

namespace tl {

// ---------------------------------------------------------------------------------------------
// [SECTION] Vocabulary
// ---------------------------------------------------------------------------------------------
using ChannelId = std::uint32_t;

struct Message {
  std::uint64_t bytes = 0;
  ThreadId sender = kNoThread;
  TimeNs sent = 0;  // when it entered the channel
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Channels
// ---------------------------------------------------------------------------------------------
class Channels {
 public:
  explicit Channels(const CostProfile& profile) : profile_(profile) {}

  ChannelId add(ChannelKind kind);
  ChannelKind kind(ChannelId channel) const { return channels_.at(channel).kind; }
  std::size_t size() const { return channels_.size(); }

  // CPU each side spends on one message, before it enters the channel (sender) and after it
  // is taken (receiver).
  TimeNs send_cost(ChannelId channel, std::uint64_t bytes) const;
  TimeNs receive_cost(ChannelId channel, std::uint64_t bytes) const;

  // The sender has paid send_cost: the message is in the channel. If a receiver waits, it is
  // handed the message at once and returned (the engine wakes it); else kNoThread.
  ThreadId deliver(ChannelId channel, ThreadId sender, std::uint64_t bytes, TimeNs now);
  // `receiver` wants a message. True: it has one (see take()). False: it waits its turn.
  bool receive(ChannelId channel, ThreadId receiver, TimeNs now);
  // The message `receiver` was given by receive() or by a deliver() that woke it.
  Message take(ThreadId receiver);

  std::size_t queued(ChannelId channel) const { return channels_.at(channel).messages.size(); }
  std::size_t waiting(ChannelId channel) const { return channels_.at(channel).receivers.size(); }
  bool is_waiting(ThreadId thread) const { return status(thread) == Status::Waiting; }
  bool holds_message(ThreadId thread) const { return status(thread) == Status::Handed; }  // take() would succeed
  std::uint64_t bytes_copied() const { return bytes_copied_; }                            // pipe payloads, all channels
  std::uint64_t bytes_copied(ChannelId channel) const { return channels_.at(channel).bytes_copied; }
  std::uint64_t messages() const { return messages_; }

 private:
  struct Channel {
    ChannelKind kind = ChannelKind::Pipe;
    std::deque<Message> messages;
    std::deque<ThreadId> receivers;
    std::uint64_t bytes_copied = 0;
  };
  // Where a thread stands as a receiver, indexed by thread id (grown on demand): O(1) checks
  // and no allocation per message, however many receivers wait.
  enum class Status : std::uint8_t { None,
                                     Waiting,   // in some channel's receivers
                                     Handed };  // received, not yet taken
  Status status(ThreadId thread) const { return thread < status_.size() ? status_[thread] : Status::None; }
  void set_status(ThreadId thread, Status s);

  CostProfile profile_;
  std::vector<Channel> channels_;
  std::vector<Status> status_;   // [thread]
  std::vector<Message> handed_;  // [thread] its message while Handed
  std::uint64_t bytes_copied_ = 0;
  std::uint64_t messages_ = 0;
};

}  // namespace tl
