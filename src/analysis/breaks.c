/*
 * breaks.c - class breaks for choropleth maps, as classInt 0.4-9 computes
 * them (quantile type 7, equal, sd with R's pretty, fixed sd, exact
 * Fisher-Jenks, head/tail) plus GeoDa's box and percentile maps and manual
 * limits; then counts and class extremes. Definitions:
 * tests/fixtures/reference/README.md "Class breaks". Drawing legends is the
 * render job's.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "analysis/analysis_private.h"
#include "povatlas/breaks.h"

/* Limits under construction: at most cap values. */
typedef struct limits_buf {
    double *v;
    size_t len;
} limits_buf;

static const struct {
    povatlas_breaks_method method;
    const char *name;
} method_names[] = {
    {POVATLAS_BREAKS_QUANTILE, "quantile"},
    {POVATLAS_BREAKS_EQUAL, "equal"},
    {POVATLAS_BREAKS_SD, "sd"},
    {POVATLAS_BREAKS_SD_FIXED, "sd_fixed"},
    {POVATLAS_BREAKS_FISHER, "fisher"},
    {POVATLAS_BREAKS_HEADTAILS, "headtails"},
    {POVATLAS_BREAKS_BOX15, "box1.5"},
    {POVATLAS_BREAKS_BOX30, "box3.0"},
    {POVATLAS_BREAKS_PERCENTILE, "percentile"},
    {POVATLAS_BREAKS_MANUAL, "manual"},
};

const char *povatlas_breaks_method_name(povatlas_breaks_method m)
{
    for (size_t i = 0; i < G_N_ELEMENTS(method_names); i++)
        if (method_names[i].method == m)
            return method_names[i].name;
    return "unknown";
}

int povatlas_breaks_method_parse(const char *name, povatlas_breaks_method *out)
{
    if (name == NULL)
        return 0;
    if (strcmp(name, "jenks") == 0) {
        *out = POVATLAS_BREAKS_FISHER;
        return 1;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(method_names); i++)
        if (strcmp(method_names[i].name, name) == 0) {
            *out = method_names[i].method;
            return 1;
        }
    return 0;
}

/* R's mean(): long double sum, then one refinement pass. */
static double r_mean(const double *s, size_t m)
{
    long double sum = 0, t = 0;
    for (size_t i = 0; i < m; i++)
        sum += s[i];
    sum /= (long double)m;
    for (size_t i = 0; i < m; i++)
        t += s[i] - sum;
    return (double)(sum + t / (long double)m);
}

/* R's sd(): two-pass variance with n - 1. */
static double r_sd(const double *s, size_t m, double mean)
{
    long double q = 0;
    for (size_t i = 0; i < m; i++)
        q += ((long double)s[i] - mean) * ((long double)s[i] - mean);
    return sqrt((double)(q / (long double)(m - 1)));
}

static void quantile_limits(const double *s, size_t m, int k, limits_buf *b)
{
    double by = 1.0 / k; /* R: seq(0, 1, 1/k) is j * by, capped at 1 */
    for (int j = 0; j <= k; j++) {
        double p = j * by;
        b->v[b->len++] = povatlas_quantile7_(s, m, p > 1 ? 1 : p);
    }
}

/* R: seq(min, max, length.out = k + 1). */
static void equal_limits(const double *s, size_t m, int k, limits_buf *b)
{
    double lo = s[0], hi = s[m - 1], by = (hi - lo) / k;
    b->v[b->len++] = lo;
    for (int j = 1; j < k; j++)
        b->v[b->len++] = lo + j * by;
    b->v[b->len++] = hi;
}

/* R_pretty (R 4.2 src/appl/pretty.c) with pretty.default's defaults:
 * min.n = n %/% 3, high.u.bias = 1.5, u5.bias = 0.5 + 1.5 * 1.5,
 * shrink.sml = 0.75. Returns the number of intervals; *ns, *nu, *unit
 * describe the grid. */
