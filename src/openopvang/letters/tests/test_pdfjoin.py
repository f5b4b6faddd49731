"""The print run's join (letters/pdfjoin.py): pages in order with their text,
one file's objects at a time, attributes a page inherits kept."""

import io

import pikepdf

from openopvang.core.testing.pdf import pdf_text
from openopvang.letters.pdfjoin import join_pdfs


def letter(path, text: str, *, inherit: bool = False):
    """A one-page PDF saying `text`; with `inherit` its MediaBox and
    Resources sit on the page tree instead of the page."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
        )
    )
    resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    content = pdf.make_stream(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode())
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        Contents=content,
        MediaBox=pikepdf.Array([0, 0, 612, 792]),
        Resources=resources,
    )
    pdf.pages.append(pikepdf.Page(page))
    if inherit:
        added = pdf.pages[0].obj
        del added["/MediaBox"]
        del added["/Resources"]
        pdf.Root.Pages.MediaBox = pikepdf.Array([0, 0, 595, 842])
        pdf.Root.Pages.Resources = resources
    pdf.save(path)


def test_pages_in_order_with_their_text_and_inherited_attributes(tmp_path):
    paths = []
    for number, text in enumerate(["Eerste brief", "Tweede brief", "Derde brief"]):
        path = tmp_path / f"{number}.pdf"
        letter(path, text, inherit=number == 1)
        paths.append(path)
    out = tmp_path / "run.pdf"
    join_pdfs(paths, out)
    content = out.read_bytes()
    assert pdf_text(content).splitlines() == ["Eerste brief", "Tweede brief", "Derde brief"]
    with pikepdf.open(io.BytesIO(content)) as pdf:
        assert pdf.check_pdf_syntax() == []
        sizes = [list(page.mediabox) for page in pdf.pages]
        assert sizes == [[0, 0, 612, 792], [0, 0, 595, 842], [0, 0, 612, 792]]
        assert "/F1" in pdf.pages[1].Resources.Font  # from the page tree it left


def test_a_run_of_many_letters_has_every_page(tmp_path):
    path = tmp_path / "one.pdf"
    letter(path, "Brief")
    join_pdfs([path] * 450, tmp_path / "run.pdf")
    with pikepdf.open(tmp_path / "run.pdf") as pdf:
        assert len(pdf.pages) == 450
