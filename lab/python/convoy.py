"""The switch-interval convoy: an I/O thread that sleeps 1 ms at a time, alone, beside a
CPU-bound thread of the same interpreter, and beside a CPU-bound process. Its latency per
wake-up is how much later than 1 ms each sleep returns. Beside a CPU thread it waits for the
GIL, which the CPU thread gives up only when asked, after sys.getswitchinterval() (5 ms).

usage: convoy.py [--quick]"""
import multiprocessing as mp
import threading
import time

from common import emit, flag, median, now

SLEEP_S = 0.001


def burn(stop):
    x = 0
    while not stop.is_set():
        for _ in range(1000):
            x += 1


def io_latencies(wakes):
    lat = []
    for _ in range(wakes):
        t0 = now()
        time.sleep(SLEEP_S)
        lat.append(now() - t0 - SLEEP_S)
    return lat


def beside_thread(wakes):
    stop = threading.Event()
    cpu = threading.Thread(target=burn, args=(stop,))
    cpu.start()
    time.sleep(0.02)   # the CPU thread holds the GIL and runs before the first wake is timed
    lat = io_latencies(wakes)
    stop.set()
    cpu.join()
    return lat


def beside_process(wakes):
    stop = mp.Event()
    cpu = mp.Process(target=burn, args=(stop,))
    cpu.start()
    time.sleep(0.05)
    lat = io_latencies(wakes)
    stop.set()
    cpu.join()
    return lat


def main():
    wakes = 60 if flag("--quick") else 300
    alone = io_latencies(wakes)
    thread = beside_thread(wakes)
    process = beside_process(wakes)
    emit({
        "workload": "convoy",
        "wakes": wakes,
        "sleep_ms": SLEEP_S * 1000.0,
        "alone_latency_ms": median(alone) * 1000.0,
        "beside_cpu_thread_latency_ms": median(thread) * 1000.0,
        "beside_cpu_process_latency_ms": median(process) * 1000.0,
        # Means too: the simulator reports mean wake-up latency, and a convoy is lumpy.
        "alone_mean_ms": sum(alone) / len(alone) * 1000.0,
        "beside_cpu_thread_mean_ms": sum(thread) / len(thread) * 1000.0,
        "beside_cpu_process_mean_ms": sum(process) / len(process) * 1000.0,
    })


if __name__ == "__main__":
    main()
