/*
 * test_ingest_typed.c - the same rows read from every kind of source
 * (src/ingest/reader_gdal.c, src/ingest/boundaries.c): a review list, ward
 * statistics and plan targets written as CSV text and, with OGR, as XLSX,
 * GeoJSON, GeoPackage, Shapefile and FlatGeobuf with integer and real
 * columns, give
 * the same workspace values. GDAL frees the text of a numeric field at the
 * next call: a reader that keeps that pointer stores the wrong numbers.
 */
#include "testutil.h"

#include <string.h>

#include "povatlas/povatlas.h"
#include <gdal.h>
#include <ogr_api.h>

typedef struct column {
    const char *name; /* 10 characters at most: Shapefile field names */
    OGRFieldType type;
} column;

typedef struct table {
    const column *cols;
    size_t n_cols;
    const char *const *cells; /* n_rows * n_cols, "" = null */
    size_t n_rows;
} table;

/* ---- the rows: one review list, its ward totals and two targets ---- */

static const column HH_COLS[] = {
    {"ma_ho", OFTString},      {"ma_xa", OFTInteger}, {"nam", OFTInteger},
    {"nhan_khau", OFTInteger}, {"thu_nhap", OFTReal}, {"d01", OFTInteger},
    {"d02", OFTInteger},       {"d03", OFTInteger},   {"d04", OFTInteger},
    {"d05", OFTInteger},       {"d06", OFTInteger},   {"d07", OFTInteger},
    {"d08", OFTInteger},       {"d09", OFTInteger},   {"d10", OFTInteger},
    {"d11", OFTInteger},       {"d12", OFTInteger},   {"phan_loai", OFTString},
};
static const char *const HH_CELLS[] = {
    "H1", "22738", "2023", "4", "1900000",   "1", "1", "1", "0",
    "0",  "0",     "0",    "0", "0",         "0", "0", "0", "poor",
    "H2", "22774", "2023", "2", "1500000",   "0", "0", "0", "0",
    "0",  "0",     "0",    "0", "0",         "0", "0", "0", "near_poor",
    "H3", "22768", "2023", "7", "2100000.5", "0", "1", "0", "1",
    "0",  "0",     "0",    "0", "0",         "1", "0", "0", "near_poor",
};

static const column STAT_COLS[] = {
    {"ma_xa", OFTInteger}, {"nam", OFTInteger},  {"so_ho", OFTInteger},
    {"dan_so", OFTReal},   {"nguon", OFTString},
};
static const char *const STAT_CELLS[] = {
    "22738", "2023", "4104", "13257", "Chi cục Thống kê",
    "22768", "2023", "5046", "19377", "Chi cục Thống kê",
    "22774", "2023", "2643", "",      "Chi cục Thống kê",
};

static const column TARGET_COLS[] = {
    {"scope", OFTString}, {"nam", OFTInteger},   {"chi_tieu", OFTString},
    {"nam_goc", OFTReal}, {"muc_tieu", OFTReal}, {"unit", OFTString},
};
static const char *const TARGET_CELLS[] = {
    "all", "2025", "poor_rate",      "1.34", "0.5", "percent",
    "all", "2025", "near_poor_rate", "2.75", "1",   "percent",
};

#define TABLE(c, v)                                                            \
    {                                                                          \
        c, G_N_ELEMENTS(c), v, G_N_ELEMENTS(v) / G_N_ELEMENTS(c)               \
    }
static const table HOUSEHOLDS = TABLE(HH_COLS, HH_CELLS);
static const table STATS = TABLE(STAT_COLS, STAT_CELLS);
static const table TARGETS = TABLE(TARGET_COLS, TARGET_CELLS);

/* What every source must give (income rounded down is refused, never
 * truncated: H3's half đồng is part of the check below). */
#define EXPECTED_STATS                                                         \
    "22738|2023|4104|13257|Chi cục Thống kê\n"                            \
    "22768|2023|5046|19377|Chi cục Thống kê\n"                            \
    "22774|2023|2643||Chi cục Thống kê\n"
#define EXPECTED_TARGETS                                                       \
    "all|2025|near_poor_rate|2.75|1|percent\n"                                 \
    "all|2025|poor_rate|1.34|0.5|percent\n"

