/*
 * numtext.c - numbers as Vietnamese documents write them and read them:
 * `.` groups thousands and `,` marks decimals (1.500.000 đồng; 1,29 %).
 * English output swaps the two. Rounding is done on the decimal text, half
 * away from zero, so what is shown is what a person rounding by hand gets.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include <glib.h>

#include "povatlas/core.h"

#define MINUS_SIGN "\xe2\x88\x92" /* U+2212, typographic minus */

static int is_vi(const char *lang)
{
    return !lang || g_ascii_strncasecmp(lang, "en", 2) != 0;
}

/* Appends @digits (ASCII, no sign) with thousands separators. */
static void append_grouped(GString *s, const char *digits, char sep)
{
    size_t len = strlen(digits);
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            g_string_append_c(s, sep);
        g_string_append_c(s, digits[i]);
    }
}

static char *compose(int negative, const char *int_digits,
                     const char *frac_digits, const char *lang)
{
    int vi = is_vi(lang);
    GString *s = g_string_new(NULL);
    if (negative)
        g_string_append(s, MINUS_SIGN);
    append_grouped(s, int_digits, vi ? '.' : ',');
    if (frac_digits && *frac_digits) {
        g_string_append_c(s, vi ? ',' : '.');
        g_string_append(s, frac_digits);
    }
    return g_string_free(s, FALSE);
}

char *povatlas_format_hundredths(int64_t hundredths, const char *lang)
{
    int negative = hundredths < 0;
    uint64_t mag =
        negative ? (uint64_t)(-(hundredths + 1)) + 1 : (uint64_t)hundredths;
    char int_digits[32], frac[3];
    snprintf(int_digits, sizeof int_digits, "%llu",
             (unsigned long long)(mag / 100));
    snprintf(frac, sizeof frac, "%02u", (unsigned)(mag % 100));
    return compose(negative && mag != 0, int_digits, frac, lang);
}

char *povatlas_format_count(int64_t value, const char *lang)
{
    int negative = value < 0;
    uint64_t mag = negative ? (uint64_t)(-(value + 1)) + 1 : (uint64_t)value;
    char digits[32];
    snprintf(digits, sizeof digits, "%llu", (unsigned long long)mag);
    return compose(negative, digits, NULL, lang);
}

/* Shortest decimal text that reads back as @v, in plain (non-exponent)
 * notation with enough digits: "1.005", "0.125", "47400". */
static char *shortest_plain(double v)
{
    char buf[64];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
        if (g_ascii_strtod(buf, NULL) == v)
            break;
    }
    /* buf is d.ddde[+-]XX: expand to plain digits */
    char *e = strchr(buf, 'e');
    int exp10 = (int)g_ascii_strtoll(e + 1, NULL, 10);
    *e = '\0';
    GString *digits = g_string_new(NULL);
    for (const char *p = buf; *p; p++)
        if (g_ascii_isdigit(*p))
            g_string_append_c(digits, *p);
    /* value = 0.digits * 10^(exp10 + 1) */
    int point = exp10 + 1;
    GString *out = g_string_new(NULL);
    if (point <= 0) {
        g_string_append(out, "0.");
        for (int i = 0; i < -point; i++)
            g_string_append_c(out, '0');
        g_string_append(out, digits->str);
    } else if ((size_t)point >= digits->len) {
        g_string_append(out, digits->str);
        for (size_t i = digits->len; i < (size_t)point; i++)
            g_string_append_c(out, '0');
    } else {
        g_string_append_len(out, digits->str, point);
        g_string_append_c(out, '.');
        g_string_append(out, digits->str + point);
    }
    g_string_free(digits, TRUE);
    return g_string_free(out, FALSE);
}

/* Rounds the plain decimal text @s (no sign) to @decimals, half up. */
static void round_text(const char *s, int decimals, GString *int_part,
                       GString *frac_part)
{
    const char *dot = strchr(s, '.');
    size_t ilen = dot ? (size_t)(dot - s) : strlen(s);
    const char *frac = dot ? dot + 1 : "";
    GString *all = g_string_new_len(s, ilen);
    size_t flen = strlen(frac);
    for (int i = 0; i < decimals; i++)
        g_string_append_c(all, (size_t)i < flen ? frac[i] : '0');
    int round_up = (size_t)decimals < flen && frac[decimals] >= '5';
    if (round_up) {
        ssize_t i = (ssize_t)all->len - 1;
        while (i >= 0 && all->str[i] == '9') {
            all->str[i] = '0';
            i--;
        }
        if (i >= 0)
            all->str[i]++;
        else {
            g_string_prepend_c(all, '1');
            ilen++;
        }
    }
    g_string_append_len(int_part, all->str, ilen);
    g_string_append(frac_part, all->str + ilen);
    /* strip leading zeros of the integer part, keep one */
    while (int_part->len > 1 && int_part->str[0] == '0')
        g_string_erase(int_part, 0, 1);
    g_string_free(all, TRUE);
}

