/*
 * map_classing.c - the classes of a workspace map as data: the units of a
 * year with the class each is drawn in, and every class's colour, fill and
 * legend text, taken from the same per-type classing the drawn maps use
 * (map_types.c), so that an HTML map filled from them matches the PNG.
 */
#include <string.h>

#include "render/render_private.h"

void povatlas_map_classing_free(povatlas_map_classing *c)
{
    if (c == NULL)
        return;
    g_strfreev(c->codes);
    g_free(c->unit_class);
    for (int i = 0; c->classes && i <= c->n_classes; i++)
        g_free(c->classes[i].label);
    g_free(c->classes);
    g_free(c->title);
    g_free(c->legend_title);
    g_free(c->legend_note);
    g_free(c->source_note);
    g_free(c->boundary_note);
    g_free(c);
}

/* The job's classes, then the hatched "no data" class the renderer adds. */
static povatlas_map_classing *from_job(povatlas_maps_job *j,
                                       unsigned int nodata_rgb)
{
    povatlas_map_classing *c = g_new0(povatlas_map_classing, 1);
    size_t n = j->t->units->n;
    c->n = n;
    c->codes = g_new0(char *, n + 1);
    c->unit_class = g_new0(int, n + 1);
    for (size_t i = 0; i < n; i++) {
        c->codes[i] = g_strdup(j->t->units->rows[i].code);
        c->unit_class[i] = j->cls[i];
    }
    c->n_classes = j->n_classes;
    c->classes = g_new0(povatlas_map_class_data, (size_t)j->n_classes + 1);
    for (int k = 0; k < j->n_classes; k++)
        c->classes[k] = (povatlas_map_class_data){
            j->classes[k].rgb, (int)j->classes[k].fill,
            g_strdup(j->classes[k].label)};
    c->classes[j->n_classes] = (povatlas_map_class_data){
        nodata_rgb, POVATLAS_FILL_HATCHED,
        g_strdup(j->en ? "No data" : "Không có số liệu")};
    c->title = g_strdup(j->title_what ? j->title_what : "");
    c->legend_title = g_strdup(j->legend_title ? j->legend_title : "");
    c->legend_note = g_strdup(j->legend_note);
    povatlas_map_opts mo;
    povatlas_maps_render_opts(j, &mo); /* the texts the drawn map has */
    c->source_note = g_strdup(mo.source_note);
    c->boundary_note = g_strdup(mo.boundary_note);
    return c;
}

povatlas_map_classing *
povatlas_map_classing_new(povatlas_workspace *ws,
                          const povatlas_indicator_map_opts *opts,
                          povatlas_error **err)
{
    povatlas_indicator_map_opts o;
    povatlas_indicator_map_opts_init(&o);
    if (opts)
        o = *opts;
    if (o.type != POVATLAS_MAP_CHOROPLETH && o.type != POVATLAS_MAP_CHANGE) {
        povatlas_error_set(err, POVATLAS_E_USAGE,
                           "only choropleth and change maps have classes "
                           "as data");
        return NULL;
    }
    povatlas_maps_job j = {0};
    j.ws = ws;
    j.o = &o;
    j.year = o.year;
    j.en = g_strcmp0(o.lang, "en") == 0;
    povatlas_status st =
        j.year ? POVATLAS_OK : povatlas_workspace_latest_year(ws, &j.year, err);
    if (!st && j.year <= 0)
        st = povatlas_workspace_require(ws, 0, 0, err);
    if (!st)
        st = povatlas_maps_classify(&j, err);
    povatlas_render_style style = {0};
    if (!st)
        st = povatlas_render_style_load(&style, o.style_path, NULL, 1, err);
    povatlas_map_classing *c = st ? NULL : from_job(&j, style.nodata_rgb);
    if (!st)
        povatlas_render_style_clear(&style);
    povatlas_maps_job_clear(&j);
    return c;
}