/* ---- writing the rows ---- */

static char *csv_text(const table *t)
{
    GString *s = g_string_new(NULL);
    for (size_t c = 0; c < t->n_cols; c++)
        g_string_append_printf(s, "%s%s", c ? "," : "", t->cols[c].name);
    g_string_append_c(s, '\n');
    for (size_t r = 0; r < t->n_rows; r++) {
        for (size_t c = 0; c < t->n_cols; c++)
            g_string_append_printf(s, "%s%s", c ? "," : "",
                                   t->cells[r * t->n_cols + c]);
        g_string_append_c(s, '\n');
    }
    return g_string_free(s, FALSE);
}

/* @t as a typed layer written by OGR's @driver (points where the format
 * wants a geometry). */
static void write_typed(const char *driver, const char *path, const table *t)
{
    GDALDriverH drv = GDALGetDriverByName(driver);
    assert_non_null(drv);
    GDALDatasetH ds = GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, NULL);
    assert_non_null(ds);
    gboolean spatial = strcmp(driver, "XLSX") != 0;
    /* a .cpg saying UTF-8, as QGIS writes it */
    const char *utf8[] = {"ENCODING=UTF-8", NULL};
    OGRLayerH layer = GDALDatasetCreateLayer(
        ds, "rows", NULL, spatial ? wkbPoint : wkbNone,
        strcmp(driver, "ESRI Shapefile") == 0 ? (char **)utf8 : NULL);
    assert_non_null(layer);
    for (size_t c = 0; c < t->n_cols; c++) {
        OGRFieldDefnH fd = OGR_Fld_Create(t->cols[c].name, t->cols[c].type);
        assert_int_equal(OGR_L_CreateField(layer, fd, TRUE), OGRERR_NONE);
        OGR_Fld_Destroy(fd);
    }
    for (size_t r = 0; r < t->n_rows; r++) {
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(layer));
        for (size_t c = 0; c < t->n_cols; c++) {
            const char *v = t->cells[r * t->n_cols + c];
            if (*v)
                OGR_F_SetFieldString(f, (int)c, v);
            else
                OGR_F_SetFieldNull(f, (int)c);
        }
        if (spatial) {
            OGRGeometryH p = OGR_G_CreateGeometry(wkbPoint);
            OGR_G_SetPoint_2D(p, 0, 108.99 + 0.001 * (double)r, 11.57);
            OGR_F_SetGeometryDirectly(f, p);
        }
        assert_int_equal(OGR_L_CreateFeature(layer, f), OGRERR_NONE);
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
}

/* The file holding @t in @format ("csv", "xlsx", "geojson", "gpkg", "shp",
 * "fgb"). */
static char *write_table(const char *dir, const char *stem, const char *format,
                         const table *t)
{
    g_autofree char *name = g_strdup_printf("%s.%s", stem, format);
    if (strcmp(format, "csv") == 0) {
        g_autofree char *text = csv_text(t);
        return testutil_write_file(dir, name, text, -1);
    }
    static const char *const drivers[][2] = {{"xlsx", "XLSX"},
                                             {"geojson", "GeoJSON"},
                                             {"gpkg", "GPKG"},
                                             {"shp", "ESRI Shapefile"},
                                             {"fgb", "FlatGeobuf"}};
    char *path = g_build_filename(dir, name, NULL);
    for (size_t i = 0; i < G_N_ELEMENTS(drivers); i++)
        if (strcmp(format, drivers[i][0]) == 0)
            write_typed(drivers[i][1], path, t);
    return path;
}

/* ---- reading the workspace back ---- */

static char *query(const char *db_path, const char *sql)
{
    return testutil_query(db_path, sql);
}

static povatlas_workspace *new_workspace(const char *dir, char **db)
{
    *db = testutil_workspace_target(dir);
    povatlas_workspace *ws = povatlas_workspace_create(*db, 0, NULL);
    assert_non_null(ws);
    g_autofree char *units = povatlas_data_path("units.csv");
    assert_int_equal(povatlas_import_units(ws, units, NULL, NULL, NULL, NULL),
                     POVATLAS_OK);
    return ws;
}

