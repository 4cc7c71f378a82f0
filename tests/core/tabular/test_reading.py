"""Reading uploaded tables: the CMS files as published, and what Excel on Windows makes of a
hospital's export (BOMs, cp1252, semicolons, CR line endings, XLSX cell types), each problem
told in words a data manager can act on, with memory that stays flat for large files."""

from __future__ import annotations

import tracemalloc
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from socialrx.core.tabular import Column, FileProblem, Row, open_table

pytestmark = pytest.mark.unit

DATA = Path("/work/shared/data")
HOSPITALS = DATA / "cms_hospital_general_information.csv"

COLUMNS = [
    Column("ccn", ("Facility ID", "CCN", "CMS Certification Number"), required=True),
    Column("name", ("Facility Name",), required=True),
    Column("city", ("City/Town", "City")),
    Column("state", ("State",)),
]


def _write(tmp_path: Path, content: str | bytes, name: str = "upload.csv") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_bytes(content.encode("utf-8"))
    else:
        path.write_bytes(content)
    return path


def _problem(path: Path, columns=COLUMNS, filename: str = "") -> str:
    with pytest.raises(FileProblem) as caught:
        table = open_table(path, columns, filename=filename)
        list(table.rows())
    return caught.value.message


def _values(path: Path, columns=COLUMNS) -> list[tuple[int, dict[str, str], str]]:
    table = open_table(path, columns)
    return [(row.number, row.values, row.problem) for row in table.rows()]


def _xlsx(tmp_path: Path, rows: list[list[object]], name: str = "upload.xlsx") -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


# --- The CMS files as published --------------------------------------------------------------


def test_the_cms_hospital_file_is_read_as_published():
    table = open_table(HOSPITALS, COLUMNS, filename="Hospital_General_Information.csv")

    assert (table.format, table.encoding, table.delimiter) == ("csv", "utf-8", ",")
    assert table.columns == {"ccn": 0, "name": 1, "city": 3, "state": 4}
    assert table.header[:5] == ["Facility ID", "Facility Name", "Address", "City/Town", "State"]
    assert table.ignored_headers[:2] == ["Address", "ZIP Code"]
    assert len(table.ignored_headers) == 34


def test_the_cms_hospital_file_has_5381_rows_none_malformed():
    table = open_table(HOSPITALS, COLUMNS)

    rows = list(table.rows())

    assert len(rows) == 5381
    assert table.count_rows() == 5381
    assert [row for row in rows if row.problem] == []
    assert rows[-1].number == 5382


def test_the_first_cms_hospital_keeps_the_leading_zero_of_its_ccn():
    first = next(open_table(HOSPITALS, COLUMNS).rows())

    assert first == Row(
        number=2,
        values={
            "ccn": "010001",
            "name": "SOUTHEAST HEALTH MEDICAL CENTER",
            "city": "DOTHAN",
            "state": "AL",
        },
    )


def test_a_cms_hospital_name_with_a_comma_survives_intact():
    rows = {row.number: row for row in open_table(HOSPITALS, COLUMNS).rows()}

    assert rows[44].values == {
        "ccn": "010090",
        "name": "USA HEALTH HCA PROVIDENCE HOSPITAL, LLC",
        "city": "MOBILE",
        "state": "AL",
    }


def test_the_cms_value_based_purchasing_file_has_2474_rows():
    table = open_table(DATA / "cms_hvbp_person_and_community_engagement_fy2024.csv", COLUMNS)

    rows = list(table.rows())

    assert len(rows) == 2474
    assert rows[0].values["ccn"] == "010001"
    assert [row for row in rows if row.problem] == []


def test_the_cms_hcahps_state_file_has_4032_rows():
    columns = [
        Column("state", ("State",), required=True),
        Column("measure", ("HCAHPS Measure ID",), required=True),
        Column("question", ("HCAHPS Question",)),
    ]
    table = open_table(DATA / "cms_hcahps_state_2022q4_2023q3.csv", columns)

    rows = list(table.rows())

    assert len(rows) == 4032
    assert table.count_rows() == 4032
    # The question is quoted and holds doubled quotation marks.
    assert rows[0].values == {
        "state": "AK",
        "measure": "H_COMP_1_A_P",
        "question": 'Patients who reported that their nurses "Always" communicated well',
    }