static int r_pretty(double lo, double up, int ndiv, double *ns_out,
                    double *nu_out, double *unit_out)
{
    const double h = 1.5, h5 = 0.5 + 1.5 * h, shrink = 0.75;
    int min_n = ndiv / 3;
    double dx = up - lo, cell, unit, base, ns, nu;
    double U = 1 + ((h5 >= 1.5 * h + 0.5) ? 1 / (1 + h) : 1.5 / (1 + h5));
    U *= (ndiv > 1 ? ndiv : 1) * DBL_EPSILON;
    if (dx == 0 && up == 0) {
        cell = 1;
    } else {
        cell = fmax(fabs(lo), fabs(up));
        if (dx < cell * U * 3) { /* i_small: almost no range */
            if (cell > 10)
                cell = 9 + cell / 10;
            cell *= shrink;
            if (min_n > 1)
                cell /= min_n;
        } else {
            cell = ndiv > 1 ? dx / ndiv : dx;
        }
    }
    base = pow(10.0, floor(log10(cell)));
    unit = base;
    if (2 * base - cell < h * (cell - unit)) {
        unit = 2 * base;
        if (5 * base - cell < h5 * (cell - unit)) {
            unit = 5 * base;
            if (10 * base - cell < h * (cell - unit))
                unit = 10 * base;
        }
    }
    ns = floor(lo / unit + 1e-10);
    nu = ceil(up / unit - 1e-10);
    while (ns * unit > lo + 1e-10 * unit)
        ns--;
    while (nu * unit < up - 1e-10 * unit)
        nu++;
    int k = (int)(0.5 + nu - ns);
    if (k < min_n) {
        k = min_n - k;
        if (ns >= 0) {
            nu += k / 2;
            ns -= k / 2 + k % 2;
        } else {
            ns -= k / 2;
            nu += k / 2 + k % 2;
        }
        k = min_n;
    }
    *ns_out = ns;
    *nu_out = nu;
    *unit_out = unit;
    return k;
}

/* classInt "sd": mean + sd * pretty(range(scale(x)), k). pretty.default
 * then returns seq(l, u, length.out = k + 1) with near-zeros set to 0. */
static void sd_limits(const double *s, size_t m, int k, limits_buf *b,
                      size_t cap)
{
    double mean = r_mean(s, m), sd = r_sd(s, m, mean);
    double ns, nu, unit;
    int nint = r_pretty((s[0] - mean) / sd, (s[m - 1] - mean) / sd, k, &ns, &nu,
                        &unit);
    double l = ns * unit, u = nu * unit, by = (u - l) / nint;
    for (int j = 0; j <= nint && b->len < cap; j++) {
        double z = j == nint ? u : l + j * by;
        if (fabs(z) < 1e-14 * by)
            z = 0;
        b->v[b->len++] = z * sd + mean;
    }
}

static void sd_fixed_limits(const double *s, size_t m, limits_buf *b)
{
    static const double f[] = {-1.5, -0.5, 0.5, 1.5};
    double mean = r_mean(s, m), sd = r_sd(s, m, mean);
    b->v[b->len++] = fmin(s[0], mean - 1.5 * sd);
    for (int j = 0; j < 4; j++)
        b->v[b->len++] = mean + f[j] * sd;
    b->v[b->len++] = fmax(s[m - 1], mean + 1.5 * sd);
}

static void headtails_limits(const double *s, size_t m, limits_buf *b,
                             size_t cap)
{
    const double thr = 0.4;
    size_t start = 0; /* the head is s[start .. m-1] (s is sorted) */
    b->v[b->len++] = s[0];
    for (int it = 0; it < 100 && b->len + 1 < cap; it++) {
        size_t ntot = m - start, j = start;
        double mu = r_mean(s + start, ntot);
        b->v[b->len++] = mu;
        while (j < m && !(s[j] > mu))
            j++;
        start = j;
        if (!((double)(m - start) / ntot <= thr && m - start > 1))
            break;
    }
    b->v[b->len++] = s[m - 1];
}