static void expect_ok(povatlas_status st, povatlas_error *err,
                      povatlas_report *rep, const char *what)
{
    if (st != POVATLAS_OK) {
        for (size_t i = 0; i < povatlas_report_n_errors(rep); i++)
            print_message("%s: %s\n", what,
                          povatlas_report_error(rep, i)->message);
        if (err)
            print_message("%s: %s\n", what, err->message);
    }
    assert_int_equal(st, POVATLAS_OK);
}

/* Imports the three tables from @format; checks the stored values. */
static void import_format(const char *format)
{
    povatlas_init();
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *db = NULL;
    povatlas_workspace *ws = new_workspace(dir, &db);
    g_autofree char *hh = write_table(dir, "list", format, &HOUSEHOLDS);
    g_autofree char *stats = write_table(dir, "stats", format, &STATS);
    g_autofree char *targets = write_table(dir, "targets", format, &TARGETS);
    g_autofree char *map = testutil_write_file(
        dir, "map.ini", "[columns]\nthu_nhap = income_per_capita\n", -1);
    povatlas_import_opts o;
    povatlas_import_opts_init(&o);
    o.mapping = map;
    povatlas_report *rep = povatlas_report_new();
    povatlas_error *err = NULL;
    expect_ok(povatlas_import_ward_stats(ws, stats, NULL, rep, NULL, &err), err,
              rep, format);
    expect_ok(povatlas_import_targets(ws, targets, NULL, rep, NULL, &err), err,
              rep, format);
    /* H3's income has half a đồng: refused, naming the value as read */
    assert_int_equal(povatlas_import_households(ws, hh, &o, rep, NULL, &err),
                     POVATLAS_E_INPUT);
    assert_int_equal(povatlas_report_n_errors(rep), 1);
    assert_string_equal(povatlas_report_error(rep, 0)->message,
                        "not a whole number: '2100000.5'");
    povatlas_error_free(err);
    err = NULL;
    povatlas_workspace_close(ws);

    g_autofree char *stored_stats =
        query(db, "SELECT unit_code, year, households, population, source"
                  " FROM ward_stats ORDER BY unit_code, year");
    assert_string_equal(stored_stats, EXPECTED_STATS);
    g_autofree char *stored_targets = query(
        db, "SELECT scope, year, name, baseline, target, unit FROM targets"
            " ORDER BY name");
    assert_string_equal(stored_targets, EXPECTED_TARGETS);
    povatlas_report_free(rep);
    testutil_rmtree(dir);
}

/* The list without the half đồng: every value lands as written. */
static void import_list(const char *format)
{
    povatlas_init();
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *db = NULL;
    povatlas_workspace *ws = new_workspace(dir, &db);
    const char *cells[G_N_ELEMENTS(HH_CELLS)];
    memcpy(cells, HH_CELLS, sizeof cells);
    cells[2 * G_N_ELEMENTS(HH_COLS) + 4] = "2100000";
    table t = HOUSEHOLDS;
    t.cells = cells;
    g_autofree char *hh = write_table(dir, "list", format, &t);
    g_autofree char *map = testutil_write_file(
        dir, "map.ini", "[columns]\nthu_nhap = income_per_capita\n", -1);
    povatlas_import_opts o;
    povatlas_import_opts_init(&o);
    o.mapping = map;
    povatlas_report *rep = povatlas_report_new();
    povatlas_error *err = NULL;
    expect_ok(povatlas_import_households(ws, hh, &o, rep, NULL, &err), err, rep,
              format);
    povatlas_workspace_close(ws);
    g_autofree char *stored =
        query(db, "SELECT year, unit_code, household_id, members,"
                  " income_per_capita, flags, n_deprivations, recorded_status,"
                  " computed_status FROM households ORDER BY household_id");
    /* flags: bit i = TH(i+1); H3 = TH02 + TH04 + TH10, recorded near-poor
     * (2) but above the urban line: computed not poor (3) */
    assert_string_equal(stored, "2023|22738|H1|4|1900000|7|3|1|1\n"
                                "2023|22774|H2|2|1500000|0|0|2|2\n"
                                "2023|22768|H3|7|2100000|522|3|2|3\n");
    povatlas_report_free(rep);
    testutil_rmtree(dir);
}

