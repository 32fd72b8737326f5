"""The grammar of ``socle-desktop``: its French help, unknown verbs, defaults, closed pipes, and
a windowed program without standard streams."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from socle_desktop.cli import VERBS, wants_window
from socle_desktop.resources import example_dossier_path

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = (
    "usage:",
    "positional arguments",
    "optional arguments",
    "show this help",
    "show program's version",
    "the following",
    "unrecognized",
    "invalid choice",
)


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    return {**env, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", **extra}


def socle(*args, cwd=ROOT, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "socle_desktop", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=_env(**env),
        timeout=60,
    )


@pytest.fixture(scope="module")
def dossier_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("parser") / "saint-exemple.socle"
    assert socle("import-json", example_dossier_path(), path).returncode == 0
    return path


def test_help_lists_every_verb_and_the_window_arguments_in_french():
    run = socle("--help")
    assert run.returncode == 0, run.stderr
    text = run.stdout
    assert text.startswith("Utilisation : socle-desktop [DOSSIER | ENTREE.json | --exemple]")
    for name, spec in VERBS.items():
        assert f"  {name} " in text and spec.help in text
    assert "--version" in text and "COMMANDE --help" in text
    assert not [word for word in ENGLISH if word in text.lower()]
    assert max(len(line) for line in text.splitlines()) <= 100


@pytest.mark.parametrize("name", list(VERBS))
def test_each_verb_has_its_french_help(name):
    run = socle(name, "--help")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(f"Utilisation : socle-desktop {name} ")
    assert "arguments :" in run.stdout and "affiche cette aide" in run.stdout
    assert not [word for word in ENGLISH if word in run.stdout.lower()]


def test_an_unknown_verb_names_the_closest_one_and_opens_no_window(tmp_path, dossier_file):
    # With a display forced, a window would open and the run would time out.
    run = socle("sumary", dossier_file, cwd=tmp_path, SOCLE_BENCH_EXIT_AFTER_SHOW="")
    assert run.returncode == 2
    assert (
        run.stderr == "Erreur : commande inconnue : « sumary ». Vouliez-vous dire « summary » ?\n"
    )
    assert run.stdout == "" and list(tmp_path.iterdir()) == []


def test_a_word_far_from_every_verb_lists_the_verbs(tmp_path):
    run = socle("bonjour", cwd=tmp_path)
    assert run.returncode == 2
    assert "commande inconnue : « bonjour »" in run.stderr and "import-json" in run.stderr
    assert "Traceback" not in run.stderr


def test_unknown_options_are_told_in_french_with_the_verbs_usage(dossier_file):
    run = socle("summary", dossier_file, "--jsn")
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        "Utilisation : socle-desktop summary [-h] [--json] [--variante NOM] DOSSIER",
        "Erreur : arguments inconnus : --jsn",
    ]


def test_a_second_file_is_refused_rather_than_ignored(tmp_path, dossier_file):
    run = socle(dossier_file, "autre.socle", cwd=tmp_path)
    assert run.returncode == 2 and "un seul DOSSIER" in run.stderr


def test_what_opens_the_window_and_what_goes_to_the_command_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sans-extension").write_text("x", encoding="utf-8")
    for argv in (
        [],
        ["--exemple"],
        ["d.socle"],
        ["D.SOCLE"],
        ["e.json"],
        ["sans-extension"],
        ["d.socle", "--exemple"],
    ):
        assert wants_window(argv), argv
    for argv in (
        ["summary", "d.socle"],
        ["sumary", "d.socle"],
        ["--help"],
        ["--version"],
        ["d.socle", "e.socle"],
        ["inconnu"],
        ["-x"],
        ["pdf"],
    ):
        assert not wants_window(argv), argv


def test_pdf_without_output_writes_beside_the_dossier(tmp_path, dossier_file):
    run = socle("pdf", dossier_file, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    written = dossier_file.with_suffix(".pdf")
    assert written.read_bytes().startswith(b"%PDF")
    assert run.stderr == f"PDF écrit : {written}\n"
    assert list(tmp_path.iterdir()) == []
    written.unlink()


def _with_closed_stdout(args, cwd=ROOT, buffered=True, display=True) -> tuple[int, str]:
    """Run with a pipe whose reader has already gone, as ``… | head`` once head has exited.

    Buffered (as for users), the write fails only at the final flush; unbuffered, at once."""
    env = {
        k: v
        for k, v in _env().items()
        if not (k == "PYTHONUNBUFFERED" and buffered or k == "QT_QPA_PLATFORM" and not display)
    }
    if not buffered:
        env["PYTHONUNBUFFERED"] = "1"
    process = subprocess.Popen(
        [sys.executable, "-m", "socle_desktop", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=env,
    )
    process.stdout.close()
    _, err = process.communicate(timeout=120)
    return process.returncode, err.decode("utf-8")


@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize("verb", [["summary"], ["summary", "--json"], ["export-json"]])
def test_a_closed_pipe_ends_quietly(dossier_file, verb, buffered):
    code, err = _with_closed_stdout([verb[0], dossier_file, *verb[1:]], buffered=buffered)
    assert (code, err) == (0, "")


def test_help_into_a_closed_pipe_ends_quietly():
    assert _with_closed_stdout(["--help"]) == (0, "")


def test_the_headless_window_into_a_closed_pipe_ends_quietly(dossier_file, tmp_path):
    assert _with_closed_stdout([dossier_file], cwd=tmp_path, display=False) == (0, "")


def test_summary_into_head_prints_its_first_line_only(dossier_file):
    run = subprocess.run(
        f'"{sys.executable}" -m socle_desktop summary "{dossier_file}" | head -1',
        shell=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(),
        timeout=60,
    )
    assert run.stderr == "" and len(run.stdout.splitlines()) == 1


WITHOUT_STREAMS = """
import sys
sys.stdout = sys.stderr = None  # a windowed Windows program (PyInstaller console=False)
from socle_desktop.__main__ import main
code = main(sys.argv[1:])
open(sys.argv[0] + ".code", "w").write(str(code))
"""


def test_version_and_headless_pdf_work_without_standard_streams(tmp_path):
    script = tmp_path / "windowed.py"
    script.write_text(WITHOUT_STREAMS, encoding="utf-8")
    env = {k: v for k, v in _env().items() if k != "QT_QPA_PLATFORM"}
    for args in (["--version"], ["--help"], ["sumary"], []):
        run = subprocess.run(
            [sys.executable, str(script), *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=120,
        )
        expected = "2" if args == ["sumary"] else "0"
        assert (tmp_path / "windowed.py.code").read_text() == expected, (args, run.stderr)
        assert run.stdout == run.stderr == ""
    assert (tmp_path / "socle-exemple.pdf").read_bytes().startswith(b"%PDF")


def test_the_command_line_table_costs_no_argparse_at_start_up():
    code = "import sys, socle_desktop.cli; print(sorted({'argparse', 'json'} & set(sys.modules)))"
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=_env(), timeout=60
    )
    assert run.stdout.strip() == "[]", run.stderr


def test_a_fault_of_socle_is_one_french_line_and_its_trace_on_demand(monkeypatch, capsys):
    """Not the user's input: exit 1 (not 2), no Python trace unless SOCLE_DEBUG asks for it."""
    from socle_desktop import cli

    def broken(args):
        raise KeyError("ecoles")

    monkeypatch.setattr(VERBS["summary"], "run", broken)
    monkeypatch.delenv("SOCLE_DEBUG", raising=False)
    dossier = example_dossier_path()
    assert cli.run(["summary", str(dossier)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Erreur inattendue de Socle (KeyError : 'ecoles')")
    assert "SOCLE_DEBUG=1" in err and "Traceback" not in err
    monkeypatch.setenv("SOCLE_DEBUG", "1")
    with pytest.raises(KeyError):
        cli.run(["summary", str(dossier)])
