#include "sim/runtime/channel.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace tl {

ChannelId Channels::add(ChannelKind kind) {
  channels_.push_back(Channel{kind, {}, {}, 0});
  return static_cast<ChannelId>(channels_.size() - 1);
}

// A queue hand-off (~0.05 ms in CPython) is split between the two sides: put takes the lock
// and notifies, get wakes and takes the reference. The halves add up to queue_handoff exactly.
TimeNs Channels::send_cost(ChannelId channel, std::uint64_t bytes) const {
  switch (kind(channel)) {
    case ChannelKind::Queue: return profile_.queue_handoff / 2;
    case ChannelKind::Pipe: return ipc_side_cost(profile_, bytes);
    case ChannelKind::MpQueue: return ipc_side_cost(profile_, bytes) + ipc_copy_cost(profile_, bytes);
  }
  return 0;
}

// The pipe's reader copied every chunk but the last while the writer was still writing (the
// model lets it wait meanwhile: the elapsed time is the overlapped one).
TimeNs Channels::receive_cost(ChannelId channel, std::uint64_t bytes) const {
  switch (kind(channel)) {
    case ChannelKind::Queue: return profile_.queue_handoff - profile_.queue_handoff / 2;
    case ChannelKind::Pipe:
      return profile_.ipc_latency + ipc_copy_cost(profile_, std::min(bytes, kPipeChunkBytes)) +
             ipc_serialize_cost(profile_, bytes);
    case ChannelKind::MpQueue: return ipc_side_cost(profile_, bytes) + ipc_copy_cost(profile_, bytes);
  }
  return 0;
}

ThreadId Channels::deliver(ChannelId id, ThreadId sender, std::uint64_t bytes, TimeNs now) {
  Channel& c = channels_.at(id);
  ++messages_;
  if (c.kind != ChannelKind::Queue) {
    c.bytes_copied += bytes;
    bytes_copied_ += bytes;
  }
  const Message m{bytes, sender, now};
  if (c.receivers.empty()) {
    c.messages.push_back(m);
    return kNoThread;
  }
  const ThreadId r = c.receivers.front();
  c.receivers.pop_front();
  set_status(r, Status::Handed);
  handed_[r] = m;
  return r;
}

bool Channels::receive(ChannelId id, ThreadId receiver, TimeNs /*now*/) {
  Channel& c = channels_.at(id);
  if (status(receiver) != Status::None)
    throw std::logic_error("channel: thread " + std::to_string(receiver) + " is already receiving");
  if (c.messages.empty()) {
    c.receivers.push_back(receiver);
    set_status(receiver, Status::Waiting);
    return false;
  }
  set_status(receiver, Status::Handed);
  handed_[receiver] = c.messages.front();
  c.messages.pop_front();
  return true;
}

Message Channels::take(ThreadId receiver) {
  if (status(receiver) != Status::Handed)
    throw std::logic_error("channel: thread " + std::to_string(receiver) + " has no message to take");
  set_status(receiver, Status::None);
  return handed_[receiver];
}

void Channels::set_status(ThreadId thread, Status s) {
  if (thread >= status_.size()) {
    status_.resize(thread + 1, Status::None);
    handed_.resize(thread + 1);
  }
  status_[thread] = s;
}

}  // namespace tl
