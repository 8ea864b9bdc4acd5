/*
 * report.c - povatlas_report: the rejected rows and warnings of one
 * operation, kept in order so the user sees every problem of a file at once.
 */
#include <glib.h>

#include "povatlas/error.h"

struct povatlas_report {
    GPtrArray *errors;   /* povatlas_error *, owned */
    GPtrArray *warnings; /* povatlas_error *, owned */
};

static void free_error(gpointer e)
{
    povatlas_error_free(e);
}

povatlas_report *povatlas_report_new(void)
{
    povatlas_report *r = g_new0(povatlas_report, 1);
    r->errors = g_ptr_array_new_with_free_func(free_error);
    r->warnings = g_ptr_array_new_with_free_func(free_error);
    return r;
}

void povatlas_report_free(povatlas_report *report)
{
    if (!report)
        return;
    g_ptr_array_unref(report->errors);
    g_ptr_array_unref(report->warnings);
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