# --- Header --------------------------------------------------------------------------------


def test_a_missing_required_column_is_named_with_its_other_names_and_the_columns_found(
    tmp_path,
):
    path = _write(tmp_path, "Hospital,Facility Name,City\nx,SOUTHEAST,DOTHAN\n")

    assert _problem(path) == (
        "This file has no “Facility ID” column (also accepted: CCN, CMS Certification Number). "
        "Check the column names in the header row. "
        "The columns found were: “Hospital”, “Facility Name”, “City”."
    )


def test_several_missing_columns_are_all_named_and_a_long_header_is_cut_short(tmp_path):
    header = ",".join(f"Measure {number}" for number in range(1, 16))
    path = _write(tmp_path, header + "\n" + ",".join("1" * 15) + "\n")

    assert _problem(path) == (
        "This file has no “Facility ID” column (also accepted: CCN, CMS Certification Number) "
        "and no “Facility Name” column. Check the column names in the header row. "
        "The columns found were: “Measure 1”, “Measure 2”, “Measure 3”, “Measure 4”, "
        "“Measure 5”, “Measure 6”, “Measure 7”, “Measure 8”, “Measure 9”, “Measure 10”, "
        "“Measure 11”, “Measure 12”, …"
    )


def test_headers_match_whatever_their_case_spacing_underscores_or_hyphens(tmp_path):
    path = _write(tmp_path, "  facility_id ,FACILITY-NAME,city / town,State\n1,A,B,AL\n")
    table = open_table(path, [*COLUMNS, Column("town", ("City / Town",))])

    assert table.columns == {"ccn": 0, "name": 1, "state": 3, "town": 2}
    assert table.header == ["facility_id", "FACILITY-NAME", "city / town", "State"]


def test_a_second_header_for_the_same_column_is_ignored_and_listed(tmp_path):
    path = _write(tmp_path, "CCN,Facility Name,Facility ID,Notes\n010001,A,999999,x\n")
    table = open_table(path, COLUMNS)

    assert table.columns == {"ccn": 0, "name": 1}
    assert table.ignored_headers == ["Facility ID", "Notes"]
    assert next(table.rows()).values["ccn"] == "010001"


def test_an_optional_column_absent_from_the_file_reads_as_empty(tmp_path):
    path = _write(tmp_path, "Facility ID,Facility Name\n010001,A\n")

    assert _values(path) == [(2, {"ccn": "010001", "name": "A", "city": "", "state": ""}, "")]


def test_a_file_in_which_no_column_is_recognised_is_refused(tmp_path):
    columns = [Column("city", ("City/Town",)), Column("state", ("State",))]
    path = _write(tmp_path, "Name,Street\nA,B\n")

    assert _problem(path, columns) == (
        "None of the columns in this file is one that can be imported. Expected columns such "
        "as “City/Town”, “State”. The columns found were: “Name”, “Street”."
    )


def test_a_column_label_defaults_to_its_first_alias():
    assert Column("ccn", ("Facility ID", "CCN")).label == "Facility ID"
    assert Column("ccn", ("Facility ID",), label="CCN").label == "CCN"
    assert Column("ccn", "Facility ID").aliases == ("Facility ID",)


# --- Delimiters and line endings -----------------------------------------------------------


def test_a_semicolon_delimited_file_is_read(tmp_path):
    path = _write(tmp_path, "Facility ID;Facility Name;State\n010001;Hôpital, Nord;AL\n")
    table = open_table(path, COLUMNS)

    assert table.delimiter == ";"
    assert _values(path) == [
        (2, {"ccn": "010001", "name": "Hôpital, Nord", "city": "", "state": "AL"}, "")
    ]


def test_a_tab_delimited_file_is_read(tmp_path):
    path = _write(tmp_path, "Facility ID\tFacility Name\tState\n010001\tA; B\tAL\n")

    assert open_table(path, COLUMNS).delimiter == "\t"
    assert _values(path) == [(2, {"ccn": "010001", "name": "A; B", "city": "", "state": "AL"}, "")]


