#!/usr/bin/env python3
"""Interleaved timing of whole processes, for bench/compare.sh.

    measure.py OUT_DIR ROUNDS NAME=REPS:COMMAND...

Runs every command REPS times per round, round after round, so commands that
are compared run under the same conditions: this machine is shared, and its
speed drifts by a third within minutes, which skews ratios of runs made one
after the other. Writes OUT_DIR/NAME.json as {"results": [{"median": s,
"times": [s, ...]}]}. Commands are split like a shell would, but not run in
one: a glob such as `dir/**/*.md` reaches the program as written. A NAME
ending in `_parse` is a program that prints its own time, in seconds, as the
second-to-last word of its output (examples/parse_only.rs). Each command
with REPS > 1 runs once first, unmeasured. The JSON also records REPS, so a
ratio can be taken round by round (see compare.sh).
"""
import json
import os
import shlex
import statistics
import subprocess
import sys
import time


# Output goes to /dev/null; posix_spawn starts a process in well under a
# millisecond, where subprocess adds a few to a 10 ms run.
QUIET = [
    (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
    (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
]


def once(name, argv):
    if name.endswith("_parse"):
        done = subprocess.run(argv, stdout=subprocess.PIPE, check=False)
        if done.returncode != 0:
            sys.exit(f"{name}: exit {done.returncode}")
        return float(done.stdout.decode().split()[-2])
    start = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=QUIET)
    _, status = os.waitpid(pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    # Findings make both linters exit 1; 2 or more is a failure.
    if code not in (0, 1):
        sys.exit(f"{name}: exit {code}: {shlex.join(argv)}")
    return elapsed


def main():
    out_dir, rounds = sys.argv[1], int(sys.argv[2])
    specs = []
    for arg in sys.argv[3:]:
        name, rest = arg.split("=", 1)
        reps, command = rest.split(":", 1)
        specs.append((name, int(reps), shlex.split(command)))
    for name, reps, argv in specs:
        if reps > 1:
            once(name, argv)
    times = {name: [] for name, _, _ in specs}
    for _ in range(rounds):
        for name, reps, argv in specs:
            for _ in range(reps):
                times[name].append(once(name, argv))
    os.makedirs(out_dir, exist_ok=True)
    reps_of = {name: reps for name, reps, _ in specs}
    for name, samples in times.items():
        with open(os.path.join(out_dir, name + ".json"), "w") as f:
            result = {
                "median": statistics.median(samples),
                "times": samples,
                "reps": reps_of[name],
            }
            json.dump({"results": [result]}, f)


if __name__ == "__main__":
    main()