#define FORMAT_TESTS(fmt)                                                      \
    static void test_tables_##fmt(void **state)                                \
    {                                                                          \
        (void)state;                                                           \
        import_format(#fmt);                                                   \
    }                                                                          \
    static void test_list_##fmt(void **state)                                  \
    {                                                                          \
        (void)state;                                                           \
        import_list(#fmt);                                                     \
    }
FORMAT_TESTS(csv)
FORMAT_TESTS(xlsx)
FORMAT_TESTS(geojson)
FORMAT_TESTS(gpkg)
FORMAT_TESTS(shp)
FORMAT_TESTS(fgb)

/* A fraction of exactly three digits in a typed column is a fraction, not
 * thousands ("0.125" in a Vietnamese text list would be 125). */
static void test_real_three_decimals(void **state)
{
    (void)state;
    povatlas_init();
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *db = NULL;
    povatlas_workspace *ws = new_workspace(dir, &db);
    static const char *const cells[] = {"all",   "2025",  "poor_rate",
                                        "1.125", "0.125", "percent"};
    table t = {TARGET_COLS, G_N_ELEMENTS(TARGET_COLS), cells, 1};
    g_autofree char *path = write_table(dir, "t", "gpkg", &t);
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_import_targets(ws, path, NULL, NULL, NULL, &err),
                     POVATLAS_OK);
    povatlas_workspace_close(ws);
    g_autofree char *stored = query(db, "SELECT baseline, target FROM targets");
    assert_string_equal(stored, "1.125|0.125\n");
    testutil_rmtree(dir);
}

/* An XLSX number cell 0.125 is a fraction, read as such (its text in the
 * sheet, "0.125", read as 125 in a Vietnamese list), while a text cell
 * keeps the Vietnamese reading: "1.500" is fifteen hundred, "0,25" a
 * quarter. The sheet has no <dimension> (OGR writes none). */
static void test_xlsx_number_cells(void **state)
{
    (void)state;
    povatlas_init();
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *db = NULL;
    povatlas_workspace *ws = new_workspace(dir, &db);
    static const char *const numbers[] = {
        "all", "2025", "poor_rate", "1.125", "0.125",  "percent",
        "all", "2026", "poor_rate", "2.5",   "0.0125", "percent"};
    table t = {TARGET_COLS, G_N_ELEMENTS(TARGET_COLS), numbers, 2};
    g_autofree char *path = write_table(dir, "t", "xlsx", &t);
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_import_targets(ws, path, NULL, NULL, NULL, &err),
                     POVATLAS_OK);
    static const column text_cols[] = {
        {"scope", OFTString},    {"nam", OFTInteger},
        {"chi_tieu", OFTString}, {"nam_goc", OFTString},
        {"muc_tieu", OFTString}, {"unit", OFTString},
    };
    static const char *const texts[] = {"all",   "2027", "poor_rate",
                                        "1.500", "0,25", "households"};
    table tt = {text_cols, G_N_ELEMENTS(text_cols), texts, 1};
    g_autofree char *text_path = write_table(dir, "tt", "xlsx", &tt);
    assert_int_equal(
        povatlas_import_targets(ws, text_path, NULL, NULL, NULL, &err),
        POVATLAS_OK);
    povatlas_workspace_close(ws);
    g_autofree char *stored =
        query(db, "SELECT year, baseline, target FROM targets ORDER BY year");
    assert_string_equal(stored, "2025|1.125|0.125\n2026|2.5|0.0125\n"
                                "2027|1500|0.25\n");
    testutil_rmtree(dir);
}

/* A boundary layer whose code and urban flag are integer fields creates
 * the unit under its own code (not under the urban flag's '1'). */
/* Writes a layer "wards" of @driver at @path: for each of @codes an
 * integer code, a name, a type, an integer urban flag and a zone, and a
 * square. */