/* Tukey's hinges, which GeoDa's box map uses (not type 7): the median,
 * and the medians of the lower and upper halves, the middle value
 * belonging to both halves when n is odd. Each is the mean of the order
 * statistics around a 0-based fractional index. */
static double hinge_at(const double *s, double index)
{
    return (s[(size_t)floor(index)] + s[(size_t)ceil(index)]) / 2;
}

static void tukey_hinges(const double *s, size_t m, double q[3])
{
    double n = (double)m;
    int even = m % 2 == 0;
    q[0] = hinge_at(s, (even ? n + 2 : n + 3) / 4 - 1);
    q[1] = hinge_at(s, (n + 1) / 2 - 1);
    q[2] = hinge_at(s, (even ? 3 * n + 2 : 3 * n + 1) / 4 - 1);
}

/* GeoDa box map: fences at Q1 - h IQR and Q3 + h IQR. Six classes
 * always; an outlier class without members gets an infinite outer
 * limit. */
static void box_limits(const double *s, size_t m, double hinge, limits_buf *b)
{
    double q[3];
    tukey_hinges(s, m, q);
    double lo = q[0] - hinge * (q[2] - q[0]), hi = q[2] + hinge * (q[2] - q[0]);
    b->v[b->len++] = s[0] < lo ? s[0] : -INFINITY;
    b->v[b->len++] = lo;
    b->v[b->len++] = q[0];
    b->v[b->len++] = q[1];
    b->v[b->len++] = q[2];
    b->v[b->len++] = hi;
    b->v[b->len++] = s[m - 1] > hi ? s[m - 1] : INFINITY;
}

/* GeoDa percentile map: <1 %, 1-10, 10-50, 50-90, 90-99, >99 %. */
static void percentile_limits(const double *s, size_t m, limits_buf *b)
{
    static const double p[] = {0.01, 0.10, 0.50, 0.90, 0.99};
    b->v[b->len++] = s[0];
    for (int j = 0; j < 5; j++)
        b->v[b->len++] = povatlas_quantile7_(s, m, p[j]);
    b->v[b->len++] = s[m - 1];
}

/* ---- exact Fisher-Jenks --------------------------------------------- */

/* Distinct sorted values u with multiplicities, centred for precision;
 * prefix sums of weight, sum and sum of squares. */
typedef struct fisher_data {
    size_t d;
    double *u; /* distinct values (not centred) */
    double *cw, *c1, *c2;
} fisher_data;

static double fisher_ss(const fisher_data *f, size_t a, size_t b)
{
    double w = f->cw[b] - f->cw[a], s1 = f->c1[b] - f->c1[a];
    double v = (f->c2[b] - f->c2[a]) - s1 * s1 / w;
    return v > 0 ? v : 0;
}

/* One DP layer by divide and conquer: the leftmost optimal split point is
 * monotone in b for within-class sums of squares (1-D k-means satisfies
 * the quadrangle inequality), so each layer costs O(d log d) and stays
 * exact. cur[b] = min over a in [c, b-1] of prev[a] + ss(a, b). */
static void fisher_layer(const fisher_data *f, const double *prev, double *cur,
                         size_t *arg, size_t c, size_t blo, size_t bhi,
                         size_t alo, size_t ahi)
{
    while (blo <= bhi) {
        size_t mid = blo + (bhi - blo) / 2, best = 0;
        size_t a0 = alo > c ? alo : c, a1 = ahi < mid - 1 ? ahi : mid - 1;
        double bv = INFINITY;
        for (size_t a = a0; a <= a1; a++) {
            double v = prev[a] + fisher_ss(f, a, mid);
            if (v < bv) {
                bv = v;
                best = a;
            }
        }
        cur[mid] = bv;
        arg[mid] = best;
        if (mid > blo)
            fisher_layer(f, prev, cur, arg, c, blo, mid - 1, alo, best);
        blo = mid + 1; /* right half iteratively */
        alo = best;
    }
}

