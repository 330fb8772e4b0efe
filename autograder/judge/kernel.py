"""nbgrader's ``Execute`` with its kernel in the sandbox.

The kernel talks to nbgrader over ZeroMQ; a sandbox has no network, so the channels are
Unix sockets (``transport = "ipc"``) in the sandbox's scratch folder, which both sides
see. The output a cell may send is capped here, in the trusted process, before it can
fill its memory (nbgrader's ``LimitOutput`` shortens what is kept afterwards).
"""
from __future__ import annotations

import os

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

    def __del__(self):
        scratch = getattr(self, "scratch", None)
        if scratch is not None and os.path.isdir(scratch.path):
            scratch.remove()


class SandboxedExecute(Execute):
    """nbgrader's ``Execute`` whose kernels run in the sandbox, with output capped per cell."""

    max_output_bytes = Integer(
        2 * 1024 ** 2, help="Output a cell may send; the rest is dropped, with a note.").tag(config=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxedKernelManager)
        super().__init__(*args, **kwargs)

    def preprocess(self, nb, resources=None, km=None):
        sandbox.require()
        self._sent: dict[int, int] = {}
        return super().preprocess(nb, resources, km)

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
