/*
 * row_kinds.c - telling the rows of a compiled workbook that hold no data
 * from the rows that do. Lists and statistics as wards send them are
 * printed forms: under the header comes the form's column-number row
 * "(1) (2) … (22)", households are grouped under a ward or village name
 * alone in its row, each group ends with a subtotal ("Cộng"), the sheet
 * with a total ("Tổng cộng", "Toàn thành phố"), blank rows separate the
 * parts and the signatures close the sheet ("Người lập biểu", "Ngày …
 * tháng … năm", "(Ký, ghi rõ họ tên)"). Such rows are recognised only
 * when the row's key cells (household id, unit code) are empty or hold
 * one of those labels themselves, so a row that carries a household is
 * always checked as data and refuses the file when it is bad. The reason
 * given for a skipped row is text of this file, never a cell of the row:
 * a footer names a signer, a heading may sit in the head's name column.
 */
#include <string.h>

#include "ingest_private.h"

/* A label at the start of a cell (folded words) and how the report
 * names it. */
typedef struct label {
    const char *words;
    const char *shown;
} row_label;

/* Totals and subtotals. "Cộng" and "Tổng" alone are labels only when
 * nothing or a place or a number follows: "Tổng" is also a family name. */
static const row_label TOTALS[] = {
    {"tong cong", "Tổng cộng"},
    {"tong so", "Tổng số"},
    {"toan thanh pho", "Toàn thành phố"},
    {"toan thi xa", "Toàn thị xã"},
    {"toan tinh", "Toàn tỉnh"},
    {"toan huyen", "Toàn huyện"},
    {"toan phuong", "Toàn phường"},
    {"toan xa", "Toàn xã"},
    {"grand total", "Grand total"},
    {"subtotal", "Subtotal"},
    {"sub total", "Subtotal"},
    {"total", "Total"},
};

static const row_label SHORT_TOTALS[] = {
    {"cong", "Cộng"},
    {"tong", "Tổng"},
};

/* Words a ward, commune, village or residential group name starts with
 * (docs/domain-rules.md §1: phường, xã; thôn, khu phố below them). */
static const char *const PLACE_WORDS[] = {
    "phuong",     "xa",      "thi tran",   "thanh pho", "thon", "khu pho",
    "to dan pho", "khu vuc", "cum dan cu", "lang",      "xom",  "ap",
    "khom",       "buon",    "doi",        "khu",       "kp",   "tdp",
    "to",         "p",       "x",          "tt",
};

/* Signature block and notes under the table; found anywhere in a cell. */
static const row_label FOOTERS[] = {
    {"nguoi lap bieu", "Người lập biểu"},
    {"nguoi lap", "Người lập biểu"},
    {"ky ghi ro ho ten", "(Ký, ghi rõ họ tên)"},
    {"ky va ghi ro ho ten", "(Ký, ghi rõ họ tên)"},
    {"ky ten", "(Ký tên)"},
    {"ky dong dau", "(Ký, đóng dấu)"},
    {"thu truong don vi", "Thủ trưởng đơn vị"},
    {"thu truong", "Thủ trưởng đơn vị"},
    {"chu tich", "Chủ tịch UBND"},
    {"tm ubnd", "TM. UBND"},
    {"t m ubnd", "TM. UBND"},
    {"tm uy ban nhan dan", "TM. UBND"},
    {"uy ban nhan dan", "UBND"},
    {"ubnd", "UBND"},
    {"ke toan", "Kế toán"},
    {"giam doc", "Giám đốc"},
    {"truong thon", "Trưởng thôn"},
    {"truong khu pho", "Trưởng khu phố"},
    {"truong ban", "Trưởng ban"},
    {"can bo", "Cán bộ"},
    {"xac nhan", "Xác nhận"},
    {"noi nhan", "Nơi nhận"},
    {"ghi chu", "Ghi chú"},
};

/* Folded text with punctuation as spaces: "(Ký, ghi rõ họ tên)" becomes
 * "ky ghi ro ho ten", "Ngày…tháng…năm" "ngay thang nam". */
