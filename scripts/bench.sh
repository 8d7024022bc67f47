#!/usr/bin/env bash
# Engine figures: the Google Benchmark suite natively, then the same workload natively and as
# wasm under Node, with the wasm/native time ratio (the target: within 1.5x).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/scripts/lib/env.sh"
cd "$ROOT"

cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DTL_BUILD_APP=OFF \
  -DTL_BUILD_TESTS=OFF -DTL_BUILD_BENCH=ON >/dev/null
cmake --build build/bench -j 2 --target bench_engine engine_throughput >/dev/null

echo "== Google Benchmark (native)"
build/bench/bench/bench_engine --benchmark_counters_tabular=true "$@"

echo "== same workload, native vs wasm (Node)"
mkdir -p build/bench-wasm/inc
ln -sfn /usr/include/nlohmann build/bench-wasm/inc/nlohmann
mapfile -t sim_sources < <(find src/sim -name '*.cpp' ! -name 'session.cpp' ! -name 'thread_pool.cpp' | sort)
em++ -O3 -std=c++20 -DNDEBUG -Isrc -Ibuild/bench-wasm/inc "${sim_sources[@]}" bench/throughput_main.cpp \
  -sALLOW_MEMORY_GROWTH=1 -sSINGLE_FILE=1 -sENVIRONMENT=node -o build/bench-wasm/engine_throughput.js
native=$(build/bench/bench/engine_throughput)
wasm=$(node build/bench-wasm/engine_throughput.js)
echo "native: $native"
echo "wasm:   $wasm"
n=$(sed -E 's/.*best_s=([0-9.]+).*/\1/' <<<"$native")
w=$(sed -E 's/.*best_s=([0-9.]+).*/\1/' <<<"$wasm")
awk -v n="$n" -v w="$w" 'BEGIN { printf "wasm/native time ratio: %.2f (target <= 1.5)\n", w / n }'
