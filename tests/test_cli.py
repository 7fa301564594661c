"""The command-line group itself."""

from click.testing import CliRunner

from teitools import __version__
from teitools.cli import main


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_help_lists_the_group():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "TEI" in result.output
