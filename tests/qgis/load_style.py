#!/usr/bin/python3
"""Opens a povatlas GeoPackage headless in QGIS and prints how QGIS sees the
ward layer: its CRS, feature count and the renderer the stored default style
gave it (type, attribute, and lower/upper/colour of every range), as JSON.
Exit 3 when QGIS is not installed (the C test then skips, or fails under
CI=true only if QGIS is expected). Usage: load_style.py FILE.gpkg"""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
try:
    from qgis.core import QgsApplication, QgsVectorLayer
except ImportError:
    sys.exit(3)

app = QgsApplication([], False)
app.initQgis()
layer = QgsVectorLayer(sys.argv[1] + "|layername=wards", "wards", "ogr")
out = {"valid": layer.isValid()}
if layer.isValid():
    r = layer.renderer()
    out.update(crs=layer.crs().authid(), features=layer.featureCount(),
               renderer=r.type())
    if r.type() == "graduatedSymbol":
        out["attribute"] = r.classAttribute()
        out["ranges"] = [{"lower": g.lowerValue(), "upper": g.upperValue(),
                          "color": g.symbol().color().name(),
                          "label": g.label()} for g in r.ranges()]
    out["labels"] = layer.labelsEnabled()
print(json.dumps(out, ensure_ascii=False))
sys.stdout.flush()
# QgsApplication.exitQgis() crashes at interpreter exit with the QGIS 3.22
# of Debian 12 (segfault in Qt clean-up): leave without it
os._exit(0)