static void write_wards(const char *driver, const char *path, const int *codes,
                        size_t n)
{
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName(driver), path, 0, 0, 0,
                                 GDT_Unknown, NULL);
    assert_non_null(ds);
    /* the names in UTF-8 in a .dbf too (its default is ISO-8859-1) */
    char *utf8[] = {(char *)"ENCODING=UTF-8", NULL};
    OGRLayerH layer = GDALDatasetCreateLayer(
        ds, "wards", NULL, wkbPolygon,
        g_str_equal(driver, "ESRI Shapefile") ? utf8 : NULL);
    static const column cols[] = {{"code", OFTInteger},
                                  {"name", OFTString},
                                  {"unit_type", OFTString},
                                  {"urban", OFTInteger},
                                  {"zone", OFTString}};
    for (size_t c = 0; c < G_N_ELEMENTS(cols); c++) {
        OGRFieldDefnH fd = OGR_Fld_Create(cols[c].name, cols[c].type);
        OGR_L_CreateField(layer, fd, TRUE);
        OGR_Fld_Destroy(fd);
    }
    for (size_t i = 0; i < n; i++) {
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(layer));
        OGR_F_SetFieldInteger(f, 0, codes[i]);
        OGR_F_SetFieldString(f, 1, i ? "Mỹ Hương" : "Đô Vinh");
        OGR_F_SetFieldString(f, 2, "phuong");
        OGR_F_SetFieldInteger(f, 3, 1);
        OGR_F_SetFieldString(f, 4, "periurban");
        double x = 108.94 + 0.01 * (double)i;
        g_autofree char *text =
            g_strdup_printf("POLYGON((%.2f 11.63,%.2f 11.63,%.2f 11.64,%.2f "
                            "11.64,%.2f 11.63))",
                            x, x + 0.01, x + 0.01, x, x);
        char *wkt = text;
        OGRGeometryH g = NULL;
        OGR_G_CreateFromWkt(&wkt, NULL, &g);
        OGR_F_SetGeometryDirectly(f, g);
        assert_int_equal(OGR_L_CreateFeature(layer, f), OGRERR_NONE);
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
}

static void test_boundaries_integer_code(void **state)
{
    (void)state;
    g_autofree char *dir = NULL, *db = NULL;
    povatlas_workspace *ws = testutil_workspace_new(&dir, &db);
    g_autofree char *path = g_build_filename(dir, "b.gpkg", NULL);
    const int codes[] = {22738};
    write_wards("GPKG", path, codes, 1);
    povatlas_error *err = NULL;
    assert_int_equal(
        povatlas_import_boundaries(ws, path, NULL, NULL, NULL, &err),
        POVATLAS_OK);
    povatlas_workspace_close(ws);
    g_autofree char *units =
        query(db, "SELECT code, name, unit_type, urban, "
                  "zone, CASE WHEN geom IS NULL THEN 0 ELSE 1 END"
                  " FROM units");
    assert_string_equal(units, "22738|Đô Vinh|phuong|1|periurban|1\n");
    testutil_rmtree(dir);
}

typedef povatlas_status (*import_fn)(povatlas_workspace *ws, const char *path,
                                     const povatlas_import_opts *opts,
                                     povatlas_report *report,
                                     povatlas_import_result *result,
                                     povatlas_error **err);

/* A row refused by an import: its report's error. */
typedef struct refusal {
    long row;
    const char *column, *message;
} refusal;

/* Imports @path with @fn into @ws: refused (E_INPUT), its report naming
 * exactly the @n rows of @want, each at @path. */
static void expect_refused(povatlas_workspace *ws, import_fn fn,
                           const char *path, const refusal *want, size_t n)
{
    povatlas_report *rep = povatlas_report_new();
    povatlas_error *err = NULL;
    assert_int_equal(fn(ws, path, NULL, rep, NULL, &err), POVATLAS_E_INPUT);
    povatlas_error_free(err);
    assert_int_equal(povatlas_report_n_errors(rep), n);
    for (size_t i = 0; i < n; i++) {
        const povatlas_error *e = povatlas_report_error(rep, i);
        assert_string_equal(e->file, path);
        assert_int_equal(e->row, want[i].row);
        assert_string_equal(e->column, want[i].column);
        assert_string_equal(e->message, want[i].message);
    }
    povatlas_report_free(rep);
}

/* Runs the @n statements @sql on the GeoPackage @path, as a database
 * browser would: what GDAL would not write into a number column. */
