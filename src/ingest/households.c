/*
 * households.c - importing an annual review list (rà soát hộ nghèo, hộ cận
 * nghèo): each row is checked, classified with the standard of its year and
 * its unit's area type (docs/domain-rules.md §2.3-§2.4) and stored; personal
 * data goes to its own table. The list holds only listed households:
 * denominators come from ward statistics, never from these rows.
 */
#include <stdlib.h>
#include <string.h>

#include "core/code_cache.h"
#include "ingest_private.h"
#include "povatlas/classify.h"

enum hh_field {
    F_ID,
    F_CODE,
    F_NAME,
    F_YEAR,
    F_MEMBERS,
    F_INCOME_PC,
    F_INCOME_TOTAL,
    F_FLAG1,
    F_NDEPR = F_FLAG1 + 12,
    F_STATUS,
    F_ETHNIC,
    F_MERIT,
    F_NOLABOUR,
    F_HEAD,
    F_ADDRESS,
    F_IDNUM,
    F_DATE,
    F_B1,
    N_HH_FIELDS
};

/* Indicators are matched by code (TH01, d01) or by their name as the
 * Phiếu B2 prints it (docs/domain-rules.md §2.2). */
#define FLAG_SPEC(n, label, names)                                             \
    {                                                                          \
        "d" #n, label, "th" #n "|d" #n "|chi so " #n "|" names, FIELD_PREFIX   \
    }

static const field_spec HH_FIELDS[N_HH_FIELDS] = {
    [F_ID] = {"household_id", "Mã hộ",
              "ma ho|ma ho gia dinh|ma so ho|household id|hh id",
              FIELD_REQUIRED | FIELD_KEY},
    [F_CODE] = {"unit_code", "Mã đơn vị",
                "ma don vi|ma xa|ma phuong|ma xa phuong|ma dvhc|unit code|"
                "commune code|ward code",
                0},
    [F_NAME] = {"unit_name", "Tên đơn vị",
                "ten don vi|ten xa|ten phuong|xa phuong|phuong xa|don vi|"
                "unit name|ward name|commune name|ward|commune",
                FIELD_PREFIX},
    [F_YEAR] = {"year", "Năm rà soát", "nam ra soat|nam|year|review year", 0},
    [F_MEMBERS] = {"members", "Số nhân khẩu",
                   "so nhan khau|nhan khau|so khau|so thanh vien|members|"
                   "household size",
                   FIELD_REQUIRED},
    [F_INCOME_PC] = {"income_per_capita", "Thu nhập bình quân đầu người/tháng",
                     "thu nhap binh quan dau nguoi thang|thu nhap binh quan "
                     "dau nguoi|thu nhap binh quan|income per capita",
                     FIELD_PREFIX},
    [F_INCOME_TOTAL] = {"income_total", "Tổng thu nhập",
                        "tong thu nhap|tong thu nhap ho|income total|"
                        "household income",
                        0},
    [F_FLAG1 + 0] = FLAG_SPEC(01, "TH01 Việc làm", "viec lam"),
    [F_FLAG1 + 1] = FLAG_SPEC(02, "TH02 Người phụ thuộc", "nguoi phu thuoc"),
    [F_FLAG1 + 2] = FLAG_SPEC(03, "TH03 Dinh dưỡng", "dinh duong"),
    [F_FLAG1 + 3] = FLAG_SPEC(04, "TH04 Bảo hiểm y tế", "bao hiem y te"),
    [F_FLAG1 + 4] =
        FLAG_SPEC(05, "TH05 Trình độ giáo dục người lớn", "trinh do giao duc"),
    [F_FLAG1 + 5] =
        FLAG_SPEC(06, "TH06 Tình trạng đi học trẻ em", "tinh trang di hoc"),
    [F_FLAG1 + 6] = FLAG_SPEC(07, "TH07 Chất lượng nhà ở", "chat luong nha o"),
    [F_FLAG1 + 7] = FLAG_SPEC(08, "TH08 Diện tích nhà ở", "dien tich nha o"),
    [F_FLAG1 + 8] =
        FLAG_SPEC(09, "TH09 Nguồn nước sinh hoạt", "nguon nuoc sinh hoat"),
    [F_FLAG1 + 9] = FLAG_SPEC(10, "TH10 Nhà tiêu hợp vệ sinh",
                              "nha tieu hop ve sinh|nha tieu"),
    [F_FLAG1 + 10] = FLAG_SPEC(11, "TH11 Dịch vụ viễn thông",
                               "su dung dich vu vien thong|dich vu vien thong"),
    [F_FLAG1 + 11] =
        FLAG_SPEC(12, "TH12 Tiếp cận thông tin",
                  "phuong tien phuc vu tiep can thong tin|tiep can thong tin"),
    [F_NDEPR] = {"n_deprivations", "Tổng số chỉ số thiếu hụt",
                 "tong so chi so thieu hut|so chi so thieu hut|diem b2|b2|"
                 "n deprivations|deprivations",
                 0},
    [F_STATUS] = {"recorded_status", "Phân loại hộ",
                  "phan loai ho|phan loai|ket qua ra soat|recorded status|"
                  "status",
                  FIELD_REQUIRED},
    [F_ETHNIC] = {"ethnic_minority", "Dân tộc thiểu số",
                  "dan toc thieu so|dtts|ethnic minority", 0},
    [F_MERIT] = {"merit", "Có người có công",
                 "co nguoi co cong|nguoi co cong|ho co cong|merit", 0},
    [F_NOLABOUR] = {"no_labour", "Không có khả năng lao động",
                    "khong co kha nang lao dong|khong co lao dong|"
                    "no labour capacity|no labour",
                    0},
    [F_HEAD] = {"head_name", "Họ và tên chủ hộ",
                "ho va ten chu ho|ho ten chu ho|ten chu ho|chu ho|head name",
                0},
    [F_ADDRESS] = {"address", "Địa chỉ", "dia chi|thon khu pho|address", 0},
    [F_DATE] = {"review_date", "Ngày rà soát",
                "ngay ra soat|ngay|thoi diem ra soat|review date|date", 0},
    [F_B1] = {"b1_score", "Điểm B1", "diem b1|tong diem b1|b1 score|b1", 0},
    [F_IDNUM] = {"id_number", "Số CCCD",
                 "so cccd|cccd|so cmnd cccd|so cmnd|cmnd|so dinh danh|"
                 "id number",
                 0},
};

