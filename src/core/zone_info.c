/*
 * zone_info.c - the table of the planning zones (zone_info.h): names,
 * words and colours, one row per zone, UNKNOWN first.
 */
#include <string.h>

#include <glib.h>

#include "povatlas/zone_info.h"

static const povatlas_zone_info ZONES[] = {
    {POVATLAS_ZONE_UNKNOWN, "unknown", "chưa rõ", "unknown", "Chưa rõ",
     "Unknown", 0, 0},
    {POVATLAS_ZONE_COASTAL, "coastal", "ven biển", "coastal", "Ven biển",
     "Coastal", 0x1b9e77, 0},
    {POVATLAS_ZONE_PERIURBAN, "periurban", "ven đô", "peri-urban", "Ven đô",
     "Peri-urban", 0xfdae6b, 1},
    {POVATLAS_ZONE_CENTRAL, "central", "nội thị", "central", "Nội thị",
     "Central", 0xbcbddc, 0},
};

const povatlas_zone_info *povatlas_zone_info_of(povatlas_zone z)
{
    return &ZONES[z >= 0 && z <= POVATLAS_ZONE_CENTRAL ? z : 0];
}

const char *povatlas_zone_name(povatlas_zone z)
{
    return povatlas_zone_info_of(z)->name;
}

const char *povatlas_zone_label(povatlas_zone z, const char *lang)
{
    const povatlas_zone_info *i = povatlas_zone_info_of(z);
    return g_strcmp0(lang, "en") == 0 ? i->label_en : i->label_vi;
}

povatlas_zone povatlas_zone_parse(const char *name)
{
    for (int z = POVATLAS_ZONE_COASTAL; name && z <= POVATLAS_ZONE_CENTRAL; z++)
        if (strcmp(name, ZONES[z].name) == 0)
            return (povatlas_zone)z;
    return POVATLAS_ZONE_UNKNOWN;
}