static char *fold_cell(const char *text)
{
    if (!text || !g_utf8_validate(text, -1, NULL))
        return g_strdup("");
    GString *s = g_string_new(NULL);
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_ispunct(c) || g_unichar_isspace(c) || c == 0x00A0)
            g_string_append_c(s, ' ');
        else
            g_string_append_unichar(s, c);
    }
    char *f = povatlas_text_fold(s->str);
    g_string_free(s, TRUE);
    return f ? f : g_strdup("");
}

static gboolean is_blank(const char *text)
{
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (!g_unichar_isspace(c) && c != 0x00A0 && c != 0xFEFF)
            return FALSE;
    }
    return TRUE;
}

/* @words at the start of @folded, as whole words; *rest after them. */
static gboolean starts_with_words(const char *folded, const char *words,
                                  const char **rest)
{
    size_t n = strlen(words);
    if (strncmp(folded, words, n) != 0 ||
        (folded[n] != '\0' && folded[n] != ' '))
        return FALSE;
    if (rest)
        *rest = folded[n] ? folded + n + 1 : folded + n;
    return TRUE;
}

/* @words anywhere in @folded, as whole words. */
static gboolean has_words(const char *folded, const char *words)
{
    for (const char *p = folded; p; p = strchr(p, ' ')) {
        if (*p == ' ')
            p++;
        if (starts_with_words(p, words, NULL))
            return TRUE;
    }
    return FALSE;
}

/* "I", "iv", "12", "a": the numbering of a group or a column. */
static gboolean is_ordinal(const char *folded)
{
    if (!*folded)
        return FALSE;
    if (strspn(folded, "0123456789") == strlen(folded))
        return strlen(folded) <= 3;
    if (strspn(folded, "ivxl") == strlen(folded))
        return TRUE;
    return folded[1] == '\0' && g_ascii_isalpha(folded[0]);
}

/* A place name: a place word and at least one more word, after an
 * optional ordinal ("I. Phường Đô Vinh", "Thôn Gò Đền"). */
static gboolean is_place_heading(const char *folded)
{
    const char *p = folded;
    const char *sp = strchr(p, ' ');
    if (sp) {
        g_autofree char *first = g_strndup(p, (gsize)(sp - p));
        if (is_ordinal(first))
            p = sp + 1;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(PLACE_WORDS); i++) {
        const char *rest;
        if (starts_with_words(p, PLACE_WORDS[i], &rest) && *rest)
            return TRUE;
    }
    return FALSE;
}

static const char *total_label(const char *folded)
{
    const char *rest;
    for (size_t i = 0; i < G_N_ELEMENTS(TOTALS); i++)
        if (starts_with_words(folded, TOTALS[i].words, NULL))
            return TOTALS[i].shown;
    for (size_t i = 0; i < G_N_ELEMENTS(SHORT_TOTALS); i++)
        if (starts_with_words(folded, SHORT_TOTALS[i].words, &rest) &&
            (!*rest || is_place_heading(rest) || is_ordinal(rest)))
            return SHORT_TOTALS[i].shown;
    return NULL;
}

static const char *footer_label(const char *folded)
{
    /* "Phan Rang-Tháp Chàm, ngày 20 tháng 12 năm 2023" */
    const char *d = strstr(folded, "ngay ");
    if (d && (d == folded || d[-1] == ' ')) {
        const char *m = strstr(d, " thang ");
        if (m && strstr(m, " nam"))
            return "Ngày … tháng … năm";
    }
    for (size_t i = 0; i < G_N_ELEMENTS(FOOTERS); i++)
        if (has_words(folded, FOOTERS[i].words))
            return FOOTERS[i].shown;
    return NULL;
}

