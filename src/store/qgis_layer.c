/*
 * qgis_layer.c - the ward layer inside a PostgreSQL workspace, as QGIS
 * opens it from the database (issue 12): a view `wards` whose geometry
 * column is the typed units.geom (so PostGIS's geometry_columns, and
 * QGIS's browser, list it as MultiPolygon in EPSG:4326), and its default
 * style as a row of public.layer_styles, the table QGIS's PostgreSQL
 * provider saves styles to and reads the default style from when a layer
 * is added (matched on database, schema, table and geometry column).
 */
#include <string.h>

#include "store_private.h"

/* public.layer_styles as QGIS creates it (QgsPostgresProvider's
 * saveStyle; `type`, the geometry type, since QGIS 3.10). */
static const char *const LAYER_STYLES_DDL =
    "CREATE TABLE IF NOT EXISTS public.layer_styles("
    "  id SERIAL PRIMARY KEY, f_table_catalog varchar,"
    "  f_table_schema varchar, f_table_name varchar,"
    "  f_geometry_column varchar, stylename text, styleqml xml,"
    "  stylesld xml, useasdefault boolean, description text,"
    "  owner varchar(63) DEFAULT CURRENT_USER, ui xml,"
    "  update_time timestamp DEFAULT CURRENT_TIMESTAMP, type varchar)";

/* The view's SQL for @year: the units in force on 31 December with one
 * column per indicator (@integer[i]: rounded to a whole number). */
static char *view_sql(int year, const char *const *names, const int *integer,
                      size_t n)
{
    GString *s = g_string_new(NULL);
    g_string_append_printf(
        s,
        "CREATE VIEW wards AS SELECT u.code, u.name, u.full_name,"
        " u.unit_type, u.urban, u.zone, CAST(%d AS bigint) AS year",
        year);
    for (size_t i = 0; i < n; i++) {
        /* names are povatlas's own indicator names (letters, digits, _) */
        g_string_append_printf(
            s,
            ", %s(SELECT i.value FROM indicators i WHERE i.unit_code ="
            " u.code AND i.year = %d AND i.name = '%s')%s AS %s",
            integer[i] ? "CAST(round(" : "", year, names[i],
            integer[i] ? ") AS bigint)" : "", names[i]);
    }
    g_string_append_printf(s,
                           ", u.geom FROM units u WHERE u.valid_from <="
                           " '%d-12-31' AND (u.valid_to IS NULL OR"
                           " u.valid_to >= '%d-12-31')",
                           year, year);
    return g_string_free(s, FALSE);
}

/* Lets every office of the workspace read the view (added after their
 * grants) and everyone read the styles, as QGIS must to open it. */
static povatlas_status grant_view(povatlas_workspace *ws, povatlas_error **err)
{
    povatlas_status s =
        store_exec(ws, "GRANT SELECT ON public.layer_styles TO PUBLIC", err);
    int exists = 0;
    if (!s)
        s = store_table_exists(ws, "office_units", &exists, err);
    if (s || !exists)
        return s;
    db_stmt *st =
        store_prepare(ws, "SELECT DISTINCT office FROM office_units", err);
    if (!st)
        return store_status(ws);
    GPtrArray *offices = g_ptr_array_new_with_free_func(g_free);
    int rc;
    while ((rc = store_step(st)) == DB_ROW)
        g_ptr_array_add(offices, store_column_dup(st, 0));
    if (rc != DB_DONE)
        s = store_fail(ws, err, "cannot read the offices");
    db_finalize(st);
    for (guint i = 0; !s && i < offices->len; i++) {
        /* office names were checked by povatlas_workspace_add_office() */
        g_autofree char *sql = g_strdup_printf("GRANT SELECT ON wards TO %s",
                                               (char *)offices->pdata[i]);
        s = store_exec(ws, sql, err);
    }
    g_ptr_array_free(offices, TRUE);
    return s;
}

/* Replaces povatlas's default style of the view in public.layer_styles. */
static povatlas_status put_style(povatlas_workspace *ws, const char *qml,
                                 const char *sld, const char *description,
                                 povatlas_error **err)
{
    povatlas_status s = POVATLAS_OK;
    db_stmt *del = store_prepare(
        ws,
        "DELETE FROM public.layer_styles WHERE f_table_catalog ="
        " current_database() AND f_table_schema = current_schema() AND"
        " f_table_name = 'wards' AND f_geometry_column = 'geom' AND"
        " stylename = 'povatlas'",
        err);
    if (!del)
        return store_status(ws);
    if (store_step(del) != DB_DONE)
        s = store_fail(ws, err, "cannot replace the layer's style");
    db_finalize(del);
    if (s)
        return s;
    /* XMLPARSE DOCUMENT: the QML starts with a DOCTYPE, which the xml
     * type's default (CONTENT) refuses */
    db_stmt *ins = store_prepare(
        ws,
        "INSERT INTO public.layer_styles(f_table_catalog, f_table_schema,"
        " f_table_name, f_geometry_column, stylename, styleqml, stylesld,"
        " useasdefault, description) VALUES (current_database(),"
        " current_schema(), 'wards', 'geom', 'povatlas',"
        " XMLPARSE(DOCUMENT CAST(?1 AS text)),"
        " XMLPARSE(DOCUMENT CAST(?2 AS text)), true, ?3)",
        err);
    if (!ins)
        return store_status(ws);
    store_bind_text(ins, 1, qml);
    store_bind_text(ins, 2, sld);
    store_bind_text(ins, 3, description);
    if (store_step(ins) != DB_DONE)
        s = store_fail(ws, err, "cannot store the layer's style");
    db_finalize(ins);
    return s;
}

povatlas_status povatlas_workspace_publish_wards(
    povatlas_workspace *ws, int year, const char *const *indicators,
    const int *integer, size_t n, const char *qml, const char *sld,
    const char *description, povatlas_error **err)
{
    if (db_backend_of(ws->db) != DB_POSTGRESQL)
        return povatlas_error_set_at(
            err, POVATLAS_E_USAGE, ws->path, 0, NULL,
            "the ward layer lives in the database of a PostgreSQL "
            "workspace only; export a GeoPackage from a file");
    for (size_t i = 0; i < n; i++)
        for (const char *c = indicators[i]; *c; c++)
            if (!(g_ascii_islower(*c) || g_ascii_isdigit(*c) || *c == '_'))
                return povatlas_error_set_at(err, POVATLAS_E_USAGE, ws->path, 0,
                                             NULL,
                                             "indicator name '%s' cannot be "
                                             "a column of the layer",
                                             indicators[i]);
    povatlas_status s = povatlas_workspace_begin(ws, err);
    if (s)
        return s;
    g_autofree char *view = view_sql(year, indicators, integer, n);
    s = store_exec(ws, "DROP VIEW IF EXISTS wards", err);
    if (!s)
        s = store_exec(ws, view, err);
    if (!s)
        s = store_exec(ws, LAYER_STYLES_DDL, err);
    if (!s && qml && sld)
        s = put_style(ws, qml, sld, description, err);
    if (!s)
        s = grant_view(ws, err);
    if (!s)
        return povatlas_workspace_commit(ws, err);
    povatlas_workspace_rollback(ws, err);
    povatlas_error_prefix(err ? *err : NULL, "publishing the ward layer");
    return s;
}