/* What stays the same for every row of one import. */
typedef struct hh_ctx {
    povatlas_workspace *ws;
    unit_names *names;        /* units by code or name on the review day */
    GHashTable *standards;    /* year*2+urban -> povatlas_standard * */
    GHashTable *years_seen;   /* years whose stored keys are loaded */
    key_set keys;             /* household_key -> source row (0: stored) */
    GHashTable *status_words; /* status text as written -> class + 1 */
    int keys_year;            /* year whose stored keys are being loaded */
    gboolean keys_oom;        /* a stored key found no room */
    GHashTable *b1;           /* year*2+urban -> povatlas_b1_cutoff * */
    povatlas_household_writer *writer;
    int flag_cols_present; /* number of TH columns found */
    GMutex db_lock;        /* the workspace: the checking thread's rare
                              look-ups against the storing thread */
    code_cache units_on;   /* (day, code) -> unit resolved: a hit is one
                              cache line (reading thread) */
    int end_year;          /* the year of end_day (reading thread) */
    char end_day[11];      /* its last day, "2023-12-31" */
    /* a workspace read of the checking thread that failed: not the row's
     * fault, the import stops with it (checking thread) */
    povatlas_error *failed;
} hh_ctx;

/* The workspace connection serves one thread at a time (workspace.h). */
static void db_enter(hh_ctx *c) { g_mutex_lock(&c->db_lock); }

static void db_leave(hh_ctx *c) { g_mutex_unlock(&c->db_lock); }

static void hh_ctx_clear(hh_ctx *c)
{
    povatlas_household_writer_free(c->writer);
    unit_names_free(c->names);
    if (c->standards)
        g_hash_table_destroy(c->standards);
    if (c->years_seen)
        g_hash_table_destroy(c->years_seen);
    key_set_clear(&c->keys);
    code_cache_clear(&c->units_on);
    if (c->b1)
        g_hash_table_destroy(c->b1);
    if (c->status_words)
        g_hash_table_destroy(c->status_words);
    povatlas_error_free(c->failed);
}

/* A look-up of a row's check failed with @why: a standard or cut-off
 * missing for the row's year (POVATLAS_E_INPUT) rejects the row; anything
 * else is the workspace failing, kept to stop the import. Returns @why's
 * status. */
static povatlas_status check_failed(import_run *run, const table_reader *r,
                                    const char *column, hh_ctx *c,
                                    povatlas_error *why)
{
    povatlas_status st = why ? why->code : POVATLAS_E_DB;
    if (st == POVATLAS_E_INPUT) {
        import_reject(run, r->row, column, "%s", why->message);
        povatlas_error_free(why);
    } else if (!c->failed && why) {
        c->failed = why;
    } else {
        povatlas_error_free(why);
    }
    return st;
}

static const povatlas_standard *standard_for(hh_ctx *c, int year, int urban,
                                             povatlas_error **why)
{
    gpointer key = GINT_TO_POINTER(year * 2 + (urban ? 1 : 0));
    povatlas_standard *s = g_hash_table_lookup(c->standards, key);
    if (s)
        return s;
    /* only a standard found is kept: a year without one is looked up
     * again for its message, a failed read is not taken for "none" */
    s = g_new0(povatlas_standard, 1);
    db_enter(c);
    povatlas_status st =
        povatlas_workspace_find_standard(c->ws, year, urban, s, why);
    db_leave(c);
    if (st) {
        g_free(s);
        return NULL;
    }
    g_hash_table_insert(c->standards, key, s);
    return s;
}

static povatlas_status hh_start(import_run *run, const table_reader *r,
                                const int *cols, void *ctx_,
                                povatlas_error **err)
{
    hh_ctx *c = ctx_;
    if (cols[F_CODE] < 0 && cols[F_NAME] < 0)
        return povatlas_error_set_at(err, POVATLAS_E_INPUT, run->path, 1,
                                     "Mã đơn vị",
                                     "missing column: give the ward code "
                                     "('Mã đơn vị') or its name "
                                     "('Tên đơn vị')");
    if (cols[F_INCOME_PC] < 0 && cols[F_INCOME_TOTAL] < 0 && cols[F_B1] < 0)
        return povatlas_error_set_at(
            err, POVATLAS_E_INPUT, run->path, 1,
            "Thu nhập bình quân đầu người/tháng",
            "missing column: give per-capita or total household income, or "
            "the B1 score ('Điểm B1')");
    /* called again for each sheet of a workbook read sheet by sheet */
    c->flag_cols_present = 0;
    for (int f = 0; f < 12; f++)
        c->flag_cols_present += cols[F_FLAG1 + f] >= 0;
    if (c->flag_cols_present != 12 && cols[F_NDEPR] < 0)
        return povatlas_error_set_at(
            err, POVATLAS_E_INPUT, run->path, 1, "TH01 Việc làm",
            "missing columns: give the 12 deprivation indicators (TH01..TH12)"
            " or their count ('Tổng số chỉ số thiếu hụt')");
    if (cols[F_YEAR] < 0 && cols[F_DATE] < 0 && run->opts->year <= 0) {
        povatlas_error_set_at(err, POVATLAS_E_USAGE, run->path, 1,
                              "Năm rà soát",
                              "no review year: add a 'Năm rà soát' column "
                              "or give the year the list is for");
        if (err)
            povatlas_error_set_option(*err, "year");
        return POVATLAS_E_USAGE;
    }
    (void)r;
    /* rows are classified with today's standards as they land: when every
     * stored row already was, the workspace stays "all current" */
    int64_t rev = 0;
    g_autofree char *hr = NULL;
    int empty = 0;
    povatlas_status st =
        povatlas_workspace_standards_revision(c->ws, &rev, err);
    if (!st)
        st =
            povatlas_workspace_get_meta(c->ws, "households_revision", &hr, err);
    if (!st)
        st = povatlas_workspace_households_empty(c->ws, &empty, err);
    /* written only when it changes: offices importing at the same time
     * into a shared workspace would otherwise queue on this one row */
    if (!st && empty && !(hr && g_ascii_strtoll(hr, NULL, 10) == rev)) {
        g_autofree char *v = g_strdup_printf("%" G_GINT64_FORMAT, rev);
        st = povatlas_workspace_set_meta(c->ws, "households_revision", v, err);
    }
    if (st)
        return st;
    povatlas_error *why = NULL;
    if (!c->writer)
        c->writer = povatlas_household_writer_new(c->ws, &why);
    return c->writer ? POVATLAS_OK
                     : povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
}

