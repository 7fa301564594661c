"""The command-line group itself."""

import io
import sys

from click.testing import CliRunner

from teitools import __version__
from teitools.cli import main, progress_bar


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_help_lists_the_group():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "TEI" in result.output


def test_the_progress_bar_moves_by_the_documents_a_report_adds(monkeypatch):
    """A pool reports a batch of documents at once: the bar counts them all, not one per report."""
    shown = io.StringIO()
    shown.isatty = lambda: True
    monkeypatch.setattr(sys, "stderr", shown)
    with progress_bar("checking") as advance:
        advance(3, 10)
        advance(7, 10)
    assert "7/10" in shown.getvalue() and "8/10" not in shown.getvalue()
