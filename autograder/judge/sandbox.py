"""An OS sandbox for student code: Linux namespaces through bubblewrap (``bwrap``).

Inside, a process sees a read-only system (``/usr``, ``/etc``) and Python environment,
its own private scratch folder (writable, the only one), no network, no other process,
and none of the course: not ``solutions/``, not the ``autograder`` package (references,
checks, misconceptions), not the gradebook, not other submissions, not ``$HOME``. It runs
as a user id of its own (when the grader is root) under limits on memory, CPU time,
processes, file size and open files, and dies with the grader.

:func:`wrap` turns a command into its sandboxed form; :func:`require` refuses to grade
when a sandbox cannot be created (never a silent fallback). ``--no-sandbox`` is the
documented, explicit way to grade without one.
"""
from __future__ import annotations

import contextlib
import functools
import itertools
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import autograder

MEMORY = 4 * 1024 ** 3
"""Address space of a sandboxed process (a kernel, a function runner)."""
CPU_SECONDS = 300
PROCESSES = 64
"""Processes and threads of the sandbox's own user (a fork bomb stops here)."""
FILE_SIZE = 64 * 1024 ** 2
OPEN_FILES = 256
DISK_TOTAL = 256 * 1024 ** 2
"""Bytes a sandbox may write in all (its scratch folder is a tmpfs of this size)."""
FILES_TOTAL = 4096
"""Files and folders a sandbox may create in all (the tmpfs's inodes)."""
MEMORY_TOTAL = 4 * 1024 ** 3
"""Memory of all the processes of one sandbox together (a cgroup), its files included."""
CGROUP_V1 = Path("/sys/fs/cgroup")

UID_BASE = 100_000
"""Sandboxes of a root grader run as user ids from here on (above 65534, ``nobody``), one
per sandbox, so that the process limit counts each sandbox alone."""
SANDBOXES_PER_PROCESS = 512
"""User ids a grading process cycles through: far more sandboxes than it ever has at once."""

ENABLED_VARIABLE = "COURSE_SANDBOX"
"""``off`` in the environment disables the sandbox (what ``--no-sandbox`` sets)."""
SCRATCH_VARIABLE = "COURSE_SCRATCH"
"""The folder scratch folders are made in, when set (see :func:`scratch_root`)."""
TEMP_PATH_MAX = 40
"""A kernel's sockets lie in its scratch folder and a Unix socket's path ends at 107
bytes, so a temporary folder with a longer path than this is not used (``/tmp`` is)."""


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing or this machine does not allow namespaces."""


def enabled() -> bool:
    return os.environ.get(ENABLED_VARIABLE, "on") != "off"


_uids = itertools.count()
_in_use: set[int] = set()


def sandbox_uid(pid: int, number: int) -> int:
    """The user id of the ``number``-th sandbox of process ``pid``: no two processes share
    one (pids are below 2**22, so the largest is below 2**32)."""
    return UID_BASE + pid * SANDBOXES_PER_PROCESS + number % SANDBOXES_PER_PROCESS


@dataclass
class Scratch:
    """The one writable folder of a sandbox, owned by the sandbox's user, and the totals
    its processes share.

    For a root grader (as CI and a grading server run), the folder is a tmpfs of
    ``DISK_TOTAL`` bytes and ``FILES_TOTAL`` inodes, and every process of the sandbox is in
    a cgroup of its own (memory ``MEMORY_TOTAL``, ``PROCESSES`` tasks). Otherwise only the
    per-process limits of :func:`limits` hold (see :func:`totals`)."""

    path: Path
    uid: int | None
    cgroups: tuple[Path, ...] = ()
    mounted: bool = False

    @classmethod
    def create(cls) -> "Scratch":
        path = Path(tempfile.mkdtemp(prefix="course-sandbox-", dir=os.environ.get(SCRATCH_VARIABLE) or _temp()))
        uid, cgroups, mounted = None, (), False
        if os.geteuid() == 0 and enabled():
            uid = sandbox_uid(os.getpid(), next(_uids))
            while uid in _in_use:  # a runner restarted hundreds of times: skip the live ones
                uid = sandbox_uid(os.getpid(), next(_uids))
            _in_use.add(uid)
            mounted = _mount_tmpfs(path)
            cgroups = _make_cgroups(path.name)
            os.chown(path, uid, uid)
        return cls(path, uid, cgroups, mounted)

    def give(self, path: Path) -> None:
        """Let the sandbox's user read a file the grader wrote into the scratch folder."""
        if self.uid is not None:
            os.chown(path, self.uid, self.uid)

    def enter(self) -> list[str]:
        """The command prefix that puts a sandbox's processes into its cgroups (run as the
        grader, before bubblewrap)."""
        if not self.cgroups:
            return []
        joins = " && ".join(f"echo $$ > {shlex.quote(str(c / 'cgroup.procs'))}" for c in self.cgroups)
        return ["sh", "-c", f'{joins} && exec "$@"', "sandbox"]

    def remove(self) -> None:
        for cgroup in self.cgroups:
            _remove_cgroup(cgroup)
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.path)], capture_output=True)
        shutil.rmtree(self.path, ignore_errors=True)
        _in_use.discard(self.uid)


