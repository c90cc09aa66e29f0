"""Pages of a PDF for a preview before saving: each page's size, and chosen pages rendered to plain pixel buffers."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class PageImage:
    index: int
    scale: float  # pixels per point it was rendered at
    width: int
    height: int
    stride: int
    pixels: bytes  # 8-bit RGB, row after row


def page_sizes(path: str | Path) -> list[tuple[float, float]]:
    """(width, height) of every page, in points."""
    import pypdfium2 as pdfium
    document = pdfium.PdfDocument(str(path))
    try:
        return [document.get_page_size(index) for index in range(len(document))]
    finally:
        document.close()


def render_pages(path: str | Path, indexes, scale: float) -> list[PageImage]:
    """The pages at indexes (counted from 0), at scale pixels per point: ceil(width × scale) pixels wide."""
    import pypdfium2 as pdfium
    document = pdfium.PdfDocument(str(path))
    try:
        images = []
        for index in indexes:
            page = document[index]
            bitmap = page.render(scale=scale, rev_byteorder=True)  # RGB byte order, as Qt's RGB888 reads it
            images.append(PageImage(index, scale, bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer)))
            bitmap.close()
            page.close()
        return images
    finally:
        document.close()