static int fisher_prepare(const double *s, size_t m, fisher_data *f)
{
    double mean = r_mean(s, m);
    f->u = malloc(m * sizeof *f->u);
    f->cw = malloc((m + 1) * sizeof *f->cw);
    f->c1 = malloc((m + 1) * sizeof *f->c1);
    f->c2 = malloc((m + 1) * sizeof *f->c2);
    if (!f->u || !f->cw || !f->c1 || !f->c2)
        return 0;
    f->d = 0;
    f->cw[0] = f->c1[0] = f->c2[0] = 0;
    for (size_t i = 0; i < m; i++) {
        double z = s[i] - mean;
        if (i == 0 || s[i] != s[i - 1]) {
            f->u[f->d++] = s[i];
            f->cw[f->d] = f->cw[f->d - 1];
            f->c1[f->d] = f->c1[f->d - 1];
            f->c2[f->d] = f->c2[f->d - 1];
        }
        f->cw[f->d] += 1;
        f->c1[f->d] += z;
        f->c2[f->d] += z * z;
    }
    return 1;
}

static void fisher_clear(fisher_data *f)
{
    free(f->u);
    free(f->cw);
    free(f->c1);
    free(f->c2);
}

/* Class c (0-based) of the optimum covers distinct values
 * start[c] .. start[c+1]-1; breaks are midpoints between classes. */
static int fisher_limits(const double *s, size_t m, int k, limits_buf *b)
{
    fisher_data f = {0};
    int ok = fisher_prepare(s, m, &f);
    size_t d = f.d, *arg = NULL;
    double *prev = NULL, *cur = NULL;
    if (ok) {
        arg = malloc((size_t)k * (d + 1) * sizeof *arg);
        prev = malloc((d + 1) * sizeof *prev);
        cur = malloc((d + 1) * sizeof *cur);
        ok = arg && prev && cur;
    }
    if (ok) {
        for (size_t e = 0; e <= d; e++)
            prev[e] = e ? fisher_ss(&f, 0, e) : INFINITY;
        for (int c = 1; c < k; c++) {
            for (size_t e = 0; e <= d; e++)
                cur[e] = INFINITY;
            fisher_layer(&f, prev, cur, arg + (size_t)c * (d + 1), (size_t)c,
                         (size_t)c + 1, d, 0, d);
            double *t = prev;
            prev = cur;
            cur = t;
        }
        size_t end = d, *start = malloc(((size_t)k + 1) * sizeof *start);
        ok = start != NULL;
        if (ok) {
            start[k] = d;
            for (int c = k - 1; c >= 1; c--)
                end = start[c] = arg[(size_t)c * (d + 1) + end];
            start[0] = 0;
            b->v[b->len++] = f.u[0];
            for (int c = 1; c < k; c++)
                b->v[b->len++] = (f.u[start[c] - 1] + f.u[start[c]]) / 2;
            b->v[b->len++] = f.u[d - 1];
            free(start);
        }
    }
    free(arg);
    free(prev);
    free(cur);
    fisher_clear(&f);
    return ok;
}

/* ---- assembling the result ------------------------------------------ */

static size_t count_distinct(const double *s, size_t m)
{
    size_t d = m > 0;
    for (size_t i = 1; i < m; i++)
        d += s[i] != s[i - 1];
    return d;
}

static int method_takes_k(povatlas_breaks_method method)
{
    return method == POVATLAS_BREAKS_QUANTILE ||
           method == POVATLAS_BREAKS_EQUAL || method == POVATLAS_BREAKS_FISHER;
}

/* Keeps a strictly increasing subsequence; returns 1 when it dropped any. */
static int drop_duplicate_limits(limits_buf *b)
{
    size_t k = 1, old = b->len;
    for (size_t i = 1; i < b->len; i++)
        if (b->v[i] > b->v[k - 1])
            b->v[k++] = b->v[i];
    b->len = k;
    return k != old;
}