/* Reads one optional whole number >= 0 (-1 when empty); rejects the row
 * when it is not one, naming it @what when negative. */
static gboolean read_int_named(import_run *run, const table_reader *r, int col,
                               int64_t *out, const char *what)
{
    *out = -1;
    if (col < 0)
        return TRUE;
    const char *text = table_reader_cell(r, col);
    cell_status cs = cell_int(text, out);
    if (cs == CELL_BAD) {
        g_autofree char *shown = cell_quote(text);
        import_reject(run, r->row, import_column_name(r, col),
                      "not a whole number: %s", shown);
        return FALSE;
    }
    if (cs == CELL_EMPTY) {
        *out = -1;
    } else if (*out < 0) {
        import_reject(run, r->row, import_column_name(r, col), "%s is negative",
                      what);
        return FALSE;
    }
    return TRUE;
}

static gboolean read_int(import_run *run, const table_reader *r, int col,
                         int64_t *out)
{
    return read_int_named(run, r, col, out, "the number");
}

static gboolean read_text(import_run *run, const table_reader *r, int col,
                          const char **out)
{
    *out = NULL;
    if (col < 0)
        return TRUE;
    const char *text = table_reader_cell(r, col);
    if (!cell_is_utf8(text)) {
        import_reject(run, r->row, import_column_name(r, col),
                      "not valid UTF-8 text (is the file saved in a legacy "
                      "encoding such as Windows-1258, TCVN3 or VNI? save it "
                      "as UTF-8)");
        return FALSE;
    }
    *out = *text ? text : NULL;
    /* stored text is NFC: a name typed with combining marks (decomposed)
     * and one typed precomposed are the same name */
    for (const char *p = text; *p; p++) {
        if ((unsigned char)*p >= 0x80) {
            g_autofree char *nfc = g_utf8_normalize(text, -1, G_NORMALIZE_NFC);
            if (nfc && strcmp(nfc, text) != 0 &&
                !(*out = text_chunk_add(&run->nfc, nfc))) {
                run->oom = TRUE; /* not the row's fault: hh_check stops */
                return FALSE;
            }
            break;
        }
    }
    return TRUE;
}

/* "15/10/2023", "15-10-2023", "2023-10-15" or "2023/10/15" as an ISO day;
 * FALSE when it is none of those or not a calendar day. */
static gboolean parse_day(const char *text, char out[11])
{
    int64_t a = 0, b = 0, y = 0;
    g_auto(GStrv) p = g_strsplit_set(text, "/-.", -1);
    if (g_strv_length(p) != 3)
        return FALSE;
    char *end;
    int64_t v[3];
    for (int i = 0; i < 3; i++) {
        v[i] = g_ascii_strtoll(g_strstrip(p[i]), &end, 10);
        if (!*p[i] || *end)
            return FALSE;
    }
    if (strlen(p[0]) == 4) /* year first */
        y = v[0], b = v[1], a = v[2];
    else /* Vietnamese order: day/month/year */
        a = v[0], b = v[1], y = v[2];
    /* checked before narrowing: day 271 must not become 15 */
    if (a < 1 || a > 31 || b < 1 || b > 12 || y < YEAR_MIN || y > YEAR_MAX)
        return FALSE;
    if (!g_date_valid_dmy((GDateDay)a, (GDateMonth)b, (GDateYear)y))
        return FALSE;
    g_snprintf(out, 11, "%04d-%02d-%02d", (int)y, (int)b, (int)a);
    return TRUE;
}

/* The review day of the row (ISO) when the list gives one. */
static gboolean read_day(import_run *run, const table_reader *r,
                         const int *cols, char day[11])
{
    day[0] = '\0';
    const char *text =
        cols[F_DATE] >= 0 ? table_reader_cell(r, cols[F_DATE]) : "";
    if (!*text)
        return TRUE;
    if (!parse_day(text, day)) {
        g_autofree char *shown = cell_quote(text);
        import_reject(run, r->row, import_column_name(r, cols[F_DATE]),
                      "not a date (dd/mm/yyyy): %s", shown);
        return FALSE;
    }
    return TRUE;
}

static gboolean read_year(import_run *run, const table_reader *r,
                          const int *cols, const char *day, int *year)
{
    int64_t y;
    if (!read_int(run, r, cols[F_YEAR], &y))
        return FALSE;
    if (y < 0 && *day)
        y = g_ascii_strtoll(day, NULL, 10); /* the review's own year */
    int given = run->opts->year;
    if (y < 0 && given <= 0) {
        import_reject(run, r->row, import_column_name(r, cols[F_YEAR]),
                      "review year is empty");
        return FALSE;
    }
    if (y >= 0 && (y < YEAR_MIN || y > YEAR_MAX)) {
        g_autofree char *shown = cell_named_value("review year", y);
        import_reject(run, r->row, import_column_name(r, cols[F_YEAR]),
                      "%s is out of range (%d to %d)", shown, YEAR_MIN,
                      YEAR_MAX);
        return FALSE;
    }
    if (y >= 0 && given > 0 && y != given) {
        import_reject_option(
            run, r->row, import_column_name(r, cols[F_YEAR]), "year",
            "review year %" G_GINT64_FORMAT " differs from the year given (%d)",
            y, given);
        return FALSE;
    }
    *year = y >= 0 ? (int)y : given;
    return TRUE;
}

