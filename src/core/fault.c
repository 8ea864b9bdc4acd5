/*
 * fault.c - the fault-injection hook of fault.h: counters only, no
 * allocation, so that it can sit under any call site.
 */
#include "core/fault.h"

#include <glib.h>

static gint armed_sites; /* 0: off */
static gint fail_at;     /* N */
static gint fail_after;  /* persistent: every hit from N on */
static gint hits, failed;

void povatlas_fault_arm(unsigned sites, long n, int persistent)
{
    g_atomic_int_set(&hits, 0);
    g_atomic_int_set(&failed, 0);
    g_atomic_int_set(&fail_at, n > 0 && n < G_MAXINT ? (gint)n : 0);
    g_atomic_int_set(&fail_after, persistent != 0);
    g_atomic_int_set(&armed_sites, (gint)sites);
}

long povatlas_fault_hits(void) { return g_atomic_int_get(&hits); }

long povatlas_fault_failed(void) { return g_atomic_int_get(&failed); }

int povatlas_fault_hit(povatlas_fault_site site)
{
    if ((g_atomic_int_get(&armed_sites) & (gint)site) == 0)
        return 0;
    gint n = g_atomic_int_add(&hits, 1) + 1;
    gint at = g_atomic_int_get(&fail_at);
    if (at == 0 || n < at || (n > at && !g_atomic_int_get(&fail_after)))
        return 0;
    g_atomic_int_inc(&failed);
    return 1;
}
