"""The files of the document library: which kinds are taken (by extension
and by their first bytes, never by the type the browser claims), how large,
and the content type they are served with."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_BYTES = 20 * 1024 * 1024

_ZIP = b"PK\x03\x04"
# extension → (content type served, its first bytes, the label shown)
KINDS: dict[str, tuple[str, bytes, str]] = {
    "pdf": ("application/pdf", b"%PDF-", "PDF"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ZIP,
        "Word",
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP, "Excel"),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ZIP,
        "PowerPoint",
    ),
    "odt": ("application/vnd.oasis.opendocument.text", _ZIP, "ODT"),
    "png": ("image/png", b"\x89PNG\r\n\x1a\n", "PNG"),
    "jpg": ("image/jpeg", b"\xff\xd8\xff", "JPEG"),
    "jpeg": ("image/jpeg", b"\xff\xd8\xff", "JPEG"),
}


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_upload(upload) -> str:
    """The content type to serve `upload` with; ValidationError when its kind
    is not taken, its content does not match its name, or it is too large."""
    extension = extension_of(upload.name)
    if extension not in KINDS:
        raise ValidationError(
            {
                "upload": _("This kind of file is not taken. Upload one of: %(kinds)s.")
                % {"kinds": ", ".join(sorted(KINDS))}
            }
        )
    if upload.size > MAX_BYTES:
        raise ValidationError(
            {"upload": _("The file is larger than %(size)s.") % {"size": filesizeformat(MAX_BYTES)}}
        )
    content_type, magic, _label = KINDS[extension]
    upload.seek(0)
    start = upload.read(len(magic))
    upload.seek(0)
    if start != magic:
        raise ValidationError({"upload": _("The file's content does not match its name.")})
    return content_type


def storage_name(name: str) -> str:
    """A stored file's name: random, with the checked extension; nothing of
    the uploader's name reaches the disk."""
    return f"help/documents/{uuid.uuid4().hex}.{extension_of(name)}"


def label_of(content_type: str) -> str:
    for served, _magic, label in KINDS.values():
        if served == content_type:
            return label
    return ""
