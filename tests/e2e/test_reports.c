/*
 * test_reports.c - the report commands through the povatlas binary: a
 * report that cannot be made names the missing input ("no review list for
 * 2021"), never a year 0 and never "run analyze"; `targets` and the atlas
 * cover say when no targets were imported (issue 9 item 6).
 */
#include "testutil.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "povatlas/pipeline.h"
#include "povatlas/povatlas.h"

typedef struct fx {
    char *dir;
    char *demo_db;    /* the demo dataset, analysed by `demo` */
    char *empty_db;   /* `init` only */
    char *notarget_db; /* the demo dataset without targets.csv */
} fx;

/* The demo dataset without its targets: the shipped files linked into
 * @dir and a copy of dataset.ini without the targets key. */
static char *load_without_targets(const char *dir)
{
    g_autofree char *src =
        g_build_filename(POVATLAS_SOURCE_DIR, "geodata", NULL);
    g_autoptr(GDir) d = g_dir_open(src, 0, NULL);
    assert_non_null(d);
    for (const char *name; (name = g_dir_read_name(d));) {
        g_autofree char *from = g_build_filename(src, name, NULL);
        g_autofree char *to = g_build_filename(dir, name, NULL);
        assert_int_equal(symlink(from, to), 0);
    }
    g_autofree char *src_ini = g_build_filename(src, "dataset.ini", NULL);
    g_autoptr(GKeyFile) out = g_key_file_new();
    assert_true(g_key_file_load_from_file(out, src_ini, G_KEY_FILE_NONE, NULL));
    assert_true(g_key_file_remove_key(out, "dataset", "targets", NULL));
    g_autofree char *ini = g_build_filename(dir, "notarget.ini", NULL);
    assert_true(g_key_file_save_to_file(out, ini, NULL));
    char *db = g_build_filename(dir, "notarget.sqlite", NULL);
    povatlas_init();
    povatlas_workspace *ws = povatlas_workspace_create(db, 0, NULL);
    assert_non_null(ws);
    povatlas_error *err = NULL;
    if (povatlas_dataset_load(ws, ini, NULL, NULL, NULL, &err))
        fail_msg("%s", err ? err->message : "dataset not loaded");
    povatlas_workspace_close(ws);
    return db;
}

static int setup(void **state)
{
    fx *f = g_new0(fx, 1);
    f->dir = testutil_tmpdir();
    *state = f;
    g_autofree char *demo = g_build_filename(f->dir, "demo", NULL);
    const char *argv[] = {"demo", "--out", demo, "-q", NULL};
    if (testutil_run(argv, NULL, NULL) != 0)
        return -1;
    f->demo_db = g_build_filename(demo, "atlas.sqlite", NULL);
    f->empty_db = g_build_filename(f->dir, "empty.sqlite", NULL);
    const char *init[] = {"init", "--db", f->empty_db, "-q", NULL};
    if (testutil_run(init, NULL, NULL) != 0)
        return -1;
    g_autofree char *nt = g_build_filename(f->dir, "nt", NULL);
    g_mkdir(nt, 0700);
    f->notarget_db = load_without_targets(nt);
    const char *classify[] = {"classify", "--db", f->notarget_db, "-q", NULL};
    const char *analyze[] = {"analyze", "--db", f->notarget_db, "-q", NULL};
    if (testutil_run(classify, NULL, NULL) != 0 ||
        testutil_run(analyze, NULL, NULL) != 0)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    testutil_rmtree(f->dir);
    g_free(f->dir);
    g_free(f->demo_db);
    g_free(f->empty_db);
    g_free(f->notarget_db);
    g_free(f);
    return 0;
}

/* Runs povatlas with @args (space-separated, no spaces inside) and --db
 * @db; returns the exit status, stdout and stderr in *out / *err. */
static int run(const char *db, const char *args, char **out, char **err)
{
    g_auto(GStrv) words = g_strsplit(args, " ", -1);
    GPtrArray *argv = g_ptr_array_new();
    for (char **w = words; *w; w++)
        g_ptr_array_add(argv, *w);
    g_ptr_array_add(argv, (gpointer) "--db");
    g_ptr_array_add(argv, (gpointer)db);
    g_ptr_array_add(argv, NULL);
    int rc = testutil_run((const char *const *)argv->pdata, out, err);
    g_ptr_array_free(argv, TRUE);
    return rc;
}

/* No message names year 0 or sends the user to `analyze`. */
static void assert_no_year0(const char *text)
{
    assert_null(strstr(text, " 0:"));
    assert_null(strstr(text, "for 0"));
    assert_null(strstr(text, "in 0"));
    assert_null(strstr(text, "năm 0"));
    assert_null(strstr(text, "between 0"));
    assert_null(strstr(text, "analyze"));
}