def test_a_vertical_bar_delimited_file_is_read(tmp_path):
    path = _write(tmp_path, "Facility ID|Facility Name\n010001|A\n")

    assert open_table(path, COLUMNS).delimiter == "|"


def test_a_delimiter_inside_quotes_in_the_header_does_not_count(tmp_path):
    path = _write(tmp_path, '"Facility ID";"Facility Name";"A, B, C"\n010001;A;x\n')

    assert open_table(path, COLUMNS).delimiter == ";"


def test_a_header_that_no_delimiter_splits_is_refused_naming_the_delimiters_tried(tmp_path):
    path = _write(tmp_path, "Facility ID^Facility Name\n010001^A\n")

    assert _problem(path) == (
        "The header row could not be split into columns: none of the delimiters tried "
        "(comma, semicolon, tab and vertical bar (|)) separates it. Save the file as CSV with "
        "the column names in the first row and upload it again."
    )


def test_a_single_column_file_whose_header_matches_is_read(tmp_path):
    path = _write(tmp_path, "CCN\n010001\n")

    assert _values(path, COLUMNS[:1]) == [(2, {"ccn": "010001"}, "")]


@pytest.mark.parametrize("ending", ["\r\n", "\r", "\n"], ids=["windows", "old mac", "unix"])
def test_every_kind_of_line_ending_is_read(tmp_path, ending):
    lines = ["Facility ID,Facility Name", "010001,A", "010005,B"]
    path = _write(tmp_path, ending.join(lines) + ending)

    assert [(number, values["ccn"]) for number, values, _ in _values(path)] == [
        (2, "010001"),
        (3, "010005"),
    ]


# --- Encodings -----------------------------------------------------------------------------


def test_a_utf8_byte_order_mark_is_removed_from_the_first_header(tmp_path):
    path = _write(tmp_path, b"\xef\xbb\xbfFacility ID,Facility Name\r\n010001,H\xc3\xb4pital\r\n")
    table = open_table(path, COLUMNS)

    assert (table.encoding, table.header[0], table.columns["ccn"]) == ("utf-8", "Facility ID", 0)
    assert next(table.rows()).values["name"] == "Hôpital"


def test_latin1_bytes_are_read_as_windows_1252(tmp_path):
    content = "Facility ID;Facility Name\r\n010001;Hôpital Saint-Jérôme\r\n".encode("latin-1")
    path = _write(tmp_path, content)
    table = open_table(path, COLUMNS)

    assert table.encoding == "cp1252"
    assert next(table.rows()).values["name"] == "Hôpital Saint-Jérôme"


def test_windows_1252_punctuation_is_decoded(tmp_path):
    content = "Facility ID,Facility Name\n010001,St. Mary’s – North\n".encode("cp1252")
    path = _write(tmp_path, content)

    assert next(open_table(path, COLUMNS).rows()).values["name"] == "St. Mary’s – North"


def test_a_byte_undefined_in_windows_1252_falls_back_to_latin1(tmp_path):
    path = _write(tmp_path, b"Facility ID,Facility Name\n010001,Caf\xe9 \x81\n")
    table = open_table(path, COLUMNS)

    assert table.encoding == "latin-1"
    assert next(table.rows()).values["name"] == "Café \x81"


def _long_ascii_prefix() -> str:
    """More than 64 KB of plain ASCII rows: a detector reading only the start sees ASCII."""
    return "Facility ID,Facility Name\n" + "".join(
        f"{number:06d},GENERAL HOSPITAL NUMBER {number}\n" for number in range(3000)
    )


def test_utf8_whose_first_accent_comes_after_64_kb_is_still_utf8(tmp_path):
    prefix = _long_ascii_prefix()
    assert len(prefix) > 64 * 1024
    path = _write(tmp_path, (prefix + "999999,Hôpital Saint-Jérôme\n").encode("utf-8"))
    table = open_table(path, COLUMNS)

    assert table.encoding == "utf-8"
    assert list(table.rows())[-1].values["name"] == "Hôpital Saint-Jérôme"


