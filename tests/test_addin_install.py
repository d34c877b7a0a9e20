"""``xlsegment addin install/uninstall``: xlwings' installer on Windows and macOS, a clear
one-line refusal elsewhere."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from xlsegment.cli import cli
from xlsegment.errors import XlsegmentError
from xlsegment.udfs import install


def test_on_linux_the_commands_exit_2_with_one_line(monkeypatch):
    monkeypatch.setattr(install.sys, "platform", "linux")
    runner = CliRunner()
    for command in ("install", "uninstall"):
        out = runner.invoke(cli, ["addin", command])
        assert out.exit_code == 2
        assert out.output.splitlines() == ["xlsegment: " + install.UNSUPPORTED]


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_install_hands_the_packaged_addin_to_xlwings(platform):
    calls = []
    path = install.install(platform=platform, run=calls.append)
    assert path.name == "xlsegment.xlam" and path.is_file()
    assert [(a.file, a.dir, a.glob) for a in calls] == [(str(path), None, False)]


def test_uninstall_removes_the_addin_by_name():
    calls = []
    install.uninstall(platform="win32", run=calls.append)
    assert [a.file for a in calls] == ["xlsegment.xlam"]


def test_unsupported_platform_raises_the_product_error():
    with pytest.raises(XlsegmentError, match="needs Excel on Windows or macOS"):
        install.install(platform="linux", run=pytest.fail)
