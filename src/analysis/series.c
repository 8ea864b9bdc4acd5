/*
 * series.c - a time series of counts re-aggregated to the units in force on
 * one day (docs/domain-rules.md §6.3): each review year's unit counts are
 * carried along the crosswalk, link by link, to the target units, summed there,
 * and the rates recomputed from the sums (§6.1). The workspace is read through
 * the store (povatlas_workspace_counts, _units, _links); nothing is written
 * back.
 */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "povatlas/core.h"
#include "povatlas/series.h"

#define PPM 1000000
/* The crosswalk is a chain of a few changes; a longer walk means a cycle. */
#define MAX_DEPTH 32

void povatlas_series_opts_init(povatlas_series_opts *opts)
{
    opts->units_on = "2025-07-01";
    opts->year_from = 0;
    opts->year_to = 0;
}

int64_t povatlas_series_allocate(int64_t count, int64_t share_ppm)
{
    /* round half up of count * share_ppm / PPM, as for rates (§6.1) */
    return (2 * count * share_ppm + PPM) / (2 * PPM);
}

/* A share in millionths; an unpublished share carries everything. */
static int64_t share_ppm(double share)
{
    return isnan(share) ? PPM : (int64_t)llround(share * PPM);
}

static int is_iso_date(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !g_ascii_isdigit(s[i]))
            return 0;
    int y = (int)g_ascii_strtoll(s, NULL, 10);
    int m = (int)g_ascii_strtoll(s + 5, NULL, 10);
    int d = (int)g_ascii_strtoll(s + 8, NULL, 10);
    return m >= 1 && m <= 12 && y >= 1 &&
           g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y);
}

static int covers(const povatlas_unit_row *u, const char *day)
{
    return strcmp(u->valid_from, day) <= 0 &&
           (!u->valid_to || strcmp(u->valid_to, day) >= 0);
}

/* Everything the walk needs, for one series. */
typedef struct walker {
    povatlas_unit_list *units; /* owned */
    const povatlas_link_list *links;
    povatlas_series *s;
    size_t *target_of;       /* per unit row: index + 1 in s->units, or 0 */
    GPtrArray **sources;     /* per target unit: "code name" (owned) */
    gboolean *link_used;     /* per link */
    gboolean **hh_unknown;   /* per target unit and year */
    gboolean **list_unknown; /* per target unit and year: no review list */
} walker;

static const povatlas_unit_row *find_period(const walker *w, const char *code,
                                            const char *valid_from,
                                            size_t *index)
{
    for (size_t i = 0; i < w->units->n; i++) {
        const povatlas_unit_row *u = &w->units->rows[i];
        if (strcmp(u->code, code) == 0 &&
            strcmp(u->valid_from, valid_from) == 0) {
            *index = i;
            return u;
        }
    }
    return NULL;
}

static const povatlas_unit_row *period_on(const walker *w, const char *code,
                                          const char *day)
{
    for (size_t i = 0; i < w->units->n; i++)
        if (strcmp(w->units->rows[i].code, code) == 0 &&
            covers(&w->units->rows[i], day))
            return &w->units->rows[i];
    return NULL;
}

static void note_source(walker *w, size_t t, const povatlas_unit_row *src)
{
    g_autofree char *label = g_strdup_printf("%s %s", src->code, src->name);
    GPtrArray *a = w->sources[t];
    for (guint i = 0; i < a->len; i++)
        if (strcmp(g_ptr_array_index(a, i), label) == 0)
            return;
    g_ptr_array_add(a, g_steal_pointer(&label));
}

static void add_point(walker *w, size_t t, size_t yi,
                      const povatlas_unit_counts *c, int64_t ppm)
{
    povatlas_series_point *p = &w->s->units[t].points[yi];
    if (c->households < 0)
        w->hh_unknown[t][yi] = TRUE;
    else
        p->households += povatlas_series_allocate(c->households, ppm);
    if (!c->has_list) { /* unknown, never 0 */
        w->list_unknown[t][yi] = TRUE;
        return;
    }
    p->poor += povatlas_series_allocate(c->poor, ppm);
    p->near_poor += povatlas_series_allocate(c->near_poor, ppm);
}

