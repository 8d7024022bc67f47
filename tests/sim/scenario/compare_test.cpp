#include "sim/scenario/compare.h"

#include <gtest/gtest.h>

namespace tl {
namespace {

using Json = nlohmann::ordered_json;

Json doc() {
  return Json::parse(R"({
    "name": "counter",
    "machine": {"cores": 4, "profile": "python"},
    "runtime": {"gil": true},
    "workload": {"as": "processes", "workers": 3, "shared": {"n": 0},
                 "program": [{"repeat": 10, "do": [{"compute_us": 100}, {"increment": "n"}]}]}
  })");
}

TEST(Compare, ThreadsShareOneProcess) {
  std::vector<ScenarioError> errors;
  const auto out = expand_compare(doc(), WorkerModel::Threads, errors);
  ASSERT_TRUE(out) << (errors.empty() ? "" : errors[0].message);
  EXPECT_EQ((*out)["machine"], doc()["machine"]);
  EXPECT_EQ((*out)["runtime"], doc()["runtime"]);
  EXPECT_FALSE(out->contains("workload"));
  const Json& procs = (*out)["processes"];
  ASSERT_EQ(procs.size(), 1u);
  EXPECT_EQ(procs[0]["shared"], Json({{"n", 0}}));
  const Json& threads = procs[0]["threads"];
  ASSERT_EQ(threads.size(), 4u);
  EXPECT_EQ(threads[0]["program"], Json::parse(R"([{"create":"worker1"},{"create":"worker2"},{"create":"worker3"},
                                                   {"join":"worker1"},{"join":"worker2"},{"join":"worker3"}])"));
  EXPECT_EQ(threads[2]["name"], "worker2");
  EXPECT_EQ(threads[2]["start"], "created");
  EXPECT_EQ(threads[2]["program"], doc()["workload"]["program"]);
}

TEST(Compare, ProcessesEachGetTheirOwnCopyOfShared) {
  std::vector<ScenarioError> errors;
  Json d = doc();
  d["workload"]["start"] = "spawn";
  const auto out = expand_compare(d, WorkerModel::Processes, errors);
  ASSERT_TRUE(out);
  const Json& procs = (*out)["processes"];
  ASSERT_EQ(procs.size(), 4u);
  EXPECT_EQ(procs[0]["threads"][0]["program"][0], Json({{"spawn", "worker1"}}));
  EXPECT_EQ(procs[0]["threads"][0]["program"][5], Json({{"wait", "worker3"}}));
  for (int p = 1; p <= 3; ++p) {
    EXPECT_EQ(procs[p]["start"], "spawn");
    EXPECT_EQ(procs[p]["shared"], Json({{"n", 0}}));
    ASSERT_EQ(procs[p]["threads"].size(), 1u);
  }
}

TEST(Compare, ModelComesFromTheDocumentUnlessOverridden) {
  std::vector<ScenarioError> errors;
  EXPECT_EQ(compare_model(doc(), errors), WorkerModel::Processes);
  Json d = doc();
  d["workload"].erase("as");
  EXPECT_EQ(compare_model(d, errors), WorkerModel::Threads);
  d["workload"]["as"] = "fibers";
  EXPECT_FALSE(compare_model(d, errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "workload.as");
  EXPECT_TRUE(is_compare_document(doc()));
  EXPECT_FALSE(is_compare_document(Json::parse(R"({"processes": []})")));
}

TEST(Compare, ErrorsNameTheField) {
  std::vector<ScenarioError> errors;
  Json d = doc();
  d["workload"]["workers"] = 0;
  d["workload"]["start"] = "exec";
  d["workload"]["program"] = "compute";
  d["workload"]["extra"] = 1;
  d["processes"] = Json::array();
  EXPECT_FALSE(expand_compare(d, WorkerModel::Threads, errors));
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_EQ(errors[0].path, "processes");
  EXPECT_EQ(errors[1].path, "workload.extra");
  EXPECT_EQ(errors[2].path, "workload.workers");
  EXPECT_EQ(errors[2].message, "expected a whole number 1 .. 1024");
  EXPECT_EQ(errors[3].path, "workload.start");
  EXPECT_EQ(errors[4].path, "workload.program");
  errors.clear();
  EXPECT_FALSE(expand_compare(Json::parse(R"({"workload": {}})"), WorkerModel::Threads, errors));
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].message, "missing field 'workers'");
  EXPECT_EQ(errors[1].message, "missing field 'program'");
  errors.clear();
  EXPECT_FALSE(expand_compare(Json::array(), WorkerModel::Threads, errors));
  EXPECT_EQ(errors.size(), 1u);
}

}  // namespace
}  // namespace tl
