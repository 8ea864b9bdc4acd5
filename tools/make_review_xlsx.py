#!/usr/bin/env python3
"""Writes the review-list fixtures of tests/fixtures, laid out like the
official forms and like the workbooks wards really send. Every household
and every signer is fictitious ("Chủ hộ giả định ...", "... Giả Định").
Standard library only, so the fixtures can be regenerated anywhere:
    python3 tools/make_review_xlsx.py

review_2023.xlsx           the form: two title rows, a two-row header whose
                           "Các chỉ số thiếu hụt" cell is merged over the
                           twelve indicators, numbers written 1.900.000,
                           deprivations marked x
review_2023_compiled.xlsx  a compiled list as a city sends it: the form's
                           column-number row (1)..(21), a group heading per
                           ward and per village, a subtotal per ward
                           ("Cộng ..."), the total ("Tổng cộng"), blank rows
                           (missing and holding a space), a date line and
                           signatures under the table
review_2023_compiled.csv   the same sheet as CSV (blank rows as empty lines
                           and as a line of empty cells)
review_2023_compiled_bad.xlsx  the compiled list with two bad households: a
                           row with data but no household id, and a member
                           count written in words
review_2023_wards.xlsx     one sheet per ward, each with its own titles,
                           column numbers, total and signatures, after an
                           instructions sheet and before a summary sheet
                           (neither is a household list)
ward_stats_2023.xlsx       ward statistics as compiled: column numbers, a
                           "Toàn thành phố" total and signatures

With arguments it lays out a list written by `povatlas synth` as a city
sends it instead (tests/e2e/test_readme.c uses this for README's steps):
    make_review_xlsx.py --list households_2023.csv --year 2023 -o rasoat_2023.xlsx
        the compiled form (titles naming the year, no year column, column
        numbers, a heading, subtotal and blank row per ward, the total,
        signatures; incomes written 1.475.000, deprivations marked x)
    make_review_xlsx.py --stats ward_stats.csv -o ward_stats.xlsx
        the statistics workbook: every year of the file in one sheet, a
        "Toàn thành phố" total per year, signatures
"""
import argparse
import csv
import os
import zipfile
from xml.sax.saxutils import escape

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures")

INDICATORS = ["Việc làm", "Người phụ thuộc", "Dinh dưỡng", "Bảo hiểm y tế",
              "Trình độ giáo dục của người lớn", "Tình trạng đi học của trẻ em",
              "Chất lượng nhà ở", "Diện tích nhà ở bình quân đầu người",
              "Nguồn nước sinh hoạt", "Nhà tiêu hợp vệ sinh",
              "Sử dụng dịch vụ viễn thông",
              "Phương tiện phục vụ tiếp cận thông tin"]
TOP = (["STT", "Mã hộ", "Họ và tên chủ hộ", "Phường, xã", "Số nhân khẩu",
        "Thu nhập bình quân đầu người/tháng (đồng)", "Các chỉ số thiếu hụt"]
       + [""] * 11 + ["Tổng số chỉ số thiếu hụt", "Phân loại hộ"])
LOW = [""] * 6 + INDICATORS + ["", ""]
# id, ward, members, income (as written), deprived indicators, class
ROWS = [
    ("9001", "Phường Đô Vinh", 4, "1.900.000", [3, 4, 11], "Hộ nghèo"),
    ("9002", "P. Đô Vinh", 2, "1.500.000", [], "Hộ cận nghèo"),
    ("9003", "Xã Thành Hải", 3, 1450000, [6, 7, 8, 9], "Hộ nghèo"),
    ("9004", "thanh hai", 5, "1.450.000", [1], "Hộ cận nghèo"),
]

# The compiled list's columns: the form above with the ward code added.
C_TOP = (["STT", "Mã hộ", "Họ và tên chủ hộ", "Mã đơn vị", "Phường, xã",
          "Số nhân khẩu", "Thu nhập bình quân đầu người/tháng (đồng)",
          "Các chỉ số thiếu hụt"] + [""] * 11
         + ["Tổng số chỉ số thiếu hụt", "Phân loại hộ"])