def test_windows_1252_whose_first_accent_comes_after_64_kb_is_still_windows_1252(tmp_path):
    prefix = _long_ascii_prefix()
    path = _write(tmp_path, (prefix + "999999,Hôpital Saint-Jérôme\n").encode("cp1252"))
    table = open_table(path, COLUMNS)

    assert table.encoding == "cp1252"
    assert list(table.rows())[-1].values["name"] == "Hôpital Saint-Jérôme"


# --- Rows ----------------------------------------------------------------------------------


def test_rows_with_too_many_or_too_few_values_are_reported_and_the_others_read(tmp_path):
    path = _write(
        tmp_path,
        "Facility ID,Facility Name,State\n010001,A,AL\n010005,B, INC.,AL\n010006,C\n010007,D,AL\n",
    )

    assert _values(path) == [
        (2, {"ccn": "010001", "name": "A", "city": "", "state": "AL"}, ""),
        (
            3,
            {"ccn": "010005", "name": "B", "city": "", "state": "INC."},
            "has 4 values but the header has 3 columns",
        ),
        (
            4,
            {"ccn": "010006", "name": "C", "city": "", "state": ""},
            "has 2 values but the header has 3 columns",
        ),
        (5, {"ccn": "010007", "name": "D", "city": "", "state": "AL"}, ""),
    ]


def test_blank_lines_are_skipped_but_rows_keep_the_numbers_a_spreadsheet_shows(tmp_path):
    path = _write(tmp_path, "\nFacility ID,Facility Name\n010001,A\n\n , \n010005,B\n\n")
    table = open_table(path, COLUMNS)

    assert [(row.number, row.values["ccn"]) for row in table.rows()] == [
        (3, "010001"),
        (6, "010005"),
    ]
    assert table.count_rows() == 2


def test_a_quoted_cell_holding_a_line_break_counts_as_one_row(tmp_path):
    path = _write(
        tmp_path,
        'Facility ID,Facility Name\r\n010001,"SOUTHEAST\r\nHEALTH"\r\n010005,"B, ""the"" best"\r\n',
    )

    assert [(number, values["name"]) for number, values, _ in _values(path)] == [
        (2, "SOUTHEAST\r\nHEALTH"),
        (3, 'B, "the" best'),
    ]


def test_cells_are_stripped(tmp_path):
    path = _write(tmp_path, "Facility ID,Facility Name\n  010001 ,\tA  \n")

    assert _values(path)[0][1] == {
        "ccn": "010001",
        "name": "A",
        "city": "",
        "state": "",
    }


def test_null_like_values_are_left_as_text(tmp_path):
    path = _write(tmp_path, "Facility ID,Facility Name,State\n010001,A,Not Available\n")

    assert _values(path)[0][1]["state"] == "Not Available"


def test_a_cell_longer_than_10000_characters_is_a_row_problem(tmp_path):
    path = _write(tmp_path, f"Facility ID,Facility Name\n010001,{'x' * 10_001}\n010005,B\n")

    rows = _values(path)

    assert [(number, problem) for number, _, problem in rows] == [
        (2, "has a “Facility Name” value of 10,001 characters (at most 10,000 are allowed)"),
        (3, ""),
    ]


def test_a_row_with_two_problems_reports_both(tmp_path):
    path = _write(tmp_path, f"Facility ID,Facility Name\n010001,{'x' * 12_000},extra\n")

    assert _values(path)[0][2] == (
        "has 3 values but the header has 2 columns and has a “Facility Name” value of 12,000 "
        "characters (at most 10,000 are allowed)"
    )


def test_a_quotation_mark_never_closed_stops_the_file_at_its_row(tmp_path):
    body = "".join(f"{number:06d},HOSPITAL {number}\n" for number in range(20_000))
    path = _write(tmp_path, f'Facility ID,Facility Name\n010001,A\n010005,"B\n{body}')

    assert _problem(path) == (
        "Row 3 could not be read: a cell is longer than 131,072 characters, which usually means "
        'a quotation mark (") was opened and never closed. Correct that row and upload the file '
        "again."
    )


def test_a_row_longer_than_a_million_characters_stops_the_file_at_its_row(tmp_path):
    # Each cell stays under the csv module's own limit; the row as a whole does not.
    huge = ",".join("y" * 100_000 for _ in range(11))
    path = _write(tmp_path, f"Facility ID,Facility Name\n010001,A\n{huge}\n010005,B\n")

    assert _problem(path) == (
        "Row 3 could not be read: it is longer than 1,048,576 characters, which usually means "
        'a quotation mark (") was opened and never closed. Correct that row and upload the file '
        "again."
    )


