#!/usr/bin/env python3
"""How long the app takes from being started to a window that answers: the time from launching
the binary to its log line "the window is ready" (written when the window's first call arrives,
so the page is drawn and its script runs). Runs the app under the display and session bus it is
given (DISPLAY, DBUS_SESSION_BUS_ADDRESS), in a throw-away data folder, several times; each run
is cold when the page cache can be dropped (root), and says so.

usage: launch_time.py <binary> [runs]
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

READY = "the window is ready"
TIMEOUT_SEC = 30


def drop_caches() -> bool:
    try:
        subprocess.run(["sync"], check=True)
        with open("/proc/sys/vm/drop_caches", "w") as caches:
            caches.write("3\n")
        return True
    except OSError:
        return False


def one_launch(binary: str, scratch: str) -> float:
    env = dict(os.environ)
    env.update(
        NOCOMELON_DATA_DIR=os.path.join(scratch, "data"),
        XDG_CONFIG_HOME=os.path.join(scratch, "config"),
        XDG_DATA_HOME=os.path.join(scratch, "share"),
        XDG_CACHE_HOME=os.path.join(scratch, "cache"),
        NOCOMELON_LOG="info",
    )
    env.pop("NOCOMELON_CONFIG", None)
    started = time.monotonic()
    app = subprocess.Popen([binary], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert app.stderr is not None
        for line in app.stderr:
            if READY in line:
                return time.monotonic() - started
            if time.monotonic() - started > TIMEOUT_SEC:
                break
        raise SystemExit(f"the app did not get its window ready within {TIMEOUT_SEC} s")
    finally:
        app.terminate()
        try:
            app.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app.kill()


def main() -> None:
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    binary = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    times = []
    cold = True
    for run in range(runs):
        cold = drop_caches() and cold
        with tempfile.TemporaryDirectory(prefix="nocomelon-launch-") as scratch:
            times.append(one_launch(binary, scratch))
    kind = "cold (page cache dropped before each)" if cold else "warm (the page cache could not be dropped)"
    print(f"launch to a ready window, {kind}, {runs} runs: "
          f"fastest {min(times):.2f} s, median {statistics.median(times):.2f} s, slowest {max(times):.2f} s "
          f"(goal: 1 s or less)")


if __name__ == "__main__":
    main()