static povatlas_status compute_limits(const double *s, size_t m,
                                      povatlas_breaks_method method, int k,
                                      const double *manual, size_t n_manual,
                                      limits_buf *b, size_t cap,
                                      povatlas_error **err)
{
    switch (method) {
    case POVATLAS_BREAKS_QUANTILE:
        quantile_limits(s, m, k, b);
        break;
    case POVATLAS_BREAKS_EQUAL:
        equal_limits(s, m, k, b);
        break;
    case POVATLAS_BREAKS_SD:
        sd_limits(s, m, k, b, cap);
        break;
    case POVATLAS_BREAKS_SD_FIXED:
        sd_fixed_limits(s, m, b);
        break;
    case POVATLAS_BREAKS_FISHER:
        if (!fisher_limits(s, m, k, b))
            return povatlas_error_set(err, POVATLAS_E_NOMEM,
                                      "out of memory for fisher breaks");
        break;
    case POVATLAS_BREAKS_HEADTAILS:
        headtails_limits(s, m, b, cap);
        break;
    case POVATLAS_BREAKS_BOX15:
    case POVATLAS_BREAKS_BOX30:
        box_limits(s, m, method == POVATLAS_BREAKS_BOX15 ? 1.5 : 3.0, b);
        break;
    case POVATLAS_BREAKS_PERCENTILE:
        percentile_limits(s, m, b);
        break;
    case POVATLAS_BREAKS_MANUAL:
        memcpy(b->v, manual, n_manual * sizeof *manual);
        b->len = n_manual;
        break;
    default:
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "unknown class break method %d", (int)method);
    }
    return POVATLAS_OK;
}

static povatlas_status check_args(size_t m, povatlas_breaks_method method,
                                  int k, const double *manual, size_t n_manual,
                                  povatlas_error **err)
{
    if (m == 0)
        return povatlas_error_set(err, POVATLAS_E_INPUT,
                                  "no values to classify");
    if (method_takes_k(method) && (k < 1 || (size_t)k > 1000000))
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "number of classes %d out of range", k);
    if (method == POVATLAS_BREAKS_SD && (k < 1 || k > 1000))
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "number of classes %d out of range", k);
    if (method != POVATLAS_BREAKS_MANUAL)
        return POVATLAS_OK;
    if (manual == NULL || n_manual < 2)
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "manual breaks need at least 2 limits");
    for (size_t i = 0; i < n_manual; i++)
        if (isnan(manual[i]) || (i > 0 && !(manual[i] > manual[i - 1])))
            return povatlas_error_set(err, POVATLAS_E_USAGE,
                                      "manual limit %zu is not above the "
                                      "previous one",
                                      i + 1);
    return POVATLAS_OK;
}

static povatlas_breaks *breaks_alloc(povatlas_breaks_method method,
                                     const limits_buf *b, int one_value)
{
    povatlas_breaks *br = calloc(1, sizeof *br);
    if (br == NULL)
        return NULL;
    br->method = method;
    br->n_classes = one_value ? 1 : (int)b->len - 1;
    br->left_closed = 1;
    br->limits = malloc(((size_t)br->n_classes + 1) * sizeof *br->limits);
    br->counts = calloc((size_t)br->n_classes, sizeof *br->counts);
    br->cmin = malloc((size_t)br->n_classes * sizeof *br->cmin);
    br->cmax = malloc((size_t)br->n_classes * sizeof *br->cmax);
    if (!br->limits || !br->counts || !br->cmin || !br->cmax) {
        povatlas_breaks_free(br);
        return NULL;
    }
    if (one_value)
        br->limits[0] = br->limits[1] = b->v[0];
    else
        memcpy(br->limits, b->v, b->len * sizeof *b->v);
    return br;
}

