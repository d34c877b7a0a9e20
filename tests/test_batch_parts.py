"""The parts of ``xlsegment batch`` that need no cluster: what SOURCES name, the content
hash a rerun recognises, one filing's isolated check (timeout, memory), the progress line,
and the one line a user without the [batch] extra gets."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from xlsegment.batch import sources
from xlsegment.batch.run import Tally
from xlsegment.batch.task import Options, check_one
from xlsegment.cli import cli
from xlsegment.errors import InputError

DATA = Path(__file__).parent / "data"
NOTE = DATA / "corpus" / "02_alphabet_2024.txt"
FSDS = DATA / "fsds" / "apple_fy2024"


def test_sources_are_files_folders_globs_lists_and_data_sets(tmp_path):
    (tmp_path / "deep" / "er").mkdir(parents=True)
    a = shutil.copy(NOTE, tmp_path / "a.txt")
    b = shutil.copy(NOTE, tmp_path / "deep" / "er" / "b.htm")
    (tmp_path / "deep" / "skip.pdf").write_bytes(b"%PDF-")
    listing = tmp_path / "list.txt"
    listing.write_text(f"# the filings\n{a}\ndeep/er/b.htm\n\n", encoding="utf-8")
    assert sources.expand([str(tmp_path / "deep")]) == [str(b)]
    assert sources.expand([str(tmp_path / "**" / "*.htm")]) == [str(b)]
    assert sources.expand([f"@{listing}", str(a)]) == [str(a), str(b)]  # each path once
    assert sources.expand([str(FSDS)]) == [f"{FSDS}#0000320193-24-000123"]
    with pytest.raises(InputError, match="names no file"):
        sources.expand([str(tmp_path / "nothing*.txt")])
    # a typo is one line, never a clean run of refused rows; "x" and "./x" are one filing
    with pytest.raises(InputError, match="file not found"):
        sources.expand([str(tmp_path / "gone.txt")])
    assert sources.expand([str(a), f"{tmp_path}/./a.txt"]) == [str(a)]


def test_a_data_set_folder_below_a_folder_is_read_as_data_sets(tmp_path):
    shutil.copytree(FSDS, tmp_path / "quarters" / "2024q4")
    shutil.copy(NOTE, tmp_path / "quarters" / "note.txt")
    found = sources.expand([str(tmp_path / "quarters")])
    fsds_filing = f"{tmp_path / 'quarters' / '2024q4'}#0000320193-24-000123"
    assert found == [str(tmp_path / "quarters" / "note.txt"), fsds_filing]
    # a folder a glob matches is searched too
    assert sources.expand([str(tmp_path / "quart*")]) == found


def test_the_options_that_change_a_result_are_part_of_its_key():
    plain, tables = Options(), Options(tables=(1,))
    assert plain.fingerprint() == "" and tables.fingerprint() != ""
    a = sources.filings([str(NOTE)], plain.fingerprint())[0]
    b = sources.filings([str(NOTE)], tables.fingerprint())[0]
    assert a.sha256 == b.sha256 and a.key == a.sha256 and b.key != a.key
    assert Options(timeout=5).fingerprint() == ""  # the bounds change no result that is one


def test_the_hash_is_the_content_not_the_path(tmp_path):
    copy = shutil.copy(NOTE, tmp_path / "renamed.txt")
    assert sources.content_hash(str(copy)) == sources.content_hash(str(NOTE))
    Path(copy).write_text(NOTE.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert sources.content_hash(str(copy)) != sources.content_hash(str(NOTE))
    # what cannot be read is keyed by its path, and tried again on every run
    assert sources.content_hash(str(tmp_path / "gone.txt")) != sources.content_hash(
        str(tmp_path / "gone2.txt")
    )


def test_one_filing_checked_alone_gives_its_summary():
    outcome = check_one(str(NOTE), Options())
    row = outcome["row"]
    assert (row["status"], row["reader"], row["errors"], row["checks"]) == ("ok", "filing text", 0, 18)
    assert row["seconds"] > 0 and row["peak_mb"] > 0


def _long_note(path: Path, rows: int) -> Path:
    lines = ["Segment information", "Mining", "Games", "Total", "2024", "2024", "2024"]
    for i in range(rows):
        lines += [f"Line {i}", "1", "2", "3"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_a_filing_past_the_timeout_is_stopped(tmp_path):
    outcome = check_one(str(_long_note(tmp_path / "long.txt", 200_000)), Options(timeout=1.0))
    assert outcome["row"]["status"] == "timed out"


@pytest.mark.slow
def test_a_filing_past_its_memory_limit_fails_alone(tmp_path):
    outcome = check_one(str(_long_note(tmp_path / "long.txt", 400_000)), Options(timeout=300, memory_mb=256))
    assert outcome["row"]["status"] == "failed"
    assert "memory" in outcome["row"]["reason"]


def test_a_missing_file_is_refused_in_one_line(tmp_path):
    outcome = check_one(str(tmp_path / "gone.txt"), Options())
    assert outcome["row"]["status"] == "refused"
    assert outcome["row"]["reason"] == f"{tmp_path / 'gone.txt'}: file not found"


def test_the_progress_line_tells_done_failed_rate_and_eta():
    tally = Tally(total=10)
    tally.statuses.update({"ok": 3, "timed out": 1})
    tally.started -= 2.0
    line = tally.line()
    assert line.startswith("4/10 filings, 1 failed, ") and "/s, ETA " in line
    want = "10 filings: checked now 3 ok, 0 errors, 0 refused, 0 failed, 1 timed out; 0 done before"
    assert tally.summary() == want + " (skipped; their rows are in the tables)"
    tally.named = 12  # copies of one content are checked once
    assert tally.summary().startswith("12 filings, 10 distinct: checked now 3 ok")


def test_without_the_extra_batch_says_how_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed now fails
    result = CliRunner().invoke(cli, ["batch", str(NOTE), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert (
        result.output.strip()
        == "xlsegment: xlsegment batch needs the batch extra: pip install 'xlsegment[batch]'"
    )
    assert not (tmp_path / "out").exists()


def test_a_fault_of_the_code_on_one_filing_is_a_failed_row(monkeypatch):
    """A bug the check raises on one filing (here put there by hand) becomes that filing's
    row with the exception named; the batch goes on (test_batch runs the rest)."""
    from xlsegment import api
    from xlsegment.batch import task

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(api, "check", broken)
    outcome = task._checked(str(NOTE), Options())  # what the child runs
    assert outcome["row"]["status"] == "failed"
    assert outcome["row"]["reason"] == "ZeroDivisionError: division by zero"
    assert outcome["findings"] == []
