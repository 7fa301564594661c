"""The worker processes of a run: answers in order, a worker replaced once it has outgrown its memory budget
(and only then), a worker that dies failing only its own task, and Saxon's heap collected in place."""

import os
import subprocess
import sys
import threading
import time

import pytest
from conftest import CORPUS

from teitools import memory, run, saxon, workers

HELD: list[bytearray] = []  # what a worker holds on to, in the worker


def hold(megabytes: int) -> int:
    """A task: this worker ready (as a renderer is once made), then holding more memory; its process id."""
    memory.note_ready()
    block = bytearray(megabytes * 2**20)
    block[::4096] = b"x" * len(block[::4096])  # touched: resident
    HELD.append(block)
    return os.getpid()


def hold_then_free(megabytes: int) -> int:
    """A task: this worker ready, then memory taken in small blocks and freed, all but the last block (which
    keeps the freed ones inside the heap, where glibc leaves them resident); its process id."""
    memory.note_ready()
    blocks = [bytearray(4000) for _ in range(megabytes * 2**20 // 4000)]
    for block in blocks:
        block[::1000] = b"x" * 4
    HELD.extend(blocks[-1:])
    del blocks
    return os.getpid()


def slow_square(number: int, seconds: float) -> int:
    time.sleep(seconds)
    return number * number


def start_time(seconds: float) -> float:
    started = time.monotonic()
    time.sleep(seconds)
    return started


def finish_time(seconds: float) -> float:
    time.sleep(seconds)
    return time.monotonic()


def die_on(number: int, fatal: int) -> int:
    if number == fatal:
        os._exit(1)  # as the kernel's out-of-memory killer would end it
    return os.getpid()


def echo_large(data: bytes) -> bytes:
    return data * 8


def fail_on(number: int) -> int:
    if number == 2:
        raise ValueError("two")
    return number


SHARED: list[object] = []  # what Pool.share set, in the worker


def share(value: object) -> None:
    if value == "fail":
        raise ValueError("setup failed")
    SHARED[:] = [value]


def shared_then_die_on(number: int, fatal: int, seconds: float = 0.0) -> tuple[object, int]:
    """A task: what the worker was given once (share), and its process id; the worker dies on fatal."""
    die_on(number, fatal)
    time.sleep(seconds)
    return SHARED[0], os.getpid()


def pool(jobs: int, budget: memory.Budget | None = None) -> workers.Pool:
    return workers.Pool(jobs, run.worker_context(replaced=True), budget)


def test_answers_come_in_the_order_of_the_tasks_whatever_finishes_first():
    tasks = [(n, 0.2 if n % 3 == 0 else 0.0) for n in range(12)]
    with pool(2) as two:
        assert list(two.map(slow_square, tasks)) == [n * n for n in range(12)]


def test_a_long_task_at_the_head_does_not_hold_the_other_workers_back():
    with pool(2) as two:
        finished = list(two.map(finish_time, [(1.0,)] + [(0.0,)] * 9))
    assert sum(when < finished[0] for when in finished[1:]) >= 6  # all but the one behind it in its pipe


def test_the_costliest_task_that_may_go_out_goes_first_and_the_answers_stay_in_order():
    durations = [0.2] * 5 + [1.0]
    with pool(2) as two:
        started = list(two.map(start_time, [(seconds,) for seconds in durations], costs=durations))
    # In the tasks' order the long task would start only once four short ones had (0.4 s in): the run would
    # end on it, one worker idle. Costliest first, it starts with the first short task.
    assert started[5] < sorted(started[:5])[1]


def test_each_answer_is_heard_as_it_comes_in_whatever_its_turn():
    """Progress: the short tasks behind a long one are heard of while it runs, not once it is done."""
    heard: list[tuple[int, float]] = []
    with pool(2) as two:
        answers = two.map(
            finish_time, [(1.0,)] + [(0.0,)] * 5, answered=lambda n: heard.append((n, time.monotonic()))
        )
        first = next(answers)
    assert sorted(number for number, _ in heard) == list(range(6))
    assert [number for number, when in heard if when < first] == [1, 2, 3, 4, 5]


def test_a_run_that_stops_half_way_ends_its_busy_workers_at_once():
    with pool(2) as two:
        answers = two.map(finish_time, [(0.0,)] + [(60.0,)] * 4)
        next(answers)
        start = time.monotonic()
    assert time.monotonic() - start < 4
    assert not any(worker.process.is_alive() for worker in two.workers)


def test_a_worker_is_replaced_after_the_task_that_outgrew_its_budget_and_only_then():
    budget = memory.Budget(growth=40 * 2**20, share=2**40)
    with pool(1, budget) as one:
        pids = list(one.map(hold, [(0,), (0,), (60,), (0,), (0,), (60,), (0,)]))
    assert pids[0] == pids[1] == pids[2]  # within the budget, then the task that outgrew it
    assert pids[3] == pids[4] == pids[5] != pids[2]  # a fresh worker, kept while within its budget
    assert pids[6] != pids[5]


def test_a_worker_whose_freed_memory_goes_back_to_the_system_is_kept():
    budget = memory.Budget(growth=40 * 2**20, share=2**40)
    with pool(1, budget) as one:
        pids = list(one.map(hold_then_free, [(0,), (80,), (0,)]))
    assert pids[0] == pids[1] == pids[2]


def test_a_worker_within_its_share_of_the_machine_only():
    budget = memory.Budget(growth=2**40, share=1)  # any process holds more than one byte
    with pool(1, budget) as one:
        pids = list(one.map(hold, [(0,), (0,), (0,)]))
    assert len(set(pids)) == 3


def test_a_worker_that_dies_fails_its_own_task_only():
    """Task 4 waits in the pipe of the worker that dies on task 3: a fresh worker answers it."""
    with pool(1) as one:
        answers = list(one.map(die_on, [(n, 3) for n in range(6)]))
    assert isinstance(answers[3], workers.WorkerDied)
    assert answers[0] == answers[1] == answers[2] != answers[4] == answers[5]


def test_what_is_shared_reaches_every_worker_and_the_workers_that_replace_them():
    with pool(2) as two:
        two.share(share, ("options",))
        answers = list(two.map(shared_then_die_on, [(n, -1, 0.2) for n in range(4)]))
        two.share(share, ("new options",))
        again = list(two.map(shared_then_die_on, [(n, -1, 0.2) for n in range(4)]))
    assert {value for value, _ in answers} == {"options"} and {value for value, _ in again} == {"new options"}
    assert len({pid for _, pid in answers}) == 2  # both workers answered
    with pool(1) as one:
        one.share(share, ("options",))
        answers = list(one.map(shared_then_die_on, [(n, 2) for n in range(4)]))
    assert isinstance(answers[2], workers.WorkerDied)
    assert answers[3][0] == "options" and answers[3][1] != answers[1][1]  # the worker that replaced it


def test_a_setup_that_fails_fails_the_tasks_after_it():
    with pool(1) as one, pytest.raises(ValueError, match="setup failed"):
        one.share(share, ("fail",))
        list(one.map(shared_then_die_on, [(0, -1)]))


def test_large_tasks_and_answers_pass_both_ways_at_once():
    """Tasks and answers larger than a pipe holds: the worker must take tasks while the run waits to hand
    one out, or each would wait on the other for ever."""
    answers: list[bytes] = []
    with pool(1) as one:
        reading = threading.Thread(
            target=lambda: answers.extend(one.map(echo_large, [(bytes([n]) * 300_000,) for n in range(6)])),
            daemon=True,
        )
        reading.start()
        reading.join(timeout=60)
        assert not reading.is_alive(), "the run and its worker wait on each other"
    assert answers == [bytes([n]) * 2_400_000 for n in range(6)]


def test_an_exception_in_a_task_is_raised_where_the_answers_are_read():
    with pool(2) as two, pytest.raises(ValueError, match="two"):
        list(two.map(fail_on, [(n,) for n in range(5)]))


def test_saxons_heap_can_be_collected_in_this_process():
    processor = saxon.new_processor()
    assert processor.version and saxon.collect_garbage()


BOUNDED_RENDERING = """
import sys
from pathlib import Path
from teitools import memory, run, saxon
if sys.argv[2] == "unchecked":
    saxon.ISOLATE_LAYOUT_CHECKED = frozenset()
options = run.RunOptions(formats=("html", "text", "entries"), link_indexes=True)
files = sorted(Path(sys.argv[1]).rglob("*.xml"))
run.map_document(files[0], options)  # Saxon started, stylesheets compiled
ready = peak = memory.resident_bytes()
for path in files:
    run.map_document(path, options)
    peak = max(peak, memory.resident_bytes())
print(saxon.young_generation_bounded(), (peak - ready) // 2**20)
"""


@pytest.mark.parametrize("release", ["checked", "unchecked"])
def test_saxons_young_generation_is_bounded_where_the_native_layout_was_checked(release):
    """SaxonC's own isolate lets the young generation grow to 256 MiB: rendering the corpus in one process
    grew by 110 to 155 MiB. Created by teitools with -Xmn32m, it grows by 48 to 62 MiB; an unchecked saxonche
    gets SaxonC's own isolate and renders as before."""
    result = subprocess.run(
        [sys.executable, "-c", BOUNDED_RENDERING, str(CORPUS), release], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    bounded, growth = result.stdout.split()
    if release == "checked":
        assert bounded == "True" and int(growth) < 90, growth
    else:  # SaxonC's own isolate: how much it grows depends on the machine's memory, its verdict does not
        assert bounded == "False"


ISOLATE_FROM_THREADS = """
import threading, time
from teitools import saxon
made = []
create = saxon._create_isolate
def slow_create():
    made.append(1)
    time.sleep(0.2)  # long enough for every other thread to ask meanwhile
    return create()
saxon._create_isolate = slow_create
threads = [threading.Thread(target=saxon.new_processor) for _ in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(len(made), saxon.young_generation_bounded())
"""


def test_threads_that_start_saxon_at_once_create_one_isolate():
    result = subprocess.run([sys.executable, "-c", ISOLATE_FROM_THREADS], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "True"]
