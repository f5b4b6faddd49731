"""The print run of a batch: letter PDFs joined into one file, written as it
goes, so memory stays flat however many letters (ADR 0021, amended).

Each letter file is opened on its own (pikepdf), the objects its pages need
are written straight to the output with new numbers, and the file is closed
before the next one; only the output's object offsets and page numbers stay
in memory (a few bytes per object). Then the page tree, the catalog (with the
first letter's XMP metadata and output intent, the PDF/A-2b markers) and the
cross-reference table are written.

The letters' structure trees (tags) are not joined: the print run is for the
print room. Each letter in the ZIP is the tagged, archival PDF/A-2b."""

from __future__ import annotations

import hashlib
from array import array
from decimal import Decimal
from pathlib import Path

HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
CATALOG, PAGES = 1, 2  # reserved object numbers
# Page attributes a page may inherit from its page tree, which it leaves.
INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")
# Keys that point into a structure tree the print run does not have.
DROPPED = frozenset({"/Parent", "/StructParents", "/StructParent"})
CATALOG_KEYS = ("/Metadata", "/OutputIntents")


def _scalar(value) -> bytes:
    if value is None:
        return b"null"
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if isinstance(value, int):
        return b"%d" % value
    return format(Decimal(value).normalize(), "f").encode()


class _Output:
    """The file being written: byte position and each object's offset."""

    def __init__(self, handle):
        self.handle = handle
        self.position = 0
        self.offsets = array("Q", [0, 0, 0])  # 0 unused; CATALOG and PAGES reserved
        self.write(HEADER)

    def write(self, data: bytes) -> None:
        self.handle.write(data)
        self.position += len(data)

    def reserve(self) -> int:
        self.offsets.append(0)
        return len(self.offsets) - 1

    def put(self, number: int, body: bytes, stream: bytes | None = None) -> None:
        self.offsets[number] = self.position
        self.write(b"%d 0 obj\n" % number)
        self.write(body)
        if stream is not None:
            self.write(b"\nstream\n")
            self.write(stream)
            self.write(b"\nendstream")
        self.write(b"\nendobj\n")


class _Copier:
    """Writes the objects of one source file that are asked for, once each."""

    def __init__(self, output: _Output):
        import pikepdf

        self.pikepdf = pikepdf
        self.output = output
        self.numbers: dict[tuple[int, int], int] = {}
        self.queue: list = []

    def ref(self, obj) -> bytes:
        number = self.numbers.get(obj.objgen)
        if number is None:
            number = self.numbers[obj.objgen] = self.output.reserve()
            self.queue.append((number, obj))
        return b"%d 0 R" % number

    def value(self, obj, *, top: bool = False) -> bytes:
        pikepdf = self.pikepdf
        if not isinstance(obj, pikepdf.Object):
            return _scalar(obj)
        if obj.is_indirect and not top:
            return self.ref(obj)
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            return self.dictionary(obj)
        if isinstance(obj, pikepdf.Array):
            return b"[" + b" ".join(self.value(item) for item in obj) + b"]"
        return obj.unparse()

    def dictionary(self, obj, extra: bytes = b"", also: dict | None = None) -> bytes:
        name = self.pikepdf.Name
        parts = [b"<<"]
        for key in obj.keys():
            if key not in DROPPED and key != "/Length":
                parts.append(name(key).unparse() + b" " + self.value(obj.get(key)))
        for key, value in (also or {}).items():
            parts.append(name(key).unparse() + b" " + self.value(value))
        if extra:
            parts.append(extra)
        parts.append(b">>")
        return b" ".join(parts)

    def flush(self) -> None:
        while self.queue:
            number, obj = self.queue.pop()
            if isinstance(obj, self.pikepdf.Stream):
                raw = obj.read_raw_bytes()
                body = self.dictionary(obj.stream_dict, extra=b"/Length %d" % len(raw))
                self.output.put(number, body, raw)
            else:
                self.output.put(number, self.value(obj, top=True))

    def page(self, page) -> int:
        inherited, node = {}, page.get("/Parent")
        while node is not None:
            for key in INHERITED:
                if key not in page and key not in inherited and key in node:
                    inherited[key] = node.get(key)
            node = node.get("/Parent")
        number = self.output.reserve()
        self.output.put(
            number, self.dictionary(page, extra=b"/Parent %d 0 R" % PAGES, also=inherited)
        )
        self.flush()
        return number


def join_pdfs(paths: list[Path], out: Path) -> None:
    """The PDFs one after the other in `out`, one source file open at a time."""
    import pikepdf

    pages = array("Q")
    catalog = b""
    digest = hashlib.sha256()
    with out.open("wb") as handle:
        output = _Output(handle)
        for index, path in enumerate(paths):
            with pikepdf.open(path) as source:
                digest.update(f"{index}:{Path(path).name}".encode())
                copier = _Copier(output)
                for page in source.pages:
                    pages.append(copier.page(page.obj))
                if index == 0:
                    for key in CATALOG_KEYS:
                        if key in source.Root:
                            value = copier.value(source.Root.get(key))
                            catalog += pikepdf.Name(key).unparse() + b" " + value + b" "
                    copier.flush()
        kids = b" ".join(b"%d 0 R" % number for number in pages)
        output.put(PAGES, b"<< /Type /Pages /Count %d /Kids [%s] >>" % (len(pages), kids))
        output.put(CATALOG, b"<< /Type /Catalog /Pages %d 0 R %s>>" % (PAGES, catalog))
        start = output.position
        count = len(output.offsets)
        output.write(b"xref\n0 %d\n0000000000 65535 f \n" % count)
        for number in range(1, count):
            output.write(b"%010d 00000 n \n" % output.offsets[number])
        ident = digest.hexdigest()[:32].encode()
        output.write(
            b"trailer\n<< /Size %d /Root %d 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
            % (count, CATALOG, ident, ident, start)
        )