static void test_empty_workspace(void **state)
{
    fx *f = *state;
    static const char *const cmds[] = {
        "targets", "review", "coverage", "priority", "series",
        "map -o EMPTY.png", "atlas -o EMPTY.pdf", "map -t zone-gap -o EMPTY.png"};
    for (size_t i = 0; i < G_N_ELEMENTS(cmds); i++) {
        g_autofree char *cmd = NULL;
        if (strstr(cmds[i], "EMPTY")) {
            g_autofree char *file = g_build_filename(f->dir, "empty", NULL);
            g_auto(GStrv) parts = g_strsplit(cmds[i], "EMPTY", 2);
            cmd = g_strconcat(parts[0], file, parts[1], NULL);
        } else {
            cmd = g_strdup(cmds[i]);
        }
        g_autofree char *out = NULL, *err = NULL;
        int rc = run(f->empty_db, cmd, &out, &err);
        if (rc != 1 || !strstr(err, "no review year yet"))
            fail_msg("%s: rc %d, stdout '%s', stderr '%s'", cmd, rc, out, err);
        assert_no_year0(out);
        assert_no_year0(err);
    }
    g_autofree char *out = NULL, *err = NULL;
    assert_int_equal(run(f->empty_db, "summary", &out, &err), 0);
    assert_non_null(strstr(out, "chưa nhập số liệu"));
    assert_no_year0(out);
}

static void test_missing_input_named(void **state)
{
    fx *f = *state;
    static const char *const cases[][2] = {
        {"transitions --from 2021 --to 2023", "no review list for 2021"},
        {"gaps --from 2021 --to 2023", "no review list for 2021"},
        {"coverage -y 2021", "no review list for 2021"},
        {"priority -y 2021", "no review list for 2021"},
        {"map -y 2030 -o MAP", "indicator 'poor_rate' has no value in 2030: "
                               "no review list for 2030"},
        {"map -y 2022 -i coverage -o MAP",
         "indicator 'coverage' has no value in 2022: no programme activities "
         "for 2022"},
    };
    g_autofree char *map = g_build_filename(f->dir, "m.png", NULL);
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_auto(GStrv) parts = g_strsplit(cases[i][0], "MAP", 2);
        g_autofree char *cmd =
            parts[1] ? g_strconcat(parts[0], map, parts[1], NULL)
                     : g_strdup(parts[0]);
        g_autofree char *out = NULL, *err = NULL;
        int rc = run(f->demo_db, cmd, &out, &err);
        if (rc != 1 || !strstr(err, cases[i][1]))
            fail_msg("%s: rc %d, stderr '%s'", cmd, rc, err);
        assert_no_year0(err);
    }
    assert_false(g_file_test(map, G_FILE_TEST_EXISTS));
}

static void test_no_targets(void **state)
{
    fx *f = *state;
    g_autofree char *out = NULL, *err = NULL;
    assert_int_equal(run(f->notarget_db, "targets", &out, &err), 0);
    assert_string_equal(out, "Chỉ tiêu kế hoạch năm 2023: chưa nhập chỉ tiêu "
                             "kế hoạch nào cho năm này.\n");
    assert_null(strstr(out, "đều đạt"));
    g_free(out);
    g_free(err);
    assert_int_equal(run(f->notarget_db, "targets --lang en", &out, &err), 0);
    assert_string_equal(out, "Plan targets for 2023: no plan targets imported "
                             "for this year.\n");
    g_free(out);
    g_free(err);
    assert_int_equal(run(f->notarget_db, "summary", &out, &err), 0);
    assert_true(g_str_has_suffix(out, "Chỉ tiêu kế hoạch năm 2023: chưa nhập "
                                      "chỉ tiêu kế hoạch nào cho năm này.\n"));
    /* the demo (targets imported) still judges them */
    g_free(out);
    g_free(err);
    assert_int_equal(run(f->demo_db, "targets", &out, &err), 0);
    assert_non_null(strstr(out, "2/6 chỉ tiêu CHƯA ĐẠT"));
}

static char *pdf_text(const char *pdf, int page)
{
    g_autofree char *p = g_strdup_printf("%d", page);
    const char *argv[] = {"pdftotext", "-f", p, "-l", p, pdf, "-", NULL};
    char *out = NULL;
    int status = -1;
    assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH,
                             NULL, NULL, &out, NULL, &status, NULL));
    assert_int_equal(status, 0);
    return out;
}

static void test_atlas_cover_without_targets(void **state)
{
    fx *f = *state;
    g_autofree char *pdf = g_build_filename(f->dir, "nt.pdf", NULL);
    g_autofree char *cmd = g_strdup_printf("atlas -q -o %s", pdf);
    g_autofree char *out = NULL, *err = NULL;
    assert_int_equal(run(f->notarget_db, cmd, &out, &err), 0);
    assert_string_equal(out, "");
    g_autofree char *cover = pdf_text(pdf, 1);
    assert_null(strstr(cover, "Chỉ tiêu kế hoạch\n"));
    assert_non_null(strstr(cover, "Chưa nhập chỉ tiêu kế hoạch năm 2023"));
    g_autofree char *pdf2 = g_build_filename(f->dir, "demo.pdf", NULL);
    g_autofree char *cmd2 = g_strdup_printf("atlas -q -o %s", pdf2);
    g_autofree char *out2 = NULL, *err2 = NULL;
    assert_int_equal(run(f->demo_db, cmd2, &out2, &err2), 0);
    g_autofree char *cover2 = pdf_text(pdf2, 1);
    assert_non_null(strstr(cover2, "Chỉ tiêu kế hoạch"));
    assert_null(strstr(cover2, "Chưa nhập chỉ tiêu"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_workspace),
        cmocka_unit_test(test_missing_input_named),
        cmocka_unit_test(test_no_targets),
        cmocka_unit_test(test_atlas_cover_without_targets),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
