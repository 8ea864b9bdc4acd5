/*
 * place.c - the name of the place a workspace covers (meta area_name,
 * area_name_en), as maps, the atlas and the summary show it.
 */
#include <glib.h>

#include "povatlas/workspace.h"

/* @name trimmed and in NFC, or NULL (with @err) when it cannot name a
 * place. */
static char *place_text(const char *option, const char *name,
                        povatlas_error **err)
{
    if (!g_utf8_validate(name, -1, NULL)) {
        povatlas_error_set_at(err, POVATLAS_E_USAGE, NULL, 0, NULL,
                              "%s is not UTF-8 text", option);
        return NULL;
    }
    g_autofree char *nfc = g_utf8_normalize(name, -1, G_NORMALIZE_NFC);
    g_autofree char *text = g_strdup(g_strstrip(nfc));
    for (const char *p = text; *p; p = g_utf8_next_char(p))
        if (g_unichar_iscntrl(g_utf8_get_char(p))) {
            povatlas_error_set_at(err, POVATLAS_E_USAGE, NULL, 0, NULL,
                                  "%s contains a control character", option);
            return NULL;
        }
    if (!*text) {
        povatlas_error_set_at(err, POVATLAS_E_USAGE, NULL, 0, NULL,
                              "%s is empty", option);
        return NULL;
    }
    return g_steal_pointer(&text);
}

povatlas_status povatlas_workspace_set_place(povatlas_workspace *ws,
                                             const char *place,
                                             const char *place_en,
                                             povatlas_error **err)
{
    const char *const given[2][3] = {
        {"place", place, "area_name"},
        {"place (English)", place_en, "area_name_en"}};
    char *text[2] = {NULL, NULL};
    povatlas_status st = POVATLAS_OK;
    for (size_t i = 0; !st && i < 2; i++)
        if (given[i][1] &&
            !(text[i] = place_text(given[i][0], given[i][1], err)))
            st = POVATLAS_E_USAGE;
    if (!st)
        st = povatlas_workspace_begin(ws, err);
    for (size_t i = 0; !st && i < 2; i++)
        if (text[i])
            st = povatlas_workspace_set_meta(ws, given[i][2], text[i], err);
    if (!st)
        st = povatlas_workspace_commit(ws, err);
    else
        povatlas_workspace_rollback(ws, err);
    g_free(text[0]);
    g_free(text[1]);
    return st;
}

povatlas_status povatlas_workspace_get_place(povatlas_workspace *ws,
                                             const char *lang, char **place,
                                             povatlas_error **err)
{
    *place = NULL;
    povatlas_status st = POVATLAS_OK;
    if (g_strcmp0(lang, "en") == 0)
        st = povatlas_workspace_get_meta(ws, "area_name_en", place, err);
    if (!st && !*place)
        st = povatlas_workspace_get_meta(ws, "area_name", place, err);
    return st;
}
