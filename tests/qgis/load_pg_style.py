#!/usr/bin/python3
"""Adds the ward layer of a povatlas PostgreSQL workspace headless in QGIS,
as an analyst adds it from the database browser, and prints how QGIS sees
it as JSON (as load_style.py does for the GeoPackage): whether it is valid,
its CRS, feature count and the renderer its default style in
public.layer_styles gave it. Exit 3 when QGIS is not installed.
Usage: load_pg_style.py HOST_OR_SOCKET_DIR PORT DBNAME USER SCHEMA"""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
try:
    from qgis.core import QgsApplication, QgsDataSourceUri, QgsVectorLayer
except ImportError:
    sys.exit(3)

host, port, dbname, user, schema = sys.argv[1:6]
app = QgsApplication([], False)
app.initQgis()
uri = QgsDataSourceUri()
uri.setConnection(host, port, dbname, user, "")
uri.setDataSource(schema, "wards", "geom", "", "code")
layer = QgsVectorLayer(uri.uri(False), "wards", "postgres")
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
# as load_style.py: exitQgis() crashes at exit with Debian 12's QGIS 3.22
os._exit(0)