static void gpkg_exec(const char *path, const char *const *sql, size_t n)
{
    GDALDatasetH ds =
        GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_UPDATE, NULL, NULL, NULL);
    assert_non_null(ds);
    for (size_t i = 0; i < n; i++) {
        CPLErrorReset();
        OGRLayerH res = GDALDatasetExecuteSQL(ds, sql[i], NULL, NULL);
        if (res)
            GDALDatasetReleaseResultSet(ds, res);
        assert_int_equal(CPLGetLastErrorType(), CE_None);
    }
    GDALClose(ds);
}

/* The ward statistics' number cells that are not whole numbers, as the
 * GeoPackage and Shapefile tests below write them. */
static const refusal NUMBER_MISFITS[] = {
    {2, "so_ho", "not a whole number: '12.5'"},
    {3, "nam", "not a whole number: 'abc'"},
    {4, "dan_so", "not a whole number: 'abc'"},
};

/* A GeoPackage is SQLite: a cell of an INTEGER or REAL column can hold
 * text ('abc', typed in a database browser) or, in an INTEGER column, a
 * fraction. GDAL reads them as 0 and 12: the import must see what the file
 * holds and refuse the row, FILE:ROW: column: why. */
static void test_gpkg_text_in_number_column(void **state)
{
    (void)state;
    povatlas_init();
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *db = NULL;
    povatlas_workspace *ws = new_workspace(dir, &db);
    g_autofree char *path = write_table(dir, "stats", "gpkg", &STATS);
    static const char *const sql[] = {
        "UPDATE rows SET so_ho = 12.5 WHERE fid = 1",
        "UPDATE rows SET nam = 'abc' WHERE fid = 2",
        "UPDATE rows SET dan_so = 'abc' WHERE fid = 3",
    };
    gpkg_exec(path, sql, G_N_ELEMENTS(sql));
    expect_refused(ws, povatlas_import_ward_stats, path, NUMBER_MISFITS,
                   G_N_ELEMENTS(NUMBER_MISFITS));
    povatlas_workspace_close(ws);
    g_autofree char *stored = query(db, "SELECT COUNT(*) FROM ward_stats");
    assert_string_equal(stored, "0\n");
    testutil_rmtree(dir);
}

/* Writes @text, right-aligned as dBase numbers are, into field @name of
 * record @rec of the .dbf @path: what a hand edit of the file does, and
 * what OGR would not write into a number field. */
static void dbf_put(const char *path, guint rec, const char *name,
                    const char *text)
{
    gchar *data = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(path, &data, &len, NULL));
    unsigned char *b = (unsigned char *)data;
    size_t header_len = (size_t)(b[8] | b[9] << 8);
    size_t record_len = (size_t)(b[10] | b[11] << 8);
    size_t at = 1, width = 0;
    for (size_t d = 32; d + 32 <= header_len && b[d] != 0x0D; d += 32) {
        if (strcmp((const char *)b + d, name) == 0) {
            assert_true(b[d + 11] == 'N' || b[d + 11] == 'F');
            width = b[d + 16];
            break;
        }
        at += b[d + 16];
    }
    assert_true(width >= strlen(text));
    size_t start = header_len + rec * record_len + at;
    assert_true(start + width <= len);
    memset(b + start, ' ', width);
    memcpy(b + start + width - strlen(text), text, strlen(text));
    assert_true(g_file_set_contents(path, data, (gssize)len, NULL));
    g_free(data);
}

/* The same for a Shapefile: a .dbf keeps numbers as text, and GDAL reads
 * 'abc' in a number field as 0 and 12.5 in a whole-number one as 12, with
 * only a warning; the cells come to the importer as the file holds them. */
