/*
 * offices.c - offices of a shared PostgreSQL workspace (issue 12): each
 * office is a database role that may write only its own units, reads the
 * aggregates of every unit, and reads personal data only of its own units.
 *
 * The rules live in the database, not in povatlas, so that they hold for
 * psql and QGIS too: office_units(office, unit_code) lists each office's
 * units, and row-level security on every table with a unit code lets a
 * role insert, update or delete a row only when the row's unit is one of
 * its own. A refused row fails with a message that names the office, the
 * unit and the table, and the statement changes nothing: an inserted row
 * or an updated row's new values are refused by the policy's check (a
 * bare policy would say only "new row violates row-level security
 * policy"); a row of another unit that an UPDATE or DELETE matches is
 * refused by a trigger (office_write_check), since a policy's USING would
 * only skip it, silently. The workspace's owner (and a superuser) is not
 * subject to the policies, and the triggers let it pass (their WHEN is
 * row_security_active(), false for it): it loads the units, standards and
 * boundaries and runs analyze.
 */
#include <string.h>

#include "store_private.h"

/* Tables with a unit code: name, the column(s) holding the code, and
 * whether their rows are personal data (read only by the unit's office). */
static const struct {
    const char *table, *code, *code2;
    int personal;
} UNIT_TABLES[] = {
    {"units", "code", NULL, 0},
    {"unit_areas", "code", NULL, 0},
    {"unit_crosswalk", "old_code", "new_code", 0},
    {"ward_stats", "unit_code", NULL, 0},
    {"households", "unit_code", NULL, 0},
    {"household_persons", "unit_code", NULL, 1},
    {"household_counts", "unit_code", NULL, 0},
    {"household_exits", "unit_code", NULL, 0},
    {"review_lists", "scope", NULL, 0},
    {"indicators", "unit_code", NULL, 0},
    {"unit_changes", "unit_code", NULL, 0},
    {"targets", "scope", NULL, 0},
    {"activities", "unit_code", NULL, 0},
};

/* The table of offices and the tests the policies and triggers call, in
 * the workspace's schema ("@S"): office_owns(code) is whether the current
 * role is the office of unit @code (the read policy of personal data);
 * office_may_write(code, table) is the same for a row being written,
 * raising the refusal when not; office_write_check() is the trigger that
 * calls it for the old row of an UPDATE or DELETE (its arguments: the
 * columns holding unit codes). meta is written by an import only for its
 * households_revision (and the synthetic flag); office_meta_check()
 * refuses the rest. */
static const char *const OFFICE_DDL =
    "CREATE TABLE IF NOT EXISTS @S.office_units("
    "  office TEXT NOT NULL, unit_code TEXT NOT NULL,"
    "  PRIMARY KEY (office, unit_code));"
    "CREATE OR REPLACE FUNCTION @S.office_owns(code text) RETURNS boolean"
    " LANGUAGE sql STABLE AS $f$ SELECT EXISTS (SELECT 1 FROM"
    " @S.office_units o WHERE o.office = current_user"
    " AND o.unit_code = code) $f$;"
    "CREATE OR REPLACE FUNCTION @S.office_may_write(code text, tbl text)"
    " RETURNS boolean LANGUAGE plpgsql STABLE AS $f$ BEGIN"
    " IF @S.office_owns(code) THEN RETURN true; END IF;"
    " RAISE EXCEPTION 'office % may not write unit % (table %): its units"
    " are %', current_user, code, tbl, coalesce((SELECT"
    " string_agg(o.unit_code, ', ' ORDER BY o.unit_code) FROM"
    " @S.office_units o WHERE o.office = current_user), 'none')"
    " USING ERRCODE = '42501'; END $f$;"
    "CREATE OR REPLACE FUNCTION @S.office_write_check() RETURNS trigger"
    " LANGUAGE plpgsql AS $f$ DECLARE old_row jsonb := to_jsonb(OLD); BEGIN"
    " FOR i IN 0 .. TG_NARGS - 1 LOOP"
    " PERFORM @S.office_may_write(old_row ->> TG_ARGV[i], TG_TABLE_NAME);"
    " END LOOP;"
    " IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $f$;"
    "CREATE OR REPLACE FUNCTION @S.office_meta_check() RETURNS trigger"
    " LANGUAGE plpgsql AS $f$ BEGIN"
    " IF OLD.key IN ('households_revision', 'synthetic') THEN"
    " IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END IF;"
    " RAISE EXCEPTION 'office % may not change the workspace''s setting %"
    " (table meta)', current_user, OLD.key USING ERRCODE = '42501'; END $f$;"
    "ALTER TABLE @S.meta ENABLE ROW LEVEL SECURITY;"
    "DROP POLICY IF EXISTS office_read ON @S.meta;"
    "CREATE POLICY office_read ON @S.meta FOR SELECT USING (true);"
    "DROP POLICY IF EXISTS office_write ON @S.meta;"
    "CREATE POLICY office_write ON @S.meta FOR ALL USING (true) WITH CHECK"
    " (key IN ('households_revision', 'synthetic'));"
    "DROP TRIGGER IF EXISTS office_write ON @S.meta;"
    "CREATE TRIGGER office_write BEFORE UPDATE OR DELETE ON @S.meta"
    " FOR EACH ROW WHEN (row_security_active('@S.meta'::regclass::oid))"
    " EXECUTE FUNCTION @S.office_meta_check();";

