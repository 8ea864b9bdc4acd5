/*
 * status_text.c - reading a recorded status as review files write it, in
 * Vietnamese (with or without diacritics) or English.
 */
#include <string.h>

#include <glib.h>

#include "povatlas/classify.h"
#include "povatlas/core.h"

static const struct {
    const char *folded;
    povatlas_class c;
} STATUS_WORDS[] = {
    {"ho ngheo", POVATLAS_CLASS_POOR},
    {"ngheo", POVATLAS_CLASS_POOR},
    {"poor", POVATLAS_CLASS_POOR},
    {"hn", POVATLAS_CLASS_POOR},
    {"ho can ngheo", POVATLAS_CLASS_NEAR_POOR},
    {"can ngheo", POVATLAS_CLASS_NEAR_POOR},
    {"near poor", POVATLAS_CLASS_NEAR_POOR},
    {"near_poor", POVATLAS_CLASS_NEAR_POOR},
    {"hcn", POVATLAS_CLASS_NEAR_POOR},
    {"ho co muc song trung binh", POVATLAS_CLASS_AVERAGE},
    {"muc song trung binh", POVATLAS_CLASS_AVERAGE},
    {"average", POVATLAS_CLASS_AVERAGE},
    {"not_poor", POVATLAS_CLASS_NONE},
    {"not poor", POVATLAS_CLASS_NONE},
    {"none", POVATLAS_CLASS_NONE},
    {"khong", POVATLAS_CLASS_NONE},
    {"khong ngheo", POVATLAS_CLASS_NONE},
    {"thoat ngheo", POVATLAS_CLASS_NONE},
};

int povatlas_class_parse(const char *text, povatlas_class *out)
{
    g_autofree char *key = povatlas_text_fold(text);
    if (!key)
        return 0;
    for (size_t i = 0; i < G_N_ELEMENTS(STATUS_WORDS); i++) {
        if (strcmp(key, STATUS_WORDS[i].folded) == 0) {
            *out = STATUS_WORDS[i].c;
            return 1;
        }
    }
    return 0;
}
