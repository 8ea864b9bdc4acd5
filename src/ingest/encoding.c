/*
 * encoding.c - review lists saved in legacy Vietnamese encodings. Files
 * from older Excel templates come in TCVN3 (ABC, ".VnTime" fonts),
 * Windows-1258 or VNI instead of UTF-8. A text file that is not UTF-8 is
 * sniffed: the candidate decoding that yields the most common words of
 * review lists wins. TCVN3 (table below) and Windows-1258 (iconv) are
 * converted to UTF-8 NFC into a temporary copy, with a warning; VNI and
 * unknown 8-bit text are refused with a message naming what was seen,
 * never stored as mojibake.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "ingest_private.h"

#define SNIFF_BYTES (256 * 1024)

/* TCVN 5712:1993 VN3 ("ABC"): bytes 0xA1-0xFE as Unicode. Capital letters
 * with tone marks share the lower-case codes (a separate capital font drew
 * them), so they come out lower case. 0 = unused. */
static const gunichar TCVN3[256 - 0xA1] = {
    /* A1 */ 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0,
    0x01AF,          0x0110, 0x0103,
    /* A9 */ 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0,
    0x0111,          0,      0,
    /* B1 */ 0,      0,      0,      0,      0x00E0,
    0x1EA3,          0x00E3, 0x00E1,
    /* B9 */ 0x1EA1, 0,      0x1EB1, 0x1EB3, 0x1EB5,
    0x1EAF,          0,      0,
    /* C1 */ 0,      0,      0,      0,      0,
    0x1EB7,          0x1EA7, 0x1EA9,
    /* C9 */ 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0,
    0x1EBB,          0x1EBD, 0x00E9,
    /* D1 */ 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF,
    0x1EC7,          0x00EC, 0x1EC9,
    /* D9 */ 0,      0,      0,      0x0129, 0x00ED,
    0x1ECB,          0x00F2, 0,
    /* E1 */ 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3,
    0x1ED5,          0x1ED7, 0x1ED1,
    /* E9 */ 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB,
    0x1EE3,          0x00F9, 0,
    /* F1 */ 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB,
    0x1EED,          0x1EEF, 0x1EE9,
    /* F9 */ 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD,
    0x1EF5};

/* Decodes TCVN3; NULL when a byte has no letter (not TCVN3). */
static char *from_tcvn3(const char *s, gsize n)
{
    GString *out = g_string_sized_new(n + n / 4);
    for (gsize i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        gunichar u = b < 0x80 ? b : b >= 0xA1 ? TCVN3[b - 0xA1] : 0;
        if (b >= 0x80 && !u) {
            g_string_free(out, TRUE);
            return NULL;
        }
        g_string_append_unichar(out, u);
    }
    return g_string_free(out, FALSE);
}

static char *from_cp1258(const char *s, gsize n)
{
    g_autofree char *u =
        g_convert(s, (gssize)n, "UTF-8", "CP1258", NULL, NULL, NULL);
    return u ? g_utf8_normalize(u, -1, G_NORMALIZE_NFC) : NULL;
}

/* Common words of review lists and their headers (NFC, lower case). */
static const char *const WORDS[] = {
    "hộ",   "nghèo", "cận", "phường", "xã",   "nhân",  "khẩu",  "thu",
    "nhập", "việc",  "làm", "nhà",    "nước", "người", "thành", "hải",
    "số",   "chủ",   "tên", "loại",   "đơn",  "vị",    "năm",   "rà"};

static int word_score(const char *utf8)
{
    if (!utf8)
        return -1;
    g_autofree char *low = g_utf8_strdown(utf8, -1);
    int score = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(WORDS); i++)
        for (const char *p = low; (p = strstr(p, WORDS[i])); p++)
            score++;
    return score;
}

/* VNI writes a base letter then a byte for the mark ("Hoä ngheøo"). */
static int vni_score(const char *s, gsize n)
{
    static const char marks[] = "\xF8\xF9\xFB\xF5\xEF\xE4\xE1\xE0\xE2\xE3"
                                "\xE5\xF6\xF7\xEA\xEB\xE6\xE7\xEC\xED";
    int hits = 0;
    for (gsize i = 1; i < n; i++)
        if (strchr("aeiouyAEIOUY", s[i - 1]) && s[i] &&
            memchr(marks, s[i], sizeof marks - 1))
            hits++;
    return hits;
}

typedef enum legacy {
    LEGACY_NONE,
    LEGACY_TCVN3,
    LEGACY_CP1258,
    LEGACY_VNI,
    LEGACY_UNKNOWN
} legacy;

static const char *legacy_name(legacy e)
{
    switch (e) {
    case LEGACY_TCVN3:
        return "TCVN3 (ABC)";
    case LEGACY_CP1258:
        return "Windows-1258";
    case LEGACY_VNI:
        return "VNI";
    default:
        return "an unknown 8-bit encoding";
    }
}

