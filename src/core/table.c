/*
 * table.c - the report table: typed columns and cells that may be missing.
 * Cells are stored row-major; a missing cell is a flag, never a 0.
 */
#include <math.h>

#include <glib.h>

#include "povatlas/table.h"

typedef struct column {
    char *head;
    povatlas_column_type type;
    int decimals;
} column;

typedef struct cell {
    int set;
    char *text;
    int64_t i;
    double r;
} cell;

struct povatlas_table {
    char *title;
    GPtrArray *notes; /* char * */
    GArray *columns;  /* column */
    GArray *cells;    /* cell, n_rows × n_columns */
    size_t n_rows;
};

povatlas_table *povatlas_table_new(const char *title)
{
    povatlas_table *t = g_new0(povatlas_table, 1);
    t->title = g_strdup(title);
    t->notes = g_ptr_array_new_with_free_func(g_free);
    t->columns = g_array_new(FALSE, TRUE, sizeof(column));
    t->cells = g_array_new(FALSE, TRUE, sizeof(cell));
    return t;
}

void povatlas_table_free(povatlas_table *t)
{
    if (!t)
        return;
    for (guint i = 0; i < t->columns->len; i++)
        g_free(g_array_index(t->columns, column, i).head);
    for (guint i = 0; i < t->cells->len; i++)
        g_free(g_array_index(t->cells, cell, i).text);
    g_array_free(t->columns, TRUE);
    g_array_free(t->cells, TRUE);
    g_ptr_array_free(t->notes, TRUE);
    g_free(t->title);
    g_free(t);
}

size_t povatlas_table_add_column(povatlas_table *t, const char *head,
                                 povatlas_column_type type, int decimals)
{
    g_return_val_if_fail(t->n_rows == 0, t->columns->len);
    column c = {g_strdup(head), type, decimals};
    g_array_append_val(t->columns, c);
    return t->columns->len - 1;
}

void povatlas_table_add_note(povatlas_table *t, const char *note)
{
    g_ptr_array_add(t->notes, g_strdup(note));
}

size_t povatlas_table_add_row(povatlas_table *t)
{
    g_array_set_size(t->cells, t->cells->len + t->columns->len);
    return t->n_rows++;
}

static cell *at(const povatlas_table *t, size_t row, size_t col)
{
    g_return_val_if_fail(row < t->n_rows && col < t->columns->len, NULL);
    return &g_array_index(t->cells, cell, row * t->columns->len + col);
}

void povatlas_table_set_text(povatlas_table *t, size_t row, size_t col,
                             const char *text)
{
    cell *c = at(t, row, col);
    if (!c)
        return;
    g_free(c->text);
    c->text = g_strdup(text);
    c->set = text != NULL;
}

void povatlas_table_set_int(povatlas_table *t, size_t row, size_t col,
                            int64_t value)
{
    cell *c = at(t, row, col);
    if (!c)
        return;
    c->i = value;
    c->r = (double)value;
    c->set = 1;
}

void povatlas_table_set_real(povatlas_table *t, size_t row, size_t col,
                             double value)
{
    cell *c = at(t, row, col);
    if (!c)
        return;
    c->r = value;
    c->i = isfinite(value) ? (int64_t)llround(value) : 0;
    c->set = isfinite(value);
}

const char *povatlas_table_title(const povatlas_table *t) { return t->title; }

size_t povatlas_table_n_notes(const povatlas_table *t) { return t->notes->len; }

const char *povatlas_table_note(const povatlas_table *t, size_t i)
{
    return i < t->notes->len ? g_ptr_array_index(t->notes, i) : NULL;
}

size_t povatlas_table_n_columns(const povatlas_table *t)
{
    return t->columns->len;
}

size_t povatlas_table_n_rows(const povatlas_table *t) { return t->n_rows; }

const char *povatlas_table_column_head(const povatlas_table *t, size_t col)
{
    return col < t->columns->len ? g_array_index(t->columns, column, col).head
                                 : NULL;
}

povatlas_column_type povatlas_table_column_type(const povatlas_table *t,
                                                size_t col)
{
    return col < t->columns->len ? g_array_index(t->columns, column, col).type
                                 : POVATLAS_COLUMN_TEXT;
}

int povatlas_table_column_decimals(const povatlas_table *t, size_t col)
{
    return col < t->columns->len
               ? g_array_index(t->columns, column, col).decimals
               : 0;
}

int povatlas_table_is_missing(const povatlas_table *t, size_t row, size_t col)
{
    const cell *c = at(t, row, col);
    return !c || !c->set;
}

const char *povatlas_table_text(const povatlas_table *t, size_t row, size_t col)
{
    const cell *c = at(t, row, col);
    return c && c->set ? c->text : NULL;
}

int64_t povatlas_table_int(const povatlas_table *t, size_t row, size_t col)
{
    const cell *c = at(t, row, col);
    return c && c->set ? c->i : 0;
}

double povatlas_table_real(const povatlas_table *t, size_t row, size_t col)
{
    const cell *c = at(t, row, col);
    return c && c->set ? c->r : NAN;
}