char *povatlas_format_number(double value, int decimals, const char *lang)
{
    if (!isfinite(value))
        return g_strdup("–");
    if (decimals < 0)
        decimals = 0;
    if (decimals > 9)
        decimals = 9;
    int negative = value < 0;
    g_autofree char *plain = shortest_plain(fabs(value));
    GString *ip = g_string_new(NULL), *fp = g_string_new(NULL);
    round_text(plain, decimals, ip, fp);
    int all_zero =
        strspn(ip->str, "0") == ip->len && strspn(fp->str, "0") == fp->len;
    char *out = compose(negative && !all_zero, ip->str, fp->str, lang);
    g_string_free(ip, TRUE);
    g_string_free(fp, TRUE);
    return out;
}

/* Keeps digits, one optional leading sign and the separators . and , ;
 * drops spaces (also U+00A0 and U+202F). Returns FALSE on anything else. */
static gboolean squeeze(const char *text, GString *out)
{
    for (const char *p = text; *p;) {
        gunichar c = g_utf8_get_char_validated(p, -1);
        if (c == (gunichar)-1 || c == (gunichar)-2)
            return FALSE;
        if (g_unichar_isspace(c) || c == 0x00A0 || c == 0x202F) {
            /* skip */
        } else if (c == '-' || c == '+' || c == 0x2212) {
            if (out->len > 0)
                return FALSE;
            g_string_append_c(out, c == '+' ? '+' : '-');
        } else if ((c >= '0' && c <= '9') || c == '.' || c == ',') {
            g_string_append_c(out, (char)c);
        } else {
            return FALSE;
        }
        p = g_utf8_next_char(p);
    }
    return TRUE;
}

int povatlas_parse_number_vi(const char *text, double *out)
{
    if (!text)
        return 0;
    g_autoptr(GString) s = g_string_new(NULL);
    if (!squeeze(text, s) || s->len == 0)
        return 0;
    const char *last_dot = strrchr(s->str, '.');
    const char *last_comma = strrchr(s->str, ',');
    int n_dots = 0, n_commas = 0;
    for (const char *p = s->str; *p; p++) {
        n_dots += *p == '.';
        n_commas += *p == ',';
    }
    char decimal = 0; /* the separator that marks decimals, 0 = none */
    if (n_dots && n_commas)
        decimal = last_dot > last_comma ? '.' : ',';
    else if (n_dots == 1 || n_commas == 1) {
        const char *sep = n_dots ? last_dot : last_comma;
        size_t after = strlen(sep + 1);
        /* "1.500" is one thousand five hundred; "1,29" is a decimal */
        decimal = after == 3 ? 0 : *sep;
    }
    /* thousands groups after the first must be exactly 3 digits */
    int group = -1; /* digits since the last thousands separator */
    for (const char *p = s->str; *p; p++) {
        if ((*p == '.' || *p == ',') && *p != decimal) {
            if (group >= 0 && group != 3)
                return 0;
            group = 0;
        } else if (*p == decimal) {
            if (group >= 0 && group != 3)
                return 0;
            group = -2; /* decimals: no more grouping */
        } else if (group >= 0 && g_ascii_isdigit(*p)) {
            group++;
        }
    }
    if (group >= 0 && group != 3)
        return 0;
    GString *canon = g_string_new(NULL);
    for (const char *p = s->str; *p; p++) {
        if (*p == '.' || *p == ',') {
            if (*p == decimal)
                g_string_append_c(canon, '.');
        } else {
            g_string_append_c(canon, *p);
        }
    }
    /* thousands groups must be exactly 3 digits */
    char *end = NULL;
    double v = g_ascii_strtod(canon->str, &end);
    int ok = end && *end == '\0' && canon->len > 0 &&
             g_ascii_isdigit(canon->str[canon->len - 1]);
    g_string_free(canon, TRUE);
    if (!ok || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}