/* The unit of the row in force on the review day (else at the end of the
 * review year), by code or name (unit_names.c); a code and a name of two
 * units are refused, and so is a merged unit, saying where it went
 * (docs/domain-rules.md §7.5 U02), never silently moving the household. */
static const povatlas_unit_row *read_unit(import_run *run,
                                          const table_reader *r,
                                          const int *cols, hh_ctx *c, int year,
                                          const char *review_day)
{
    const char *code = NULL, *name = NULL;
    if (!read_text(run, r, cols[F_CODE], &code) ||
        !read_text(run, r, cols[F_NAME], &name))
        return NULL;
    int col =
        cols[F_CODE] >= 0 && (code || !name) ? cols[F_CODE] : cols[F_NAME];
    if (!code && !name) {
        import_reject(run, r->row, import_column_name(r, col),
                      "ward code is empty");
        return NULL;
    }
    if (!*review_day && year != c->end_year) {
        g_snprintf(c->end_day, sizeof c->end_day, "%04d-12-31", year);
        c->end_year = year;
    }
    const char *day = *review_day ? review_day : c->end_day;
    /* a code alone: the unit it names on that day, once per import */
    int32_t day_tag =
        (int32_t)(strtol(day, NULL, 10) * 10000 +
                  strtol(day + 5, NULL, 10) * 100 + strtol(day + 8, NULL, 10));
    const povatlas_unit_row *u =
        code && !name ? code_cache_get(&c->units_on, day_tag, code) : NULL;
    if (u)
        return u;
    g_autofree char *why = NULL;
    gboolean at_name = FALSE;
    u = unit_names_resolve(c->names, code, name, day, !*review_day, &why,
                           &at_name);
    if (u && code && !name)
        code_cache_put(&c->units_on, day_tag, code, u);
    if (!u)
        import_reject(run, r->row,
                      import_column_name(r, at_name ? cols[F_NAME] : col), "%s",
                      why);
    return u;
}

static gboolean read_deprivations(import_run *run, const table_reader *r,
                                  const int *cols, hh_ctx *c,
                                  povatlas_household *h)
{
    int64_t recorded = -1;
    if (!read_int(run, r, cols[F_NDEPR], &recorded))
        return FALSE;
    if (c->flag_cols_present == 12) {
        int flags = 0, n = 0;
        for (int f = 0; f < 12; f++) {
            int col = cols[F_FLAG1 + f], v = 0;
            if (cell_flag(table_reader_cell(r, col), &v) == CELL_BAD) {
                g_autofree char *shown = cell_quote(table_reader_cell(r, col));
                import_reject(run, r->row, import_column_name(r, col),
                              "expected 1/x (deprived) or 0/empty, found %s",
                              shown);
                return FALSE;
            }
            flags |= v << f;
            n += v;
        }
        h->flags = flags;
        h->n_deprivations = n;
        if (recorded >= 0 && recorded != n)
            import_warn(run, r->row, import_column_name(r, cols[F_NDEPR]),
                        "count %" G_GINT64_FORMAT " disagrees with the %d "
                        "indicators marked; the marked ones are used",
                        recorded, n);
        return TRUE;
    }
    h->flags = -1;
    h->n_deprivations = (int)recorded;
    if (recorded < 0 || recorded > 12) {
        g_autofree char *shown =
            cell_named_value("deprivation count", recorded);
        import_reject(run, r->row, import_column_name(r, cols[F_NDEPR]),
                      recorded < 0 ? "deprivation count is empty%s"
                                   : "%s: there are 12 indicators",
                      recorded < 0 ? "" : shown);
        return FALSE;
    }
    return TRUE;
}

static gboolean read_income(import_run *run, const table_reader *r,
                            const int *cols, povatlas_household *h)
{
    int64_t members;
    if (!read_int_named(run, r, cols[F_MEMBERS], &members,
                        "number of members") ||
        !read_int_named(run, r, cols[F_INCOME_PC], &h->income_per_capita,
                        "income") ||
        !read_int_named(run, r, cols[F_INCOME_TOTAL], &h->income_total,
                        "income") ||
        !read_int_named(run, r, cols[F_B1], &h->b1_score, "B1 score"))
        return FALSE;
    if (members < 1 || members > 99) {
        /* a CCCD number shifted into this column was printed here */
        g_autofree char *shown = cell_named_value("number of members", members);
        import_reject(run, r->row, import_column_name(r, cols[F_MEMBERS]),
                      members < 0    ? "number of members is empty%s"
                      : members == 0 ? "household has no members%s"
                                     : "%s is not plausible (1 to 99)",
                      members > 0 ? shown : "");
        return FALSE;
    }
    h->members = (int)members;
    int col = cols[F_INCOME_PC] >= 0 ? cols[F_INCOME_PC] : cols[F_INCOME_TOTAL];
    if (h->income_per_capita == -1 && h->income_total == -1 &&
        h->b1_score == -1) {
        import_reject(run, r->row, import_column_name(r, col),
                      cols[F_B1] >= 0 ? "income and B1 score are empty"
                                      : "income is empty");
        return FALSE;
    }
    return TRUE;
}

