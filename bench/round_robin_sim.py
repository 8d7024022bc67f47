#!/usr/bin/env python3
"""A plain-Python round-robin simulator: the yardstick the native engine is timed against.

It simulates what bench/engine_vs_python.cpp gives the engine: N jobs on C cores, each job a
loop of compute bursts and I/O waits, scheduled round robin with a fixed quantum, integer
nanoseconds, one event heap. It produces what the engine's result holds for such a run, as a
straightforward simulator written in Python would: each job's state timeline (ready, running,
blocked spans), each core's run spans, and per-job turnaround, response, wait and CPU time,
per-core busy time. It models no GIL, memory, costs or tie rules beyond the engine's for this
workload (the makespans agree).

Usage: round_robin_sim.py JOBS CORES ROUNDS COMPUTE_NS IO_NS QUANTUM_NS
Prints the makespan and the number of events processed, then the CPU seconds it took.
"""
import heapq
import sys
import time
from collections import deque


def simulate(jobs, cores, rounds, compute_ns, io_ns, quantum_ns):
    left_rounds = [rounds] * jobs      # compute/io rounds still to run
    left_burst = [compute_ns] * jobs   # compute still owed in the current round
    ready = deque(range(jobs))
    idle = list(range(cores))
    running = [None] * cores
    states = [[] for _ in range(jobs)]     # [job] (start, end, state): its timeline
    state = ["ready"] * jobs
    since = [0] * jobs
    core_spans = [[] for _ in range(cores)]  # [core] (start, end, job)
    completion = [0] * jobs
    events = []                        # (time, kind, seq, who): kind 0 core done, 1 wake
    seq = 0
    now = 0
    processed = 0
    finished = 0

    def set_state(job, new, at):
        if at > since[job]:
            lane = states[job]
            if lane and lane[-1][2] == state[job] and lane[-1][1] == since[job]:
                lane[-1] = (lane[-1][0], at, state[job])
            else:
                lane.append((since[job], at, state[job]))
        state[job] = new
        since[job] = at

    def dispatch(core, job, at):
        nonlocal seq
        set_state(job, "running", at)
        run = min(quantum_ns, left_burst[job])
        running[core] = (job, at, run)
        heapq.heappush(events, (at + run, 0, seq, core))
        seq += 1

    while finished < jobs:
        while idle and ready:
            dispatch(idle.pop(), ready.popleft(), now)
        if not events:
            break
        now, kind, _, who = heapq.heappop(events)
        processed += 1
        if kind == 1:  # an I/O wait ended
            if left_rounds[who] == 0:
                finished += 1
                set_state(who, "done", now)
                completion[who] = now
            else:
                set_state(who, "ready", now)
                ready.append(who)
            continue
        job, start, run = running[who]
        running[who] = None
        idle.append(who)
        lane = core_spans[who]
        if lane and lane[-1][2] == job and lane[-1][1] == start:
            lane[-1] = (lane[-1][0], now, job)
        else:
            lane.append((start, now, job))
        left_burst[job] -= run
        if left_burst[job] > 0:
            set_state(job, "ready", now)
            ready.append(job)
            continue
        set_state(job, "blocked", now)
        left_rounds[job] -= 1  # the burst is done: its I/O follows, even in the last round
        left_burst[job] = compute_ns
        heapq.heappush(events, (now + io_ns, 1, seq, job))
        seq += 1
    # The metrics the engine derives from its trace.
    metrics = []
    for job in range(jobs):
        wait = cpu = 0
        response = None
        for start, end, st in states[job]:
            if st == "ready":
                wait += end - start
            elif st == "running":
                cpu += end - start
                if response is None:
                    response = start
        metrics.append((completion[job], response, wait, cpu))
    busy = [sum(end - start for start, end, _ in lane) for lane in core_spans]
    assert sum(busy) == sum(m[3] for m in metrics)
    return now, processed


def main():
    jobs, cores, rounds, compute_ns, io_ns, quantum_ns = (int(a) for a in sys.argv[1:7])
    t0 = time.process_time()
    makespan, processed = simulate(jobs, cores, rounds, compute_ns, io_ns, quantum_ns)
    cpu = time.process_time() - t0
    print(f"makespan_ns {makespan}")
    print(f"events {processed}")
    print(f"cpu_s {cpu:.4f}")


if __name__ == "__main__":
    main()
