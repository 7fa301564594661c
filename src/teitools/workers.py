"""The worker processes of a run (teitools.run): the answers of a function on many tasks, in the tasks' order.

Each worker has its own pipe and a few tasks in it at a time, answered in order. A worker that has outgrown
its memory budget after a task (teitools.memory) ends, and a fresh one takes over the tasks it had not begun:
its peak is the budget plus one task, whatever the documents. A worker that dies fails only the task it was
working on (WorkerDied), and the run goes on. concurrent.futures.ProcessPoolExecutor replaces workers only
after a count of tasks, and that replacement deadlocks on Python 3.11 to 3.13 (CPython gh-115634).

What every task needs (a run's options, with the names of all its pages) goes to each worker once
(Pool.share), not with each task: with each task, a run's cost grew with the square of its files.
"""

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from queue import SimpleQueue
from threading import Thread

from teitools.memory import Budget

# Tasks in a worker's pipe at once. A task handed out cannot be taken back: with two, the last tasks of a run
# could wait in one worker's pipe while another worker had nothing left (rendering the corpus x4, 0.6 s of
# one idle core at the end, against 0.3 s with one). The next task goes out as soon as an answer comes in.
TASKS_PER_WORKER = 1
# Tasks handed out ahead of the answer awaited, per worker: the others go on past a long task at the head of
# the queue, and the costliest among them goes first; few, so that the answers waiting here stay few. 50
# gained nothing beyond the machine's noise (render of the corpus x20: 38.6-39.2 s against 40.7-41.6 s; x40:
# 78-89 s against 78-81.5 s) and raised the peak (the largest documents were rendered at the same time,
# first).
HELD_PER_WORKER = 6

Answer = tuple[bool, object]  # whether the function returned, and what it returned or raised
# What goes down a worker's pipe: a task (answered) or a setup (not answered), a function and its arguments.
Message = tuple[bool, Callable, tuple]


@dataclass(frozen=True)
class WorkerDied:
    """The answer of a task whose worker ended before answering it (killed: out of memory?)."""


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    connection: Connection
    pending: deque[int] = field(default_factory=deque)  # the tasks in its pipe, in order


def _serve(connection: Connection, budget: Budget | None) -> None:
    """A worker: answers tasks (a function and its arguments) until told to stop, or until it has outgrown
    its budget. A thread takes the tasks out of the pipe as they come, so that the run never waits to hand
    one out while this worker waits to hand back an answer."""
    tasks: SimpleQueue[Message | None] = SimpleQueue()
    Thread(target=_receive, args=(connection, tasks), daemon=True).start()
    setup_error: Exception | None = None  # a setup that failed fails the tasks after it
    while (task := tasks.get()) is not None:
        answered, function, arguments = task
        if not answered:  # a setup (Pool.share)
            try:
                function(*arguments)
                setup_error = None
            except Exception as error:
                setup_error = error
            continue
        try:
            if setup_error is not None:
                raise setup_error
            answer: Answer = (True, function(*arguments))
        except Exception as error:  # raised again where the run waits for this answer
            answer = (False, error)
        retiring = budget is not None and budget.outgrown()
        connection.send((answer, retiring))
        if retiring:
            return


def _receive(connection: Connection, tasks: "SimpleQueue[Message | None]") -> None:
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):  # the run has ended
            task = None
        tasks.put(task)
        if task is None:
            return