/* "(1)", "1", "(A)", "B": a cell of the form's column-number row. */
static gboolean column_number(const char *text, int *number,
                              gboolean *bracketed)
{
    /* trimmed in place (asked of every row: no copy) */
    const char *t = text, *e = text + strlen(text);
    while (t < e && g_ascii_isspace(*t))
        t++;
    while (e > t && g_ascii_isspace(e[-1]))
        e--;
    size_t n = (size_t)(e - t);
    *bracketed = n >= 3 && t[0] == '(' && t[n - 1] == ')';
    const char *s = *bracketed ? t + 1 : t;
    size_t len = *bracketed ? n - 2 : n;
    *number = -1;
    if (len == 1 && g_ascii_isalpha(s[0]))
        return TRUE;
    if (len == 0 || len > 3)
        return FALSE;
    int v = 0;
    for (size_t i = 0; i < len; i++) {
        if (!g_ascii_isdigit(s[i]))
            return FALSE;
        v = v * 10 + (s[i] - '0');
    }
    *number = v;
    return TRUE;
}

/* The row under the header that numbers the columns: at least three
 * cells, each a column number; numbers rise, by one when unbracketed (a
 * row of data never reads 1 2 3 … across). */
static gboolean is_column_number_row(const table_reader *r)
{
    int n = 0, last = -1;
    gboolean any_bracket = FALSE, step_one = TRUE;
    for (guint c = 0; c < r->fields->len; c++) {
        const char *t = table_reader_cell(r, (int)c);
        if (is_blank(t))
            continue;
        int num;
        gboolean br;
        if (!column_number(t, &num, &br))
            return FALSE;
        any_bracket |= br;
        if (num >= 0) {
            if (num <= last)
                return FALSE;
            step_one &= last < 0 || num == last + 1;
            last = num;
        }
        n++;
    }
    return n >= 3 && (any_bracket || (last >= 0 && step_one));
}

/* A label of any kind in @text (folded). */
static gboolean is_label(const char *folded)
{
    return total_label(folded) || footer_label(folded) ||
           is_place_heading(folded);
}

void row_kinds_init(row_kinds *k, const field_spec *specs, size_t n_specs,
                    const int *cols)
{
    *k = (row_kinds){specs, n_specs, cols, FALSE};
}

gboolean row_kinds_wanted(const field_spec *specs, size_t n_specs)
{
    for (size_t i = 0; i < n_specs; i++)
        if (specs[i].flags & FIELD_KEY)
            return TRUE;
    return FALSE;
}

/* One word of ASCII letters and digits with a digit in it ("10427",
 * "HN0012"): what household ids look like, and never blank or a label
 * (every label is made of words without digits, and a lone word is a
 * label only when it is one of them). Checked first, because every row
 * of a million-row list asks about its key cell. */
static gboolean is_code_like(const char *text)
{
    gboolean digit = FALSE;
    for (const char *p = text; *p; p++) {
        if (g_ascii_isdigit(*p))
            digit = TRUE;
        else if (!g_ascii_isalpha(*p))
            return FALSE;
    }
    return digit;
}

/* A cell that is blank or holds a label. */
static gboolean blank_or_label(const char *text)
{
    if (is_code_like(text))
        return FALSE;
    if (is_blank(text))
        return TRUE;
    g_autofree char *f = fold_cell(text);
    return is_label(f);
}

/* TRUE when every key cell (FIELD_KEY) is blank or is itself a label. */
static gboolean keyless(const row_kinds *k, const table_reader *r)
{
    for (size_t i = 0; i < k->n_specs; i++)
        if ((k->specs[i].flags & FIELD_KEY) && k->cols[i] >= 0 &&
            !blank_or_label(table_reader_cell(r, k->cols[i])))
            return FALSE;
    return TRUE;
}

/* TRUE when a required field other than a key holds a value that is not
 * a label (a signature title may sit over any column). */
static gboolean has_required_values(const row_kinds *k, const table_reader *r)
{
    for (size_t i = 0; i < k->n_specs; i++)
        if ((k->specs[i].flags & FIELD_REQUIRED) &&
            !(k->specs[i].flags & FIELD_KEY) && k->cols[i] >= 0 &&
            !blank_or_label(table_reader_cell(r, k->cols[i])))
            return TRUE;
    return FALSE;
}

