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

/* A fresh folder and an output @name in it, begun. */
typedef struct output {
    char *dir, *path;
    povatlas_tempfile tf;
} output;

static void output_begin(output *o, const char *name)
{
    o->dir = testutil_tmpdir();
    o->path = g_build_filename(o->dir, name, NULL);
    assert_int_equal(povatlas_tempfile_begin(&o->tf, o->path, NULL),
                     POVATLAS_OK);
}

/* The folder holds @entries files; then it goes. */
static void output_end(output *o, int entries)
{
    assert_int_equal(testutil_count_entries(o->dir), entries);
    testutil_rmtree(o->dir);
    g_free(o->dir);
    g_free(o->path);
}

static void test_commit_writes_the_bytes(void **state)
{
    (void)state;
    output o;
    output_begin(&o, "out.csv");
    assert_true(povatlas_tempfile_write(&o.tf, "a,b\n", 4));
    assert_true(povatlas_tempfile_write(&o.tf, "1,2\n", 4));
    assert_int_equal(o.tf.written, 8);
    assert_int_equal(povatlas_tempfile_commit(&o.tf, NULL), POVATLAS_OK);
    g_autofree char *text = NULL;
    assert_true(g_file_get_contents(o.path, &text, NULL, NULL));
    assert_string_equal(text, "a,b\n1,2\n");
    output_end(&o, 1);
}

/* A full disk part way through: the write says so, the commit reports the
 * final path with "No space left on device", and nothing is left. */
static void test_full_disk_fails_and_leaves_nothing(void **state)
{
    (void)state;
    output o;
    output_begin(&o, "map.pdf");
    povatlas_write_fault_after(10);
    char block[64];
    memset(block, 'x', sizeof block);
    int ok = povatlas_tempfile_write(&o.tf, block, sizeof block);
    povatlas_write_fault_after(-1);
    assert_false(ok);
    assert_int_equal(o.tf.write_errno, ENOSPC);
    /* later writes do nothing and keep the first reason */
    assert_false(povatlas_tempfile_write(&o.tf, block, 1));
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_tempfile_commit(&o.tf, &err), POVATLAS_E_IO);
    assert_non_null(err);
    assert_string_equal(err->file, o.path);
    assert_non_null(strstr(err->message, g_strerror(ENOSPC)));
    povatlas_error_free(err);
    assert_false(g_file_test(o.path, G_FILE_TEST_EXISTS));
    output_end(&o, 0);
}

/* A file cut short behind the writer's back is not renamed into place. */
static void test_short_file_is_refused(void **state)
{
    (void)state;
    output o;
    output_begin(&o, "wards.geojson");
    assert_true(povatlas_tempfile_write(&o.tf, "{\"type\": \"x\"}", 13));
    assert_int_equal(truncate(o.tf.temp_path, 5), 0);
    povatlas_error *err = NULL;
    assert_int_equal(povatlas_tempfile_commit(&o.tf, &err), POVATLAS_E_IO);
    assert_non_null(strstr(err->message, "incomplete (5 of 13 bytes"));
    povatlas_error_free(err);
    output_end(&o, 0);
}

/* Abort removes the temporary file; a cleared tempfile is safe to abort
 * (and does not close descriptor 0). */
static void test_abort(void **state)
{
    (void)state;
    output o;
    output_begin(&o, "x.png");
    assert_int_equal(testutil_count_entries(o.dir), 1);
    povatlas_tempfile_abort(&o.tf);
    assert_int_equal(testutil_count_entries(o.dir), 0);
    povatlas_tempfile_abort(&o.tf);
    if (fcntl(0, F_GETFD) == -1) /* make sure descriptor 0 is open */
        assert_int_equal(open("/dev/null", O_RDONLY), 0);
    povatlas_tempfile zero = {0};
    povatlas_tempfile_abort(&zero);
    assert_int_not_equal(fcntl(0, F_GETFD), -1);
    output_end(&o, 0);
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