C_LOW = [""] * 7 + INDICATORS + ["", ""]
N_COLS = len(C_TOP)  # 21
WARDS = {"22738": "Phường Đô Vinh", "22774": "Xã Thành Hải",
         "22741": "Phường Phước Mỹ"}
# Households of the compiled lists: (id, ward code, members, income,
# deprived indicators, class). Đô Vinh and Phước Mỹ are urban (line
# 2.000.000 a month), Thành Hải rural (1.500.000); docs/domain-rules.md §2.
POOR, NEAR = "Hộ nghèo", "Hộ cận nghèo"
DO_VINH = [("DV-001", "22738", 4, "1.900.000", [3, 4, 11], POOR),
           ("DV-002", "22738", 2, "1.500.000", [], NEAR),
           ("DV-003", "22738", 5, "1.200.000", [1, 5, 7], POOR)]
THANH_HAI_GO_DEN = [("TH-001", "22774", 3, "1.450.000", [6, 7, 8, 9], POOR),
                    ("TH-002", "22774", 5, "1.450.000", [1], NEAR)]
THANH_HAI_TAN_SON = [("TH-003", "22774", 6, "1.100.000", [2], NEAR)]
PHUOC_MY = [("PM-001", "22741", 3, "1.800.000", [1, 2, 3, 4], POOR)]

SIGNERS = ("Lê Văn Giả Định", "Phạm Thị Giả Định")


def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def sheet_xml(rows, merges, sst):
    """rows: list of lists (None = a row the file leaves out)."""
    xml = []
    for r, cells in enumerate(rows, 1):
        if cells is None:
            continue
        out = []
        for c, v in enumerate(cells):
            ref = f"{col(c)}{r}"
            if v == "" or v is None:
                continue
            if isinstance(v, int):
                out.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                out.append(f'<c r="{ref}" t="s"><v>{sst(str(v))}</v></c>')
        xml.append(f'<row r="{r}">{"".join(out)}</row>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/'
            'spreadsheetml/2006/main"><sheetData>' + "".join(xml) +
            '</sheetData><mergeCells count="%d">' % len(merges) +
            "".join(f'<mergeCell ref="{m}"/>' for m in merges) +
            '</mergeCells></worksheet>')


