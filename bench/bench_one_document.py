"""Benchmark of an editor's everyday run: one document of the edition checked or rendered by a new process
(a letter changed, then looked at again), start-up and compilation included.

    .venv/bin/python bench/bench_one_document.py [--rounds 7]

Each command is run in turn, round after round, and the best wall time of each is kept: the machine's
noise is spread over all of them alike. The output goes to a temporary folder.
"""

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LETTER = ROOT / "tei" / "trotsky-1926-01-09-letter-to-bukharin.xml"
COMMANDS = {
    # Each round does the work, not taking its results from the round before (teitools.result_cache).
    "validate": ["validate", "--no-cache"],
    "render --to text": ["render", "--no-cache", "--to", "text"],
    "render --to html": ["render", "--no-cache", "--to", "html"],
    "render (html, text, index)": ["render", "--no-cache"],
}


def run_once(arguments: list[str], output: Path) -> float:
    rendering = ["-o", str(output)] if arguments[0] == "render" else []
    command = [sys.executable, "-m", "teitools", *arguments, *rendering, str(LETTER)]
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    rounds = parser.parse_args().rounds
    best = dict.fromkeys(COMMANDS, float("inf"))
    with tempfile.TemporaryDirectory() as output:
        for _ in range(rounds):
            for name, arguments in COMMANDS.items():
                best[name] = min(best[name], run_once(arguments, Path(output)))
    print(f"one letter ({LETTER.name}), best of {rounds} rounds:")
    for name, seconds in best.items():
        print(f"  teitools {name:28s} {seconds:.2f} s")


if __name__ == "__main__":
    main()
