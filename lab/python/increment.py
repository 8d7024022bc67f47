"""`counter += 1` from several threads, without and with a threading.Lock. `+=` is a load, an
add and a store; a thread switch between them loses an update. CPython 3.10+ switches threads
only at backward jumps and calls, so the bare loop below usually loses nothing there, while
3.9 and older (and free-threaded builds, or C and C++) lose updates readily. It is a race all
the same: the lock is what makes it correct everywhere.

usage: increment.py [--quick] [--threads N]"""
import threading

from common import emit, flag, now, option

counter = 0


def bare(n):
    global counter
    for _ in range(n):
        counter += 1


def locked(n, lock):
    global counter
    for _ in range(n):
        with lock:
            counter += 1


def run(target, threads, n, *extra):
    global counter
    counter = 0
    ws = [threading.Thread(target=target, args=(n,) + extra) for _ in range(threads)]
    t0 = now()
    for w in ws:
        w.start()
    for w in ws:
        w.join()
    return counter, now() - t0


def main():
    threads = option("--threads", 4)
    n = 200000 if flag("--quick") else 500000
    expected = threads * n
    got_bare, t_bare = run(bare, threads, n)
    got_lock, t_lock = run(locked, threads, n, threading.Lock())
    emit({
        "workload": "increment",
        "threads": threads,
        "increments_per_thread": n,
        "expected": expected,
        "without_lock": got_bare,
        "lost_without_lock": expected - got_bare,
        "with_lock": got_lock,
        "lost_with_lock": expected - got_lock,
        "without_lock_ms": t_bare * 1000.0,
        "with_lock_ms": t_lock * 1000.0,
    })


if __name__ == "__main__":
    main()
