"""Pages of a PDF rendered to plain pixel buffers, for a preview before saving."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class PageImage:
    width: int
    height: int
    stride: int
    pixels: bytes  # 8-bit RGB, row after row


def render_pages(path: str | Path, width_px: int = 600, limit: int = 60) -> tuple[list[PageImage], int]:
    """The first `limit` pages scaled to width_px wide, and the total page count."""
    import pypdfium2 as pdfium
    document = pdfium.PdfDocument(str(path))
    try:
        pages = []
        for index in range(min(len(document), limit)):
            page = document[index]
            scale = width_px / page.get_width()
            bitmap = page.render(scale=scale, rev_byteorder=True)  # RGB byte order, as Qt's RGB888 reads it
            pages.append(PageImage(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer)))
            bitmap.close()
            page.close()
        return pages, len(document)
    finally:
        document.close()
