/*
 * synthetic_note.c - the one wording of the synthetic-data note that maps,
 * charts, the atlas, reports, exports and the summary carry when the
 * workspace is synthetic.
 */
#include <string.h>

#include "povatlas/core.h"

const char *povatlas_synthetic_note(const char *lang)
{
    if (lang && strcmp(lang, "en") == 0)
        return "SYNTHETIC DATA — not real households";
    return "DỮ LIỆU GIẢ LẬP — không phải số liệu thật";
}