def test_rows_can_be_read_twice_and_count_rows_matches_them(tmp_path):
    path = _write(tmp_path, "Facility ID,Facility Name\n010001,A\n\n010005,B\n010006,C,x\n")
    table = open_table(path, COLUMNS)

    first, second = list(table.rows()), list(table.rows())

    assert first == second
    assert [row.number for row in first] == [2, 4, 5]
    assert table.count_rows() == 3


# --- Files that are not a table --------------------------------------------------------------


def test_an_empty_file_has_no_rows(tmp_path):
    path = _write(tmp_path, b"")

    assert _problem(path, filename="hospitals.csv") == (
        "“hospitals.csv” is empty: it has no rows. Check that you chose the right file."
    )


def test_a_file_of_blank_lines_has_no_rows(tmp_path):
    path = _write(tmp_path, b"\xef\xbb\xbf\r\n,,\r\n")

    assert _problem(path) == (
        "The file is empty: it has no rows. Check that you chose the right file."
    )


def test_a_file_with_only_a_header_is_refused(tmp_path):
    path = _write(tmp_path, "Facility ID,Facility Name\r\n\r\n")

    assert _problem(path) == (
        "The file has a header but no data rows. Add the rows below the header and upload the "
        "file again."
    )


def test_an_old_excel_xls_file_is_refused_with_what_to_do(tmp_path):
    path = _write(tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)

    assert _problem(path, filename="C:\\Users\\dana\\Hospitals.xls") == (
        "“Hospitals.xls” is an old Excel 97–2003 workbook (.xls) or a password-protected "
        "workbook, which cannot be read here. Open it in Excel, remove any password, save it "
        "as CSV or XLSX, and upload that file."
    )


def test_binary_junk_is_refused(tmp_path):
    path = _write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))

    assert _problem(path, filename="logo.png") == (
        "“logo.png” is not a CSV or Excel file: it contains binary data. Save the table as CSV "
        "or XLSX and upload that file."
    )


def test_a_utf16_unicode_text_file_is_refused_with_what_to_do(tmp_path):
    path = _write(tmp_path, "Facility ID\tFacility Name\r\n010001\tA\r\n".encode("utf-16"))

    assert _problem(path) == (
        "The file is saved as UTF-16 (Excel's “Unicode Text”), which cannot be read here. "
        "Save it as CSV or XLSX (in Excel: “CSV UTF-8 (Comma delimited)”) and upload that file."
    )


def test_a_web_page_named_like_a_spreadsheet_is_refused(tmp_path):
    path = _write(tmp_path, "\n<!DOCTYPE html><html><table><tr><td>CCN</td></tr></table>")

    assert _problem(path, filename="export.xls") == (
        "“export.xls” is a web page or an XML document, not a CSV or XLSX table. Open it in "
        "Excel, save it as CSV or XLSX, and upload that file."
    )


# --- XLSX ----------------------------------------------------------------------------------


def test_an_xlsx_file_is_read_with_its_cells_as_text(tmp_path):
    path = _xlsx(
        tmp_path,
        [
            ["Facility ID", "Facility Name", "Rating", "Opened", "Checked", "Beds", "Active"],
            [
                240010.0,
                " MAYO CLINIC ",
                4.5,
                date(1990, 5, 1),
                datetime(2024, 1, 2, 9, 30),
                12,
                True,
            ],
            ["010001", None, None, datetime(2024, 1, 2), None, None, False],
        ],
    )
    columns = [
        *COLUMNS[:2],
        Column("rating", ("Rating",)),
        Column("opened", ("Opened",)),
        Column("checked", ("Checked",)),
        Column("beds", ("Beds",)),
        Column("active", ("Active",)),
    ]
    table = open_table(path, columns, filename="hospitals.xlsx")

    assert (table.format, table.encoding, table.delimiter) == ("xlsx", "", "")
    assert [(row.number, row.values, row.problem) for row in table.rows()] == [
        (
            2,
            {
                "ccn": "240010",
                "name": "MAYO CLINIC",
                "rating": "4.5",
                "opened": "1990-05-01",
                "checked": "2024-01-02T09:30:00",
                "beds": "12",
                "active": "TRUE",
            },
            "",
        ),
        (
            3,
            {
                "ccn": "010001",
                "name": "",
                "rating": "",
                "opened": "2024-01-02",
                "checked": "",
                "beds": "",
                "active": "FALSE",
            },
            "",
        ),
    ]