def _mount_tmpfs(path: Path) -> bool:
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK_TOTAL},nr_inodes={FILES_TOTAL},mode=0700",
                           "course-sandbox", str(path)], capture_output=True)
    return done.returncode == 0


def _make_cgroups(name: str) -> tuple[Path, ...]:
    """A memory and a pids cgroup (v1 hierarchies, or one v2 group) for one sandbox;
    none where this host does not let the grader make them."""
    made = []
    try:
        if (CGROUP_V1 / "cgroup.controllers").exists():  # cgroup v2: one group with both limits
            group = CGROUP_V1 / "course-sandboxes" / name
            group.mkdir(parents=True, exist_ok=True)
            made.append(group)
            (group / "memory.max").write_text(str(MEMORY_TOTAL))
            (group / "pids.max").write_text(str(PROCESSES))
        else:
            for controller, limit_file, limit in (("memory", "memory.limit_in_bytes", MEMORY_TOTAL),
                                                  ("pids", "pids.max", PROCESSES)):
                group = CGROUP_V1 / controller / "course-sandboxes" / name
                group.mkdir(parents=True, exist_ok=True)
                made.append(group)
                (group / limit_file).write_text(str(limit))
    except OSError:
        for group in made:
            _remove_cgroup(group)
        return ()
    return tuple(made)


def _remove_cgroup(group: Path) -> None:
    """Kill what is left in a sandbox's cgroup (its own processes only), then remove it."""
    for _ in range(50):
        try:
            pids = [int(p) for p in (group / "cgroup.procs").read_text().split()]
        except OSError:
            return
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, 9)
        with contextlib.suppress(OSError):
            group.rmdir()
            return
        time.sleep(0.02)


def totals() -> dict[str, str]:
    """What bounds one sandbox in all, on this host, in words (for the README and the tests)."""
    probe = Scratch.create()
    try:
        return {"disk": f"{DISK_TOTAL // 1024 ** 2} MiB, {FILES_TOTAL} files" if probe.mounted
                else f"none in all; {FILE_SIZE // 1024 ** 2} MB per file",
                "memory and processes": f"{MEMORY_TOTAL // 1024 ** 3} GiB, {PROCESSES} processes together"
                if probe.cgroups else f"per process: {MEMORY // 1024 ** 3} GiB each, {PROCESSES} processes"}
    finally:
        probe.remove()


def _temp() -> str:
    folder = tempfile.gettempdir()
    return folder if len(folder) <= TEMP_PATH_MAX else "/tmp"


@contextlib.contextmanager
def scratch_root():
    """One folder for every scratch folder made until the block ends, removed with them
    then: a grading worker that dies mid-grade cannot remove its own."""
    before = os.environ.get(SCRATCH_VARIABLE)
    with tempfile.TemporaryDirectory(prefix="course-grading-", dir=_temp(), ignore_cleanup_errors=True) as folder:
        os.environ[SCRATCH_VARIABLE] = folder
        try:
            yield Path(folder)
        finally:
            if before is None:
                del os.environ[SCRATCH_VARIABLE]
            else:
                os.environ[SCRATCH_VARIABLE] = before
            _release_leftovers(Path(folder))


def _release_leftovers(folder: Path) -> None:
    """The tmpfs mounts and cgroups that sandboxes of a dead worker left in ``folder``."""
    for sub in folder.iterdir() if folder.is_dir() else []:
        leftover = Scratch(sub, None, tuple(g for g in _cgroup_paths(sub.name) if g.is_dir()), os.path.ismount(sub))
        leftover.remove()


def _cgroup_paths(name: str) -> list[Path]:
    return [CGROUP_V1 / "course-sandboxes" / name, CGROUP_V1 / "memory" / "course-sandboxes" / name,
            CGROUP_V1 / "pids" / "course-sandboxes" / name]


