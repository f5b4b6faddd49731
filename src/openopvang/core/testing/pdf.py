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
