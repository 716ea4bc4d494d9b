"""Code every benchmark child process starts with: its own peak memory.

Peak memory is read by the child itself from /proc/self/status (VmHWM): on Linux a child's
ru_maxrss keeps the *parent's* peak from before the exec, which would put a floor under every
figure. `peak_mb()` returns None where /proc is missing.
"""

PRELUDE = r"""
import json, os, sys, time
def peak_mb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None
"""
