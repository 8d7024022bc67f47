"""Shared helpers for the lab's CPython programs: timing, medians, and one JSON object printed
at the end (the only thing written to stdout, so threadlab-cli can read it)."""
import json
import statistics
import sys
import time


def now():
    return time.perf_counter()


def median(values):
    return statistics.median(values) if values else 0.0


def python_info():
    return {
        "version": sys.version.split()[0],
        "implementation": sys.implementation.name,
        "switch_interval_ms": sys.getswitchinterval() * 1000.0,
        # Free-threaded builds (3.13t+) report the GIL as disabled; everything else has one.
        "gil": bool(getattr(sys, "_is_gil_enabled", lambda: True)()),
    }


def emit(result):
    result["python"] = python_info()
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    sys.stdout.flush()


def flag(name):
    return name in sys.argv[1:]


def option(name, default):
    args = sys.argv[1:]
    if name in args:
        i = args.index(name)
        if i + 1 < len(args):
            return type(default)(args[i + 1])
    return default
