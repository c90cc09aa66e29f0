"""Bundled files: fonts with their licences, icons and report defaults."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent
FONT_FILE = ROOT / "fonts" / "wqy-microhei.ttc"
FONT_FAMILY = "WenQuanYi Micro Hei"
ICON_FILE = ROOT / "icons" / "app.svg"


def resource_path(*parts: str) -> Path:
    """Path of a bundled file, wherever the program was installed or frozen."""
    return ROOT.joinpath(*parts)