/* The policies of table @i (UNIT_TABLES) in schema @schema. */
static char *unit_table_policies(size_t i, const char *schema)
{
    const char *t = UNIT_TABLES[i].table, *c = UNIT_TABLES[i].code,
               *c2 = UNIT_TABLES[i].code2;
    g_autofree char *owns =
        c2 ? g_strdup_printf("%s.office_owns(%s) AND %s.office_owns(%s)",
                             schema, c, schema, c2)
           : g_strdup_printf("%s.office_owns(%s)", schema, c);
    g_autofree char *may =
        c2 ? g_strdup_printf("%s.office_may_write(%s, '%s') AND"
                             " %s.office_may_write(%s, '%s')",
                             schema, c, t, schema, c2, t)
           : g_strdup_printf("%s.office_may_write(%s, '%s')", schema, c, t);
    GString *s = g_string_new(NULL);
    g_string_append_printf(s, "ALTER TABLE %s.%s ENABLE ROW LEVEL SECURITY;",
                           schema, t);
    static const char *const names[] = {"office_read", "office_insert",
                                        "office_update", "office_delete"};
    for (size_t k = 0; k < G_N_ELEMENTS(names); k++)
        g_string_append_printf(s, "DROP POLICY IF EXISTS %s ON %s.%s;",
                               names[k], schema, t);
    g_string_append_printf(s,
                           "CREATE POLICY office_read ON %s.%s FOR SELECT"
                           " USING (%s);",
                           schema, t, UNIT_TABLES[i].personal ? owns : "true");
    g_string_append_printf(s,
                           "CREATE POLICY office_insert ON %s.%s FOR INSERT"
                           " WITH CHECK (%s);",
                           schema, t, may);
    /* USING (true): a row of another unit that an UPDATE or DELETE
     * matches reaches the trigger, which refuses it (personal rows of
     * other units stay unseen: the read policy applies to a statement
     * that reads them) */
    g_string_append_printf(s,
                           "CREATE POLICY office_update ON %s.%s FOR UPDATE"
                           " USING (true) WITH CHECK (%s);",
                           schema, t, may);
    g_string_append_printf(s,
                           "CREATE POLICY office_delete ON %s.%s FOR DELETE"
                           " USING (true);",
                           schema, t);
    g_string_append_printf(
        s,
        "DROP TRIGGER IF EXISTS office_write ON %s.%s;"
        "CREATE TRIGGER office_write BEFORE UPDATE OR DELETE ON %s.%s"
        " FOR EACH ROW WHEN (row_security_active('%s.%s'::regclass::oid))"
        " EXECUTE FUNCTION %s.office_write_check('%s'%s%s%s);",
        schema, t, schema, t, schema, t, schema, c, c2 ? ", '" : "",
        c2 ? c2 : "", c2 ? "'" : "");
    return g_string_free(s, FALSE);
}

/* A role name as PostgreSQL folds an unquoted one, not one of its own
 * (pg_) nor longer than it keeps (63 bytes). */
static gboolean role_name_ok(const char *name)
{
    if (!name || !*name || strlen(name) > 63 || g_str_has_prefix(name, "pg_"))
        return FALSE;
    for (const char *c = name; *c; c++)
        if (!(g_ascii_islower(*c) || *c == '_' ||
              (c > name && g_ascii_isdigit(*c))))
            return FALSE;
    return TRUE;
}

/* Sets *@value to the text of @sql's one value (NULL when no row). */
static povatlas_status query_text(povatlas_workspace *ws, const char *sql,
                                  const char *param, char **value,
                                  const char *what, povatlas_error **err)
{
    *value = NULL;
    db_stmt *st = store_prepare(ws, sql, err);
    if (!st)
        return store_status(ws);
    if (param)
        store_bind_text(st, 1, param);
    int row = 0;
    povatlas_status s = store_row(ws, st, &row, what, err);
    if (row)
        *value = store_column_dup(st, 0);
    db_finalize(st);
    return s;
}

