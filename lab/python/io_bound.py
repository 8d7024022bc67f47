"""I/O-bound work (time.sleep stands in for a blocking read) split over 1 and N workers, as
threads and as processes. Sleeping releases the GIL, so threads overlap their waits as well as
processes do, and start far faster.

usage: io_bound.py [--quick] [--workers N]"""
import multiprocessing as mp
import threading
import time

from common import emit, flag, median, now, option

SLEEP_S = 0.005


def waits(n):
    for _ in range(n):
        time.sleep(SLEEP_S)


def run(kind, workers, share):
    cls = threading.Thread if kind == "threads" else mp.Process
    ws = [cls(target=waits, args=(share,)) for _ in range(workers)]
    t0 = now()
    for w in ws:
        w.start()
    for w in ws:
        w.join()
    return now() - t0


def main():
    quick = flag("--quick")
    workers = option("--workers", 2)
    per_worker = 10 if quick else 40
    total = per_worker * workers
    one, threads, procs = [], [], []
    for _ in range(3):
        one.append(run("threads", 1, total))
        threads.append(run("threads", workers, per_worker))
        procs.append(run("processes", workers, per_worker))
    t1, tt, tp = median(one), median(threads), median(procs)
    emit({
        "workload": "io",
        "workers": workers,
        "sleeps_per_worker": per_worker,
        "sleep_ms": SLEEP_S * 1000.0,
        "one_worker_ms": t1 * 1000.0,
        "threads_ms": tt * 1000.0,
        "processes_ms": tp * 1000.0,
        "threads_speedup": t1 / tt if tt > 0 else 0.0,
        "processes_speedup": t1 / tp if tp > 0 else 0.0,
    })


if __name__ == "__main__":
    main()