/* Carries @c from the period (code, valid_from) to the target units.
 * Returns FALSE when some of it reaches no target. */
static gboolean walk(walker *w, const char *code, const char *valid_from,
                     int64_t ppm, size_t yi, const povatlas_unit_counts *c,
                     const povatlas_unit_row *src, int depth)
{
    size_t ui;
    if (depth > MAX_DEPTH || !find_period(w, code, valid_from, &ui))
        return FALSE;
    if (w->target_of[ui]) {
        add_point(w, w->target_of[ui] - 1, yi, c, ppm);
        note_source(w, w->target_of[ui] - 1, src);
        return TRUE;
    }
    gboolean any = FALSE, ok = TRUE;
    for (size_t i = 0; i < w->links->n; i++) {
        const povatlas_link_row *l = &w->links->rows[i];
        if (strcmp(l->old_code, code) != 0 ||
            strcmp(l->old_valid_from, valid_from) != 0)
            continue;
        any = TRUE;
        w->link_used[i] = TRUE;
        int64_t next = (2 * ppm * share_ppm(l->share) + PPM) / (2 * PPM);
        ok &= walk(w, l->new_code, l->new_valid_from, next, yi, c, src,
                   depth + 1);
    }
    return any && ok;
}

/* Counts of a unit with no path (or only part of a path) to the target
 * units: listed so that totals that do not add up are explained. */
static void add_orphan(GArray *orphans, const povatlas_unit_counts *c)
{
    povatlas_series_orphan o = {g_strdup(c->code), c->year, c->poor,
                                c->near_poor};
    g_array_append_val(orphans, o);
}

static povatlas_status walk_year(walker *w, povatlas_workspace *ws, size_t yi,
                                 GArray *orphans, povatlas_error **err)
{
    int year = w->s->years[yi];
    povatlas_error *why = NULL;
    povatlas_counts_list *counts = povatlas_workspace_counts(ws, year, &why);
    if (!counts)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    g_autofree char *day = g_strdup_printf("%04d-12-31", year);
    for (size_t i = 0; i < counts->n; i++) {
        const povatlas_unit_counts *c = &counts->rows[i];
        const povatlas_unit_row *src = period_on(w, c->code, day);
        if (!src || !walk(w, src->code, src->valid_from, PPM, yi, c, src, 0))
            add_orphan(orphans, c);
    }
    povatlas_counts_list_free(counts);
    return POVATLAS_OK;
}

/* The review years of the workspace between @from and @to (0: open). */
static povatlas_status pick_years(povatlas_workspace *ws, int from, int to,
                                  povatlas_series *s, povatlas_error **err)
{
    povatlas_error *why = NULL;
    g_autofree int *all = povatlas_workspace_years(ws, &why);
    if (!all)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    GArray *years = g_array_new(FALSE, FALSE, sizeof(int));
    for (int *y = all; *y; y++)
        if ((!from || *y >= from) && (!to || *y <= to))
            g_array_append_val(years, *y);
    s->n_years = years->len;
    s->years = (int *)g_array_free(years, FALSE);
    if (s->n_years == 0 && !*all)
        return povatlas_workspace_require(ws, 0, 0, err);
    if (s->n_years == 0 && from && to)
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "no review year between %d and %d", from, to);
    if (s->n_years == 0)
        return povatlas_error_set(err, POVATLAS_E_USAGE, "no review year %s %d",
                                  from ? "from" : "up to", from ? from : to);
    return POVATLAS_OK;
}

