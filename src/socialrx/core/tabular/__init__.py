"""Read an uploaded table (CSV or XLSX) row by row, with bounded memory.

Bulk imports come from two kinds of people. CMS publishes its hospital files as plain CSV
(a quoted header, unquoted rows except names that contain a comma), and those files must read
as published. Hospital data managers export from Excel on Windows, so their files carry what
Excel writes: a UTF-8 byte-order mark, or no UTF-8 at all but Windows-1252; semicolons
instead of commas where the locale uses a decimal comma; `\\r\\n` line endings; dates and
numbers as real cell values in XLSX. Some send an old `.xls`, a web page named `.xls`, or a
UTF-16 "Unicode Text" file.

So this package decides the format from the content (not the file name) and detects the
encoding over the whole file (`formats`), the delimiter from the header (`delimited`), and maps
header cells to the canonical columns a caller declares (`header`). Files can reach ~100 MB
and a million rows, so nothing reads a file whole: encoding detection decodes chunk by chunk,
rows are generated one at a time (`table`), and one CSV record may not grow past a fixed size
(an unclosed quotation mark would otherwise swallow the rest of the file into one cell). An
XLSX archive (`workbooks`) is checked before and while it unpacks, so that a small upload
cannot unpack to gigabytes (`xlsx_guard`).

Every problem becomes text a data manager can act on: `FileProblem` when nothing can be
imported, `Row.problem` when only one row is malformed. Values are not interpreted here
("Not Available" stays text); the caller validates them.
"""

from .records import Column, FileProblem, Row
from .table import Table, open_table

__all__ = ["Column", "FileProblem", "Row", "Table", "open_table"]
