"""nbgrader's ``Execute`` with its kernel in the sandbox.

The kernel talks to nbgrader over ZeroMQ; a sandbox has no network, so the channels are
Unix sockets (``transport = "ipc"``) in the sandbox's scratch folder, which both sides
see. The output a cell may send is capped here, in the trusted process, before it can
fill its memory (nbgrader's ``LimitOutput`` shortens what is kept afterwards).

A kernel takes about half a second to start. A grading worker that calls
:func:`keep_one_ahead` launches each notebook's kernel process (in a fresh sandbox, used
once) while the previous notebook is judged and saved. Only the process is launched
ahead: every socket, future and client of it is made later, by nbclient, in the event
loop that runs the notebook (a kernel manager started in another loop cannot be used
from nbclient's).
"""
from __future__ import annotations

import asyncio
import atexit
import os
import time
from multiprocessing import util

import zmq
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute
from traitlets import DottedObjectName, Integer

from ..spec import HIDDEN_TESTS_MARKER
from . import sandbox, wire

HIDDEN_PLACEHOLDER = "# The hidden tests of this cell are run by the grader, outside your notebook.\n"
OUT_OF_TIME = "Not run: the notebook used up its total time of {seconds} s."
MAX_KERNEL_MESSAGE = 8 * 1024 ** 2
"""A message from the kernel larger than this is refused by ZeroMQ before it is read."""


class BoundedKernelClient(AsyncKernelClient):
    """A client whose sockets refuse any message over ``MAX_KERNEL_MESSAGE`` before
    reading it (ZeroMQ's ``MAXMSGSIZE``): a kernel cannot make the grader hold a huge
    output, whatever it prints."""

    def _create_connected_socket(self, channel, identity=None):
        socket = super()._create_connected_socket(channel, identity)
        socket.setsockopt(zmq.MAXMSGSIZE, MAX_KERNEL_MESSAGE)
        return socket


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel whose process runs in a fresh sandbox, removed when the kernel ends."""

    client_class = DottedObjectName("autograder.judge.kernel.BoundedKernelClient")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.scratch = sandbox.Scratch.create()
        self.transport = "ipc"
        self.connection_file = str(self.scratch.path / "kernel.json")
        self.ip = str(self.scratch.path / "kernel-ipc")

    def write_connection_file(self, **kwargs):
        super().write_connection_file(**kwargs)
        self.scratch.give(self.connection_file)

    def format_kernel_cmd(self, extra_arguments=None):
        return sandbox.wrap(super().format_kernel_cmd(extra_arguments), self.scratch)

    async def _async_interrupt_kernel(self) -> None:
        """Interrupt by a message on the control channel: a signal to the process jupyter
        started would reach bubblewrap, not the kernel in its own session."""
        if self.kernel_spec is not None:
            self.kernel_spec.interrupt_mode = "message"
        await super()._async_interrupt_kernel()

    interrupt_kernel = _async_interrupt_kernel

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart)
        if not restart:
            self.scratch.remove()

    def launch(self, extra_arguments: list[str]) -> None:
        """Launch the kernel process only; nbclient connects to it when it runs a notebook."""
        loop = asyncio.new_event_loop()
        try:
            command, options = loop.run_until_complete(self._async_pre_start_kernel(extra_arguments=extra_arguments))
            loop.run_until_complete(self._async_launch_kernel(command, **options))
        finally:
            loop.close()

    def discard(self) -> None:
        if self.provisioner is not None and self.provisioner.process is not None:
            self.provisioner.process.kill()
            self.provisioner.process.wait()
        self.cleanup_connection_file()
        self.scratch.remove()

    def __del__(self):
        scratch = getattr(self, "scratch", None)
        if scratch is not None and os.path.isdir(scratch.path):
            scratch.remove()


class _Ahead:
    """The kernels launched for this process's next notebook, by kernel name."""

    enabled = False
    kernels: dict[str, SandboxedKernelManager] = {}

    @classmethod
    def discard(cls) -> None:
        while cls.kernels:
            cls.kernels.popitem()[1].discard()


def keep_one_ahead() -> None:
    """Launch every notebook's kernel ahead, from the second notebook this process grades;
    the one left over is discarded when the process exits."""
    if _Ahead.enabled:
        return
    _Ahead.enabled = True
    atexit.register(_Ahead.discard)
    util.Finalize(None, _Ahead.discard, exitpriority=10)  # a pool worker exits without atexit


