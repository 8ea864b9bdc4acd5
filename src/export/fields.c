/*
 * fields.c - the ward layer's fields in output order, each with the
 * Vietnamese name an analyst sees in QGIS (gpkg_data_columns and the QML
 * aliases). Unit facts come first, then the indicators of the year.
 */
#include <glib.h>

#include "export/export_private.h"
#include "povatlas/analysis.h"

const povatlas_export_field povatlas_export_fields[] = {
    {"code", OFTString, "Mã đơn vị hành chính", 0},
    {"name", OFTString, "Tên phường, xã", 0},
    {"full_name", OFTString, "Tên đầy đủ", 0},
    {"unit_type", OFTString, "Loại đơn vị (phường, xã, thị trấn)", 0},
    {"urban", OFTInteger, "Thành thị (1 = có, 0 = không)", 0},
    {"zone", OFTString, "Vùng (ven biển, ven đô, trung tâm)", 0},
    {"year", OFTInteger, "Năm rà soát", 0},
    {POVATLAS_IND_HOUSEHOLDS, OFTInteger64, "Tổng số hộ", 1},
    {POVATLAS_IND_POOR, OFTInteger64, "Số hộ nghèo", 1},
    {POVATLAS_IND_NEAR_POOR, OFTInteger64, "Số hộ cận nghèo", 1},
    {POVATLAS_IND_POOR_RATE, OFTReal, "Tỷ lệ hộ nghèo (%)", 1},
    {POVATLAS_IND_NEAR_POOR_RATE, OFTReal, "Tỷ lệ hộ cận nghèo (%)", 1},
    {POVATLAS_IND_POOR_NEAR_POOR_RATE, OFTReal,
     "Tỷ lệ hộ nghèo và cận nghèo (%)", 1},
    {POVATLAS_IND_AREA_KM2, OFTReal, "Diện tích (km²)", 1},
    {POVATLAS_IND_POOR_PER_KM2, OFTReal, "Mật độ hộ nghèo (hộ/km²)", 1},
    {POVATLAS_IND_NEAR_POOR_PER_KM2, OFTReal, "Mật độ hộ cận nghèo (hộ/km²)",
     1},
    {POVATLAS_IND_POPULATION, OFTInteger64, "Dân số (người)", 1},
    {POVATLAS_IND_PEOPLE_PER_KM2, OFTReal, "Mật độ dân số (người/km²)", 1},
    /* spatial analysis (issue 5): written by povatlas analyze and the
     * coverage / priority commands; NULL where not computed */
    {"eb_rate", OFTReal, "Tỷ lệ hộ nghèo làm trơn Bayes (%)", 1},
    {"lisa_category", OFTInteger,
     "Cụm LISA (0 không ý nghĩa, 1 cao-cao, 2 thấp-thấp, 3 thấp-cao, "
     "4 cao-thấp)",
     1},
    {"lisa_p", OFTReal, "LISA: giá trị p (hoán vị)", 1},
    {"gistar_z", OFTReal, "Getis-Ord Gi* (z)", 1},
    {"coverage", OFTReal, "Độ bao phủ chương trình (%)", 1},
    {"coverage_gap", OFTInteger, "Thiếu bao phủ (1 = có)", 1},
    {"priority_rank", OFTInteger, "Thứ tự ưu tiên", 1},
    {"priority_index", OFTReal, "Chỉ số ưu tiên", 1},
};

const size_t povatlas_export_n_fields = G_N_ELEMENTS(povatlas_export_fields);
