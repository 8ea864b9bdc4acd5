/*
 * holdings.c - what each input of a review year is called and which
 * reports and maps are left blank (NULL, "–", unfilled) or refused when it
 * is missing: the words of `povatlas status`. The counts come from the
 * store (src/store/holdings.c).
 */
#include <glib.h>

#include "povatlas/holdings.h"
#include "povatlas/reports.h"

static const struct {
    const char *label_vi, *label_en, *blanks_vi, *blanks_en;
} TEXT[POVATLAS_HOLDING_N] = {
    [POVATLAS_HOLDING_UNITS] = {"Đơn vị hành chính có hiệu lực",
                                "Units in force",
                                "mọi báo cáo, bản đồ và tệp xuất của năm",
                                "every report, map and export of the year"},
    [POVATLAS_HOLDING_BOUNDARIES] =
        {"Ranh giới", "Boundaries",
         "bản đồ và atlas (phường, xã không ranh giới không được vẽ), diện "
         "tích, mật độ, thống kê không gian (LISA, Moran), vùng tự xác định, "
         "hình trong tệp xuất",
         "maps and the atlas (wards without a boundary are not drawn), "
         "areas, densities, spatial statistics (LISA, Moran), derived "
         "zones, geometry in exports"},
    [POVATLAS_HOLDING_WARD_TOTALS] =
        {"Tổng số hộ theo phường, xã", "Ward totals (households)",
         "mọi tỷ lệ (mẫu số): summary, targets, gaps, series, priority, "
         "bản đồ tỷ lệ và bản đồ thay đổi, atlas, tỷ lệ trong tệp xuất",
         "every rate (its denominator): summary, targets, gaps, series, "
         "priority, rate and change maps, the atlas, rates in exports"},
    [POVATLAS_HOLDING_LIST] =
        {"Danh sách rà soát", "Review list",
         "số hộ nghèo, cận nghèo và tỷ lệ: summary, targets, transitions "
         "từ/đến năm này, gaps, series, priority, coverage, review, "
         "breakdown, bản đồ tỷ lệ và bản đồ thay đổi, atlas và trang từng "
         "phường, số hộ nghèo trong tệp xuất",
         "poor and near-poor counts and rates: summary, targets, "
         "transitions from or to this year, gaps, series, priority, "
         "coverage, review, breakdown, rate and change maps, the atlas and "
         "its ward pages, poor counts in exports"},
    [POVATLAS_HOLDING_EXITS] =
        {"Lý do ra khỏi danh sách", "Exits (why households left)",
         "transitions: hộ thoát nghèo không rõ lý do (\"không ghi nhận\")",
         "transitions: households that left are \"not recorded\" as to why"},
    [POVATLAS_HOLDING_PROGRAMMES] =
        {"Chương trình, chính sách", "Programmes",
         "coverage, thành phần coverage gap của priority, bản đồ bivariate",
         "coverage, the coverage-gap part of priority, the bivariate map"},
    [POVATLAS_HOLDING_ACTIVITIES] =
        {"Hoạt động của chương trình", "Programme activities",
         "coverage, thành phần coverage gap của priority, chỉ tiêu xây mới "
         "nhà ở, bản đồ bivariate",
         "coverage, the coverage-gap part of priority, the new-houses "
         "target, the bivariate map"},
    [POVATLAS_HOLDING_TARGETS] =
        {"Chỉ tiêu kế hoạch", "Plan targets",
         "targets, phần chỉ tiêu của summary và trang bìa atlas",
         "targets, the targets part of summary and of the atlas cover"},
    [POVATLAS_HOLDING_CONTEXT] =
        {"Lớp nền bản đồ (biển, đất liền)", "Map context (sea, land)",
         "bản đồ và atlas không có nền biển, đất liền",
         "maps and the atlas have no sea or land around the wards"},
};

const char *povatlas_holding_label(povatlas_holding h, const char *lang)
{
    if ((int)h < 0 || h >= POVATLAS_HOLDING_N)
        return "";
    return g_strcmp0(lang, "en") == 0 ? TEXT[h].label_en : TEXT[h].label_vi;
}

const char *povatlas_holding_blanks(povatlas_holding h, const char *lang)
{
    if ((int)h < 0 || h >= POVATLAS_HOLDING_N)
        return "";
    return g_strcmp0(lang, "en") == 0 ? TEXT[h].blanks_en : TEXT[h].blanks_vi;
}