class SandboxedExecute(Execute):
    """nbgrader's ``Execute`` whose kernels run in the sandbox, with output capped per
    cell and a total time for the whole notebook, and shut down at once when the
    notebook is done (the sandbox goes with them).

    The kernel never receives a hidden test: those cells run as a one-line placeholder
    and get their source back afterwards (the judge decides them without the kernel), so
    nothing the student's code registers in its kernel can see or print them."""

    max_output_bytes = Integer(
        2 * 1024 ** 2, help="Output a cell may send; the rest is dropped, with a note.").tag(config=True)
    max_notebook_output_bytes = Integer(
        16 * 1024 ** 2, help="Output all the cells of a notebook may send together.").tag(config=True)
    total_seconds = Integer(
        150, help="Wall-clock time for all the cells of one notebook; cells after it are not run.").tag(config=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxedKernelManager)
        kwargs.setdefault("shutdown_kernel", "immediate")
        super().__init__(*args, **kwargs)

    def preprocess(self, nb, resources=None, km=None):
        sandbox.require()
        self._sent: dict[int, int] = {}
        self._deadline = time.monotonic() + self.total_seconds
        hidden = {i: cell.source for i, cell in enumerate(nb.cells)
                  if cell.cell_type == "code" and HIDDEN_TESTS_MARKER in cell.source}
        for i in hidden:
            nb.cells[i].source = HIDDEN_PLACEHOLDER
        try:
            return super().preprocess(nb, resources, km)
        finally:
            for i, source in hidden.items():
                nb.cells[i].source = source
            if _Ahead.enabled and self.kernel_name and self.kernel_name not in _Ahead.kernels:
                self._launch_ahead()

    def _get_timeout(self, cell):
        """A cell's own limit, or less when the notebook's total time is nearly used up."""
        timeout = super()._get_timeout(cell)
        left = max(1, int(self._deadline - time.monotonic()))
        return left if timeout is None else min(timeout, left)

    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        if cell.cell_type == "code" and cell.source.strip() and time.monotonic() >= self._deadline:
            cell.outputs = [new_output("error", ename="TotalTimeLimit",
                                       evalue=OUT_OF_TIME.format(seconds=self.total_seconds),
                                       traceback=[OUT_OF_TIME.format(seconds=self.total_seconds)])]
            return cell
        return await super().async_execute_cell(cell, cell_index, execution_count, store_history)

    def _launch_ahead(self) -> None:
        """Launch the next notebook's kernel; if that fails, the next notebook starts its
        own (and meets the error there), never this notebook's grade."""
        ahead = self.kernel_manager_class(kernel_name=self.kernel_name, config=self.config)
        try:
            ahead.launch(self._kernel_arguments())
        except Exception:  # noqa: BLE001
            ahead.discard()
            return
        _Ahead.kernels[self.kernel_name] = ahead

    def create_kernel_manager(self):
        if not self.kernel_name:
            self.kernel_name = self.nb.metadata.get("kernelspec", {}).get("name", "")
        ahead = _Ahead.kernels.pop(self.kernel_name, None)
        if ahead is not None and ahead.provisioner.process.poll() is None:
            self.km = ahead
            return ahead
        if ahead is not None:
            ahead.discard()
        return super().create_kernel_manager()

    def _kernel_arguments(self) -> list[str]:
        """What nbclient gives a kernel it starts itself."""
        arguments = list(self.extra_arguments)
        if self.ipython_hist_file and not any(a.startswith("--HistoryManager.hist_file") for a in arguments):
            arguments.append(f"--HistoryManager.hist_file={self.ipython_hist_file}")
        return arguments

    def process_message(self, msg, cell, cell_index):
        """Read a kernel message only through the boundary's schema (:mod:`.wire`): the
        kernel is the student's, and may send anything."""
        content = wire.kernel_content(msg.get("msg_type"), msg.get("content"))
        if content is None:
            return None
        return super().process_message({**msg, "content": content}, cell, cell_index)

    def output(self, outs, msg, display_id, cell_index):
        size = len(str(msg.get("content", "")))
        sent = self._sent.get(cell_index, 0)
        self._sent[cell_index] = sent + size
        total = sum(self._sent.values())
        if sent + size > self.max_output_bytes or total > self.max_notebook_output_bytes:
            if sent <= self.max_output_bytes and total - size <= self.max_notebook_output_bytes:
                outs.append(new_output("stream", name="stdout", text="\n... Output truncated ...\n"))
            return None
        return super().output(outs, msg, display_id, cell_index)
