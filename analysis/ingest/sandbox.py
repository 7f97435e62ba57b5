"""Reading untrusted files in a child process that may use only so much memory and time.

A spreadsheet parser fed a hostile file may abort the process it runs in (python-calamine,
asked to allocate 550 GB, aborts instead of raising), grow until the kernel kills it, or run
for minutes. In the dashboard's own process that would end every analyst's session at once.
So the parse runs in a child process whose address space and CPU time are capped with
setrlimit and which an alarm stops at the time limit; the parent waits no longer than that.
Whatever the child does, the caller gets its result, the file's own FileRefused, or a
FileRefused naming the limit the file passed, and the dashboard and the command line go on.

Children are forked from a "zygote": a process started once per dashboard or command (ahead
of need, by `warm_up`) that imports the importer and then only forks, so a file costs a fork
and not a new interpreter. multiprocessing's own forkserver is not used because it re-runs
the parent's `__main__` in every child, and under Streamlit `__main__` is the dashboard
script. A few files are read at once per process (`Limits.parallel`), so many hostile
uploads cannot add up to the machine's memory. Where there is no fork (Windows) each file is
read by a new interpreter, with the time limit only; macOS does not enforce the memory limit.
"""
import os
import pickle
import signal
import socket
import subprocess
import sys
import threading
import time
import traceback
from multiprocessing.connection import Connection

from analysis.reading.limits import Limits, limits
from analysis.reading.refusals import FileRefused

_AGAIN = "Ábralo en Excel o LibreOffice y guárdelo de nuevo como .xlsx, o divídalo en varios archivos."
_DONE, _REFUSED, _OUT_OF_MEMORY, _TOO_SLOW, _FAILED = "done", "refused", "memory", "slow", "failed"
_GRACE = 3  # seconds the parent waits past the limit for the child's own alarm to stop it
# pyarrow's default allocator (jemalloc) reserves a gigabyte of address space on first use: that
# would count against the memory limit without being memory anyone uses. The system one does not.
_CHILD_ENVIRONMENT = {"ARROW_DEFAULT_MEMORY_POOL": "system"}
_SLOTS = threading.BoundedSemaphore(limits().parallel)


def memory_refusal(limit: Limits) -> FileRefused:
    return FileRefused(f"El archivo necesita más de {limit.memory_words} de memoria para leerse, el límite de "
                       f"lectura: está dañado o declara un tamaño imposible. {_AGAIN}")


def time_refusal(limit: Limits) -> FileRefused:
    return FileRefused(f"Leer el archivo tardó más de {limit.seconds} s, el límite de lectura, y se detuvo: es "
                       f"demasiado grande o está dañado. {_AGAIN}")


def run_isolated(function, *args, limit: Limits | None = None):
    """`function(*args)` run in a child process within the reading limits; its result.

    `function` must be importable by name (a module-level function). Raises the FileRefused it
    raised, or one naming the memory or time limit when the child ran out of either or died
    (a parser that aborts); any other error of the function is raised here as a RuntimeError
    carrying the child's traceback, for the server's log.
    """
    limit = limit or limits()
    with _SLOTS:
        kind, value = (_forked if hasattr(os, "fork") else _spawned)((limit, function, args))
    if kind == _DONE:
        return value
    if kind == _REFUSED:
        raise value
    if kind == _FAILED:
        raise RuntimeError(f"reading the file failed in the sandbox:\n{value}")
    raise time_refusal(limit) if kind == _TOO_SLOW else memory_refusal(limit)


def warm_up() -> None:
    """Start the zygote now (it imports the importer in the background) so the first file need not wait."""
    if hasattr(os, "fork"):
        _zygote()


# The parent's side ------------------------------------------------------------------------------

def _forked(job: tuple) -> tuple[str, object]:
    limit = job[0]
    connection = _zygote().fork()
    try:
        connection.send(job)
        started = time.monotonic()
        if not connection.poll(limit.seconds + _GRACE):
            return _TOO_SLOW, None  # the child's alarm has stopped it by now
        try:
            return connection.recv()
        except EOFError:  # the child died without answering: stopped at the time limit, or out of memory
            return (_TOO_SLOW if time.monotonic() - started >= limit.seconds else _OUT_OF_MEMORY), None
    finally:
        connection.close()


