/*
 * report.c - povatlas_report: the rejected rows, warnings and skipped rows
 * of one operation, kept in order so the user sees every problem of a file
 * at once, and what was left out.
 */
#include <glib.h>

#include "povatlas/error.h"

struct povatlas_report {
    GPtrArray *errors;   /* povatlas_error *, owned */
    GPtrArray *warnings; /* povatlas_error *, owned */
    GPtrArray *skipped;  /* povatlas_error *, owned */
};

static void free_error(gpointer e) { povatlas_error_free(e); }

povatlas_report *povatlas_report_new(void)
{
    povatlas_report *r = g_new0(povatlas_report, 1);
    r->errors = g_ptr_array_new_with_free_func(free_error);
    r->warnings = g_ptr_array_new_with_free_func(free_error);
    r->skipped = g_ptr_array_new_with_free_func(free_error);
    return r;
}

void povatlas_report_free(povatlas_report *report)
{
    if (!report)
        return;
    g_ptr_array_unref(report->errors);
    g_ptr_array_unref(report->warnings);
    g_ptr_array_unref(report->skipped);
    g_free(report);
}

void povatlas_report_add(povatlas_report *report, povatlas_error *error)
{
    if (error)
        g_ptr_array_add(report->errors, error);
}

void povatlas_report_warn(povatlas_report *report, povatlas_error *warning)
{
    if (warning)
        g_ptr_array_add(report->warnings, warning);
}

void povatlas_report_skip(povatlas_report *report, povatlas_error *skipped)
{
    if (skipped)
        g_ptr_array_add(report->skipped, skipped);
}

size_t povatlas_report_n_errors(const povatlas_report *report)
{
    return report->errors->len;
}

size_t povatlas_report_n_warnings(const povatlas_report *report)
{
    return report->warnings->len;
}

const povatlas_error *povatlas_report_error(const povatlas_report *report,
                                            size_t i)
{
    return i < report->errors->len ? g_ptr_array_index(report->errors, i)
                                   : NULL;
}

const povatlas_error *povatlas_report_warning(const povatlas_report *report,
                                              size_t i)
{
    return i < report->warnings->len ? g_ptr_array_index(report->warnings, i)
                                     : NULL;
}

size_t povatlas_report_n_skipped(const povatlas_report *report)
{
    return report->skipped->len;
}

const povatlas_error *povatlas_report_skipped(const povatlas_report *report,
                                              size_t i)
{
    return i < report->skipped->len ? g_ptr_array_index(report->skipped, i)
                                    : NULL;
}
