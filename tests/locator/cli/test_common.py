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
    assert "no se puede usar el archivo" in result.output  # --lang es, the default
    assert "cannot use the file" not in result.output  # (was "Spanish / English")
    assert "Traceback" not in result.output


def test_export_refuses_to_overwrite_its_own_store(tmp_path):
    store = tmp_path / "s.gpkg"
    runner = CliRunner()
    assert runner.invoke(cli, ["info", "--store", str(store)]).exit_code == 0
    before = store.read_bytes()
    result = runner.invoke(
        cli, ["export", "--format", "gpkg", "-o", str(store), "--store", str(store)]
    )
    assert result.exit_code == 2 and "almacén" in result.output
    assert store.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["nearest", "60608", "--store", "{dir}"], "carpeta"),
        (["import", "csv", "{dir}", "--store", "{dir}/s.gpkg"], "carpeta"),
    ],
)
def test_folders_where_files_belong_are_named(tmp_path, args, needle):
    args = [a.format(dir=tmp_path) for a in args]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2 and needle in result.output
    assert "Traceback" not in result.output
