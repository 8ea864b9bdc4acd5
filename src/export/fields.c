/*
 * fields.c - the ward layer's fields in output order, each with the
 * Vietnamese name an analyst sees in QGIS (gpkg_data_columns and the QML
 * aliases). Unit facts come first, then the indicators of the year.
 * A name longer than a .dbf's 10 characters has a short name of our own
 * for Shapefile (docs/formats.md lists them) instead of GDAL's cut.
 */
#include <glib.h>

#include "export/export_private.h"
#include "povatlas/analysis.h"

const povatlas_export_field povatlas_export_fields[] = {
    {"code", OFTString, "Mã đơn vị hành chính", 0, NULL},
    {"name", OFTString, "Tên phường, xã", 0, NULL},
    {"full_name", OFTString, "Tên đầy đủ", 0, NULL},
    {"unit_type", OFTString, "Loại đơn vị (phường, xã, thị trấn)", 0, NULL},
    {"urban", OFTInteger, "Thành thị (1 = có, 0 = không)", 0, NULL},
    {"zone", OFTString, "Vùng (ven biển, ven đô, trung tâm)", 0, NULL},
    {"year", OFTInteger, "Năm rà soát", 0, NULL},
    {POVATLAS_IND_HOUSEHOLDS, OFTInteger64, "Tổng số hộ", 1, NULL},
    {POVATLAS_IND_POOR, OFTInteger64, "Số hộ nghèo", 1, NULL},
    {POVATLAS_IND_NEAR_POOR, OFTInteger64, "Số hộ cận nghèo", 1, NULL},
    {POVATLAS_IND_POOR_RATE, OFTReal, "Tỷ lệ hộ nghèo (%)", 1, NULL},
    {POVATLAS_IND_NEAR_POOR_RATE, OFTReal, "Tỷ lệ hộ cận nghèo (%)", 1,
     "np_rate"},
    {POVATLAS_IND_POOR_NEAR_POOR_RATE, OFTReal,
     "Tỷ lệ hộ nghèo và cận nghèo (%)", 1, "pnp_rate"},
    {POVATLAS_IND_AREA_KM2, OFTReal, "Diện tích (km²)", 1, NULL},
    {POVATLAS_IND_POOR_PER_KM2, OFTReal, "Mật độ hộ nghèo (hộ/km²)", 1,
     "poor_km2"},
    {POVATLAS_IND_NEAR_POOR_PER_KM2, OFTReal, "Mật độ hộ cận nghèo (hộ/km²)", 1,
     "np_km2"},
    {POVATLAS_IND_POPULATION, OFTInteger64, "Dân số (người)", 1, NULL},
    {POVATLAS_IND_PEOPLE_PER_KM2, OFTReal, "Mật độ dân số (người/km²)", 1,
     "pop_km2"},
    /* spatial analysis (issue 5): written by povatlas analyze and the
     * coverage / priority commands; NULL where not computed */
    {"eb_rate", OFTReal, "Tỷ lệ hộ nghèo làm trơn Bayes (%)", 1, NULL},
    {"lisa_category", OFTInteger,
     "Cụm LISA (0 không ý nghĩa, 1 cao-cao, 2 thấp-thấp, 3 thấp-cao, "
     "4 cao-thấp)",
     1, "lisa_cat"},
    {"lisa_p", OFTReal, "LISA: giá trị p (hoán vị)", 1, NULL},
    {"gistar_z", OFTReal, "Getis-Ord Gi* (z)", 1, NULL},
    {"coverage", OFTReal, "Độ bao phủ chương trình (%)", 1, NULL},
    {"coverage_gap", OFTInteger, "Thiếu bao phủ (1 = có)", 1, "cov_gap"},
    {"priority_rank", OFTInteger, "Thứ tự ưu tiên", 1, "prio_rank"},
    {"priority_index", OFTReal, "Chỉ số ưu tiên", 1, "prio_index"},
};

const size_t povatlas_export_n_fields = G_N_ELEMENTS(povatlas_export_fields);