void povatlas_breaks_recount(povatlas_breaks *br, const double *values,
                             size_t n, int left_closed)
{
    br->left_closed = left_closed != 0;
    for (int c = 0; c < br->n_classes; c++) {
        br->counts[c] = 0;
        br->cmin[c] = br->cmax[c] = NAN;
    }
    for (size_t i = 0; i < n; i++) {
        int c = povatlas_breaks_class_of(br, values[i]);
        if (c < 0)
            continue;
        if (br->counts[c]++ == 0 || values[i] < br->cmin[c])
            br->cmin[c] = values[i];
        if (br->counts[c] == 1 || values[i] > br->cmax[c])
            br->cmax[c] = values[i];
    }
}

static char *make_note(size_t distinct, int k_asked, int k_used, int merged)
{
    if (distinct == 1)
        return g_strdup("all values are equal: 1 class");
    if (k_used < k_asked)
        return g_strdup_printf("only %zu distinct values: %d classes instead "
                               "of %d",
                               distinct, k_used, k_asked);
    if (merged)
        return g_strdup("tied values gave equal limits: classes merged");
    return NULL;
}

povatlas_breaks *povatlas_breaks_compute(const double *values, size_t n,
                                         povatlas_breaks_method method,
                                         int n_classes, const double *manual,
                                         size_t n_manual, povatlas_error **err)
{
    size_t m = 0, d, cap;
    g_autofree double *s = povatlas_sorted_copy_(values, values ? n : 0, &m);
    if (s == NULL) {
        povatlas_error_set(err, POVATLAS_E_NOMEM, "out of memory");
        return NULL;
    }
    if (check_args(m, method, n_classes, manual, n_manual, err) != POVATLAS_OK)
        return NULL;
    d = count_distinct(s, m);
    int k = n_classes;
    if (method_takes_k(method) && (size_t)k > d)
        k = (int)d;
    cap = (method == POVATLAS_BREAKS_MANUAL ? n_manual : 0) + 128 +
          (size_t)(k > 0 ? k : 0) + 1;
    g_autofree double *buf = malloc(cap * sizeof *buf);
    limits_buf b = {buf, 0};
    if (buf == NULL) {
        povatlas_error_set(err, POVATLAS_E_NOMEM, "out of memory");
        return NULL;
    }
    if (d > 1 && compute_limits(s, m, method, k, manual, n_manual, &b, cap,
                                err) != POVATLAS_OK)
        return NULL;
    if (d == 1)
        b.v[b.len++] = s[0];
    int merged = d > 1 && drop_duplicate_limits(&b);
    povatlas_breaks *br = breaks_alloc(method, &b, d == 1 || b.len < 2);
    if (br == NULL) {
        povatlas_error_set(err, POVATLAS_E_NOMEM, "out of memory");
        return NULL;
    }
    br->note =
        make_note(d, n_classes, method_takes_k(method) ? k : n_classes, merged);
    povatlas_breaks_recount(br, values, n, 1);
    return br;
}

void povatlas_breaks_free(povatlas_breaks *breaks)
{
    if (breaks == NULL)
        return;
    free(breaks->limits);
    free(breaks->counts);
    free(breaks->cmin);
    free(breaks->cmax);
    g_free(breaks->note);
    free(breaks);
}

/* Number of limits <= v (or < v when @strict), by bisection. */
static int limits_below(const double *lim, int len, double v, int strict)
{
    int lo = 0, hi = len;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (strict ? lim[mid] < v : lim[mid] <= v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int povatlas_breaks_class_of(const povatlas_breaks *breaks, double value)
{
    const double *lim = breaks->limits;
    int k = breaks->n_classes;
    if (isnan(value) || value < lim[0] || value > lim[k])
        return -1;
    if (breaks->left_closed) { /* [a, b), last class closed */
        int c = limits_below(lim, k + 1, value, 0) - 1;
        return c >= k ? k - 1 : c;
    }
    int c = limits_below(lim, k + 1, value, 1) - 1; /* (a, b], first closed */
    return c < 0 ? 0 : c;
}
