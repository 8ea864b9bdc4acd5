/*
 * test_tempfile.c - outputs under a temporary name (src/core/tempfile.c):
 * a write that fails as on a full disk (the write_fault.h seam), or a file
 * whose size on disk is not what was written, fails the commit with the
 * path and the system's reason and leaves neither the output nor the
 * temporary file behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include <glib/gstdio.h>

#include "core/write_fault.h"
#include "povatlas/core.h"

static void test_commit_writes_the_bytes(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "out.csv", NULL);
    povatlas_tempfile tf;
    assert_int_equal(povatlas_tempfile_begin(&tf, path, NULL), POVATLAS_OK);
    assert_true(povatlas_tempfile_write(&tf, "a,b\n", 4));
    assert_true(povatlas_tempfile_write(&tf, "1,2\n", 4));
    assert_int_equal(tf.written, 8);
    assert_int_equal(povatlas_tempfile_commit(&tf, NULL), POVATLAS_OK);
    g_autofree char *text = NULL;
    assert_true(g_file_get_contents(path, &text, NULL, NULL));
    assert_string_equal(text, "a,b\n1,2\n");
    assert_int_equal(testutil_count_entries(dir), 1);
    testutil_rmtree(dir);
}

/* A full disk part way through: the write says so, the commit reports the
 * final path with "No space left on device", and nothing is left. */
static void test_full_disk_fails_and_leaves_nothing(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "map.pdf", NULL);
    povatlas_tempfile tf;
    assert_int_equal(povatlas_tempfile_begin(&tf, path, NULL), POVATLAS_OK);
    povatlas_write_fault_after(10);
    char block[64];
    memset(block, 'x', sizeof block);
    int ok = povatlas_tempfile_write(&tf, block, sizeof block);
    povatlas_write_fault_after(-1);
    assert_false(ok);
    assert_int_equal(tf.write_errno, ENOSPC);
    /* later writes do nothing and keep the first reason */
    assert_false(povatlas_tempfile_write(&tf, block, 1));
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_tempfile_commit(&tf, &err), POVATLAS_E_IO);
    assert_non_null(err);
    assert_string_equal(err->file, path);
    assert_non_null(strstr(err->message, g_strerror(ENOSPC)));
    povatlas_error_free(err);
    assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
    assert_int_equal(testutil_count_entries(dir), 0);
    testutil_rmtree(dir);
}

/* A file cut short behind the writer's back is not renamed into place. */
static void test_short_file_is_refused(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "wards.geojson", NULL);
    povatlas_tempfile tf;
    assert_int_equal(povatlas_tempfile_begin(&tf, path, NULL), POVATLAS_OK);
    assert_true(povatlas_tempfile_write(&tf, "{\"type\": \"x\"}", 13));
    assert_int_equal(truncate(tf.temp_path, 5), 0);
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_tempfile_commit(&tf, &err), POVATLAS_E_IO);
    assert_non_null(strstr(err->message, "incomplete (5 of 13 bytes"));
    povatlas_error_free(err);
    assert_int_equal(testutil_count_entries(dir), 0);
    testutil_rmtree(dir);
}

/* Abort removes the temporary file; a cleared tempfile is safe to abort
 * (and does not close descriptor 0). */
static void test_abort(void **state)
{
    (void)state;
    g_autofree char *dir = testutil_tmpdir();
    g_autofree char *path = g_build_filename(dir, "x.png", NULL);
    povatlas_tempfile tf;
    assert_int_equal(povatlas_tempfile_begin(&tf, path, NULL), POVATLAS_OK);
    assert_int_equal(testutil_count_entries(dir), 1);
    povatlas_tempfile_abort(&tf);
    assert_int_equal(testutil_count_entries(dir), 0);
    povatlas_tempfile_abort(&tf);
    if (fcntl(0, F_GETFD) == -1) /* make sure descriptor 0 is open */
        assert_int_equal(open("/dev/null", O_RDONLY), 0);
    povatlas_tempfile zero = {0};
    povatlas_tempfile_abort(&zero);
    assert_int_not_equal(fcntl(0, F_GETFD), -1);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_commit_writes_the_bytes),
        cmocka_unit_test(test_full_disk_fails_and_leaves_nothing),
        cmocka_unit_test(test_short_file_is_refused),
        cmocka_unit_test(test_abort),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
