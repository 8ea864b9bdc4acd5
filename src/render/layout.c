/*
 * layout.c - the record of a rendered map (class colours, placed label
 * boxes, the lon/lat -> pixel transform) that callers and tests query
 * after povatlas_map_render_*(). It owns its PROJ transform so it stays
 * valid after the render call returns.
 */
#include "render/render_private.h"

static void label_box_clear(void *data)
{
    povatlas_label_box *b = data;
    g_free(b->text);
    b->text = NULL;
}

GArray *povatlas_label_box_array_new(void)
{
    GArray *a = g_array_new(FALSE, TRUE, sizeof(povatlas_label_box));
    g_array_set_clear_func(a, label_box_clear);
    return a;
}

povatlas_map_layout *povatlas_map_layout_new(void)
{
    povatlas_map_layout *l = g_new0(povatlas_map_layout, 1);
    l->labels = povatlas_label_box_array_new();
    l->texts = povatlas_label_box_array_new();
    l->dots = g_array_new(FALSE, FALSE, sizeof(povatlas_layout_dot));
    return l;
}

void povatlas_map_layout_free(povatlas_map_layout *layout)
{
    if (layout == NULL)
        return;
    g_array_unref(layout->labels);
    g_array_unref(layout->texts);
    g_array_unref(layout->dots);
    povatlas_render_proj_clear(&layout->proj);
    g_free(layout);
}

size_t povatlas_map_layout_n_labels(const povatlas_map_layout *l)
{
    return l ? l->labels->len : 0;
}

const povatlas_label_box *
povatlas_map_layout_label(const povatlas_map_layout *l, size_t i)
{
    if (l == NULL || i >= l->labels->len)
        return NULL;
    return &g_array_index(l->labels, povatlas_label_box, i);
}

unsigned int povatlas_map_layout_class_rgb(const povatlas_map_layout *l, int i)
{
    if (l == NULL || i < 0 || i >= l->n_classes)
        return 0;
    return l->class_rgb[i];
}

int povatlas_map_layout_n_classes(const povatlas_map_layout *l)
{
    return l ? l->n_classes : 0;
}

int povatlas_map_layout_to_pixel(const povatlas_map_layout *l, double lon,
                                 double lat, double *px, double *py)
{
    if (l == NULL || l->proj.pj == NULL)
        return 0;
    return povatlas_render_proj_to_page(&l->proj, lon, lat, px, py);
}

size_t povatlas_map_layout_n_texts(const povatlas_map_layout *l)
{
    return l ? l->texts->len : 0;
}

const povatlas_label_box *povatlas_map_layout_text(const povatlas_map_layout *l,
                                                   size_t i)
{
    if (l == NULL || i >= l->texts->len)
        return NULL;
    return &g_array_index(l->texts, povatlas_label_box, i);
}

int povatlas_map_layout_from_pixel(const povatlas_map_layout *l, double px,
                                   double py, double *lon, double *lat)
{
    if (l == NULL || l->proj.pj == NULL)
        return 0;
    return povatlas_render_proj_from_page(&l->proj, px, py, lon, lat);
}

void povatlas_map_layout_frame(const povatlas_map_layout *l, double *x,
                               double *y, double *w, double *h)
{
    *x = l ? l->frame_x : 0;
    *y = l ? l->frame_y : 0;
    *w = l ? l->frame_w : 0;
    *h = l ? l->frame_h : 0;
}

void povatlas_map_layout_scalebar(const povatlas_map_layout *l, double *metres,
                                  double *px)
{
    *metres = l ? l->scalebar_m : 0;
    *px = l ? l->scalebar_px : 0;
}

size_t povatlas_map_layout_n_dots(const povatlas_map_layout *l)
{
    return l ? l->dots->len : 0;
}

int povatlas_map_layout_dot(const povatlas_map_layout *l, size_t i, double *lon,
                            double *lat, size_t *feature)
{
    if (l == NULL || i >= l->dots->len)
        return 0;
    const povatlas_layout_dot *d =
        &g_array_index(l->dots, povatlas_layout_dot, i);
    *lon = d->lon;
    *lat = d->lat;
    *feature = d->feature;
    return 1;
}