/* TRUE when every required field found holds a value that is not a
 * label. */
static gboolean is_complete(const row_kinds *k, const table_reader *r)
{
    for (size_t i = 0; i < k->n_specs; i++)
        if ((k->specs[i].flags & FIELD_REQUIRED) && k->cols[i] >= 0 &&
            blank_or_label(table_reader_cell(r, k->cols[i])))
            return FALSE;
    return TRUE;
}

/* Cells a row of signers' names fills at most (two or three signers). */
#define FOOTER_MAX_CELLS 3

static int n_filled(const table_reader *r)
{
    int n = 0;
    for (guint c = 0; c < r->fields->len; c++)
        n += !is_blank(table_reader_cell(r, (int)c));
    return n;
}

/* The first footer label among the row's cells, or NULL. */
static const char *first_footer_label(const table_reader *r)
{
    for (guint c = 0; c < r->fields->len; c++) {
        const char *t = table_reader_cell(r, (int)c);
        if (is_blank(t))
            continue;
        g_autofree char *f = fold_cell(t);
        const char *label = footer_label(f);
        if (label)
            return label;
    }
    return NULL;
}

/* A keyless row: a total anywhere in it; else, when no required field
 * holds a value, a footer label anywhere or a place name as its only
 * text (ordinals aside). */
static row_kind label_kind(row_kinds *k, const table_reader *r,
                           const char **why)
{
    gboolean values = has_required_values(k, r);
    int n_text = 0;
    gboolean heading = FALSE;
    for (guint c = 0; c < r->fields->len; c++) {
        const char *t = table_reader_cell(r, (int)c);
        if (is_blank(t))
            continue;
        g_autofree char *f = fold_cell(t);
        const char *label;
        if ((label = total_label(f))) {
            *why = label;
            return ROW_TOTAL;
        }
        if (!values && (label = footer_label(f))) {
            *why = label;
            k->footer_seen = TRUE;
            return ROW_FOOTER;
        }
        if (is_ordinal(f))
            continue;
        n_text++;
        heading = is_place_heading(f);
    }
    return !values && n_text == 1 && heading ? ROW_HEADING : ROW_DATA;
}

row_kind row_kinds_classify(row_kinds *k, const table_reader *r,
                            const char **why)
{
    *why = NULL;
    gboolean blank = TRUE;
    for (guint c = 0; blank && c < r->fields->len; c++)
        blank = is_blank(table_reader_cell(r, (int)c));
    if (blank)
        return ROW_BLANK;
    if (is_column_number_row(r))
        return ROW_COLUMN_NUMBERS;
    /* under the signature titles come the signers' names, in any column
     * (the key's too): past the signatures a row that is not complete is
     * a footer when it has no key, no required value or only a few cells
     * (a household with a bad cell has more, and stays data) */
    if (k->footer_seen && !is_complete(k, r) &&
        (keyless(k, r) || !has_required_values(k, r) ||
         n_filled(r) <= FOOTER_MAX_CELLS)) {
        *why = first_footer_label(r);
        return ROW_FOOTER;
    }
    return keyless(k, r) ? label_kind(k, r, why) : ROW_DATA;
}

char *row_kinds_reason(row_kind kind, const char *why)
{
    switch (kind) {
    case ROW_BLANK:
        return g_strdup("blank row");
    case ROW_COLUMN_NUMBERS:
        return g_strdup("the form's column-number row ((1), (2), …)");
    case ROW_TOTAL:
        return g_strdup_printf("totals row ('%s')", why);
    case ROW_HEADING:
        return g_strdup("group heading (a ward or village name alone)");
    case ROW_FOOTER:
        return why ? g_strdup_printf("footer ('%s')", why)
                   : g_strdup("footer (under the signatures)");
    case ROW_DATA:
        break;
    }
    return NULL;
}
