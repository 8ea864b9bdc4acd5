/*
 * bench.c - the big synthetic household file for benchmarks, in the format
 * of shared/bench/gen.py: household_id, commune_code, members,
 * income_per_capita, d01..d12, recorded_status. Same model as gen.py
 * (lognormal commune weights, urban communes richer and heavier, flags more
 * likely below 1.3 x the line, 5 % of statuses deliberately wrong) but its
 * own generator, so the bytes differ from gen.py's. Formatting is done by
 * hand into a large buffer: a million rows take about a quarter second.
 */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "povatlas/core.h"
#include "synth/synth_private.h"

#define OUT_BUF (1 << 20)

typedef struct bench_communes {
    uint32_t n;
    char (*code)[8]; /* "00042" */
    int *urban;
    double *cum;   /* cumulative weights, for the binary search */
    double *level; /* income level: log-offset */
} bench_communes;

void povatlas_synth_bench_opts_init(povatlas_synth_bench_opts *o)
{
    o->rows = 1000000;
    o->communes = 10600;
    o->seed = 2;
    o->out_path = NULL;
}

static void communes_make(synth_rng *r, uint32_t n, bench_communes *c)
{
    c->n = n;
    c->code = g_malloc(n * sizeof *c->code);
    c->urban = g_new(int, n);
    c->cum = g_new(double, n);
    c->level = g_new(double, n);
    uint32_t code = 0;
    double sum = 0.0;
    for (uint32_t i = 0; i < n; i++) {
        code += 1 + povatlas_synth_rng_below(r, 5); /* sparse, like GSO */
        g_snprintf(c->code[i], sizeof c->code[i], "%05u", code);
        c->urban[i] = code % 2 == 0;
        double w = exp(0.9 * povatlas_synth_rng_normal(r));
        sum += c->urban[i] ? 1.6 * w : w;
        c->cum[i] = sum;
        c->level[i] =
            (c->urban[i] ? 0.35 : 0.0) + 0.35 * povatlas_synth_rng_normal(r);
    }
}

static void communes_clear(bench_communes *c)
{
    g_free(c->code);
    g_free(c->urban);
    g_free(c->cum);
    g_free(c->level);
}

static uint32_t commune_pick(synth_rng *r, const bench_communes *c)
{
    double x = povatlas_synth_rng_double(r) * c->cum[c->n - 1];
    uint32_t lo = 0, hi = c->n - 1;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (c->cum[mid] > x)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

static int poisson_members(synth_rng *r)
{
    const double limit = exp(-3.2);
    double p = povatlas_synth_rng_double(r);
    int k = 0;
    while (p > limit) {
        k++;
        p *= povatlas_synth_rng_double(r);
    }
    return CLAMP(k, 1, 12);
}

static char *put_uint(char *p, uint64_t v)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        *p++ = tmp[--n];
    return p;
}

/* Formats row @id into @p; returns the end. */
static char *bench_row(synth_rng *r, const bench_communes *c, uint64_t id,
                       char *p)
{
    static const char *const status[3] = {"poor", "near_poor", "not_poor"};
    uint32_t ci = commune_pick(r, c);
    int64_t line = c->urban[ci] ? 2000000 : 1500000;
    double x = exp(14.9 + c->level[ci] + 0.55 * povatlas_synth_rng_normal(r));
    int64_t income = (int64_t)llround(x / 1000.0) * 1000;
    /* Flag probability 0.28 near or below the line, else 0.07 (in 256ths). */
    unsigned prob = income * 10 <= line * 13 ? 72 : 18;
    uint64_t bits_a = povatlas_rng_next_(r), bits_b = povatlas_rng_next_(r);
    p = put_uint(p, id);
    *p++ = ',';
    size_t clen = strlen(c->code[ci]);
    memcpy(p, c->code[ci], clen);
    p += clen;
    *p++ = ',';
    p = put_uint(p, (uint64_t)poisson_members(r));
    *p++ = ',';
    p = put_uint(p, (uint64_t)income);
    int d = 0;
    for (int k = 0; k < 12; k++) {
        uint64_t byte = k < 8 ? bits_a >> (8 * k) : bits_b >> (8 * (k - 8));
        int flag = (byte & 0xFF) < prob;
        d += flag;
        *p++ = ',';
        *p++ = (char)('0' + flag);
    }
    int truth = income <= line ? (d >= 3 ? 0 : 1) : 2;
    if (povatlas_synth_rng_below(r, 100) < 5) /* reviewers disagree */
        truth = (int)povatlas_synth_rng_below(r, 3);
    *p++ = ',';
    size_t slen = strlen(status[truth]);
    memcpy(p, status[truth], slen);
    p += slen;
    *p++ = '\n';
    return p;
}

typedef struct bench_job {
    const povatlas_synth_bench_opts *opts;
    povatlas_progress_fn progress;
    void *user_data;
} bench_job;

static povatlas_status bench_rows(FILE *fp, void *data)
{
    const bench_job *job = data;
    const povatlas_synth_bench_opts *o = job->opts;
    povatlas_progress_fn progress = job->progress;
    void *ud = job->user_data;
    synth_rng r;
    bench_communes c;
    povatlas_synth_rng_init(&r, o->seed, 0xBE4C);
    communes_make(&r, o->communes, &c);
    g_autofree char *buf = g_malloc(OUT_BUF);
    static const char head[] =
        "household_id,commune_code,members,income_per_capita,d01,d02,d03,"
        "d04,d05,d06,d07,d08,d09,d10,d11,d12,recorded_status\n";
    povatlas_status st = fputs(head, fp) == EOF ? POVATLAS_E_IO : POVATLAS_OK;
    char *p = buf;
    uint64_t step = o->rows / 20 + 1;
    for (uint64_t id = 1; !st && id <= o->rows; id++) {
        p = bench_row(&r, &c, id, p);
        if (p - buf > OUT_BUF - 256) {
            if (fwrite(buf, 1, (size_t)(p - buf), fp) != (size_t)(p - buf))
                st = POVATLAS_E_IO;
            p = buf;
        }
        if (progress && id % step == 0 &&
            !progress((double)id / (double)o->rows, NULL, ud))
            st = POVATLAS_E_USAGE;
    }
    if (!st && fwrite(buf, 1, (size_t)(p - buf), fp) != (size_t)(p - buf))
        st = POVATLAS_E_IO;
    communes_clear(&c);
    return st;
}

povatlas_status
povatlas_synth_bench_write(const povatlas_synth_bench_opts *opts,
                           povatlas_progress_fn progress, void *user_data,
                           povatlas_error **err)
{
    if (!opts->out_path || opts->communes == 0 || opts->communes > 19999)
        return povatlas_error_set(err, POVATLAS_E_USAGE,
                                  "bench needs an output path and 1..19999 "
                                  "communes");
    bench_job j = {opts, progress, user_data};
    return povatlas_synth_write_file(opts->out_path, bench_rows, &j, err);
}
