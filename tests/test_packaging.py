"""Socle as a real package: the wheel carries its resources and forms and works once installed
anywhere; every package is listed; no machine's path in shipped code; one version."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

import socle_desktop
from socle_desktop.resources import IN_PACKAGE

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_pyproject_lists_every_package_and_maps_the_resources():
    config = PYPROJECT["tool"]["setuptools"]
    code = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "socle_desktop").rglob("__init__.py")
    }
    mapped = {f"socle_desktop.{inside}": folder for folder, inside in IN_PACKAGE.items()}
    assert config["package-dir"] == mapped
    assert sorted(config["packages"]) == sorted(code | set(mapped))


def test_no_path_of_any_machine_in_shipped_code():
    machine_path = re.compile(r"""["'](/work|/home|/root|/tmp|/opt|/usr|[A-Za-z]:\\)""")
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "socle_desktop").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if machine_path.search(line)
    ]
    assert found == []


def test_the_version_comes_from_one_place():
    assert PYPROJECT["project"]["dynamic"] == ["version"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {
        "attr": "socle_desktop.__version__"
    }
    version = re.escape(socle_desktop.__version__)
    for name in (
        "build_installer.spec",
        "scripts/socle.iss",
        ".github/workflows/windows-installer.yml",
    ):
        assert not re.search(rf"\b{version}\b", (ROOT / name).read_text(encoding="utf-8")), name
    assert not (ROOT / "scripts" / "windows_version.txt").exists()


def _source_copy(folder: Path) -> Path:
    """What a source distribution holds: the wheel is built there, never in the checkout."""
    # without the compiled forms (git ignores them): the build must make them
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "ui_*.py")
    for name in ("socle_desktop", "resources", "ui"):
        shutil.copytree(ROOT / name, folder / name, ignore=ignore)
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, folder / name)
    return folder


def _run(*args, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DISPLAY")}
    run = subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=timeout,
    )
    assert run.returncode == 0, f"{args}\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}"
    return run


@pytest.mark.slow
def test_the_wheel_installs_in_a_fresh_venv_and_its_command_line_works(tmp_path):
    wheels, work, venv = tmp_path / "wheels", tmp_path / "ailleurs", tmp_path / "venv"
    work.mkdir()
    source = _source_copy(tmp_path / "source")
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--no-deps",
        "--no-build-isolation",
        "-w",
        wheels,
        source,
        cwd=tmp_path,
    )
    (wheel,) = wheels.glob("socle_desktop-*.whl")
    inside = zipfile.ZipFile(wheel).namelist()
    for form in sorted((ROOT / "ui").glob("*.ui")):  # compiled by the build (setup.py)
        assert f"socle_desktop/gui/generated/ui_{form.stem}.py" in inside, form.name
    shutil.rmtree(source)  # nothing of the sources is left to import from
    _run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    scripts = venv / ("Scripts" if os.name == "nt" else "bin")
    try:
        _run(scripts / "python", "-m", "pip", "install", "--quiet", wheel, cwd=work)
        where = _run(
            scripts / "python",
            "-c",
            "import socle_desktop.resources as r; print(r.resources_dir()); print(r.ui_dir())",
            cwd=work,
        ).stdout.split()
        assert [Path(p).relative_to(venv).parts[-2:] for p in where] == [
            ("socle_desktop", "data"),
            ("socle_desktop", "ui"),
        ]
        assert (scripts / "socle").exists() or (scripts / "socle.exe").exists()  # gui-scripts
        _run(
            scripts / "python",
            "-c",
            "from socle_desktop.gui.generated.ui_porteur_page import Ui_PorteurForm",
            cwd=work,
        )

        cli = scripts / "socle-desktop"
        example = ROOT / "resources" / "exemple" / "saint-exemple.json"
        _run(cli, "import-json", example, "exemple.socle", cwd=work)
        plan = _run(cli, "summary", "exemple.socle", cwd=work).stdout
        assert "Plan de financement" in plan and "Saint-Exemple-sur-Vilaine" in plan
        _run(cli, "pdf", "exemple.socle", cwd=work)
        assert (work / "exemple.pdf").read_bytes().startswith(b"%PDF")
        assert _run(cli, "--version", cwd=work).stdout == f"Socle {socle_desktop.__version__}\n"
    finally:
        shutil.rmtree(venv, ignore_errors=True)  # ~300 MB


def test_the_windows_installer_registers_socle_files_with_their_icon():
    iss = (ROOT / "scripts" / "socle.iss").read_text(encoding="utf-8")
    setup = dict(
        line.split("=", 1)
        for line in iss.split("[Setup]")[1].split("\n[")[0].splitlines()
        if "=" in line and not line.startswith(";")
    )
    assert setup["ChangesAssociations"] == "yes"  # Explorer shows the icon at once
    registry = [line for line in iss.splitlines() if line.startswith("Root: HKA;")]
    keys = {re.search(r'Subkey: "([^"]+)"', line).group(1): line for line in registry}
    assert 'ValueData: "Socle.Dossier"' in keys[r"Software\Classes\.socle"]
    assert r'ValueData: "{app}\socle.exe,0"' in keys[r"Software\Classes\Socle.Dossier\DefaultIcon"]
    assert '""%1""' in keys[r"Software\Classes\Socle.Dossier\shell\open\command"]
    assert "uninsdelete" in keys[r"Software\Classes\Socle.Dossier"]
    # The version: read from socle.exe, which build_installer.spec stamps with __version__.
    assert "GetStringFileInfo(" in iss and '"ProductVersion"' in iss


def test_the_exe_version_resource_is_made_from_the_package_version():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from windows_version import version_numbers, version_text
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    assert version_numbers("0.1.0") == (0, 1, 0, 0) and version_numbers("2.3") == (2, 3, 0, 0)
    text = version_text(socle_desktop.__version__)
    assert f"StringStruct('ProductVersion', '{socle_desktop.__version__}')" in text
    assert f"filevers={version_numbers(socle_desktop.__version__)}" in text
    assert "windows_version" in (ROOT / "build_installer.spec").read_text(encoding="utf-8")
