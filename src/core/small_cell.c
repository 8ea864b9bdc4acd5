/*
 * small_cell.c - the one small-cell rule: a ward's figures (counts, rates,
 * changes, ranks) rest on its households, and a ward with fewer than the
 * threshold is shown without them on every map, in the atlas table and
 * on its fact sheet, so that a few households cannot be recognised.
 */
#include <math.h>

#include "povatlas/core.h"

int povatlas_small_cell(double households, int min_households)
{
    /* unknown households: the figures are undefined anyway */
    return min_households > 0 && !isnan(households) &&
           households < min_households;
}
