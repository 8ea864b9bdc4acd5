/*
 * surface.c - the output file: a cairo image (PNG), SVG or PDF surface
 * chosen by the path's extension, drawn in page pixels and written under
 * a temporary name that is renamed over the path only when complete.
 * cairo writes through a stream callback into core's tempfile rather than
 * to a file name of its own, so that every failed write is seen: cairo
 * 1.16's stdio output does not report a failed close, which renamed
 * truncated PDFs into place on a full disk.
 *
 * Determinism: PNG and SVG carry no time stamps; cairo 1.16 writes the
 * current time as the PDF CreationDate unless it is set, so it is set to
 * an empty value (an empty date is left out of the document info). Its SVG
 * surface names groups after a process-wide surface counter
 * (id="surface388"), so those ids are renumbered in order of appearance.
 */
#include <errno.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "core/fault.h"
#include "render/render_private.h"

static int format_of(const char *path, povatlas_render_format *out)
{
    const char *dot = strrchr(path, '.');
    if (dot == NULL)
        return 0;
    if (g_ascii_strcasecmp(dot, ".png") == 0)
        *out = POVATLAS_RENDER_PNG;
    else if (g_ascii_strcasecmp(dot, ".svg") == 0)
        *out = POVATLAS_RENDER_SVG;
    else if (g_ascii_strcasecmp(dot, ".pdf") == 0)
        *out = POVATLAS_RENDER_PDF;
    else
        return 0;
    return 1;
}

/* cairo's write callbacks: the file (PDF, PNG) or, for SVG, memory first
 * (its ids are renumbered before the file is written). */
static cairo_status_t write_file(void *closure, const unsigned char *data,
                                 unsigned int length)
{
    povatlas_render_target *t = closure;
    if (povatlas_fault_hit(POVATLAS_FAULT_CAIRO_WRITE)) {
        t->tf.write_errno = EIO; /* recorded as a failed write(2) is */
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return povatlas_tempfile_write(&t->tf, data, length)
               ? CAIRO_STATUS_SUCCESS
               : CAIRO_STATUS_WRITE_ERROR;
}

static cairo_status_t write_svg(void *closure, const unsigned char *data,
                                unsigned int length)
{
    povatlas_render_target *t = closure;
    g_string_append_len(t->svg, (const char *)data, length);
    return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *create_surface(povatlas_render_target *t, int w, int h,
                                       double dpi)
{
    double pt_w = w * 72.0 / dpi, pt_h = h * 72.0 / dpi;
    switch (t->format) {
    case POVATLAS_RENDER_SVG: {
        t->svg = g_string_new(NULL);
        cairo_surface_t *s =
            cairo_svg_surface_create_for_stream(write_svg, t, pt_w, pt_h);
        cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
        cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PT);
        return s;
    }
    case POVATLAS_RENDER_PDF: {
        cairo_surface_t *s =
            cairo_pdf_surface_create_for_stream(write_file, t, pt_w, pt_h);
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "");
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
                                       "povatlas");
        return s;
    }
    case POVATLAS_RENDER_PNG:
    default:
        return cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    }
}

povatlas_status povatlas_render_target_open(povatlas_render_target *t,
                                            const char *path, int width_px,
                                            int height_px, double dpi,
                                            povatlas_error **err)
{
    memset(t, 0, sizeof(*t));
    if (path == NULL || !format_of(path, &t->format))
        return povatlas_error_set_at(
            err, POVATLAS_E_USAGE, path, 0, NULL,
            "unknown map format (want .png, .svg or .pdf)");
    povatlas_status st = povatlas_tempfile_begin(&t->tf, path, err);
    if (st != POVATLAS_OK)
        return st;
    t->open = 1;
    t->surface = create_surface(t, width_px, height_px, dpi);
    if (cairo_surface_status(t->surface) != CAIRO_STATUS_SUCCESS) {
        st = povatlas_error_set_at(
            err, POVATLAS_E_IO, path, 0, NULL, "cannot create map: %s",
            cairo_status_to_string(cairo_surface_status(t->surface)));
        povatlas_render_target_abort(t);
        return st;
    }
    t->cr = cairo_create(t->surface);
    if (t->format != POVATLAS_RENDER_PNG)
        cairo_scale(t->cr, 72.0 / dpi, 72.0 / dpi);
    return POVATLAS_OK;
}

