/*
 * paper.c - page sizes by paper name (ISO A4, A3) for maps meant to be
 * printed: the pixel size of the page at a dpi, so that a briefing map
 * prints edge to edge at its true scale bar. Sets sizes only; drawing
 * adapts to any page through sizes in points.
 */
#include <math.h>
#include <string.h>

#include "render/render_private.h"

typedef struct paper_def {
    const char *name;
    double short_mm, long_mm;
} paper_def;

static const paper_def papers[] = {
    {"A5", 148.0, 210.0},
    {"A4", 210.0, 297.0},
    {"A3", 297.0, 420.0},
    {"A2", 420.0, 594.0},
};

povatlas_status povatlas_map_opts_set_paper(povatlas_map_opts *opts,
                                            const char *paper, int landscape,
                                            double dpi, povatlas_error **err)
{
    if (!(dpi >= 72.0 && dpi <= 1200.0))
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "dpi %g outside 72..1200", dpi);
    for (size_t i = 0; paper != NULL && i < G_N_ELEMENTS(papers); i++) {
        if (g_ascii_strcasecmp(paper, papers[i].name) != 0)
            continue;
        double w = landscape ? papers[i].long_mm : papers[i].short_mm;
        double h = landscape ? papers[i].short_mm : papers[i].long_mm;
        opts->width_px = (int)lround(w / 25.4 * dpi);
        opts->height_px = (int)lround(h / 25.4 * dpi);
        opts->dpi = dpi;
        return POVATLAS_OK;
    }
    return povatlas_error_set(err, POVATLAS_E_USAGE,
                              "unknown paper size '%s' (A5, A4, A3, A2)",
                              paper ? paper : "");
}
