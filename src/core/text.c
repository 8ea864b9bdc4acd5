/*
 * text.c - Vietnamese text: NFC normalisation, a folded key for matching
 * names typed with or without diacritics ("Đô Vinh", "do vinh", "DO  VINH"),
 * and text quoted in a message (capped, without control characters).
 */
#include <string.h>

#include <glib.h>

#include "povatlas/core.h"

char *povatlas_text_normalize(const char *text)
{
    if (!text || !g_utf8_validate(text, -1, NULL))
        return NULL;
    g_autofree char *nfc = g_utf8_normalize(text, -1, G_NORMALIZE_NFC);
    if (!nfc)
        return NULL;
    return g_strdup(g_strstrip(nfc));
}

static gboolean is_separator(gunichar c)
{
    return g_unichar_isspace(c) || c == '-' || c == 0x2013 || c == 0x2014 ||
           c == '_' || c == 0x00A0;
}

char *povatlas_text_fold(const char *text)
{
    if (!text || !g_utf8_validate(text, -1, NULL))
        return NULL;
    g_autofree char *nfd = g_utf8_normalize(text, -1, G_NORMALIZE_NFD);
    GString *out = g_string_new(NULL);
    gboolean pending_space = FALSE;
    for (const char *p = nfd; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_ismark(c))
            continue;
        if (is_separator(c)) {
            pending_space = out->len > 0;
            continue;
        }
        if (c == 0x0110 || c == 0x0111) /* Đ đ */
            c = 'd';
        c = g_unichar_tolower(c);
        if (pending_space)
            g_string_append_c(out, ' ');
        pending_space = FALSE;
        g_string_append_unichar(out, c);
    }
    return g_string_free(out, FALSE);
}

static gboolean is_control(gunichar c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

char *povatlas_text_quote(const char *text)
{
    if (!text || !g_utf8_validate(text, -1, NULL))
        return g_strdup("(not UTF-8)");
    GString *out = g_string_new("'");
    glong n = 0;
    const char *p = text;
    for (; *p && n < POVATLAS_QUOTE_MAX_CHARS; p = g_utf8_next_char(p), n++) {
        gunichar c = g_utf8_get_char(p);
        if (is_control(c))
            g_string_append_c(out, ' ');
        else
            g_string_append_unichar(out, c);
    }
    g_string_append(out, *p ? "…'" : "'");
    return g_string_free(out, FALSE);
}
