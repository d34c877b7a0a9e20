"""``xlsegment lite``: Lite's two files, as shipped in this package, written to a folder."""

from __future__ import annotations

from pathlib import Path

from xlsegment.errors import XlsegmentError

HERE = Path(__file__).parent
FILES = ("main.py", "requirements.txt")


def requirements(wheel: str | None = None) -> str:
    """requirements.txt, with the wheel's URL in place of the package name when given."""
    text = (HERE / "requirements.txt").read_text(encoding="utf-8")
    if wheel:
        if not wheel.startswith(("https://", "http://")) or not wheel.endswith(".whl"):
            raise XlsegmentError(f"--wheel {wheel}: give the https URL of a .whl file")
        text = (
            "\n".join(wheel if line.startswith("xlsegment==") else line for line in text.splitlines()) + "\n"
        )
    return text


def write_lite_files(folder: str | Path, wheel: str | None = None) -> list[Path]:
    """Write main.py and requirements.txt into ``folder`` (made if missing); never over
    files of other content."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise XlsegmentError(f"{folder}: not a folder")
    contents = {
        "main.py": (HERE / "main.py").read_text(encoding="utf-8"),
        "requirements.txt": requirements(wheel),
    }
    clashes = [
        n for n in FILES if (folder / n).exists() and (folder / n).read_text(encoding="utf-8") != contents[n]
    ]
    if clashes:
        raise XlsegmentError(f"{folder / clashes[0]}: exists with other content; choose another folder")
    folder.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        (folder / name).write_text(contents[name], encoding="utf-8")
    return [folder / n for n in FILES]
