#!/usr/bin/env python3
"""Runs one command and times it: seconds to the first byte on stdout or stderr, to exit, and of CPU.

Usage: measure.py OUT_DIR -- COMMAND [ARGS...]
Writes OUT_DIR/stdout, OUT_DIR/stderr and OUT_DIR/exit (the exit status), and prints "FIRST TOTAL CPU" in seconds
("-" for FIRST when the command printed nothing; CPU is user + system time of the process and its children, which
a busy machine inflates less than the wall-clock times). stdin is empty. The clock starts just before the process is
spawned, so FIRST includes the runtime's own start-up: what a user waits for.
"""
import os
import selectors
import subprocess
import sys
import time


def main() -> int:
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        print(__doc__, file=sys.stderr)
        return 2
    out_dir, command = sys.argv[1], sys.argv[3:]
    os.makedirs(out_dir, exist_ok=True)
    start = time.monotonic()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = None
    captured = {process.stdout: bytearray(), process.stderr: bytearray()}
    with selectors.DefaultSelector() as selector:
        for stream in captured:
            selector.register(stream, selectors.EVENT_READ)
        while selector.get_map():
            for key, _ in selector.select():
                chunk = os.read(key.fd, 65536)
                if not chunk:
                    selector.unregister(key.fileobj)
                    continue
                if first is None:
                    first = time.monotonic() - start
                captured[key.fileobj] += chunk
    _, wait_status, usage = os.wait4(process.pid, 0)
    total = time.monotonic() - start
    status = os.waitstatus_to_exitcode(wait_status)
    process.returncode = status
    cpu = usage.ru_utime + usage.ru_stime
    with open(os.path.join(out_dir, "stdout"), "wb") as f:
        f.write(captured[process.stdout])
    with open(os.path.join(out_dir, "stderr"), "wb") as f:
        f.write(captured[process.stderr])
    with open(os.path.join(out_dir, "exit"), "w") as f:
        f.write(f"{status}\n")
    print(("-" if first is None else f"{first:.3f}") + f" {total:.3f} {cpu:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
