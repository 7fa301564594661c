"""teitools as a user gets it: built into a wheel (through its sdist), installed into a fresh virtual
environment, and run in an edition folder that is not this checkout, with no TEITOOLS_* variable set."""

import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, TEI_DIR

from teitools import __version__

TEI_RELEASE = json.loads((ROOT / "schema" / "tei_all" / "VERSION.json").read_text())["tei"]
PACKAGE_PREFIXES = ("teitools/", f"teitools-{__version__}.dist-info/")


def run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """The sdist and the wheel built from it, as `python -m build` does for a release."""
    dist = tmp_path_factory.mktemp("dist")
    source = tmp_path_factory.mktemp("source") / "teitools"
    # Build from a clean copy of the tracked files, so that nothing local (a venv, caches) leaks in.
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    result = run(
        [sys.executable, "-m", "build", "--outdir", str(dist), str(source)], source, dict(os.environ)
    )
    assert result.returncode == 0, result.stderr[-3000:]
    (sdist,) = dist.glob("*.tar.gz")
    (wheel,) = dist.glob("*.whl")
    return sdist, wheel


@pytest.fixture(scope="module")
def installed(built, tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A fresh virtual environment with the wheel installed by pip, its dependencies resolved as usual."""
    environment = tmp_path_factory.mktemp("venv")
    venv.create(environment, with_pip=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEITOOLS_", "VIRTUAL_ENV", "PYTHON"))}
    env["PATH"] = f"{environment / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    result = run([str(environment / "bin" / "pip"), "install", "-q", str(built[1])], environment, env)
    assert result.returncode == 0, result.stderr[-3000:]
    return environment / "bin", env


def test_the_wheel_holds_the_package_only_with_its_stylesheets_and_schemas(built):
    names = zipfile.ZipFile(built[1]).namelist()
    assert all(name.startswith(PACKAGE_PREFIXES) for name in names), [
        n for n in names if not n.startswith(PACKAGE_PREFIXES)
    ]
    assert not [n for n in names if "test" in n.split("/")[-1] or "__pycache__" in n]
    for stylesheet in (ROOT / "xslt").glob("*.xsl"):
        assert f"teitools/xslt/{stylesheet.name}" in names
    assert "teitools/xslt/style.css" in names
    assert "teitools/schema/teitools.xsd" in names
    assert {"teitools/schema/tei_all/tei_all.rng", "teitools/schema/tei_all/tei_all.isosch"} <= set(names)
    assert any(n.endswith("licenses/schema/tei_all/LICENCE.md") for n in names)


def test_the_sdist_carries_the_sources_of_the_data(built):
    import tarfile

    with tarfile.open(built[0]) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"xslt/html.xsl", "schema/teitools.odd", "pyproject.toml", "LICENSE"} <= names


def test_the_installed_tool_works_in_an_edition_folder(installed, tmp_path):
    bin_dir, env = installed
    assert not [k for k in env if k.startswith("TEITOOLS_")]
    shutil.copytree(TEI_DIR, tmp_path / "tei")
    teitools = str(bin_dir / "teitools")

    version = run([teitools, "--version"], tmp_path, env)
    assert version.returncode == 0 and __version__ in version.stdout, version.stderr
    assert f"TEI P5 {TEI_RELEASE}" in version.stdout

    help_text = run([str(bin_dir / "python"), "-m", "teitools", "--help"], tmp_path, env)
    assert help_text.returncode == 0 and "validate" in help_text.stdout, help_text.stderr

    validated = run([teitools, "validate"], tmp_path, env)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "0 errors" in validated.stdout

    rendered = run([teitools, "render"], tmp_path, env)
    assert rendered.returncode == 0, rendered.stdout + rendered.stderr
    pages = {p.name for p in (tmp_path / "outputs").iterdir()}
    assert {f"{p.stem}.html" for p in TEI_DIR.glob("*.xml")} <= pages
    assert "style.css" in pages

    packaged = run([teitools, "package", "-o", "deposit"], tmp_path, env)
    assert packaged.returncode == 0, packaged.stdout + packaged.stderr
    (archive,) = (tmp_path / "deposit").glob("*.zip")
    checked = run([teitools, "package", "--check", str(archive)], tmp_path, env)
    assert checked.returncode == 0 and "intact" in checked.stdout, checked.stdout + checked.stderr


def test_without_an_edition_folder_the_tool_says_what_to_pass(installed, tmp_path):
    bin_dir, env = installed
    for command in (["validate"], ["render"], ["package"]):
        result = run([str(bin_dir / "teitools"), *command], tmp_path, env)
        assert result.returncode == 2, command
        assert "no tei/ folder" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "outputs").exists() and not (tmp_path / "deposit").exists()
