"""The suite runs on one xdist worker per core, and grading tests start kernels and worker
processes on top: multithreaded BLAS and OpenMP would then fight for the same cores and
spin (a 1.5 s computation took 36 s). One thread each; set before numpy is imported, and
inherited by the workers, kernels and clean re-check processes."""
import os
import shutil
import tempfile

import pytest

for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")


@pytest.fixture
def own_tmpdir(monkeypatch):
    """A temporary folder of the test's own, as ``TMPDIR`` (short enough for the kernels'
    sockets), so the test can see what grading left in it."""
    folder = tempfile.mkdtemp(prefix="t-", dir="/tmp")
    monkeypatch.setenv("TMPDIR", folder)
    monkeypatch.setattr(tempfile, "tempdir", folder)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)
