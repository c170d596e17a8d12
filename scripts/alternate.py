#!/usr/bin/env python3
"""Times commands in alternation, round after round, and writes their times as JSON.

    alternate.py OUT.json ROUNDS NAME=COMMAND NAME=COMMAND...

A virtual machine's speed drifts with its neighbours' load; running the commands one after
the other in each round puts them under the same load, so the ratio of each round is fair
even when the absolute times move. Each command must exit 0.
"""
import json
import shlex
import subprocess
import sys
import time


def main() -> None:
    out, rounds, pairs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    commands = [pair.split("=", 1) for pair in pairs]
    times = {name: [] for name, _ in commands}
    for _ in range(rounds):
        for name, command in commands:
            start = time.perf_counter()
            subprocess.run(
                shlex.split(command),
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            times[name].append(time.perf_counter() - start)
    with open(out, "w", encoding="utf-8") as f:
        json.dump(times, f)


if __name__ == "__main__":
    main()