static legacy sniff(const char *s, gsize n)
{
    /* a cut in the middle of a UTF-8 character is not an error */
    const char *end = NULL;
    if (g_utf8_validate(s, (gssize)n, &end) || (gsize)(end - s) + 4 > n)
        return LEGACY_NONE;
    g_autofree char *tcvn = from_tcvn3(s, n);
    g_autofree char *cp = from_cp1258(s, n);
    int st = word_score(tcvn), sc = word_score(cp), sv = vni_score(s, n);
    if (st >= 3 && st >= sc)
        return LEGACY_TCVN3;
    if (sc >= 3 && sc > st)
        return LEGACY_CP1258;
    return sv >= 3 ? LEGACY_VNI : LEGACY_UNKNOWN;
}

/* Why the bytes @s are no 8-bit text at all (g_free), or NULL: UTF-16
 * (a byte order mark, or NUL bytes on every other place), binary data
 * (control bytes, or the magic of a workbook or database), or a NUL byte
 * in otherwise plain text. Before this check all of these were reported
 * as "looks like VNI". */
static char *not_text(const char *s, gsize n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 2 &&
        ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return g_strdup("the file is UTF-16 text, not UTF-8: save it as "
                        "UTF-8 (CSV UTF-8 in Excel)");
    gsize nul_even = 0, nul_odd = 0, control = 0, first_nul = n;
    for (gsize i = 0; i < n; i++) {
        if (!u[i]) {
            if (i % 2)
                nul_odd++;
            else
                nul_even++;
            first_nul = MIN(first_nul, i);
        } else if (u[i] < 0x20 && !strchr("\t\r\n\f", s[i])) {
            control++;
        }
    }
    gsize nuls = nul_even + nul_odd;
    if (nuls == 0)
        return NULL;
    if (nuls >= n / 4 && MAX(nul_even, nul_odd) >= nuls * 9 / 10)
        return g_strdup("the file is UTF-16 text, not UTF-8: save it as "
                        "UTF-8 (CSV UTF-8 in Excel)");
    static const char *const magic[] = {"PK\x03\x04", "\xD0\xCF\x11\xE0",
                                        "SQLite format 3", "%PDF"};
    gboolean binary = control + nuls > n / 100;
    for (size_t i = 0; i < G_N_ELEMENTS(magic); i++)
        binary |=
            n >= strlen(magic[i]) && memcmp(s, magic[i], strlen(magic[i])) == 0;
    if (binary)
        return g_strdup("the file is binary data, not a text table: give "
                        "a CSV, or the workbook itself (.xlsx)");
    long line = 1;
    for (gsize i = 0; i < first_nul; i++)
        line += s[i] == '\n';
    return g_strdup_printf("the file holds a NUL byte on line %ld, which "
                           "text never has: save it again as CSV UTF-8",
                           line);
}

/* Converts the whole of @path into a new temporary UTF-8 file. */
static char *convert_copy(const char *path, legacy e, povatlas_error **err)
{
    g_autofree char *bytes = NULL;
    gsize n = 0;
    GError *ge = NULL;
    if (!g_file_get_contents(path, &bytes, &n, &ge)) {
        povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL, "%s",
                              ge->message);
        g_error_free(ge);
        return NULL;
    }
    g_autofree char *utf8 =
        e == LEGACY_TCVN3 ? from_tcvn3(bytes, n) : from_cp1258(bytes, n);
    char *tmp = NULL;
    int fd =
        utf8 ? g_file_open_tmp("povatlas-utf8-XXXXXX.csv", &tmp, NULL) : -1;
    if (fd < 0 || !g_file_set_contents(tmp, utf8, -1, NULL)) {
        povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0, NULL,
                              "cannot convert the file from %s to UTF-8",
                              legacy_name(e));
        if (fd >= 0) {
            close(fd);
            g_unlink(tmp);
        }
        g_free(tmp);
        return NULL;
    }
    close(fd);
    return tmp;
}

char *encoding_utf8_copy(const char *path, char **warning, povatlas_error **err)
{
    *warning = NULL;
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        povatlas_error_set_at(err, POVATLAS_E_IO, path, 0, NULL,
                              "cannot open: %s", g_strerror(errno));
        return NULL;
    }
    g_autofree char *buf = g_malloc(SNIFF_BYTES);
    gsize n = fread(buf, 1, SNIFF_BYTES, fp);
    fclose(fp);
    g_autofree char *binary = not_text(buf, n);
    if (binary) {
        povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0, NULL, "%s",
                              binary);
        return NULL;
    }
    legacy e = sniff(buf, n);
    if (e == LEGACY_NONE)
        return g_strdup(path);
    if (e == LEGACY_VNI || e == LEGACY_UNKNOWN) {
        povatlas_error_set_at(err, POVATLAS_E_INPUT, path, 0, NULL,
                              "the file is not UTF-8 text; it looks like %s, "
                              "which povatlas does not convert: save it as "
                              "UTF-8 (CSV UTF-8 in Excel, or convert it with "
                              "Unikey)",
                              legacy_name(e));
        return NULL;
    }
    char *copy = convert_copy(path, e, err);
    if (copy)
        *warning = g_strdup_printf(
            "converted from %s to UTF-8%s", legacy_name(e),
            e == LEGACY_TCVN3 ? "; check the names (TCVN3 capitals with tone "
                                "marks become lower case)"
                              : "");
    return copy;
}