def write_xlsx(name, sheets):
    """sheets: list of (sheet name, rows, merges)."""
    strings = []

    def sst(text):
        if text not in strings:
            strings.append(text)
        return strings.index(text)

    bodies = [sheet_xml(rows, merges, sst) for _, rows, merges in sheets]
    shared = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
              '2006/main" count="%d" uniqueCount="%d">' % (len(strings),
                                                          len(strings)) +
              "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) +
              "</sst>")
    n = len(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="'
        'application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'worksheet+xml"/>' for i in range(1, n + 1))
    sheet_list = "".join(
        f'<sheet name="{escape(s[0])}" sheetId="{i}" r:id="rId{i}"/>'
        for i, s in enumerate(sheets, 1))
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/worksheet" Target="worksheets/'
        f'sheet{i}.xml"/>' for i in range(1, n + 1))
    files = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="'
            'application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"'
            '/>' + overrides + '<Override PartName="/xl/sharedStrings.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
            '2006/main" xmlns:r="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships"><sheets>' + sheet_list +
            '</sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships">' + rels + '<Relationship Id="'
            f'rId{n + 1}" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/sharedStrings" Target="'
            'sharedStrings.xml"/></Relationships>',
        "xl/sharedStrings.xml": shared,
    }
    for i, body in enumerate(bodies, 1):
        files[f"xl/worksheets/sheet{i}.xml"] = body
    order = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
             "xl/_rels/workbook.xml.rels"] + [
        f"xl/worksheets/sheet{i}.xml" for i in range(1, n + 1)] + [
        "xl/sharedStrings.xml"]
    with zipfile.ZipFile(os.path.join(FIXTURES, name), "w",
                         zipfile.ZIP_DEFLATED) as z:
        for part in order:
            info = zipfile.ZipInfo(part, date_time=(2023, 12, 31, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, files[part])


def write_csv(name, rows):
    """Rows left out of a sheet become empty lines."""
    with open(os.path.join(FIXTURES, name), "w", newline="",
              encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        for cells in rows:
            if cells is None:
                f.write("\r\n")
            else:
                w.writerow(["" if v is None else v for v in cells])


def review_form():
    rows = [["ỦY BAN NHÂN DÂN THÀNH PHỐ PHAN RANG–THÁP CHÀM"],
            ["DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2023 (DỮ LIỆU GIẢ LẬP)"],
            [], TOP, LOW]
    for n, (hid, ward, members, income, flags, cls) in enumerate(ROWS, 1):
        marks = ["x" if k + 1 in flags else "" for k in range(12)]
        rows.append([n, "22738-" + hid if "Vinh" in ward else "22774-" + hid,
                     "Chủ hộ giả định " + hid, ward, members, income]
                    + marks + [len(flags), cls])
    merges = ["A1:T1", "A2:T2", "G4:R4"] + [f"{col(c)}4:{col(c)}5"
                                            for c in list(range(6)) + [18, 19]]
    write_xlsx("review_2023.xlsx", [("Danh sách", rows, merges)])


def line(cells):
    """A row of N_COLS cells from {column: value}."""
    row = [""] * N_COLS
    for c, v in cells.items():
        row[c] = v
    return row


def household(n, h):
    hid, code, members, income, flags, cls = h
    marks = ["x" if k + 1 in flags else "" for k in range(12)]
    return [n, hid, "Chủ hộ giả định " + hid, code, WARDS[code], members,
            income] + marks + [len(flags), cls]


def subtotal(label, households):
    """A "Cộng" row: the label in the head's name column, sums beside."""
    return line({2: label, 5: sum(h[2] for h in households),
                 20: f"{len(households)} hộ"})


def signatures(first_row_blank=True):
    """Date line, titles, "(Ký, ghi rõ họ tên)", a left-out row, names."""
    rows = [None] if first_row_blank else []
    rows += [line({15: "Phan Rang–Tháp Chàm, ngày 20 tháng 12 năm 2023"}),
             line({1: "Người lập biểu", 15: "TM. ỦY BAN NHÂN DÂN"}),
             line({1: "(Ký, ghi rõ họ tên)", 15: "CHỦ TỊCH"}),
             line({15: "(Ký tên, đóng dấu)"}),
             None,
             line({1: SIGNERS[0], 15: SIGNERS[1]})]
    return rows


def titles(what):
    return [["ỦY BAN NHÂN DÂN THÀNH PHỐ PHAN RANG–THÁP CHÀM"],
            [f"DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2023 {what}"
             "(DỮ LIỆU GIẢ LẬP)"],
            [], C_TOP, C_LOW,
            [f"({i})" for i in range(1, N_COLS + 1)]]


C_MERGES = (["A1:U1", "A2:U2", "H4:S4"] +
            [f"{col(c)}4:{col(c)}5" for c in list(range(7)) + [19, 20]])


def compiled_rows(bad=False):
    """Rows 1-6: titles, header, column numbers; the row numbers the tests
    expect are in the comments."""
    rows = titles("")
    n = 0

    def add(group):
        nonlocal n
        for h in group:
            n += 1
            rows.append(household(n, h))

    rows.append(line({0: "I", 1: "Phường Đô Vinh"}))            # 7
    add(DO_VINH)                                                # 8-10
    rows.append(subtotal("Cộng phường Đô Vinh", DO_VINH))       # 11
    rows.append(None)                                           # 12
    rows.append(line({0: "II", 1: "Xã Thành Hải"}))             # 13
    rows.append(line({2: "Thôn Gò Đền"}))                       # 14
    add(THANH_HAI_GO_DEN)                                       # 15-16
    rows.append(line({2: " "}))                                 # 17
    rows.append(line({2: "Thôn Tân Sơn"}))                      # 18
    add(THANH_HAI_TAN_SON)                                      # 19
    rows.append(subtotal("Cộng xã Thành Hải",                   # 20
                         THANH_HAI_GO_DEN + THANH_HAI_TAN_SON))
    rows.append(line({0: "III", 1: "Phường Phước Mỹ"}))         # 21
    add(PHUOC_MY)                                               # 22
    rows.append(subtotal("Cộng", PHUOC_MY))                     # 23
    every = DO_VINH + THANH_HAI_GO_DEN + THANH_HAI_TAN_SON + PHUOC_MY
    rows.append(subtotal("Tổng cộng", every))                   # 24
    rows += signatures()                                        # 25-31
    if bad:
        # row 16: a household whose id was left out; row 19: members in
        # words. Both carry household data: the file is refused.
        rows[15][1] = ""
        rows[18][5] = "sáu"
    return rows


def ward_sheet(code, groups):
    rows = titles(f"{WARDS[code].upper()} ")
    n = 0
    every = []
    for heading, group in groups:
        if heading:
            rows.append(line({2: heading}))
        for h in group:
            n += 1
            rows.append(household(n, h))
        every += group
    rows.append(subtotal("Tổng cộng", every))
    rows += signatures()
    return rows


def wards_workbook():
    guide = [["HƯỚNG DẪN ĐIỀN BIỂU"],
             ["Mỗi phường, xã một trang tính; không sửa dòng tiêu đề."],
             ["Cột (5): số nhân khẩu; cột (21): phân loại hộ."]]
    summary = [["TỔNG HỢP HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2023"], [],
               ["STT", "Phường, xã", "Số hộ nghèo", "Số hộ cận nghèo"],
               ["(1)", "(2)", "(3)", "(4)"],
               [1, "Phường Đô Vinh", 2, 1], [2, "Xã Thành Hải", 1, 2],
               [3, "Phường Phước Mỹ", 1, 0], ["", "Tổng cộng", 4, 3]]
    write_xlsx("review_2023_wards.xlsx", [
        ("Hướng dẫn", guide, []),
        ("Đô Vinh", ward_sheet("22738", [(None, DO_VINH)]), C_MERGES),
        ("Thành Hải", ward_sheet("22774", [("Thôn Gò Đền", THANH_HAI_GO_DEN),
                                           ("Thôn Tân Sơn",
                                            THANH_HAI_TAN_SON)]), C_MERGES),
        ("Phước Mỹ", ward_sheet("22741", [(None, PHUOC_MY)]), C_MERGES),
        ("Tổng hợp", summary, []),
    ])


def stats_workbook():
    head = ["STT", "Mã đơn vị", "Tên đơn vị", "Năm", "Tổng số hộ", "Dân số"]
    wards = [("22738", "Phường Đô Vinh", 4150, 13300),
             ("22741", "Phường Phước Mỹ", 5650, 18500),
             ("22774", "Xã Thành Hải", 2660, 9500)]
    rows = [["ỦY BAN NHÂN DÂN THÀNH PHỐ PHAN RANG–THÁP CHÀM"],
            ["SỐ HỘ DÂN CƯ THEO PHƯỜNG, XÃ NĂM 2023 (DỮ LIỆU GIẢ LẬP)"],
            [], head, [f"({i})" for i in range(1, 7)]]
    for n, (code, name, hh, pop) in enumerate(wards, 1):
        rows.append([n, code, name, 2023, hh, pop])
    rows.append(["", "", "Toàn thành phố", 2023, sum(w[2] for w in wards),
                 sum(w[3] for w in wards)])
    rows.append(None)
    rows.append(["", "", "", "Ngày 05 tháng 01 năm 2024"])
    rows.append(["", "Người lập biểu", "", "Thủ trưởng đơn vị"])
    rows.append(["", "(Ký, ghi rõ họ tên)", "", "(Ký tên, đóng dấu)"])
    rows.append(["", SIGNERS[0], "", SIGNERS[1]])
    write_xlsx("ward_stats_2023.xlsx", [("Số hộ", rows, ["A1:F1", "A2:F2"])])


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI",
         "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"]


def vnd(text):
    """1475000 -> "1.475.000", as lists write money."""
    return f"{int(text):,}".replace(",", ".")


def office_list(csv_path, year, out):
    """A synth list (one row a household, TH01..TH12 as 0/1) as the compiled
    form of @year."""
    with open(csv_path, encoding="utf-8") as f:
        rows_in = list(csv.DictReader(f))
    flags = [k for k in rows_in[0] if k[:2] == "TH" and k[2:4].isdigit()]
    wards = {}
    for r in rows_in:
        wards.setdefault((r["Mã đơn vị"], r["Tên đơn vị"]), []).append(r)
    rows = [["ỦY BAN NHÂN DÂN THÀNH PHỐ PHAN RANG–THÁP CHÀM"],
            [f"DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM {year} "
             "(DỮ LIỆU GIẢ LẬP)"],
            [], C_TOP, C_LOW,
            [f"({i})" for i in range(1, N_COLS + 1)]]
    n = 0
    every = []
    for w, ((code, name), group) in enumerate(sorted(wards.items())):
        rows.append(line({0: ROMAN[w], 1: name}))
        for r in group:
            n += 1
            marks = ["x" if r[k] == "1" else "" for k in flags]
            rows.append([n, r["Mã hộ"], r["Họ và tên chủ hộ"], int(code), name,
                         int(r["Số nhân khẩu"]),
                         vnd(r["Thu nhập bình quân đầu người/tháng"])] +
                        marks + [int(r["Tổng số chỉ số thiếu hụt"]),
                                 r["Phân loại hộ"]])
        rows.append(line({2: f"Cộng {name.lower()}",
                          5: sum(int(r["Số nhân khẩu"]) for r in group),
                          20: f"{len(group)} hộ"}))
        rows.append(None)
        every += group
    rows.append(line({2: "Tổng cộng",
                      5: sum(int(r["Số nhân khẩu"]) for r in every),
                      20: f"{len(every)} hộ"}))
    rows += signatures()
    write_xlsx(os.path.abspath(out), [("Danh sách", rows, C_MERGES)])


def office_stats(csv_path, out):
    """A synth ward_stats.csv as the statistics office's workbook."""
    with open(csv_path, encoding="utf-8") as f:
        rows_in = list(csv.DictReader(f))
    head = ["STT", "Mã đơn vị", "Năm", "Tổng số hộ", "Dân số"]
    rows = [["ỦY BAN NHÂN DÂN THÀNH PHỐ PHAN RANG–THÁP CHÀM"],
            ["SỐ HỘ DÂN CƯ THEO PHƯỜNG, XÃ (DỮ LIỆU GIẢ LẬP)"],
            [], head, [f"({i})" for i in range(1, len(head) + 1)]]
    for year in sorted({r["year"] for r in rows_in}):
        of_year = [r for r in rows_in if r["year"] == year]
        for n, r in enumerate(of_year, 1):
            rows.append([n, int(r["unit_code"]), int(year),
                         int(r["households"]), int(r["population"])])
        rows.append(["", "Toàn thành phố", int(year),
                     sum(int(r["households"]) for r in of_year),
                     sum(int(r["population"]) for r in of_year)])
    rows.append(None)
    rows.append(["", "", "Ngày 05 tháng 01 năm 2024"])
    rows.append(["", "Người lập biểu", "", "Thủ trưởng đơn vị"])
    rows.append(["", "(Ký, ghi rõ họ tên)", "", "(Ký tên, đóng dấu)"])
    rows.append(["", SIGNERS[0], "", SIGNERS[1]])
    write_xlsx(os.path.abspath(out), [("Số hộ", rows, ["A1:E1", "A2:E2"])])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--list", help="a review list written by povatlas synth")
    ap.add_argument("--year", type=int, help="the review year of --list")
    ap.add_argument("--stats", help="ward_stats.csv written by povatlas synth")
    ap.add_argument("-o", "--output", help="the workbook to write")
    args = ap.parse_args()
    if args.list or args.stats:
        if not args.output or (args.list and not args.year):
            ap.error("--list needs --year and -o; --stats needs -o")
        if args.list:
            office_list(args.list, args.year, args.output)
        else:
            office_stats(args.stats, args.output)
        return
    review_form()
    write_xlsx("review_2023_compiled.xlsx",
               [("Danh sách", compiled_rows(), C_MERGES)])
    write_csv("review_2023_compiled.csv", compiled_rows())
    write_xlsx("review_2023_compiled_bad.xlsx",
               [("Danh sách", compiled_rows(bad=True), C_MERGES)])
    wards_workbook()
    stats_workbook()


if __name__ == "__main__":
    main()