/* Creates role @name (LOGIN, no password: the administrator sets one with
 * psql's \password, never on a command line) unless it exists; an
 * existing role that bypasses row-level security is refused. */
static povatlas_status ensure_role(povatlas_workspace *ws, const char *name,
                                   int *created, povatlas_error **err)
{
    g_autofree char *bypass = NULL;
    povatlas_status s =
        query_text(ws,
                   "SELECT (rolsuper OR rolbypassrls)::text FROM pg_roles"
                   " WHERE rolname = ?1",
                   name, &bypass, "cannot read the database's roles", err);
    if (s)
        return s;
    if (bypass && strcmp(bypass, "true") == 0)
        return povatlas_error_set_at(
            err, POVATLAS_E_USAGE, ws->path, 0, NULL,
            "role %s is a superuser or bypasses row-level security: an "
            "office must be an ordinary role",
            name);
    g_autofree char *owner = NULL;
    s = query_text(ws,
                   "SELECT 1 FROM pg_tables WHERE schemaname = current_schema()"
                   " AND tablename = 'meta' AND tableowner = ?1",
                   name, &owner, "cannot read the workspace's owner", err);
    if (s)
        return s;
    if (owner)
        return povatlas_error_set_at(err, POVATLAS_E_USAGE, ws->path, 0, NULL,
                                     "role %s owns the workspace: an office "
                                     "must be another role",
                                     name);
    if (bypass)
        return POVATLAS_OK;
    g_autofree char *sql = g_strdup_printf("CREATE ROLE %s LOGIN", name);
    s = store_exec(ws, sql, err);
    if (s) {
        povatlas_error_prefix(err ? *err : NULL,
                              "cannot create the role of office %s", name);
        return s;
    }
    *created = 1;
    return POVATLAS_OK;
}

/* Checks that every code of @units names a unit of the workspace. */
static povatlas_status check_units(povatlas_workspace *ws,
                                   const char *const *units, size_t n_units,
                                   povatlas_error **err)
{
    for (size_t i = 0; i < n_units; i++) {
        g_autofree char *found = NULL;
        if (!units[i] || !*units[i] || strcmp(units[i], "*") == 0)
            return povatlas_error_set_at(err, POVATLAS_E_USAGE, ws->path, 0,
                                         NULL,
                                         "an office's units are unit "
                                         "codes (not empty, not '*')");
        povatlas_status s =
            query_text(ws, "SELECT code FROM units WHERE code = ?1 LIMIT 1",
                       units[i], &found, "cannot read the units", err);
        if (s)
            return s;
        if (!found)
            return povatlas_error_set_at(err, POVATLAS_E_INPUT, ws->path, 0,
                                         NULL,
                                         "unit %s is not in the workspace "
                                         "(import the units first)",
                                         units[i]);
    }
    return POVATLAS_OK;
}

/* The rules and grants of office @name in @schema, its units replaced by
 * @units. */
static povatlas_status set_office(povatlas_workspace *ws, const char *schema,
                                  const char *name, const char *const *units,
                                  size_t n_units, povatlas_error **err)
{
    GString *ddl = g_string_new(OFFICE_DDL);
    g_string_replace(ddl, "@S", schema, 0);
    povatlas_status s = store_schema_household_exits(ws, err);
    if (!s)
        s = store_exec(ws, ddl->str, err);
    g_string_free(ddl, TRUE);
    for (size_t i = 0; !s && i < G_N_ELEMENTS(UNIT_TABLES); i++) {
        g_autofree char *sql = unit_table_policies(i, schema);
        s = store_exec(ws, sql, err);
    }
    if (s)
        return s;
    GString *g = g_string_new(NULL);
    g_string_append_printf(
        g,
        "GRANT USAGE ON SCHEMA %s TO %s;"
        "GRANT SELECT ON ALL TABLES IN SCHEMA %s TO %s;"
        "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %s TO %s;"
        "GRANT INSERT, UPDATE ON %s.imports, %s.meta TO %s;",
        schema, name, schema, name, schema, name, schema, schema, name);
    for (size_t i = 0; i < G_N_ELEMENTS(UNIT_TABLES); i++)
        g_string_append_printf(g,
                               "GRANT INSERT, UPDATE, DELETE ON %s.%s TO %s;",
                               schema, UNIT_TABLES[i].table, name);
    s = store_exec(ws, g->str, err);
    g_string_free(g, TRUE);
    if (s)
        return s;
    db_stmt *del =
        store_prepare(ws, "DELETE FROM office_units WHERE office = ?1", err);
    if (!del)
        return store_status(ws);
    store_bind_text(del, 1, name);
    if (store_step(del) != DB_DONE)
        s = store_fail(ws, err, "cannot store the office's units");
    db_finalize(del);
    db_stmt *ins =
        s ? NULL
          : store_prepare(ws,
                          "INSERT OR IGNORE INTO office_units(office,"
                          " unit_code) VALUES (?1, ?2)",
                          err);
    if (!s && !ins)
        return store_status(ws);
    for (size_t i = 0; !s && i < n_units; i++) {
        store_bind_text(ins, 1, name);
        store_bind_text(ins, 2, units[i]);
        if (store_step(ins) != DB_DONE)
            s = store_fail(ws, err, "cannot store the office's units");
        db_reset(ins);
    }
    db_finalize(ins);
    return s;
}

