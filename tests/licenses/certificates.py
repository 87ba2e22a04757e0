"""Reading a certificate as a person or a phone would: its text (pypdf), page one as a picture (pypdfium2) and the
QR code decoded from that picture (zxing-cpp)."""

import io
from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "certificates"


def pdf_pages(pdf: bytes) -> list:
    from pypdf import PdfReader

    return list(PdfReader(io.BytesIO(pdf)).pages)


def pdf_text(pdf: bytes) -> str:
    """The text of every page, each run of spaces and line breaks made one space (lines wrap in table cells)."""
    return " ".join(" ".join(page.extract_text() for page in pdf_pages(pdf)).split())


def pdf_fonts(pdf: bytes) -> set[str]:
    """The names of the fonts the PDF embeds (BaseFont, without the subset tag)."""
    names = set()
    for page in pdf_pages(pdf):
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def page_one_png(pdf: bytes, name: str, *, dpi: int = 150):
    """Page one as a picture, kept in test-artifacts/certificates/ for people to look at; returns the PIL image."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=dpi / 72).to_pil()
    finally:
        document.close()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    image.save(ARTIFACTS / f"{name}.png")
    return image


def qr_codes_in(image) -> list[str]:
    import zxingcpp

    return [result.text for result in zxingcpp.read_barcodes(image) if result.format == zxingcpp.BarcodeFormat.QRCode]