class Pool:
    """jobs worker processes, replaced when they outgrow the budget or die."""

    def __init__(self, jobs: int, context: BaseContext, budget: Budget | None = None):
        self.context, self.budget = context, budget
        self.setup: Message | None = None
        self.workers = [self._start() for _ in range(jobs)]

    def _start(self) -> _Worker:
        ours, theirs = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(theirs, self.budget), daemon=True)
        process.start()
        theirs.close()
        worker = _Worker(process, ours)
        if self.setup is not None:
            self._send_setup(worker)
        return worker

    def share(self, function: Callable, arguments: tuple) -> None:
        """function(*arguments) runs in every worker before the tasks handed out after this call, and in every
        worker that replaces one later: what all those tasks need goes once per worker."""
        self.setup = (False, function, arguments)
        for worker in self.workers:
            self._send_setup(worker)

    def _send_setup(self, worker: _Worker) -> None:
        with suppress(OSError):  # it has died: seen when its answers are collected
            worker.connection.send(self.setup)

    def map(
        self,
        function: Callable,
        tasks: Sequence[tuple],
        costs: Sequence[int] | None = None,
        answered: Callable[[int], None] | None = None,
    ) -> Iterator[object]:
        """The function's answer for each task's arguments, in the tasks' order (WorkerDied for a task
        whose worker died); an exception the function raised is raised here. At most a few tasks per worker
        are ahead of the answer awaited (HELD_PER_WORKER), so that answers waiting here stay few. costs: what
        each task is expected to cost (its bytes, say); among the tasks that may go out, the costliest goes
        first, so that the run does not end on one worker finishing a long task while the others wait.
        answered: called with a task's number as soon as its answer comes in, whatever its turn (progress)."""
        arguments: dict[int, Message] = {}  # the tasks handed out and not answered, to hand out again
        answers: dict[int, Answer] = {}
        waiting = list(range(len(tasks)))  # the tasks not handed out yet, in order
        awaited = 0
        window = HELD_PER_WORKER * len(self.workers)

        def next_task() -> int | None:
            eligible = [number for number in waiting[:window] if number < awaited + window]
            if not eligible:
                return None
            chosen = max(eligible, key=lambda number: costs[number]) if costs else eligible[0]
            waiting.remove(chosen)
            return chosen

        def hand_out(worker: _Worker) -> None:
            while len(worker.pending) < TASKS_PER_WORKER and (number := next_task()) is not None:
                arguments[number] = (True, function, tasks[number])
                self._send(worker, number, arguments[number])

        while True:
            for worker in self.workers:
                hand_out(worker)
            if awaited in answers:
                yield _unwrap(answers.pop(awaited))
                awaited += 1
                continue
            if awaited == len(tasks):
                return
            for worker in self._ready():
                for number in self._collect(worker, answers, arguments):
                    if answered:
                        answered(number)

    def _send(self, worker: _Worker, number: int, arguments: Message) -> None:
        worker.pending.append(number)
        with suppress(OSError):  # it has died: seen when its answers are collected
            worker.connection.send(arguments)

    def _ready(self) -> list[_Worker]:
        busy = [worker for worker in self.workers if worker.pending]
        ready = wait([w.connection for w in busy] + [w.process.sentinel for w in busy])
        return [w for w in busy if w.connection in ready or w.process.sentinel in ready]

    def _collect(
        self, worker: _Worker, answers: dict[int, Answer], arguments: dict[int, Message]
    ) -> list[int]:
        """The answers a worker has sent, and the numbers of their tasks; a worker that retired or died is
        replaced, and the tasks it had not begun go to its replacement."""
        collected = []
        try:
            while worker.pending and worker.connection.poll():
                answer, retiring = worker.connection.recv()
                number = worker.pending.popleft()
                answers[number] = answer
                collected.append(number)
                del arguments[number]
                if retiring:
                    self._replace(worker, arguments)
                    return collected
        except (EOFError, OSError):
            pass
        if worker.pending and not worker.process.is_alive():
            number = worker.pending.popleft()  # the task it was working on
            answers[number] = (True, WorkerDied())
            collected.append(number)
            del arguments[number]
            self._replace(worker, arguments)
        return collected

    def _replace(self, worker: _Worker, arguments: dict[int, Message]) -> None:
        worker.process.join()
        worker.connection.close()
        fresh = self._start()
        self.workers[self.workers.index(worker)] = fresh
        for number in worker.pending:
            self._send(fresh, number, arguments[number])

    def close(self) -> None:
        """Idle workers are told to end; busy ones (a run that stopped half way) are ended."""
        for worker in self.workers:
            if worker.pending:
                worker.process.terminate()
            else:
                with suppress(OSError):
                    worker.connection.send(None)
        for worker in self.workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.connection.close()

    def __enter__(self) -> "Pool":
        return self

    def __exit__(self, *exception: object) -> None:
        self.close()


def _unwrap(answer: Answer) -> object:
    succeeded, value = answer
    if not succeeded and isinstance(value, BaseException):
        raise value
    return value
