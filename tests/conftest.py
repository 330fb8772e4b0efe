"""The suite runs on one xdist worker per core, and grading tests start kernels and worker
processes on top: multithreaded BLAS and OpenMP would then fight for the same cores and
spin (a 1.5 s computation took 36 s). One thread each; set before numpy is imported, and
inherited by the workers, kernels and clean re-check processes."""
import os

for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")
