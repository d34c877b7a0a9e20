"""Build workbook/xlsegment.xlam from the ribbon add-in template that xlwings ships.

    python workbook/build/addin.py            # writes workbook/xlsegment.xlam
    python workbook/build/addin.py -o OUT.xlam

xlwings' ``quickstart_addin_ribbon.xlam`` carries the VBA: its ribbon callback
``RibbonMyAddin.RunMain`` runs ``import <file's base name>; <base name>.main()``. Naming the
file ``xlsegment.xlam`` therefore makes the button call ``xlsegment.main()``. This script
keeps the VBA project byte for byte and replaces only the ribbon (customUI) and the
document properties. Members keep their order and timestamps, so two builds from the same
xlwings version hold the same parts with the same bytes.
"""

from __future__ import annotations

import argparse
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = HERE.parent / "xlsegment.xlam"  # workbook/xlsegment.xlam
CUSTOM_UI = "customUI/customUI.xml"
CORE_PROPS = "docProps/core.xml"
ON_ACTION = "RibbonMyAddin.RunMain"  # the VBA sub in xlwings' template; do not rename
SUPERTIP = (
    "Re-read the data source named in Settings, rewrite the Data table and schedules, "
    "recalculate, check and highlight broken totals."
)

RIBBON = f"""<customUI xmlns="http://schemas.microsoft.com/office/2006/01/customui">
    <ribbon>
        <tabs>
            <tab id="xlsegmentTab" label="Segments">
                <group id="xlsegmentGroup" label="xlsegment">
                    <button id="xlsegmentRefresh" label="Refresh" size="large"
                        screentip="Refresh the segment note"
                        supertip="{SUPERTIP}"
                        onAction="{ON_ACTION}" imageMso="RefreshAll" />
                </group>
            </tab>
        </tabs>
    </ribbon>
</customUI>
"""

CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties \
xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
xmlns:dcmitype="http://purl.org/dc/dcmitype/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>xlsegment</dc:title>\
<dc:subject>Segment-reporting notes (ASC 280, IFRS 8)</dc:subject><dc:creator>xlsegment\
</dc:creator><dc:description>Segments ribbon: Refresh runs xlsegment.main() through xlwings.\
</dc:description><dcterms:created xsi:type="dcterms:W3CDTF">2015-01-25T11:31:25Z\
</dcterms:created></cp:coreProperties>"""


def template() -> Path:
    """The ribbon add-in shipped with the installed xlwings."""
    import xlwings

    return Path(xlwings.__file__).parent / "quickstart_addin_ribbon.xlam"


def replacements() -> dict[str, bytes]:
    return {CUSTOM_UI: RIBBON.encode("utf-8"), CORE_PROPS: CORE.encode("utf-8")}


def build(target: Path = TARGET, source: Path | None = None) -> Path:
    """Write the add-in to ``target`` and return it."""
    source = source or template()
    changed = replacements()
    with zipfile.ZipFile(source) as src:
        missing = set(changed) - set(src.namelist())
        if missing:  # a future xlwings template without a ribbon part: fail loudly
            raise SystemExit(f"{source} has no {', '.join(sorted(missing))}; cannot build")
        tmp = target.with_suffix(".tmp")
        with zipfile.ZipFile(tmp, "w") as out:
            for info in src.infolist():
                data = changed.get(info.filename, src.read(info.filename))
                member = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                member.compress_type = zipfile.ZIP_DEFLATED
                member.external_attr = info.external_attr
                out.writestr(member, data, compresslevel=9)
    tmp.replace(target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=TARGET)
    print(build(parser.parse_args().output))


if __name__ == "__main__":
    main()