static gboolean read_flags_0_1(import_run *run, const table_reader *r, int col,
                               int *out)
{
    *out = -1;
    if (col < 0)
        return TRUE;
    int v = 0;
    cell_status cs = cell_flag(table_reader_cell(r, col), &v);
    if (cs == CELL_BAD) {
        g_autofree char *shown = cell_quote(table_reader_cell(r, col));
        import_reject(run, r->row, import_column_name(r, col),
                      "expected 1/x or 0/empty, found %s", shown);
        return FALSE;
    }
    *out = cs == CELL_EMPTY ? 0 : v;
    return TRUE;
}

/* A file writes its statuses in a handful of spellings: parse each once. */
static int parse_status(hh_ctx *c, const char *text, povatlas_class *out)
{
    gpointer v = g_hash_table_lookup(c->status_words, text);
    if (!v) {
        povatlas_class k = POVATLAS_CLASS_UNKNOWN;
        int ok = povatlas_class_parse(text, &k);
        v = GINT_TO_POINTER(ok ? (int)k + 1 : -1);
        /* bounded: a file of a million different words is not cached */
        if (g_hash_table_size(c->status_words) < 256)
            g_hash_table_insert(c->status_words, g_strdup(text), v);
    }
    int k = GPOINTER_TO_INT(v);
    if (k < 0)
        return 0;
    *out = (povatlas_class)(k - 1);
    return 1;
}

static gboolean read_status(import_run *run, const table_reader *r,
                            const int *cols, hh_ctx *c, povatlas_household *h)
{
    const char *text = NULL;
    if (!read_text(run, r, cols[F_STATUS], &text))
        return FALSE;
    if (!text || !parse_status(c, text, &h->recorded_status)) {
        /* a shifted row puts a name or an address here */
        g_autofree char *shown = text ? cell_quote(text) : g_strdup("");
        import_reject(run, r->row, import_column_name(r, cols[F_STATUS]),
                      text ? "unknown household class %s (expected 'Hộ "
                             "nghèo' or 'Hộ cận nghèo')"
                           : "household class is empty%s",
                      shown);
        return FALSE;
    }
    return TRUE;
}

/* Income estimated by the Phiếu B1 score against the user's cut-offs. */
static povatlas_status classify_by_b1(import_run *run, const table_reader *r,
                                      const int *cols, hh_ctx *c, int urban,
                                      const povatlas_standard *s,
                                      povatlas_household *h)
{
    gpointer key = GINT_TO_POINTER(h->year * 2 + (urban ? 1 : 0));
    povatlas_b1_cutoff *cut = g_hash_table_lookup(c->b1, key);
    if (!cut) {
        povatlas_b1_cutoff found_cut;
        int found = 0;
        povatlas_error *why = NULL;
        db_enter(c);
        povatlas_status st = povatlas_workspace_find_b1_cutoff(
            c->ws, h->year, urban, &found_cut, &found, &why);
        db_leave(c);
        if (st) /* no cut-off: the row cannot be classified */
            return check_failed(run, r, import_column_name(r, cols[F_B1]), c,
                                why);
        cut = g_new0(povatlas_b1_cutoff, 1);
        *cut = found_cut;
        if (!found)
            cut->year_from = -1; /* remembered as missing */
        g_hash_table_insert(c->b1, key, cut);
    }
    if (cut->year_from < 0) {
        import_reject(run, r->row, import_column_name(r, cols[F_B1]),
                      "a B1 score needs a cut-off table for %d (%s): import "
                      "one with 'povatlas import b1-cutoffs FILE'",
                      h->year, urban ? "urban" : "rural");
        return POVATLAS_E_INPUT;
    }
    povatlas_classify_by_score(cut, h->b1_score, h->n_deprivations,
                               s->min_deprivations_poor, &h->computed_status);
    return POVATLAS_OK;
}

static povatlas_status classify_row(import_run *run, const table_reader *r,
                                    const int *cols, hh_ctx *c, int urban,
                                    povatlas_household *h)
{
    povatlas_error *why = NULL;
    const povatlas_standard *s = standard_for(c, h->year, urban, &why);
    if (!s)
        return check_failed(run, r, import_column_name(r, cols[F_YEAR]), c,
                            why);
    h->standard_id = s->id;
    if (h->income_per_capita < 0 && h->income_total < 0)
        return classify_by_b1(run, r, cols, c, urban, s, h);
    return povatlas_classify_household(s, h->members, h->income_per_capita,
                                       h->income_total, h->n_deprivations,
                                       &h->computed_status, NULL);
}

/* The recognised status is the legal one and is stored as written; a
 * status the rule does not give is reported so the ward can check it
 * (docs/domain-rules.md §2.3 point 5). */
static void warn_disagreement(import_run *run, const table_reader *r,
                              const int *cols, const povatlas_household *h)
{
    povatlas_class rec = h->recorded_status, got = h->computed_status;
    int listed = rec == POVATLAS_CLASS_POOR || rec == POVATLAS_CLASS_NEAR_POOR;
    int proposed =
        got == POVATLAS_CLASS_POOR || got == POVATLAS_CLASS_NEAR_POOR;
    if (rec == got || (!listed && !proposed))
        return;
    g_autofree char *id = povatlas_text_quote(h->household_id);
    import_warn(run, r->row, import_column_name(r, cols[F_STATUS]),
                "household %s is recorded as '%s' but the standard gives "
                "'%s' (%d deprivations); kept as recorded",
                id, povatlas_class_label_vi(rec), povatlas_class_label_vi(got),
                h->n_deprivations);
}

/* Where a key was first seen: its row, and its sheet when the workbook is
 * read sheet by sheet (kept in the key table's value). */
#define ROW_BITS 40
static gsize key_place(const import_run *run, long row)
{
    return (gsize)row | ((gsize)run->sheet << ROW_BITS);
}

