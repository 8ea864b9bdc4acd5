/*
 * lists.c - writes one year's review list (households_YYYY.csv) in the
 * column layout of the commune review summaries: Vietnamese headers, one
 * row per poor or near-poor household, UTF-8 without BOM. Rows follow the
 * dataset order (unit, then household number); STT numbers them.
 */
#include <errno.h>
#include <string.h>

#include "povatlas/core.h"
#include "synth/synth_private.h"

static const char list_header[] =
    "STT,Mã hộ,Mã đơn vị,Tên đơn vị,Năm rà soát,Họ và tên chủ hộ,"
    "Số nhân khẩu,Thu nhập bình quân đầu người/tháng,TH01 Việc làm,"
    "TH02 Người phụ thuộc,TH03 Dinh dưỡng,TH04 Bảo hiểm y tế,"
    "TH05 Trình độ giáo dục người lớn,TH06 Tình trạng đi học trẻ em,"
    "TH07 Chất lượng nhà ở,TH08 Diện tích nhà ở,TH09 Nguồn nước sinh hoạt,"
    "TH10 Nhà tiêu hợp vệ sinh,TH11 Dịch vụ viễn thông,"
    "TH12 Tiếp cận thông tin,Tổng số chỉ số thiếu hụt,Phân loại hộ,"
    "Dân tộc thiểu số,Có người có công,Không có khả năng lao động\n";

static void format_row(GString *line, const synth_units *units,
                       const synth_hh *h, size_t stt, int year)
{
    g_autofree char *id = povatlas_synth_hh_row_start(line, units, h, stt);
    /* A placeholder that can never pass for a person's name. */
    g_string_append_printf(line, ",%d,Chủ hộ giả định %s,%d,%" G_GINT64_FORMAT,
                           year, id, h->members, h->income);
    for (int k = 0; k < SYNTH_N_FLAGS; k++)
        g_string_append_printf(line, ",%d", (h->flags >> k) & 1);
    g_string_append_printf(
        line, ",%d,%s,%d,%d,%d\n", povatlas_synth_flag_count(h->flags),
        h->status == SYNTH_POOR ? "Hộ nghèo" : "Hộ cận nghèo", h->minority,
        h->merit, h->no_labour);
}

static povatlas_status list_rows(FILE *fp, void *data)
{
    const synth_job *j = data;
    const GArray *hh = j->ds->hh[j->y];
    g_autoptr(GString) line = g_string_sized_new(256);
    if (fputs(list_header, fp) == EOF)
        return POVATLAS_E_IO;
    for (size_t i = 0; i < hh->len; i++) {
        format_row(line, j->units, &g_array_index(hh, synth_hh, i), i + 1,
                   SYNTH_YEAR0 + j->y);
        if (fwrite(line->str, 1, line->len, fp) != line->len)
            return POVATLAS_E_IO;
    }
    return POVATLAS_OK;
}

povatlas_status povatlas_synth_write_list(const synth_units *units,
                                          const synth_dataset *ds, int y,
                                          const char *path,
                                          povatlas_error **err)
{
    synth_job j = {units, ds, y, 0};
    return povatlas_synth_write_file(path, list_rows, &j, err);
}
