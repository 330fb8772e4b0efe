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
from multiprocessing import util

from jupyter_client.manager import AsyncKernelManager
from nbgrader.preprocessors import Execute
from traitlets import Integer

from . import sandbox


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel whose process runs in a fresh sandbox, removed when the kernel ends."""

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
    cell, and shut down at once when the notebook is done (the sandbox goes with them)."""

    max_output_bytes = Integer(
        2 * 1024 ** 2, help="Output a cell may send; the rest is dropped, with a note.").tag(config=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxedKernelManager)
        kwargs.setdefault("shutdown_kernel", "immediate")
        super().__init__(*args, **kwargs)

    def preprocess(self, nb, resources=None, km=None):
        sandbox.require()
        self._sent: dict[int, int] = {}
        try:
            return super().preprocess(nb, resources, km)
        finally:
            if _Ahead.enabled and self.kernel_name and self.kernel_name not in _Ahead.kernels:
                self._launch_ahead()

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

    def output(self, outs, msg, display_id, cell_index):
        size = len(str(msg.get("content", "")))
        sent = self._sent.get(cell_index, 0)
        self._sent[cell_index] = sent + size
        if sent + size > self.max_output_bytes:
            if sent <= self.max_output_bytes:
                from nbformat.v4 import new_output
                outs.append(new_output("stream", name="stdout", text="\n... Output truncated ...\n"))
            return None
        return super().output(outs, msg, display_id, cell_index)
