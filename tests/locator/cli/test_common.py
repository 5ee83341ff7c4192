import pytest
from click.testing import CliRunner

from locator.cli.main import cli


@pytest.mark.parametrize(
    "args",
    [
        ["info", "--store", "{file}/x.gpkg"],  # a file where a folder should be
        ["export", "--format", "csv", "-o", "{file}/x.csv", "--store", "{store}"],
    ],
)
def test_file_system_errors_are_clear_messages_not_tracebacks(tmp_path, args):
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    args = [a.format(file=blocker, store=tmp_path / "s.gpkg") for a in args]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "cannot use the file" in result.output
    assert "Traceback" not in result.output