def test_xlsx_rows_keep_the_sheet_numbers_and_blank_rows_are_skipped(tmp_path):
    path = _xlsx(
        tmp_path,
        [
            [],
            ["Facility ID", "Facility Name", None, "Notes"],
            ["010001", "A"],
            [None, None],
            ["010005", "B", None, "ok", "stray value right of the table"],
        ],
    )
    table = open_table(path, COLUMNS)

    assert table.header == ["Facility ID", "Facility Name", "", "Notes"]
    assert table.ignored_headers == ["Notes"]
    assert [(row.number, row.values["ccn"], row.problem) for row in table.rows()] == [
        (3, "010001", ""),
        (5, "010005", ""),
    ]
    assert table.count_rows() == 2


def test_xlsx_rows_can_be_read_twice(tmp_path):
    path = _xlsx(tmp_path, [["CCN", "Facility Name"], ["010001", "A"], ["010005", "B"]])
    table = open_table(path, COLUMNS)

    assert list(table.rows()) == list(table.rows())
    assert table.count_rows() == 2


def test_an_xlsx_file_missing_a_required_column_names_it(tmp_path):
    path = _xlsx(tmp_path, [["Facility Name", 2024], ["A", 1]])

    assert _problem(path) == (
        "This file has no “Facility ID” column (also accepted: CCN, CMS Certification Number). "
        "Check the column names in the header row. "
        "The columns found were: “Facility Name”, “2024”."
    )


def test_an_empty_xlsx_sheet_has_no_rows(tmp_path):
    path = _xlsx(tmp_path, [])

    assert _problem(path, filename="hospitals.xlsx") == (
        "The first worksheet of “hospitals.xlsx” is empty: it has no rows. Check that you chose "
        "the right file."
    )


def test_an_xlsx_file_with_only_a_header_is_refused(tmp_path):
    path = _xlsx(tmp_path, [["Facility ID", "Facility Name"]])

    assert _problem(path) == (
        "The file has a header but no data rows. Add the rows below the header and upload the "
        "file again."
    )


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "upload.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("junk.txt", "not a workbook")

    assert _problem(path, filename="hospitals.xlsx") == (
        "“hospitals.xlsx” could not be opened as an Excel workbook: it is damaged or another "
        "kind of file. Open it in Excel, save it as CSV or XLSX, and upload that file."
    )


def test_a_truncated_xlsx_file_is_refused(tmp_path):
    whole = _xlsx(tmp_path, [["CCN", "Facility Name"], ["010001", "A"]]).read_bytes()
    path = _write(tmp_path, whole[: len(whole) // 2], name="cut.xlsx")

    assert _problem(path) == (
        "The file could not be opened as an Excel workbook: it is damaged or another kind of "
        "file. Open it in Excel, save it as CSV or XLSX, and upload that file."
    )


def test_the_format_comes_from_the_content_not_the_file_name(tmp_path):
    path = _xlsx(tmp_path, [["CCN", "Facility Name"], ["010001", "A"]], name="upload.csv")

    assert open_table(path, COLUMNS, filename="hospitals.csv").format == "xlsx"


# --- Memory --------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_large_file_is_streamed_with_bounded_memory(tmp_path):
    path = tmp_path / "large.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write("Facility ID,Facility Name,City/Town,State,Notes\n")
        for number in range(200_000):
            file.write(f"{number:06d},GENERAL HOSPITAL {number},SPRINGFIELD,IL,none\n")
    assert path.stat().st_size > 10_000_000

    tracemalloc.start()
    try:
        table = open_table(path, COLUMNS)
        count = sum(1 for _ in table.rows())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert count == 200_000
    assert peak < 20 * 1024 * 1024
