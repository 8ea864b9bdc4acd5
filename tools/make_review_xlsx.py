#!/usr/bin/env python3
"""Writes tests/fixtures/review_2023.xlsx: a review list laid out like the
official forms (two title rows, a two-row header whose "Các chỉ số thiếu
hụt" cell is merged over the twelve indicators, numbers written 1.900.000,
deprivations marked x). Every household is fictitious. Standard library
only, so the fixture can be regenerated anywhere: python3 tools/make_review_xlsx.py
"""
import os
import zipfile
from xml.sax.saxutils import escape

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
# id, name, ward, members, income (as written), deprived indicators, class
ROWS = [
    ("9001", "Phường Đô Vinh", 4, "1.900.000", [3, 4, 11], "Hộ nghèo"),
    ("9002", "P. Đô Vinh", 2, "1.500.000", [], "Hộ cận nghèo"),
    ("9003", "Xã Thành Hải", 3, 1450000, [6, 7, 8, 9], "Hộ nghèo"),
    ("9004", "thanh hai", 5, "1.450.000", [1], "Hộ cận nghèo"),
]


def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def main():
    strings = []

    def sst(text):
        if text not in strings:
            strings.append(text)
        return strings.index(text)

    rows = [["ỦY BAN NHÂN DÂN THÀNH PHỐ PHAN RANG–THÁP CHÀM"],
            ["DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2023 (DỮ LIỆU GIẢ LẬP)"],
            [], TOP, LOW]
    for n, (hid, ward, members, income, flags, cls) in enumerate(ROWS, 1):
        marks = ["x" if k + 1 in flags else "" for k in range(12)]
        rows.append([n, "22738-" + hid if "Vinh" in ward else "22774-" + hid,
                     "Chủ hộ giả định " + hid, ward, members, income]
                    + marks + [len(flags), cls])
    xml = []
    for r, cells in enumerate(rows, 1):
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
    merges = ["A1:T1", "A2:T2", "G4:R4"] + [f"{col(c)}4:{col(c)}5"
                                            for c in list(range(6)) + [18, 19]]
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/'
             'spreadsheetml/2006/main"><sheetData>' + "".join(xml) +
             '</sheetData><mergeCells count="%d">' % len(merges) +
             "".join(f'<mergeCell ref="{m}"/>' for m in merges) +
             '</mergeCells></worksheet>')
    shared = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
              '2006/main" count="%d" uniqueCount="%d">' % (len(strings),
                                                          len(strings)) +
              "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) +
              "</sst>")
    files = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="'
            'application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"'
            '/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="'
            'application/vnd.openxmlformats-officedocument.spreadsheetml.'
            'worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" '
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
            'officeDocument/2006/relationships"><sheets><sheet name="'
            'Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="'
            'rId2" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '</Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml": shared,
    }
    out = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures",
                       "review_2023.xlsx")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2023, 12, 31, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


if __name__ == "__main__":
    main()