static void reject_duplicate(import_run *run, const table_reader *r,
                             const int *cols, gsize place,
                             const povatlas_household *h)
{
    long row = (long)(place & (((gsize)1 << ROW_BITS) - 1));
    int sheet = (int)(place >> ROW_BITS);
    g_autofree char *id = povatlas_text_quote(h->household_id);
    if (row > 0 && run->sheet_names && sheet != run->sheet) {
        g_autofree char *name = povatlas_text_quote(run->sheet_names[sheet]);
        import_reject(run, h->source_row, import_column_name(r, cols[F_ID]),
                      "duplicate household id %s in ward %s (also on row "
                      "%ld of sheet %s)",
                      id, h->unit_code, row, name);
    } else if (row > 0)
        import_reject(run, h->source_row, import_column_name(r, cols[F_ID]),
                      "duplicate household id %s in ward %s (also on row "
                      "%ld)",
                      id, h->unit_code, row);
    else
        import_reject_option(run, h->source_row,
                             import_column_name(r, cols[F_ID]), "replace",
                             "household id %s of ward %s is already in the "
                             "workspace for %d (that year's list is replaced "
                             "only when asked to)",
                             id, h->unit_code, h->year);
}

static void remember_stored(const char *unit_code, const char *household_id,
                            void *user_data)
{
    hh_ctx *c = user_data;
    uint64_t taken;
    if (!c->keys_oom &&
        key_set_claim(&c->keys,
                      household_key(c->keys_year, unit_code, household_id), 0,
                      &taken) < 0)
        c->keys_oom = TRUE;
}

static povatlas_status keys_oom(const import_run *run, povatlas_error **err)
{
    return povatlas_error_set_at(err, POVATLAS_E_NOMEM, run->path, 0, NULL,
                                 "out of memory for the household keys");
}

/* First row of a year: replace the stored year (--replace) or load its
 * keys, so that a household already stored is refused. */
static povatlas_status first_of_year(import_run *run, hh_ctx *c, int year,
                                     povatlas_error **err)
{
    gpointer key = GINT_TO_POINTER(year);
    if (g_hash_table_contains(c->years_seen, key))
        return POVATLAS_OK;
    g_hash_table_add(c->years_seen, key);
    if (run->opts->replace)
        return povatlas_workspace_delete_households(c->ws, year, NULL, err);
    c->keys_year = year;
    povatlas_status st = povatlas_workspace_household_keys(
        c->ws, year, remember_stored, c, NULL, err);
    return !st && c->keys_oom ? keys_oom(run, err) : st;
}

/* Adds the row's key @key (household_key() of @h): 1; 0 (with where it
 * was first seen in *first) when taken; -1 when out of memory. */
static int claim_key(const import_run *run, hh_ctx *c,
                     const povatlas_household *h, uint64_t key, gsize *first)
{
    uint64_t taken = 0;
    int rc =
        key_set_claim(&c->keys, key, key_place(run, h->source_row), &taken);
    *first = (gsize)taken;
    return rc;
}

/* Checks and classifies one row; TRUE with @h filled (its strings
 * borrowed from the reader's row) when the row is good. Touches the
 * workspace only through db_enter() (cache misses). */
static gboolean hh_check(import_run *run, const table_reader *r,
                         const int *cols, hh_ctx *c, povatlas_household *h)
{
    *h =
        (povatlas_household){.import_id = run->import_id, .source_row = r->row};
    text_chunk_reset(&run->nfc);
    const povatlas_unit_row *u;
    char day[11];
    if (!read_text(run, r, cols[F_ID], &h->household_id) ||
        !read_day(run, r, cols, day) || !read_year(run, r, cols, day, &h->year))
        return FALSE;
    if (!h->household_id || cell_blank(h->household_id)) {
        import_reject(run, r->row, import_column_name(r, cols[F_ID]),
                      "household id is empty");
        return FALSE;
    }
    if (!(u = read_unit(run, r, cols, c, h->year, day)) ||
        !read_income(run, r, cols, h) ||
        !read_deprivations(run, r, cols, c, h) ||
        !read_status(run, r, cols, c, h) ||
        !read_flags_0_1(run, r, cols[F_ETHNIC], &h->ethnic_minority) ||
        !read_flags_0_1(run, r, cols[F_MERIT], &h->merit) ||
        !read_flags_0_1(run, r, cols[F_NOLABOUR], &h->no_labour) ||
        !read_text(run, r, cols[F_HEAD], &h->head_name) ||
        !read_text(run, r, cols[F_ADDRESS], &h->address) ||
        !read_text(run, r, cols[F_IDNUM], &h->id_number))
        return FALSE;
    h->unit_code = u->code;
    /* an office's list holding a unit not its own: the row is refused
     * (so nothing is stored), before the database would refuse it
     * without its row */
    char *refused = povatlas_workspace_office_refusal(c->ws, u->code);
    if (refused) {
        int col = cols[F_CODE] >= 0 ? cols[F_CODE] : cols[F_NAME];
        import_reject(run, r->row, import_column_name(r, col), "%s", refused);
        free(refused);
        return FALSE;
    }
    if (classify_row(run, r, cols, c, u->urban, h))
        return FALSE;
    warn_disagreement(run, r, cols, h);
    return TRUE;
}

/* Claims @h's key @key (household_key() of @h) after the first row of
 * its year has loaded that year's stored keys: *@keep TRUE when the key
 * was free; FALSE when taken, the row refused as a duplicate. Takes the
 * workspace itself (a new year only); call without it. */
static povatlas_status hh_claim(import_run *run, const table_reader *r,
                                const int *cols, hh_ctx *c,
                                const povatlas_household *h, uint64_t key,
                                gboolean *keep, povatlas_error **err)
{
    *keep = FALSE;
    if (!g_hash_table_contains(c->years_seen, GINT_TO_POINTER(h->year))) {
        db_enter(c);
        povatlas_status st = first_of_year(run, c, h->year, err);
        db_leave(c);
        if (st)
            return st;
    }
    gsize first = 0;
    int claimed = claim_key(run, c, h, key, &first);
    if (claimed < 0)
        return keys_oom(run, err);
    if (claimed == 0)
        reject_duplicate(run, r, cols, first, h);
    *keep = claimed > 0;
    return POVATLAS_OK;
}