def _spawned(job: tuple) -> tuple[str, object]:
    """Without fork: a new interpreter per file, the job on its stdin and the outcome on its stdout."""
    limit = job[0]
    try:
        done = subprocess.run(_python("from analysis.ingest.sandbox import _serve_stdio; _serve_stdio()"),
                              input=pickle.dumps(job), capture_output=True, timeout=limit.seconds + _GRACE,
                              env={**os.environ, **_CHILD_ENVIRONMENT})
    except subprocess.TimeoutExpired:  # subprocess.run has killed it
        return _TOO_SLOW, None
    sys.stderr.buffer.write(done.stderr)
    return pickle.loads(done.stdout) if done.stdout else (_OUT_OF_MEMORY, None)


def _python(code: str) -> list[str]:
    """A command running `code` in a new interpreter that imports modules from where this one does."""
    return [sys.executable, "-c", f"import sys; sys.path[:] = {sys.path!r}; {code}"]


class _Zygote:
    """The process children are forked from; it lives as long as this one (it stops when the socket closes)."""

    def __init__(self):
        ours, theirs = socket.socketpair()
        self.process = subprocess.Popen(
            _python(f"from analysis.ingest.sandbox import _zygote_main; _zygote_main({theirs.fileno()})"),
            pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, env={**os.environ, **_CHILD_ENVIRONMENT})
        theirs.close()
        self.control = ours
        self.lock = threading.Lock()

    def alive(self) -> bool:
        return self.process.poll() is None

    def fork(self) -> Connection:
        """A connection to a new child, which waits there for its job."""
        ours, theirs = socket.socketpair()
        with self.lock:
            socket.send_fds(self.control, [b"f"], [theirs.fileno()])
        theirs.close()
        return Connection(ours.detach())


_current: _Zygote | None = None
_starting = threading.Lock()


def _zygote() -> _Zygote:
    global _current
    with _starting:
        if _current is None or not _current.alive():
            _current = _Zygote()
        return _current


# The children's side ----------------------------------------------------------------------------

def _zygote_main(fd: int) -> None:
    """Import once, then fork a child for each socket the parent sends, until the parent is gone."""
    from analysis.ingest.importer import warm_up_reader
    warm_up_reader()  # every child starts with the importer loaded and its tables built
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the children
    control = socket.socket(fileno=fd)
    while True:
        message, fds, _, _ = socket.recv_fds(control, 1, 1)
        if not message:
            os._exit(0)
        if os.fork() == 0:
            control.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            connection = Connection(fds[0])
            try:
                _answer(connection.send, _outcome(*connection.recv()))
            finally:
                os._exit(0)
        os.close(fds[0])


def _serve_stdio() -> None:
    """A spawned child: the job from stdin, the outcome to stdout."""
    _answer(lambda outcome: sys.stdout.buffer.write(pickle.dumps(outcome)), _outcome(*pickle.load(sys.stdin.buffer)))


def _answer(send, outcome: tuple) -> None:
    """Send the outcome; one too large to pickle is the file's fault too (nothing was sent yet)."""
    try:
        send(outcome)
    except MemoryError:
        send((_OUT_OF_MEMORY, None))
    except Exception:
        send((_FAILED, traceback.format_exc()))


def _outcome(limit: Limits, function, args) -> tuple[str, object]:
    """In the child: confine, run, and say what happened (never raise)."""
    os.environ.update(limit.environment())  # the reader checks the parent's limits
    _confine(limit)
    try:
        return _DONE, function(*args)
    except FileRefused as refused:
        return _REFUSED, refused
    except MemoryError:
        return _OUT_OF_MEMORY, None
    except BaseException:  # a bug, not the file's fault: the traceback goes to the parent's log
        return _FAILED, traceback.format_exc()


def _confine(limit: Limits) -> None:
    """Stop this process at the time limit and cap its CPU time and address space (POSIX)."""
    try:
        import resource
    except ImportError:  # Windows: the parent's deadline holds
        return
    signal.alarm(limit.seconds)  # SIGALRM's default action ends the process, even inside a parser's C code
    cpu = 2 * limit.seconds + 5  # a backstop only (threads add up CPU time faster than the clock runs)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    if (used := _address_space()) is not None:
        cap = used + limit.memory_bytes
        try:
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        except (ValueError, OSError):  # not enforceable here (macOS)
            pass


def _address_space() -> int | None:
    """Bytes of address space this process maps now (Linux), or None."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    import resource
    return pages * resource.getpagesize()