/* The units in force on @s->units_on become the series' units. */
static povatlas_status pick_targets(walker *w, povatlas_error **err)
{
    povatlas_series *s = w->s;
    GArray *units = g_array_new(FALSE, TRUE, sizeof(povatlas_series_unit));
    for (size_t i = 0; i < w->units->n; i++) {
        const povatlas_unit_row *u = &w->units->rows[i];
        if (!covers(u, s->units_on))
            continue;
        povatlas_series_unit t = {g_strdup(u->code),
                                  g_strdup(u->name),
                                  g_strdup(u->valid_from),
                                  u->urban,
                                  g_new0(povatlas_series_point, s->n_years),
                                  NULL};
        g_array_append_val(units, t);
        w->target_of[i] = units->len;
    }
    s->n_units = units->len;
    s->units = (povatlas_series_unit *)g_array_free(units, FALSE);
    if (s->n_units == 0)
        return povatlas_error_set(err, POVATLAS_E_INPUT,
                                  "no unit in force on '%s'", s->units_on);
    w->sources = g_new0(GPtrArray *, s->n_units);
    w->hh_unknown = g_new0(gboolean *, s->n_units);
    w->list_unknown = g_new0(gboolean *, s->n_units);
    for (size_t t = 0; t < s->n_units; t++) {
        w->sources[t] = g_ptr_array_new_with_free_func(g_free);
        w->hh_unknown[t] = g_new0(gboolean, s->n_years);
        w->list_unknown[t] = g_new0(gboolean, s->n_years);
    }
    return POVATLAS_OK;
}

static void set_rates(povatlas_series_point *p)
{
    p->rates_ok =
        povatlas_rate_hundredths(p->poor, p->households, &p->poor_h) &&
        povatlas_rate_hundredths(p->near_poor, p->households,
                                 &p->near_poor_h) &&
        povatlas_rate_hundredths(p->poor + p->near_poor, p->households,
                                 &p->both_h);
}

/* Rates from the summed counts (never averaged, §6.1), and the total. */
static void finish_points(walker *w)
{
    povatlas_series *s = w->s;
    s->total = g_new0(povatlas_series_point, s->n_years);
    for (size_t yi = 0; yi < s->n_years; yi++) {
        povatlas_series_point *tot = &s->total[yi];
        tot->year = s->years[yi];
        gboolean unknown = FALSE, no_list = FALSE;
        for (size_t t = 0; t < s->n_units; t++) {
            povatlas_series_point *p = &s->units[t].points[yi];
            p->year = s->years[yi];
            if (w->hh_unknown[t][yi])
                p->households = -1;
            if (w->list_unknown[t][yi])
                p->poor = p->near_poor = -1;
            unknown |= p->households < 0;
            no_list |= p->poor < 0;
            tot->households += p->households < 0 ? 0 : p->households;
            tot->poor += p->poor < 0 ? 0 : p->poor;
            tot->near_poor += p->near_poor < 0 ? 0 : p->near_poor;
            set_rates(p);
        }
        if (unknown)
            tot->households = -1;
        if (no_list)
            tot->poor = tot->near_poor = -1;
        set_rates(tot);
    }
    for (size_t t = 0; t < s->n_units; t++) {
        g_ptr_array_add(w->sources[t], NULL);
        s->units[t].sources = g_strjoinv(", ", (char **)w->sources[t]->pdata);
    }
}

/* How many used links of the same change carry @note. */
static int note_shared(const walker *w, const povatlas_link_row *l)
{
    int n = 0;
    for (size_t i = 0; i < w->links->n; i++) {
        const povatlas_link_row *o = &w->links->rows[i];
        if (w->link_used[i] && strcmp(o->valid_on, l->valid_on) == 0 &&
            g_strcmp0(o->note, l->note) == 0)
            n++;
    }
    return n;
}

/* Splits: a share other than 1, an unpublished share, or a note of the
 * link's own (Đông Hải: share 1, but part went to xã Phước Dinh). Bases:
 * the note the links of one change share, said once. */
static void finish_links(walker *w)
{
    povatlas_series *s = w->s;
    GArray *splits = g_array_new(FALSE, TRUE, sizeof(povatlas_series_split));
    GPtrArray *bases = g_ptr_array_new();
    for (size_t i = 0; i < w->links->n; i++) {
        const povatlas_link_row *l = &w->links->rows[i];
        if (!w->link_used[i])
            continue;
        int shared = note_shared(w, l);
        if (isnan(l->share) || share_ppm(l->share) != PPM ||
            (l->note && shared == 1)) {
            povatlas_series_split sp = {l};
            g_array_append_val(splits, sp);
        }
        if (l->note && shared > 1) {
            char *b = g_strdup_printf("%s: %s", l->valid_on, l->note);
            gboolean seen = FALSE;
            for (guint j = 0; j < bases->len && !seen; j++)
                seen = strcmp(g_ptr_array_index(bases, j), b) == 0;
            if (seen)
                g_free(b);
            else
                g_ptr_array_add(bases, b);
        }
    }
    s->n_splits = splits->len;
    s->splits = (povatlas_series_split *)g_array_free(splits, FALSE);
    g_ptr_array_add(bases, NULL);
    s->bases = (char **)g_ptr_array_free(bases, FALSE);
}