povatlas_status povatlas_workspace_add_office(povatlas_workspace *ws,
                                              const char *name,
                                              const char *const *units,
                                              size_t n_units, int *created,
                                              povatlas_error **err)
{
    if (created)
        *created = 0;
    if (db_backend_of(ws->db) != DB_POSTGRESQL)
        return povatlas_error_set_at(
            err, POVATLAS_E_USAGE, ws->path, 0, NULL,
            "offices share a PostgreSQL workspace; a workspace file serves "
            "one office");
    if (!role_name_ok(name))
        return povatlas_error_set_at(err, POVATLAS_E_USAGE, ws->path, 0, NULL,
                                     "office name '%s': use lower-case "
                                     "letters, digits and '_' only (not "
                                     "pg_...)",
                                     name ? name : "");
    if (n_units == 0)
        return povatlas_error_set_at(err, POVATLAS_E_USAGE, ws->path, 0, NULL,
                                     "office %s: name the units it writes",
                                     name);
    int made = 0;
    povatlas_status s = povatlas_workspace_begin(ws, err);
    if (s)
        return s;
    g_autofree char *schema = NULL;
    s = query_text(ws, "SELECT current_schema()", NULL, &schema,
                   "cannot read the workspace's schema", err);
    if (!s)
        s = check_units(ws, units, n_units, err);
    if (!s)
        s = ensure_role(ws, name, &made, err);
    if (!s)
        s = set_office(ws, schema, name, units, n_units, err);
    if (!s)
        s = povatlas_workspace_commit(ws, err);
    else
        povatlas_workspace_rollback(ws, err);
    if (!s && created)
        *created = made;
    return s;
}

povatlas_status store_office_units_load(povatlas_workspace *ws,
                                        povatlas_error **err)
{
    int exists = 0;
    povatlas_status s = store_table_exists(ws, "office_units", &exists, err);
    if (s || !exists)
        return s;
    db_stmt *st = store_prepare(ws,
                                "SELECT unit_code, current_user FROM"
                                " office_units WHERE office = current_user"
                                " ORDER BY unit_code",
                                err);
    if (!st)
        return store_status(ws);
    GPtrArray *codes = g_ptr_array_new_with_free_func(g_free);
    int rc;
    while ((rc = store_step(st)) == DB_ROW) {
        g_ptr_array_add(codes, store_column_dup(st, 0));
        if (!ws->office)
            ws->office = store_column_dup(st, 1);
    }
    if (rc != DB_DONE)
        s = store_fail(ws, err, "cannot read the office's units");
    db_finalize(st);
    if (s || codes->len == 0) {
        g_ptr_array_free(codes, TRUE);
        return s;
    }
    ws->office_units = codes;
    return POVATLAS_OK;
}

char *povatlas_workspace_office_refusal(const povatlas_workspace *ws,
                                        const char *unit_code)
{
    if (!ws->office_units)
        return NULL;
    for (guint i = 0; i < ws->office_units->len; i++)
        if (g_strcmp0(g_ptr_array_index(ws->office_units, i), unit_code) == 0)
            return NULL;
    GString *s = g_string_new(NULL);
    g_string_append_printf(s, "office %s may not write unit %s: its units are ",
                           ws->office, unit_code ? unit_code : "(none)");
    for (guint i = 0; i < ws->office_units->len; i++)
        g_string_append_printf(s, "%s%s", i ? ", " : "",
                               (char *)g_ptr_array_index(ws->office_units, i));
    return g_string_free(s, FALSE);
}

char *store_office_only(const povatlas_workspace *ws, const char *column)
{
    if (!ws->office_units)
        return g_strdup("");
    return g_strdup_printf(" AND %s IN (SELECT unit_code FROM office_units"
                           " WHERE office = current_user)",
                           column);
}
