"""What kind of file an upload is, decided from its content rather than its name, and, for
text, which encoding it is in. Content that is recognisably not a table is refused with the
advice for it."""

from __future__ import annotations

import codecs
from pathlib import Path

from .records import FileProblem

# How much of the start of a file decides its format and, for CSV, its delimiter.
HEAD_BYTES = 64 * 1024
# Encoding detection reads the file in chunks of this size: memory stays flat for any size.
_CHUNK_BYTES = 1024 * 1024

UTF8_BOM = codecs.BOM_UTF8
ZIP_MAGIC = b"PK\x03\x04"
# Content that is recognisably not a table, with the advice for each; checked in order.
_FOREIGN_FORMATS = (
    (
        b"\xd0\xcf\x11\xe0",
        # Excel 97-2003 workbooks and password-protected .xlsx files share this container.
        "{The file} is an old Excel 97–2003 workbook (.xls) or a password-protected workbook, "
        "which cannot be read here. Open it in Excel, remove any password, save it as CSV or "
        "XLSX, and upload that file.",
    ),
    (
        codecs.BOM_UTF16_LE,
        "{The file} is saved as UTF-16 (Excel's “Unicode Text”), which cannot be read here. "
        "Save it as CSV or XLSX (in Excel: “CSV UTF-8 (Comma delimited)”) and upload that file.",
    ),
    (
        codecs.BOM_UTF16_BE,
        "{The file} is saved as UTF-16 (Excel's “Unicode Text”), which cannot be read here. "
        "Save it as CSV or XLSX (in Excel: “CSV UTF-8 (Comma delimited)”) and upload that file.",
    ),
    (
        b"%PDF-",
        "{The file} is a PDF document, not a table. Upload the table itself, saved as CSV or XLSX.",
    ),
)
# Web applications often offer an "Excel export" that is really an HTML page or Excel 2003 XML.
_MARKUP_STARTS = (b"<!doctype", b"<html", b"<table", b"<?xml")
_MARKUP_PROBLEM = (
    "{The file} is a web page or an XML document, not a CSV or XLSX table. Open it in Excel, "
    "save it as CSV or XLSX, and upload that file."
)
EMPTY_PROBLEM = "{The file} is empty: it has no rows. Check that you chose the right file."
_BINARY_PROBLEM = (
    "{The file} is not a CSV or Excel file: it contains binary data. Save the table as CSV or "
    "XLSX and upload that file."
)


def the_file(filename: str) -> str:
    """How messages name the file: its name as the user gave it, or "the file"."""
    # Only the last part: some browsers send the whole path of the user's computer.
    name = Path(filename.replace("\\", "/")).name if filename else ""
    return f"“{name}”" if name else "the file"


def say(template: str, the_file: str) -> str:
    """A message template with "{The file}" replaced, capitalised as a sentence's start."""
    return template.replace("{The file}", the_file[0].upper() + the_file[1:])


def refuse_foreign_formats(head: bytes, the_file: str) -> None:
    """Raise FileProblem when the start of a file that is not an XLSX archive shows that it is
    no CSV file either."""
    if not head.strip():
        raise FileProblem(say(EMPTY_PROBLEM, the_file))
    for magic, template in _FOREIGN_FORMATS:
        if head.startswith(magic):
            raise FileProblem(say(template, the_file))
    if head.removeprefix(UTF8_BOM).lstrip()[:16].lower().startswith(_MARKUP_STARTS):
        raise FileProblem(say(_MARKUP_PROBLEM, the_file))
    # Text never contains NUL; images, archives and executables almost always do early on.
    if b"\x00" in head:
        raise FileProblem(say(_BINARY_PROBLEM, the_file))


def detect_encoding(path: Path, skip: int) -> str:
    """UTF-8 if the whole file is valid UTF-8, else Windows-1252, else Latin-1.

    The whole file, because a CMS or Excel file can be pure ASCII for its first megabytes and
    hold the first accented name near the end. Latin-1 decodes any byte, so it is the last
    resort: it only differs from cp1252 in the five bytes cp1252 leaves undefined.
    """
    for encoding in ("utf-8", "cp1252"):
        if _decodes(path, skip, encoding):
            return encoding
    return "latin-1"


def _decodes(path: Path, skip: int, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    with path.open("rb") as raw:
        raw.seek(skip)
        try:
            while chunk := raw.read(_CHUNK_BYTES):
                decoder.decode(chunk)
            # A multi-byte character cut off by the end of the file is an error too.
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True