typedef struct id_map {
    GHashTable *seen; /* old id -> new number */
} id_map;

static gboolean renumber_cb(const GMatchInfo *mi, GString *out, gpointer data)
{
    id_map *m = data;
    g_autofree char *old = g_match_info_fetch(mi, 0);
    gpointer n = g_hash_table_lookup(m->seen, old);
    if (n == NULL) {
        n = GUINT_TO_POINTER(g_hash_table_size(m->seen) + 1);
        g_hash_table_insert(m->seen, g_strdup(old), n);
    }
    g_string_append_printf(out, "surface%u", GPOINTER_TO_UINT(n));
    return FALSE;
}

/* Renumbers the surface ids of the SVG text and writes it to the file. */
static cairo_status_t svg_write(povatlas_render_target *t)
{
    g_autoptr(GRegex) re = g_regex_new("\\bsurface[0-9]+\\b", 0, 0, NULL);
    id_map m = {g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
    g_autofree char *fixed = g_regex_replace_eval(
        re, t->svg->str, (gssize)t->svg->len, 0, 0, renumber_cb, &m, NULL);
    g_hash_table_unref(m.seen);
    if (fixed == NULL)
        return CAIRO_STATUS_NO_MEMORY;
    return povatlas_tempfile_write(&t->tf, fixed, strlen(fixed))
               ? CAIRO_STATUS_SUCCESS
               : CAIRO_STATUS_WRITE_ERROR;
}

static cairo_status_t finish(povatlas_render_target *t)
{
    /* no context when the surface could not be made (open's error path) */
    cairo_status_t cs =
        t->cr ? cairo_status(t->cr) : cairo_surface_status(t->surface);
    if (t->cr)
        cairo_destroy(g_steal_pointer(&t->cr));
    if (cs == CAIRO_STATUS_SUCCESS && t->format == POVATLAS_RENDER_PNG)
        cs = cairo_surface_write_to_png_stream(t->surface, write_file, t);
    /* PDF and SVG write their last objects (fonts, xref) here */
    cairo_surface_finish(t->surface);
    if (cs == CAIRO_STATUS_SUCCESS)
        cs = cairo_surface_status(t->surface);
    cairo_surface_destroy(t->surface);
    t->surface = NULL;
    if (cs == CAIRO_STATUS_SUCCESS && t->format == POVATLAS_RENDER_SVG)
        cs = svg_write(t);
    if (t->svg)
        g_string_free(g_steal_pointer(&t->svg), TRUE);
    return cs;
}

/* The error of an output that could not be written: a failed write says
 * why (the disk is full), cairo only that. */
static povatlas_status write_failed(povatlas_render_target *t,
                                    cairo_status_t cs, povatlas_error **err)
{
    return povatlas_error_set_at(err, POVATLAS_E_IO, t->tf.final_path, 0, NULL,
                                 "cannot write the output: %s",
                                 t->tf.write_errno
                                     ? g_strerror(t->tf.write_errno)
                                     : cairo_status_to_string(cs));
}

povatlas_status povatlas_render_target_check(povatlas_render_target *t,
                                             povatlas_error **err)
{
    cairo_status_t cs = t->cr ? cairo_status(t->cr) : CAIRO_STATUS_SUCCESS;
    if (cs == CAIRO_STATUS_SUCCESS && t->surface)
        cs = cairo_surface_status(t->surface);
    if (cs == CAIRO_STATUS_SUCCESS && t->tf.write_errno)
        cs = CAIRO_STATUS_WRITE_ERROR;
    return cs == CAIRO_STATUS_SUCCESS ? POVATLAS_OK : write_failed(t, cs, err);
}

povatlas_status povatlas_render_target_commit(povatlas_render_target *t,
                                              povatlas_error **err)
{
    cairo_status_t cs = finish(t);
    if (cs != CAIRO_STATUS_SUCCESS) {
        povatlas_status st = write_failed(t, cs, err);
        povatlas_render_target_abort(t);
        return st;
    }
    t->open = 0;
    return povatlas_tempfile_commit(&t->tf, err);
}

void povatlas_render_target_abort(povatlas_render_target *t)
{
    if (t->cr != NULL || t->surface != NULL)
        finish(t);
    if (t->open)
        povatlas_tempfile_abort(&t->tf);
    t->open = 0;
}