/* Stores a household whose key was claimed. Call with the workspace
 * held. */
static povatlas_status hh_store(import_run *run, hh_ctx *c,
                                const povatlas_household *h,
                                povatlas_error **err)
{
    povatlas_status st = povatlas_household_writer_add(c->writer, h, err);
    run->rows_stored += st == POVATLAS_OK;
    return st;
}

static povatlas_status row_oom(const import_run *run, long row,
                               povatlas_error **err)
{
    return povatlas_error_set_at(err, POVATLAS_E_NOMEM, run->path, row, NULL,
                                 "out of memory for the row's text");
}

static povatlas_status hh_row(import_run *run, const table_reader *r,
                              const int *cols, void *ctx_, povatlas_error **err)
{
    hh_ctx *c = ctx_;
    povatlas_household h;
    if (!hh_check(run, r, cols, c, &h))
        return run->oom ? row_oom(run, r->row, err)
               : c->failed
                   ? povatlas_error_propagate(err, g_steal_pointer(&c->failed))
                   : POVATLAS_OK;
    gboolean keep = FALSE;
    povatlas_status st = hh_claim(
        run, r, cols, c, &h, household_key(h.year, h.unit_code, h.household_id),
        &keep, err);
    if (st || !keep)
        return st;
    db_enter(c);
    st = hh_store(run, c, &h, err);
    db_leave(c);
    return st;
}

/*
 * Two threads: one reads, checks and classifies rows and refuses
 * duplicate keys (CPU: CSV parsing, number parsing, the rule, the key
 * table), the other stores them (SQLite). Rows travel
 * in batches through two queues, so at most PIPE_BATCHES batches exist and
 * memory stays flat whatever the file's length.
 */
#define PIPE_BATCH_ROWS 4096
#define PIPE_BATCHES 4

typedef struct hh_batch {
    povatlas_household *rows; /* PIPE_BATCH_ROWS, strings in @text */
    uint64_t *keys;           /* their household_key()s (reading thread) */
    guint len;
    text_chunk text;
} hh_batch;

typedef struct hh_pipe {
    import_run *run;
    table_reader *r;
    const int *cols;
    hh_ctx *c;
    GAsyncQueue *full, *empty;
    gint stop;            /* set by the storing thread on failure */
    povatlas_status st;   /* the reading thread's result */
    povatlas_error *err;  /* its error */
    gboolean reserved;    /* the key table sized for the file's rows */
    double seen_fraction; /* of the file read by the first block */
    int64_t seen_rows;    /* rows read by then */
} hh_pipe;

static hh_batch PIPE_END; /* "no more batches" */

/* Copies @h into @b; FALSE when out of memory for its text. */
static gboolean batch_keep(hh_batch *b, const povatlas_household *h)
{
    povatlas_household *k = &b->rows[b->len];
    *k = *h;
    if (!(k->household_id = text_chunk_add(&b->text, h->household_id)) ||
        (h->head_name &&
         !(k->head_name = text_chunk_add(&b->text, h->head_name))) ||
        (h->address && !(k->address = text_chunk_add(&b->text, h->address))) ||
        (h->id_number &&
         !(k->id_number = text_chunk_add(&b->text, h->id_number))))
        return FALSE;
    b->keys[b->len++] = household_key(h->year, h->unit_code, h->household_id);
    return TRUE;
}

/* How many rows ahead the key table's slots are fetched into the cache:
 * at 10 M keys the table is ~200 MB, and a claim found its slot in memory,
 * not in the cache (12.8 % of the import's time). */
#define KEY_PREFETCH_AHEAD 8

/* Claims the keys of the rows of @b, dropping the duplicates from it
 * (refused). */
static povatlas_status batch_claim(hh_pipe *p, hh_batch *b,
                                   povatlas_error **err)
{
    guint kept = 0;
    for (guint i = 0; i < b->len && i < KEY_PREFETCH_AHEAD; i++)
        key_set_prefetch(&p->c->keys, b->keys[i]);
    for (guint i = 0; i < b->len; i++) {
        if (i + KEY_PREFETCH_AHEAD < b->len)
            key_set_prefetch(&p->c->keys, b->keys[i + KEY_PREFETCH_AHEAD]);
        gboolean keep = FALSE;
        povatlas_status st = hh_claim(p->run, p->r, p->cols, p->c, &b->rows[i],
                                      b->keys[i], &keep, err);
        if (st) {
            b->len = kept;
            return st;
        }
        if (keep) {
            b->rows[kept] = b->rows[i];
            b->keys[kept++] = b->keys[i];
        }
    }
    b->len = kept;
    return POVATLAS_OK;
}

/* Makes room in the key table for the rows the file holds, told by how
 * many rows the reader's first block held (the CSV reader reads 1 MiB at
 * a time; a workbook's reader counts rows): the table then never doubles
 * on its way (1 M rows: 15 doublings, each rehashing every key and
 * faulting in a table twice the size, 6 % of the import's samples, all
 * on the reading thread that sets the pace), and its peak is the final
 * table alone, not the final table plus its half. Called every 256
 * rows until it has reserved. */
static povatlas_status reserve_keys(hh_pipe *p, povatlas_error **err)
{
    double f = table_reader_fraction(p->r);
    if (!(f > 0.0 && f < 1.0)) { /* unknown, or the whole file read */
        p->reserved = TRUE;
        return POVATLAS_OK;
    }
    if (p->seen_fraction == 0.0 || f == p->seen_fraction) {
        p->seen_fraction = f; /* still within the first block */
        p->seen_rows = p->run->rows_read;
        return POVATLAS_OK;
    }
    p->reserved = TRUE;
    double rows = (double)p->seen_rows / p->seen_fraction;
    rows += rows / 32.0; /* rows a little longer than the first ones */
    if (rows > 4e9)
        return POVATLAS_OK; /* an estimate gone wrong: grow as it goes */
    return key_set_reserve(&p->c->keys, p->c->keys.n + (size_t)rows) < 0
               ? keys_oom(p->run, err)
               : POVATLAS_OK;
}

