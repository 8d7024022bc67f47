#include "sim/runtime/channel.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace tl {
namespace {

TEST(Channels, PipeCopiesAndBothSidesPayForTheBytes) {
  const CostProfile py = cost_profile(CostProfileKind::Python);
  Channels ch(py);
  const ChannelId pipe = ch.add(ChannelKind::Pipe);
  const std::uint64_t mb = 1'000'000;
  EXPECT_EQ(ch.send_cost(pipe, mb), ipc_side_cost(py, mb));
  // The reader overlapped all but the last 64 KiB chunk's copy with the writer.
  EXPECT_EQ(ch.receive_cost(pipe, mb),
            py.ipc_latency + ipc_copy_cost(py, kPipeChunkBytes) + ipc_serialize_cost(py, mb));
  // multiprocessing.Queue: no overlap, and a buffer copy more on each side.
  const ChannelId mpq = ch.add(ChannelKind::MpQueue);
  EXPECT_EQ(ch.send_cost(mpq, mb), ipc_side_cost(py, mb) + ipc_copy_cost(py, mb));
  EXPECT_EQ(ch.receive_cost(mpq, mb), ipc_side_cost(py, mb) + ipc_copy_cost(py, mb));
  EXPECT_GT(ch.send_cost(mpq, mb) + ch.receive_cost(mpq, mb), ch.send_cost(pipe, mb) + ch.receive_cost(pipe, mb));
  // Ten times the data costs about ten times as much (beyond the fixed latency).
  EXPECT_EQ(ch.send_cost(pipe, 10 * mb) - py.ipc_latency, 10 * (ch.send_cost(pipe, mb) - py.ipc_latency));
  EXPECT_EQ(ch.deliver(pipe, 0, mb, 100), kNoThread);
  EXPECT_EQ(ch.bytes_copied(), mb);
  EXPECT_EQ(ch.bytes_copied(pipe), mb);
}

TEST(Channels, QueueHandsAReferenceWhateverItsSize) {
  const CostProfile py = cost_profile(CostProfileKind::Python);
  Channels ch(py);
  const ChannelId q = ch.add(ChannelKind::Queue);
  EXPECT_EQ(ch.send_cost(q, 1), ch.send_cost(q, 1'000'000'000));
  EXPECT_EQ(ch.send_cost(q, 1) + ch.receive_cost(q, 1), py.queue_handoff);  // ~0.05 ms in all
  ch.deliver(q, 0, 1'000'000'000, 0);
  EXPECT_EQ(ch.bytes_copied(), 0u);
  EXPECT_EQ(ch.messages(), 1u);
}

TEST(Channels, WaitingReceiverIsHandedTheMessage) {
  Channels ch(cost_profile(CostProfileKind::Native));
  const ChannelId pipe = ch.add(ChannelKind::Pipe);
  EXPECT_FALSE(ch.receive(pipe, 5, 0));
  EXPECT_TRUE(ch.is_waiting(5));
  EXPECT_EQ(ch.waiting(pipe), 1u);
  EXPECT_FALSE(ch.holds_message(5));
  EXPECT_EQ(ch.deliver(pipe, 1, 4096, 10), 5u);  // wake thread 5
  EXPECT_FALSE(ch.is_waiting(5));
  EXPECT_TRUE(ch.holds_message(5));
  const Message m = ch.take(5);
  EXPECT_EQ(m.bytes, 4096u);
  EXPECT_EQ(m.sender, 1u);
  EXPECT_EQ(m.sent, 10);
  EXPECT_EQ(ch.queued(pipe), 0u);
}

TEST(Channels, MessagesInSendOrderReceiversFirstComeFirstServed) {
  Channels ch(cost_profile(CostProfileKind::Native));
  const ChannelId pipe = ch.add(ChannelKind::Pipe);
  ch.deliver(pipe, 1, 10, 0);
  ch.deliver(pipe, 2, 20, 1);
  EXPECT_TRUE(ch.receive(pipe, 7, 2));
  EXPECT_EQ(ch.take(7).bytes, 10u);
  EXPECT_TRUE(ch.receive(pipe, 7, 3));
  EXPECT_EQ(ch.take(7).bytes, 20u);
  EXPECT_FALSE(ch.receive(pipe, 8, 4));
  EXPECT_FALSE(ch.receive(pipe, 9, 4));
  EXPECT_EQ(ch.deliver(pipe, 1, 30, 5), 8u);
  EXPECT_EQ(ch.deliver(pipe, 1, 40, 6), 9u);
  EXPECT_EQ(ch.take(9).bytes, 40u);
  EXPECT_EQ(ch.take(8).bytes, 30u);
}

TEST(Channels, ChannelsAreIndependent) {
  Channels ch(cost_profile(CostProfileKind::Native));
  const ChannelId a = ch.add(ChannelKind::Pipe);
  const ChannelId b = ch.add(ChannelKind::Queue);
  EXPECT_FALSE(ch.receive(a, 3, 0));
  EXPECT_EQ(ch.deliver(b, 1, 8, 0), kNoThread);  // nobody waits on b
  EXPECT_EQ(ch.queued(b), 1u);
  EXPECT_TRUE(ch.is_waiting(3));
}

TEST(Channels, MisuseIsAnError) {
  Channels ch(cost_profile(CostProfileKind::Native));
  const ChannelId pipe = ch.add(ChannelKind::Pipe);
  EXPECT_THROW(ch.take(1), std::logic_error);
  ch.receive(pipe, 1, 0);
  EXPECT_THROW(ch.receive(pipe, 1, 0), std::logic_error);
  EXPECT_THROW(ch.deliver(9, 0, 1, 0), std::out_of_range);
}

TEST(Channels, TextbookProfileMakesCommunicationFree) {
  Channels ch(cost_profile(CostProfileKind::Textbook));
  const ChannelId pipe = ch.add(ChannelKind::Pipe);
  EXPECT_EQ(ch.send_cost(pipe, 1'000'000'000), 0);
  ch.deliver(pipe, 0, 123, 0);
  EXPECT_EQ(ch.bytes_copied(), 123u);  // free, but still a copy
}

}  // namespace
}  // namespace tl
