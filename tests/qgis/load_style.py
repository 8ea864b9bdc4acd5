#!/usr/bin/python3
"""Opens the ward layer of a povatlas GeoPackage, or of a PostgreSQL
workspace as an analyst adds it from QGIS's database browser, headless in
QGIS, and prints how QGIS sees it as JSON: whether it is valid, its CRS,
feature count and the renderer the stored default style gave it (type,
attribute, and lower/upper/colour/label of every range; the GeoPackage's
own layer_styles, or public.layer_styles in the database). Exit 3 when
QGIS is not installed (the C test then skips, or fails under CI=true only
if QGIS is expected).

Usage: load_style.py FILE.gpkg
       load_style.py --pg HOST_OR_SOCKET_DIR PORT DBNAME USER SCHEMA"""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
try:
    from qgis.core import QgsApplication, QgsDataSourceUri, QgsVectorLayer
except ImportError:
    sys.exit(3)

app = QgsApplication([], False)
app.initQgis()
if sys.argv[1] == "--pg":
    host, port, dbname, user, schema = sys.argv[2:7]
    uri = QgsDataSourceUri()
    uri.setConnection(host, port, dbname, user, "")
    uri.setDataSource(schema, "wards", "geom", "", "code")
    layer = QgsVectorLayer(uri.uri(False), "wards", "postgres")
else:
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
