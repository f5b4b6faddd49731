"""Read what a person sees in a generated PDF, for tests."""

import io

from pypdf import PdfReader


def pdf_text(content: bytes) -> str:
    """The visible text of every page of a PDF, pages joined by newlines,
    runs of whitespace folded to one space per line. Fails if the bytes are
    not a PDF at all."""
    assert content.startswith(b"%PDF"), content[:20]
    reader = PdfReader(io.BytesIO(content))
    lines = []
    for page in reader.pages:
        for line in (page.extract_text() or "").splitlines():
            line = " ".join(line.split())
            if line:
                lines.append(line)
    return "\n".join(lines)


def pdf_fonts(content: bytes) -> set[str]:
    """The names of the fonts embedded in a PDF (every page, subset prefix
    "ABCDEF+" dropped), e.g. {"OO-Sans", "OO-Sans-Bold", "OO-Sans-Arabic"} for
    the fonts that core/pdf_base.html names."""
    reader = PdfReader(io.BytesIO(content))
    names = set()
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            name = str(font.get_object()["/BaseFont"]).lstrip("/")
            names.add(name.split("+", 1)[-1])
    return names
