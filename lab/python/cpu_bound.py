"""CPU-bound work (a pure-Python integer loop) split over 1 and N workers, as threads and as
processes (multiprocessing, the platform's default start method). With the GIL, threads of one
interpreter run Python code one at a time: no speedup. Processes each have their own interpreter
and GIL: they use every core.

usage: cpu_bound.py [--quick] [--workers N]"""
import multiprocessing as mp
import threading

from common import emit, flag, median, now, option


def spin(n):
    x = 1
    for i in range(n):
        x = (x * 1103515245 + 12345) & 0xFFFFFFFF
    return x


def calibrate(target_s):
    n = 20000
    while True:
        t0 = now()
        spin(n)
        t = now() - t0
        if t > 0.02:
            return max(1, int(n * target_s / t))
        n *= 4


def run_threads(workers, share):
    threads = [threading.Thread(target=spin, args=(share,)) for _ in range(workers)]
    t0 = now()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return now() - t0


def run_processes(workers, share):
    procs = [mp.Process(target=spin, args=(share,)) for _ in range(workers)]
    t0 = now()
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return now() - t0


def main():
    quick = flag("--quick")
    workers = option("--workers", 2)
    repeats = 3
    total = calibrate(0.3 if quick else 0.8)
    one, threads, procs = [], [], []
    for _ in range(repeats):   # interleaved, so load from elsewhere hits all three alike
        one.append(run_threads(1, total))
        threads.append(run_threads(workers, total // workers))
        procs.append(run_processes(workers, total // workers))
    t1, tt, tp = median(one), median(threads), median(procs)
    emit({
        "workload": "cpu",
        "workers": workers,
        "iterations": total,
        "one_worker_ms": t1 * 1000.0,
        "threads_ms": tt * 1000.0,
        "processes_ms": tp * 1000.0,
        "threads_speedup": t1 / tt if tt > 0 else 0.0,
        "processes_speedup": t1 / tp if tp > 0 else 0.0,
        "start_method": mp.get_start_method(),
    })


if __name__ == "__main__":
    main()
