#!/usr/bin/python3
"""Check povatlas's results against a peer's output.
  verify_pov.py POV_WORKSPACE.sqlite POV.gpkg PEER.gpkg
The peers count households by the rule (income <= line and >= 3 / < 3
deprivations).  povatlas stores that as households.computed_status (1 poor,
2 near poor) next to the reviewers' recorded_status; its exported layer
`wards` reports the recorded (official) counts, so the rule's counts are
read from the workspace.  Per commune they must equal the peer's
poor/near_poor.  area_km2 (layer `wards`, column code) is compared and the
relative difference reported: povatlas and the peers need not use the same
area method.  povatlas's `households` is the ward statistic (denominator),
absent here, so it is not compared."""
import sqlite3
import sys

from osgeo import ogr

ws, pov_gpkg, peer = sys.argv[1:4]
db = sqlite3.connect(ws)
comp = {c: (p, n) for c, p, n in db.execute(
    "SELECT unit_code, sum(computed_status = 1), sum(computed_status = 2)"
    " FROM households GROUP BY unit_code")}
rec = db.execute("SELECT count(*), sum(recorded_status = 1),"
                 " sum(recorded_status = 2) FROM households").fetchone()
ds1 = ogr.Open(pov_gpkg)
lyr = ds1.GetLayerByName("wards")
area = {f["code"]: f["area_km2"] for f in lyr}
ds2 = ogr.Open(peer)
lyr = ds2.GetLayerByName("commune_poverty")
ref = {f["commune_code"]: (f["poor"], f["near_poor"], f["area_km2"]) for f in lyr}
diff = [k for k in ref if comp.get(k, (0, 0)) != ref[k][:2]]
extra = [k for k in comp if k not in ref]
rel = sorted(abs(area[k] - ref[k][2]) / ref[k][2] for k in ref
             if area.get(k) and ref[k][2])
print(f"povatlas: {rec[0]} households stored; by rule poor "
      f"{sum(v[0] for v in comp.values())}, near_poor "
      f"{sum(v[1] for v in comp.values())}; as recorded poor {rec[1]}, "
      f"near_poor {rec[2]}; {len(area)} wards exported")
print(f"vs {peer}: {len(ref)} communes, poor {sum(v[0] for v in ref.values())},"
      f" near_poor {sum(v[1] for v in ref.values())}: {len(diff)} communes differ"
      f" {diff[:3]}, {len(extra)} unknown codes")
if rel:
    print(f"area_km2 relative difference: median {rel[len(rel) // 2]:.2e},"
          f" max {rel[-1]:.2e} over {len(rel)} communes")
sys.exit(1 if diff or extra or len(area) != len(ref) else 0)