static void walker_clear(walker *w)
{
    for (size_t t = 0; w->s && t < w->s->n_units; t++) {
        if (w->sources)
            g_ptr_array_unref(w->sources[t]);
        if (w->hh_unknown)
            g_free(w->hh_unknown[t]);
        if (w->list_unknown)
            g_free(w->list_unknown[t]);
    }
    g_free(w->sources);
    g_free(w->hh_unknown);
    g_free(w->list_unknown);
    g_free(w->target_of);
    g_free(w->link_used);
    povatlas_unit_list_free(w->units);
}

static povatlas_status compute(povatlas_workspace *ws,
                               const povatlas_series_opts *opts, walker *w,
                               povatlas_error **err)
{
    povatlas_series *s = w->s;
    povatlas_status st = pick_years(ws, opts->year_from, opts->year_to, s, err);
    if (st != POVATLAS_OK)
        return st;
    povatlas_error *why = NULL;
    w->units = povatlas_workspace_unit_attributes(ws, 0, &why);
    if (!w->units)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    s->links = povatlas_workspace_links(ws, &why);
    if (!s->links)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    w->links = s->links;
    w->target_of = g_new0(size_t, w->units->n);
    w->link_used = g_new0(gboolean, s->links->n);
    if ((st = pick_targets(w, err)) != POVATLAS_OK)
        return st;
    GArray *orphans = g_array_new(FALSE, TRUE, sizeof(povatlas_series_orphan));
    for (size_t yi = 0; yi < s->n_years && st == POVATLAS_OK; yi++)
        st = walk_year(w, ws, yi, orphans, err);
    s->n_orphans = orphans->len;
    s->orphans = (povatlas_series_orphan *)g_array_free(orphans, FALSE);
    if (st != POVATLAS_OK)
        return st;
    finish_points(w);
    finish_links(w);
    return POVATLAS_OK;
}

povatlas_series *povatlas_series_compute(povatlas_workspace *ws,
                                         const povatlas_series_opts *opts,
                                         povatlas_error **err)
{
    if (!is_iso_date(opts->units_on)) {
        povatlas_error_set(err, POVATLAS_E_USAGE,
                           "invalid date '%s' (expected YYYY-MM-DD)",
                           opts->units_on ? opts->units_on : "");
        return NULL;
    }
    if (opts->year_from && opts->year_to && opts->year_from > opts->year_to) {
        povatlas_error_set(err, POVATLAS_E_USAGE,
                           "year range %d to %d is empty", opts->year_from,
                           opts->year_to);
        return NULL;
    }
    povatlas_series *s = g_new0(povatlas_series, 1);
    s->units_on = g_strdup(opts->units_on);
    walker w = {.s = s};
    povatlas_status st = compute(ws, opts, &w, err);
    walker_clear(&w);
    if (st != POVATLAS_OK) {
        povatlas_series_free(s);
        return NULL;
    }
    return s;
}

void povatlas_series_free(povatlas_series *s)
{
    if (!s)
        return;
    for (size_t t = 0; t < s->n_units; t++) {
        g_free(s->units[t].code);
        g_free(s->units[t].name);
        g_free(s->units[t].valid_from);
        g_free(s->units[t].points);
        g_free(s->units[t].sources);
    }
    for (size_t i = 0; i < s->n_orphans; i++)
        g_free(s->orphans[i].code);
    g_free(s->units);
    g_free(s->orphans);
    g_free(s->total);
    g_free(s->splits);
    g_strfreev(s->bases);
    g_free(s->years);
    g_free(s->units_on);
    povatlas_link_list_free(s->links);
    g_free(s);
}
