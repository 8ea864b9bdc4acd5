/*
 * cells.c - reading one cell: whole numbers written the Vietnamese or the
 * international way, yes/no flags as review forms mark them, UTF-8 checks,
 * and how messages quote a cell that is none of these.
 */
#include <math.h>
#include <string.h>

#include "ingest_private.h"

static gboolean blank(const char *text)
{
    for (const char *p = text; *p; p++)
        if (!g_ascii_isspace(*p))
            return FALSE;
    return TRUE;
}

gboolean cell_blank(const char *text)
{
    if (!g_utf8_validate(text, -1, NULL))
        return FALSE;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (!g_unichar_isspace(c) && c != 0x00A0 && c != 0x202F)
            return FALSE;
    }
    return TRUE;
}

cell_status cell_int(const char *text, int64_t *out)
{
    if (!text || blank(text))
        return CELL_EMPTY;
    /* fast path: plain digits, the usual case in large files */
    const char *p = text;
    gboolean neg = *p == '-';
    p += neg;
    int64_t v = 0;
    size_t n = 0;
    for (; *p >= '0' && *p <= '9' && n < 18; p++, n++)
        v = v * 10 + (*p - '0');
    if (*p == '\0' && n > 0) {
        *out = neg ? -v : v;
        return CELL_OK;
    }
    double d;
    if (!povatlas_parse_number_vi(text, &d) || d != floor(d) || fabs(d) > 9e15)
        return CELL_BAD;
    *out = (int64_t)d;
    return CELL_OK;
}

cell_status cell_flag(const char *text, int *out)
{
    if (!text || blank(text)) {
        *out = 0; /* forms mark deprivation with an x and leave the rest */
        return CELL_EMPTY;
    }
    if (text[0] && !text[1]) {
        switch (text[0]) {
        case '1':
        case 'x':
        case 'X':
            *out = 1;
            return CELL_OK;
        case '0':
            *out = 0;
            return CELL_OK;
        }
    }
    g_autofree char *key = povatlas_text_fold(text);
    static const char *const yes[] = {"co", "yes", "true", "x"};
    static const char *const no[] = {"khong", "no", "false", "0"};
    for (size_t i = 0; key && i < G_N_ELEMENTS(yes); i++) {
        if (strcmp(key, yes[i]) == 0) {
            *out = 1;
            return CELL_OK;
        }
        if (strcmp(key, no[i]) == 0) {
            *out = 0;
            return CELL_OK;
        }
    }
    return CELL_BAD;
}

int cell_is_utf8(const char *text) { return g_utf8_validate(text, -1, NULL); }

const char *cell_need_text(import_run *run, const table_reader *r, int col,
                           const char *what)
{
    const char *t = col >= 0 ? table_reader_cell(r, col) : "";
    if (!cell_is_utf8(t)) {
        import_reject(run, r->row, import_column_name(r, col),
                      "not valid UTF-8 text");
        return NULL;
    }
    if (cell_blank(t)) {
        import_reject(run, r->row, import_column_name(r, col), "%s is empty",
                      what);
        return NULL;
    }
    return t;
}

const char *cell_opt_text(const table_reader *r, int col)
{
    const char *t = col >= 0 ? table_reader_cell(r, col) : "";
    return *t && cell_is_utf8(t) ? t : NULL;
}

#define QUOTE_MAX_WORDS 2
#define QUOTE_MAX_WORDS_CHARS 12
/* A CCCD number has 12 digits, an old CMND 9, a phone number 10. */
#define ID_NUMBER_DIGITS 9

/* The longest run of ASCII digits in @text. */
static size_t digit_run(const char *text)
{
    size_t best = 0, run = 0;
    for (const char *p = text; *p; p++) {
        run = g_ascii_isdigit(*p) ? run + 1 : 0;
        best = MAX(best, run);
    }
    return best;
}

char *cell_quote(const char *text)
{
    if (!text || !g_utf8_validate(text, -1, NULL))
        return povatlas_text_quote(NULL);
    size_t digits = digit_run(text);
    if (digits >= ID_NUMBER_DIGITS)
        return g_strdup_printf("a number of %zu digits, not repeated here (it "
                               "may be an ID or phone number)",
                               digits);
    g_auto(GStrv) words = g_strsplit_set(text, " \t\r\n", -1);
    guint n_words = 0;
    for (char **w = words; *w; w++)
        n_words += **w != '\0';
    glong n_chars = g_utf8_strlen(text, -1);
    if (digits == 0 &&
        (n_words > QUOTE_MAX_WORDS || n_chars > QUOTE_MAX_WORDS_CHARS))
        return g_strdup_printf("a text of %u words, not repeated here (it "
                               "may be personal data)",
                               n_words);
    return povatlas_text_quote(text);
}

char *cell_named_value(const char *what, int64_t v)
{
    g_autofree char *digits =
        g_strdup_printf("%" G_GUINT64_FORMAT, v < 0 ? -(guint64)v : (guint64)v);
    size_t n = strlen(digits);
    if (n >= ID_NUMBER_DIGITS)
        return g_strdup_printf("%s of %zu digits", what, n);
    return g_strdup_printf("%s %" G_GINT64_FORMAT, what, v);
}
