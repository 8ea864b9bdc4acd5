/*
 * test_missing_map.c - missing is never zero on maps and in the atlas
 * (issue 9, item 4), on the workspace of missing_fixture.h (ward totals
 * for 2022 and 2023, a review list for 2023 only): the 2022→2023 change
 * map fills no ward, has only the "no data" legend entry and says which
 * list is missing; the atlas shows "–" for 2022 and no change, and why.
 */
#include <string.h>

#include "missing_fixture.h"

#include "povatlas/analysis.h"
#include "povatlas/maps.h"
#include "render/render_private.h"

static void test_change_map(void **state)
{
    (void)state;
    povatlas_workspace *ws = povatlas_workspace_open(g_db, 0, NULL);
    povatlas_indicator_map_opts o;
    povatlas_indicator_map_opts_init(&o);
    o.type = POVATLAS_MAP_CHANGE;
    o.indicator = POVATLAS_IND_POOR_RATE;
    o.year = 2023;
    povatlas_maps_job j = {0};
    j.ws = ws;
    j.o = &o;
    j.year = 2023;
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_maps_change(&j, &err), POVATLAS_OK);
    assert_int_equal(j.t->units->n, 16);
    /* no ward is filled: every one is "no data", none "rising" from 0 */
    for (size_t i = 0; i < j.t->units->n; i++) {
        assert_int_equal(j.cls[i], -1);
        assert_false(j.features[i].has_value);
    }
    assert_int_equal(j.n_classes, 0);
    assert_string_equal(j.legend_note, "Chưa có danh sách rà soát năm 2022: "
                                       "không tính được thay đổi");
    povatlas_maps_job_clear(&j);
    povatlas_workspace_close(ws);
    /* and it draws, in both languages */
    for (int en = 0; en < 2; en++) {
        g_autofree char *png =
            g_build_filename(g_dir, en ? "change_en.png" : "change.png", NULL);
        const char *argv[] = {
            "map", "-t",     "change",         "-y", "2023", "-o",
            png,   "--lang", en ? "en" : "vi", "-q", NULL};
        run_ok(argv);
        assert_true(g_file_test(png, G_FILE_TEST_IS_REGULAR));
    }
}

static void test_atlas(void **state)
{
    (void)state;
    g_autofree char *pdf = g_build_filename(g_dir, "atlas.pdf", NULL);
    const char *argv[] = {"atlas", "-o", pdf, "-q", NULL};
    run_ok(argv);
    g_autofree char *txt = testutil_pdf_text(pdf, 0);
    /* the cover's figures are 2023's; the fact sheets show "–" for 2022
     * and no change, and say why */
    /* the cover: 2022 "–", 2023's poor households and rate, the achieved
     * rate against its target, and the reduction in households not known */
    assert_non_null(strstr(txt, "–\n558\n\n–\n1,17 %"));
    assert_non_null(strstr(txt, "Thực hiện: 1,17 %"));
    assert_non_null(strstr(txt, "Giảm số hộ nghèo\n\nchưa có số liệu"));
    assert_non_null(strstr(txt, "Thay đổi tỷ lệ hộ nghèo: –\n"));
    assert_non_null(strstr(txt, "–: chưa có danh sách rà soát năm 2022"));
    assert_non_null(strstr(txt, "Chưa có danh sách rà soát năm 2022"));
    /* no figure reads 0,00: the one "0,00" allowed is the zone-gap chart's
     * axis origin, followed by its next tick */
    for (const char *p = strstr(txt, "0,00"); p; p = strstr(p + 1, "0,00"))
        assert_true(g_str_has_prefix(p, "0,00 %\n\n0,50 %"));
    assert_null(strstr(txt, "– %"));
    assert_null(strstr(txt, "– điểm"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_change_map),
        cmocka_unit_test(test_atlas),
    };
    return cmocka_run_group_tests_name("missing_map", tests, setup, teardown);
}