static gpointer pipe_read(gpointer data)
{
    hh_pipe *p = data;
    hh_batch *b = g_async_queue_pop(p->empty);
    int rc = 0;
    povatlas_status st = POVATLAS_OK;
    while (!g_atomic_int_get(&p->stop) &&
           (rc = import_next_row(p->run, p->r, &p->err)) > 0) {
        povatlas_household h;
        gboolean ok = hh_check(p->run, p->r, p->cols, p->c, &h);
        if ((ok && !batch_keep(b, &h)) || p->run->oom) {
            st = row_oom(p->run, p->r->row, &p->err);
            break;
        }
        if (p->c->failed) {
            st = povatlas_error_propagate(&p->err,
                                          g_steal_pointer(&p->c->failed));
            break;
        }
        if (!p->reserved && (p->run->rows_read & 0xff) == 0 &&
            (st = reserve_keys(p, &p->err)))
            break;
        if (b->len == PIPE_BATCH_ROWS) {
            if ((st = batch_claim(p, b, &p->err)))
                break;
            g_async_queue_push(p->full, b);
            b = g_async_queue_pop(p->empty);
        }
        if ((p->run->rows_read & 0xffff) == 0 &&
            !import_progress(p->run, table_reader_fraction(p->r),
                             "households")) {
            st = povatlas_error_set(&p->err, POVATLAS_E_USAGE,
                                    "import cancelled");
            break;
        }
    }
    if (!st && rc < 0) /* the reader's error is in p->err */
        st = p->err ? p->err->code : POVATLAS_E_INPUT;
    if (!st)
        st = batch_claim(p, b, &p->err);
    if (st)
        b->len = 0; /* the import fails: store no more */
    g_async_queue_push(p->full, b);
    g_async_queue_push(p->full, &PIPE_END);
    p->st = st;
    return NULL;
}

static void batch_free(gpointer data)
{
    hh_batch *b = data;
    if (b == &PIPE_END)
        return;
    free(b->rows);
    free(b->keys);
    text_chunk_clear(&b->text);
    free(b);
}

/* The storing side: runs in the calling thread, which owns the workspace
 * transaction. */
static povatlas_status pipe_store(hh_pipe *p, povatlas_error **err)
{
    povatlas_status st = POVATLAS_OK;
    hh_batch *b;
    while ((b = g_async_queue_pop(p->full)) != &PIPE_END) {
        db_enter(p->c);
        for (guint i = 0; !st && i < b->len; i++)
            st = hh_store(p->run, p->c, &b->rows[i], err);
        db_leave(p->c);
        if (st)
            g_atomic_int_set(&p->stop, 1); /* drain, store no more */
        b->len = 0;
        text_chunk_reset(&b->text);
        g_async_queue_push(p->empty, b);
    }
    return st;
}

static povatlas_status hh_run(import_run *run, table_reader *r, const int *cols,
                              void *ctx_, povatlas_error **err)
{
    GMutex run_lock;
    g_mutex_init(&run_lock);
    run->lock = &run_lock;
    hh_pipe p = {run,
                 r,
                 cols,
                 ctx_,
                 g_async_queue_new(),
                 g_async_queue_new_full(batch_free),
                 0,
                 POVATLAS_OK,
                 NULL,
                 FALSE,
                 0.0,
                 0};
    povatlas_status st = POVATLAS_OK;
    for (int i = 0; !st && i < PIPE_BATCHES; i++) {
        hh_batch *b = povatlas_try_calloc(1, sizeof *b);
        if (b) {
            b->rows = povatlas_try_calloc(PIPE_BATCH_ROWS,
                                          sizeof(povatlas_household));
            b->keys = povatlas_try_calloc(PIPE_BATCH_ROWS, sizeof(uint64_t));
        }
        if (b && b->rows && b->keys)
            g_async_queue_push(p.empty, b);
        else {
            if (b) {
                free(b->rows);
                free(b->keys);
            }
            free(b);
            st =
                povatlas_error_set_at(err, POVATLAS_E_NOMEM, run->path, 0, NULL,
                                      "out of memory for the rows to store");
        }
    }
    if (st) {
        run->lock = NULL;
        g_mutex_clear(&run_lock);
        g_async_queue_unref(p.full);
        g_async_queue_unref(p.empty);
        return st;
    }
    GThread *reader = g_thread_new("povatlas-read", pipe_read, &p);
    st = pipe_store(&p, err);
    g_thread_join(reader);
    run->lock = NULL;
    g_mutex_clear(&run_lock);
    if (!st && p.st)
        st = povatlas_error_propagate(err, g_steal_pointer(&p.err));
    /* the sheet's counts per unit, inside the import's transaction */
    if (!st)
        st = povatlas_household_writer_finish(p.c->writer, err);
    povatlas_error_free(p.err);
    g_async_queue_unref(p.full);
    g_async_queue_unref(p.empty); /* frees the batches */
    return st;
}

povatlas_status povatlas_import_households(povatlas_workspace *ws,
                                           const char *path,
                                           const povatlas_import_opts *opts,
                                           povatlas_report *report,
                                           povatlas_import_result *result,
                                           povatlas_error **err)
{
    hh_ctx c = {.ws = ws};
    povatlas_error *why = NULL;
    c.names = unit_names_load(ws, &why);
    if (!c.names)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    c.standards =
        g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    g_mutex_init(&c.db_lock);
    c.years_seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    c.b1 = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    c.status_words =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    static const import_table_def def = {"households", HH_FIELDS, N_HH_FIELDS,
                                         hh_start,     hh_row,    hh_run};
    povatlas_status st =
        import_table(ws, path, opts, report, result, &def, &c, err);
    hh_ctx_clear(&c);
    g_mutex_clear(&c.db_lock);
    return st;
}