static void test_shp_text_in_number_column(void **state)
{
    (void)state;
    povatlas_init();
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *db = NULL;
    povatlas_workspace *ws = new_workspace(dir, &db);
    g_autofree char *path = write_table(dir, "stats", "shp", &STATS);
    g_autofree char *dbf = g_build_filename(dir, "stats.dbf", NULL);
    dbf_put(dbf, 0, "so_ho", "12.5");
    dbf_put(dbf, 1, "nam", "abc");
    dbf_put(dbf, 2, "dan_so", "abc");
    expect_refused(ws, povatlas_import_ward_stats, path, NUMBER_MISFITS,
                   G_N_ELEMENTS(NUMBER_MISFITS));
    g_autofree char *stored = query(db, "SELECT COUNT(*) FROM ward_stats");
    assert_string_equal(stored, "0\n");

    /* numbers as dBase writers pad them, and a null, are read as before */
    g_autofree char *good = write_table(dir, "good", "shp", &STATS);
    g_autofree char *good_dbf = g_build_filename(dir, "good.dbf", NULL);
    dbf_put(good_dbf, 0, "so_ho", "+4104");
    dbf_put(good_dbf, 1, "dan_so", "1.9377e4");
    dbf_put(good_dbf, 2, "dan_so", "*****");
    povatlas_report *rep = povatlas_report_new();
    povatlas_error *err = NULL;
    assert_int_equal(
        povatlas_import_ward_stats(ws, good, NULL, rep, NULL, &err),
        POVATLAS_OK);
    assert_int_equal(povatlas_report_n_errors(rep), 0);
    povatlas_report_free(rep);
    povatlas_workspace_close(ws);
    g_autofree char *rows =
        query(db, "SELECT unit_code, year, households, population, source "
                  "FROM ward_stats ORDER BY unit_code");
    assert_string_equal(rows, EXPECTED_STATS);
    testutil_rmtree(dir);
}

/* The boundaries' own attributes are checked as the lists' number
 * columns are: GDAL reads code '2274X' in a Shapefile's or a GeoPackage's
 * integer column as 2274 (another ward's code, or a new unit) and urban
 * 'yes' as 0 (rural); each feature is refused, FILE:FEATURE: column:
 * why, and nothing is stored. */
static void test_boundaries_text_in_number_column(void **state)
{
    (void)state;
    const int codes[] = {22738, 22741, 22744};
    static const refusal want[] = {
        {2, "code", "not a whole number: '2274X'"},
        {3, "urban", "not a whole number: 'yes'"},
    };
    for (int gpkg = 0; gpkg < 2; gpkg++) {
        g_autofree char *dir = NULL, *db = NULL;
        povatlas_workspace *ws = testutil_workspace_new(&dir, &db);
        g_autofree char *path =
            g_build_filename(dir, gpkg ? "b.gpkg" : "b.shp", NULL);
        write_wards(gpkg ? "GPKG" : "ESRI Shapefile", path, codes,
                    G_N_ELEMENTS(codes));
        if (gpkg) {
            static const char *const sql[] = {
                "UPDATE wards SET code = '2274X' WHERE fid = 2",
                "UPDATE wards SET urban = 'yes' WHERE fid = 3"};
            gpkg_exec(path, sql, G_N_ELEMENTS(sql));
        } else {
            g_autofree char *dbf = g_build_filename(dir, "b.dbf", NULL);
            dbf_put(dbf, 1, "code", "2274X");
            dbf_put(dbf, 2, "urban", "yes");
        }
        expect_refused(ws, povatlas_import_boundaries, path, want,
                       G_N_ELEMENTS(want));
        povatlas_workspace_close(ws);
        g_autofree char *units = query(db, "SELECT COUNT(*) FROM units");
        assert_string_equal(units, "0\n");
        testutil_rmtree(dir);
    }
}

#define BOTH(fmt)                                                              \
    cmocka_unit_test(test_tables_##fmt), cmocka_unit_test(test_list_##fmt)

int main(void)
{
    const struct CMUnitTest tests[] = {
        BOTH(csv),
        BOTH(xlsx),
        BOTH(geojson),
        BOTH(gpkg),
        BOTH(shp),
        BOTH(fgb),
        cmocka_unit_test(test_real_three_decimals),
        cmocka_unit_test(test_xlsx_number_cells),
        cmocka_unit_test(test_boundaries_integer_code),
        cmocka_unit_test(test_gpkg_text_in_number_column),
        cmocka_unit_test(test_shp_text_in_number_column),
        cmocka_unit_test(test_boundaries_text_in_number_column),
    };
    return cmocka_run_group_tests_name("ingest_typed", tests, NULL, NULL);
}
