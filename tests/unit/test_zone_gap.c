/*
 * test_zone_gap.c - the zone chart of a workspace (src/render/zone_gap.c):
 * the poor rate of each zone and year as the gaps report gives it (from
 * the zone's summed counts), and the synthetic-data stamp, read back from
 * the PDF with pdftotext.
 */
#include "testutil.h"

#include <string.h>

#include "povatlas/povatlas.h"

static char *pdf_text(const char *pdf)
{
    const char *argv[] = {"pdftotext", "-enc", "UTF-8", pdf, "-", NULL};
    char *out = NULL;
    g_autofree char *err = NULL;
    assert_int_equal(testutil_spawn(NULL, NULL, argv, &out, &err), 0);
    return out;
}

static void test_demo_chart(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    povatlas_workspace *ws = testutil_demo_workspace(&dir);
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_analyze(ws, NULL, NULL, &err), POVATLAS_OK);
    povatlas_indicator_map_opts o;
    povatlas_indicator_map_opts_init(&o);
    o.width_px = 800;
    o.height_px = 600;
    o.dpi = 96;
    g_autofree char *pdf = g_build_filename(dir, "zones.pdf", NULL);
    assert_int_equal(povatlas_map_zone_gap(ws, &o, pdf, &err), POVATLAS_OK);
    g_autofree char *text = pdf_text(pdf);
    /* the rates of test_report_tables.c::test_gaps: coastal 1,70 and 1,53,
     * central 0,77 and 0,67 */
    const char *want[] = {
        "DỮ LIỆU GIẢ LẬP", "2022", "2023", "1,70", "1,53", "0,77", "0,67"};
    for (size_t i = 0; i < G_N_ELEMENTS(want); i++)
        if (!strstr(text, want[i]))
            fail_msg("zone chart lacks '%s':\n%s", want[i], text);
    assert_null(err);
    povatlas_workspace_close(ws);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_demo_chart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