def _python_trees() -> list[Path]:
    """The folders the sandbox's Python needs: the environment and the interpreter's own."""
    trees = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), Path(sys.exec_prefix).resolve()}
    return sorted(trees)


def _hidden() -> list[Path]:
    """The course package, where it lies inside a bound tree (a non-editable install)."""
    package = Path(autograder.__file__).resolve().parent
    return [package] if any(package.is_relative_to(t) for t in _python_trees()) else []


def _parents(path: Path, made: set) -> list[str]:
    """``--dir`` for every folder above ``path`` that bwrap would create private (0700)."""
    args = []
    for parent in reversed(path.parents):
        if str(parent) in ("/", "/usr", "/etc") or str(parent) in made:
            continue
        made.add(str(parent))
        args += ["--perms", "0755", "--dir", str(parent)]
    return args


def bwrap_args(scratch: Scratch, read_only: tuple[Path, ...] = ()) -> list[str]:
    """The bubblewrap options of one sandbox (without the command)."""
    made: set = set()
    args = ["bwrap", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
            "--unshare-cgroup-try", "--die-with-parent", "--new-session",
            "--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc",
            "--proc", "/proc", "--dev", "/dev"]
    if os.geteuid() != 0:
        args.insert(1, "--unshare-user")
    for name in ("bin", "lib", "lib64", "lib32", "sbin"):
        if os.path.islink(f"/{name}"):
            args += ["--symlink", os.readlink(f"/{name}"), f"/{name}"]
        elif os.path.isdir(f"/{name}"):
            args += ["--ro-bind", f"/{name}", f"/{name}"]
    for tree in _python_trees():
        args += _parents(tree, made) + ["--ro-bind", str(tree), str(tree)]
    for hidden in _hidden():
        args += ["--tmpfs", str(hidden)]
    for path in read_only:
        args += _parents(Path(path), made) + ["--ro-bind", str(path), str(path)]
    home = str(scratch.path)
    args += _parents(scratch.path, made) + ["--bind", home, home, "--chdir", home, "--clearenv"]
    environment = {"HOME": home, "TMPDIR": home, "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
                   "LANG": "C.UTF-8", "MPLBACKEND": "Agg", "MPLCONFIGDIR": home, "PYTHONDONTWRITEBYTECODE": "1",
                   "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    for name, value in environment.items():
        args += ["--setenv", name, value]
    return args


def limits(scratch: Scratch) -> list[str]:
    """The command prefix run inside the namespaces: drop to the sandbox's own user (when
    the grader is root), then set the resource limits."""
    prefix = []
    if scratch.uid is not None:
        prefix = ["setpriv", f"--reuid={scratch.uid}", f"--regid={scratch.uid}", "--clear-groups",
                  "--inh-caps=-all", "--bounding-set=-all", "--"]
    return prefix + ["prlimit", f"--as={MEMORY}", f"--cpu={CPU_SECONDS}", f"--nproc={PROCESSES}",
                     f"--fsize={FILE_SIZE}", f"--nofile={OPEN_FILES}", "--core=0", "--"]


def wrap(command: list[str], scratch: Scratch, read_only: tuple[Path, ...] = ()) -> list[str]:
    """``command`` as it runs in a sandbox whose writable folder is ``scratch``; the paths
    in ``read_only`` are visible too, read-only. Unchanged when the sandbox is off."""
    if not enabled():
        return command
    return scratch.enter() + bwrap_args(scratch, read_only) + ["--"] + limits(scratch) + command


@functools.cache
def require() -> None:
    """Raise :class:`SandboxUnavailable`, with what to do, unless a sandbox starts here."""
    if not enabled():
        return
    if shutil.which("bwrap") is None:
        raise SandboxUnavailable("bubblewrap (bwrap) is not installed: install the Debian package bubblewrap "
                                 "(`make` does), or grade without a sandbox with --no-sandbox")
    scratch = Scratch.create()
    try:
        done = subprocess.run(wrap([sys.executable, "-c", "print('ok')"], scratch),
                              capture_output=True, text=True, timeout=60)
    finally:
        scratch.remove()
    if done.stdout.strip() != "ok":
        raise SandboxUnavailable("a sandbox could not be created on this machine (bwrap said: "
                                 f"{(done.stderr.strip() or 'nothing')[:300]}); grading stops. Grade without one, "
                                 "knowing student code then runs as you, with --no-sandbox")
