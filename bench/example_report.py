"""The example year (tests/report_example.py, the facts of the office's hand-written report) as a report:
python bench/example_report.py OUTDIR writes 汇报.pdf, 汇报.docx and, with pdftoppm (poppler-utils), one PNG per
page; docs/report-example.png shows its first two pages."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def main(out: Path) -> None:
    import report_example as example

    from exports.report import write_report
    from models.records import common as records
    from models.store import close_database, open_database
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        open_database(Path(work) / "example.sqlite")
        records.today = lambda: example.TODAY  # the report is written as on the example's own day
        example.seed_example()
        for name in ("汇报.pdf", "汇报.docx"):
            print(write_report(out / name, *example.PERIOD, signed_on=example.SIGNED_ON))
        close_database()
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "80", str(out / "汇报.pdf"), str(out / "page")], check=True)
        print(f"pages: {out}/page-*.png")


if __name__ == "__main__":
    import argparse
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=Path("bench/results/example"), help="folder to write to")
    main(parser.parse_args().out)
