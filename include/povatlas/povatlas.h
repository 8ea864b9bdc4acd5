/* povatlas.h - umbrella header: everything a caller of libpovatlas needs
 * (every public header; include_order.py checks none is left out). */
#ifndef POVATLAS_H
#define POVATLAS_H

#include "povatlas/analysis.h"
#include "povatlas/api.h"
#include "povatlas/breaks.h"
#include "povatlas/briefing.h"
#include "povatlas/classify.h"
#include "povatlas/core.h"
#include "povatlas/coverage.h"
#include "povatlas/derived.h"
#include "povatlas/error.h"
#include "povatlas/export.h"
#include "povatlas/gaps.h"
#include "povatlas/holdings.h"
#include "povatlas/ingest.h"
#include "povatlas/maps.h"
#include "povatlas/pipeline.h"
#include "povatlas/priority.h"
#include "povatlas/programs.h"
#include "povatlas/render.h"
#include "povatlas/reports.h"
#include "povatlas/series.h"
#include "povatlas/series_inputs.h"
#include "povatlas/spatial.h"
#include "povatlas/stats.h"
#include "povatlas/table.h"
#include "povatlas/targets.h"
#include "povatlas/topology.h"
#include "povatlas/transitions.h"
#include "povatlas/workspace.h"
#include "povatlas/zone_info.h"
#include "povatlas/zones.h"

#endif
