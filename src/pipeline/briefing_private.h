/*
 * briefing_private.h - what the files of the HTML briefing share: the
 * briefing being written and the helpers that write HTML and JSON text.
 * briefing.c gathers the data and the map; briefing_html.c writes the
 * page's fixed parts (styles, script), the cover and the tables.
 */
#ifndef POVATLAS_BRIEFING_PRIVATE_H
#define POVATLAS_BRIEFING_PRIVATE_H

#include <glib.h>

#include "povatlas/briefing.h"
#include "povatlas/maps.h"
#include "povatlas/priority.h"
#include "povatlas/table.h"

typedef struct briefing {
    povatlas_workspace *ws;          /* borrowed */
    const povatlas_briefing_opts *o; /* borrowed */
    const char *lang;                /* "vi" or "en" */
    int en;
    int year;  /* the briefing's year */
    int year0; /* the year before, 0 when it has no review list */
    int synthetic;
    char *place;           /* owned */
    char *source_note;     /* owned: the maps' source line, of the
                              briefing's year when it has a map */
    int source_year;       /* 1 when source_note is the year's */
    char *boundary_note;   /* owned, nullable */
    GString *out;          /* owned: the page */
    povatlas_error *error; /* owned, nullable: the first failed read of an
                              indicator, failing the briefing at its end */
    /* the map the page opens on (poor rate of the year), drawn into the
     * HTML itself so that it shows without JavaScript */
    GHashTable *first_fill; /* owned: unit code -> its class's SVG fill */
    GString *first_legend;  /* owned, nullable: the legend as HTML */
    char *first_title; /* owned, nullable: "Tỷ lệ hộ nghèo — 2023" */
    GHashTable *fact_labels;    /* owned: label -> 1 + its index */
    GPtrArray *fact_label_list; /* owned: the fact cards' labels */
} briefing;

/* The rows of the priority and coverage tables a briefing shows: a
 * province's or the country's thousands of communes would be pages a
 * leader does not read and megabytes the file need not carry (each
 * ward's figures are on its card). */
#define BRIEFING_REPORT_ROWS 100

#define BT(b, vi_text, en_text) ((b)->en ? (en_text) : (vi_text))

/* HTML text with & < > " ' escaped. */
void briefing_esc(GString *out, const char *text);
/* A JSON string literal; < > & escaped so that it may sit in <script>. */
void briefing_json_str(GString *out, const char *text);
/* @v in the briefing's number format with @decimals. Returns: (transfer
 * full): g_free(). */
char *briefing_num(const briefing *b, double v, int decimals);
/* Indicator @name of @code in @year: 1 and *@v when stored and defined;
 * 0 when not, or when the read failed (kept in @b->error). */
int briefing_ind(briefing *b, const char *code, int year, const char *name,
                 double *v);
/* 1 when ward @code's figures of @year are hidden (small cell). */
int briefing_hidden(briefing *b, const char *code, int year);
/* "Ẩn (dưới 30 hộ)". Returns: (transfer full): g_free(). */
char *briefing_hidden_text(const briefing *b);

/* The document head (CSP, styles) up to and including <body>. */
void briefing_html_head(briefing *b);
/* The page's script (map switching, fact cards, the #selftest). */
void briefing_html_script(briefing *b);
/* @t as an HTML table; the cells of wards hidden in @year (found by the
 * column headed "Mã"/"Code", nullable) show the hidden text. Past
 * @max_rows rows (0: no limit; a country's 10,600 communes) only the
 * coverage gaps or the first rows, with a note saying so. */
void briefing_html_table(briefing *b, const povatlas_table *t, int year,
                         size_t max_rows);
/* The cover: the plan's targets of the year against what was achieved,
 * each with a met/missed mark and a bullet chart. */
povatlas_status briefing_html_cover(briefing *b, povatlas_error **err);
/* The zone gaps of year0 -> year with their verdict. */
povatlas_status briefing_html_gaps(briefing *b, povatlas_error **err);

/* reports.c: the coverage and priority tables of povatlas_report_coverage()
 * and povatlas_report_priority() computed with @store 0, so that the
 * briefing, a reader, writes nothing to the workspace. */
povatlas_table *pipeline_coverage_table(povatlas_workspace *ws, int year,
                                        const char *program, const char *lang,
                                        int store, povatlas_error **err);
povatlas_table *
pipeline_priority_table(povatlas_workspace *ws, int year,
                        const povatlas_priority_weights *weights, int top,
                        const char *lang, int store, povatlas_error **err);

#endif
