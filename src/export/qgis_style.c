/*
 * qgis_style.c - the ward layer's style as text for GIS tools: a QGIS QML
 * (graduated renderer on the classed field with the map's exact limits,
 * colours and Vietnamese legend labels, labels on "name", field aliases)
 * and an OGC SLD 1.1 with the same rules. Pure text building: where the
 * texts are stored is gpkg_extras.c's business.
 *
 * QGIS ranges are right-closed, (lower, upper] with the first closed
 * below, while the map's Fisher-Jenks classes are left-closed (breaks.h).
 * Fisher-Jenks limits are midpoints between two distinct data values, so
 * no unit lies on an interior limit and both closures class every unit
 * alike. The SLD keeps the map's own closure in its filters. The zero
 * class (povatlas_classes), when there is one, comes first as the range
 * [0, 0]; the next class starts at the smallest value above 0.
 */
#include <string.h>

#include <glib.h>

#include "export/export_private.h"

/* Shortest text that reads back as exactly @v, so a range limit in the
 * style equals the computed limit bit for bit. */
static void put_double(GString *s, double v)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    for (int prec = 15; prec <= 17; prec++) {
        g_ascii_formatd(buf, sizeof buf,
                        prec == 15   ? "%.15g"
                        : prec == 16 ? "%.16g"
                                     : "%.17g",
                        v);
        if (g_ascii_strtod(buf, NULL) == v)
            break;
    }
    g_string_append(s, buf);
}

static void put_escaped(GString *s, const char *text)
{
    g_autofree char *e = g_markup_escape_text(text, -1);
    g_string_append(s, e);
}

static void put_rgba(GString *s, unsigned int rgb)
{
    g_string_append_printf(s, "%u,%u,%u,255", (rgb >> 16) & 0xff,
                           (rgb >> 8) & 0xff, rgb & 0xff);
}

static void put_option(GString *s, const char *name, const char *value)
{
    g_string_append_printf(
        s, "            <Option name=\"%s\" type=\"QString\" value=\"%s\"/>\n",
        name, value);
}

/* One simple-fill symbol, as QGIS >= 3.26 writes it (Option map); older
 * QGIS 3 releases read the same keys. */
static void put_fill_symbol(GString *s, const char *name, unsigned int fill,
                            const povatlas_export_classes *c)
{
    GString *col = g_string_new(NULL), *out = g_string_new(NULL);
    put_rgba(col, fill);
    put_rgba(out, c->border_rgb);
    char width[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(width, sizeof width, "%g", c->border_width_pt);
    g_string_append_printf(s,
                           "      <symbol type=\"fill\" name=\"%s\" "
                           "alpha=\"1\" clip_to_extent=\"1\" "
                           "force_rhr=\"0\">\n"
                           "        <layer class=\"SimpleFill\" "
                           "enabled=\"1\" locked=\"0\" pass=\"0\">\n"
                           "          <Option type=\"Map\">\n",
                           name);
    put_option(s, "color", col->str);
    put_option(s, "joinstyle", "round");
    put_option(s, "outline_color", out->str);
    put_option(s, "outline_style", "solid");
    put_option(s, "outline_width", width);
    put_option(s, "outline_width_unit", "Point");
    put_option(s, "style", "solid");
    g_string_append(s, "          </Option>\n        </layer>\n"
                       "      </symbol>\n");
    g_string_free(col, TRUE);
    g_string_free(out, TRUE);
}

/* Limits of class @i: the zero class is [0, 0]. */
static void class_limits(const povatlas_export_classes *c, int i, double *lo,
                         double *hi)
{
    int k = i - c->zero_class;
    *lo = k < 0 ? 0.0 : c->breaks->limits[k];
    *hi = k < 0 ? 0.0 : c->breaks->limits[k + 1];
}

static void put_ranges(GString *s, const povatlas_export_classes *c)
{
    g_string_append(s, "    <ranges>\n");
    for (int i = 0; i < c->n_classes; i++) {
        double lo, hi;
        class_limits(c, i, &lo, &hi);
        g_string_append(s, "      <range lower=\"");
        put_double(s, lo);
        g_string_append(s, "\" upper=\"");
        put_double(s, hi);
        g_string_append_printf(s, "\" symbol=\"%d\" label=\"", i);
        put_escaped(s, c->labels[i]);
        g_string_append(s, "\" render=\"true\"/>\n");
    }
    g_string_append(s, "    </ranges>\n    <symbols>\n");
    for (int i = 0; i < c->n_classes; i++) {
        char name[16];
        g_snprintf(name, sizeof name, "%d", i);
        put_fill_symbol(s, name, c->rgb[i], c);
    }
    g_string_append(s, "    </symbols>\n    <source-symbol>\n");
    put_fill_symbol(s, "0", c->rgb[0], c);
    g_string_append(s, "    </source-symbol>\n");
}

static void put_renderer(GString *s, const povatlas_export_classes *c,
                         const char *attr)
{
    g_string_append(s, "  <renderer-v2 type=\"graduatedSymbol\" attr=\"");
    put_escaped(s, attr);
    g_string_append(s, "\" graduatedMethod=\"GraduatedColor\" "
                       "symbollevels=\"0\" forceraster=\"0\" "
                       "enableorderby=\"0\" referencescale=\"-1\">\n");
    put_ranges(s, c);
    g_string_append(
        s, "    <classificationMethod id=\"Jenks\">\n"
           "      <symmetricMode enabled=\"0\" symmetrypoint=\"0\" "
           "astride=\"0\"/>\n"
           "      <labelFormat format=\"%1 - %2\" labelprecision=\"2\" "
           "trimtrailingzeroes=\"0\"/>\n"
           "      <extraInformation/>\n"
           "    </classificationMethod>\n"
           "    <rotation/>\n    <sizescale/>\n  </renderer-v2>\n");
}

static void put_labeling(GString *s, const povatlas_export_classes *c,
                         const char *name_field)
{
    GString *text = g_string_new(NULL), *halo = g_string_new(NULL);
    put_rgba(text, c->text_rgb);
    put_rgba(halo, c->halo_rgb);
    char size[G_ASCII_DTOSTR_BUF_SIZE], buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(size, sizeof size, "%g", c->label_pt);
    /* the map's halo_pt is the halo's full width; QGIS's buffer is the
     * distance on each side of the glyph outline */
    g_ascii_formatd(buf, sizeof buf, "%g", c->halo_pt / 2.0);
    g_string_append(s, "  <labeling type=\"simple\">\n"
                       "    <settings calloutType=\"simple\">\n"
                       "      <text-style fieldName=\"");
    put_escaped(s, name_field);
    g_string_append(s, "\" isExpression=\"0\" fontFamily=\"");
    put_escaped(s, c->font);
    g_string_append_printf(
        s,
        "\" fontSize=\"%s\" fontSizeUnit=\"Point\" textColor=\"%s\" "
        "textOpacity=\"1\" fontWeight=\"50\" fontItalic=\"0\">\n"
        "        <text-buffer bufferDraw=\"1\" bufferSize=\"%s\" "
        "bufferSizeUnits=\"Point\" bufferColor=\"%s\" bufferOpacity=\"1\" "
        "bufferJoinStyle=\"128\" bufferNoFill=\"1\"/>\n"
        "      </text-style>\n"
        "      <text-format wrapChar=\"\" multilineAlign=\"3\" "
        "autoWrapLength=\"12\" useMaxLineLengthForAutoWrap=\"1\"/>\n"
        "      <placement placement=\"1\" centroidInside=\"1\" "
        "centroidWhole=\"0\" fitInPolygonOnly=\"0\" priority=\"5\"/>\n"
        "      <rendering obstacle=\"1\" drawLabels=\"1\" "
        "upsidedownLabels=\"0\" limitNumLabels=\"0\" "
        "displayAll=\"0\"/>\n"
        "    </settings>\n  </labeling>\n",
        size, text->str, buf, halo->str);
    g_string_free(text, TRUE);
    g_string_free(halo, TRUE);
}

/* The name field @name has in the file: @written's, or @name itself. */
static const char *file_name(const char *const *written, const char *name)
{
    for (size_t i = 0; written && i < povatlas_export_n_fields; i++)
        if (strcmp(povatlas_export_fields[i].name, name) == 0)
            return written[i];
    return name;
}

static void put_aliases(GString *s, const char *const *written)
{
    g_string_append(s, "  <aliases>\n");
    size_t index = 0;
    for (size_t i = 0; i < povatlas_export_n_fields; i++) {
        const char *name = file_name(written, povatlas_export_fields[i].name);
        if (!name)
            continue; /* not written */
        g_string_append(s, "    <alias field=\"");
        put_escaped(s, name);
        g_string_append_printf(s, "\" index=\"%zu\" name=\"", index++);
        put_escaped(s, povatlas_export_fields[i].alias_vi);
        g_string_append(s, "\"/>\n");
    }
    g_string_append(s, "  </aliases>\n");
}

char *povatlas_export_qml(const povatlas_export_classes *c,
                          const char *const *written)
{
    GString *s = g_string_new("<!DOCTYPE qgis PUBLIC "
                              "'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
                              "<qgis version=\"3.28.0-Firenze\" "
                              "styleCategories=\"AllStyleCategories\" "
                              "labelsEnabled=\"1\">\n");
    put_renderer(s, c, file_name(written, c->attr));
    put_labeling(s, c, file_name(written, "name"));
    put_aliases(s, written);
    g_string_append(s, "  <layerGeometryType>2</layerGeometryType>\n"
                       "</qgis>\n");
    return g_string_free(s, FALSE);
}

/* ------------------------------------------------------------------ SLD */

static void put_comparison(GString *s, const char *op, const char *attr,
                           double v)
{
    g_string_append_printf(s,
                           "              <ogc:%s>\n"
                           "                <ogc:PropertyName>%s"
                           "</ogc:PropertyName>\n"
                           "                <ogc:Literal>",
                           op, attr);
    put_double(s, v);
    g_string_append_printf(s, "</ogc:Literal>\n              </ogc:%s>\n", op);
}

static void put_sld_rule(GString *s, const povatlas_export_classes *c, int i)
{
    const povatlas_breaks *b = c->breaks;
    int k = i - c->zero_class; /* class of the breaks; -1: the zero class */
    int last = b && k == b->n_classes - 1;
    /* the map's closure: [lo, hi) (last closed) or (lo, hi] (first closed) */
    const char *lo_op = k < 0 || b->left_closed || k == 0
                            ? "PropertyIsGreaterThanOrEqualTo"
                            : "PropertyIsGreaterThan";
    const char *hi_op = k < 0 || !b->left_closed || last
                            ? "PropertyIsLessThanOrEqualTo"
                            : "PropertyIsLessThan";
    double lo, hi;
    class_limits(c, i, &lo, &hi);
    g_string_append(s, "        <se:Rule>\n          <se:Name>");
    put_escaped(s, c->labels[i]);
    g_string_append(s, "</se:Name>\n          <se:Description>\n"
                       "            <se:Title>");
    put_escaped(s, c->labels[i]);
    g_string_append(s, "</se:Title>\n          </se:Description>\n"
                       "          <ogc:Filter>\n            <ogc:And>\n");
    put_comparison(s, lo_op, c->attr, lo);
    put_comparison(s, hi_op, c->attr, hi);
    char width[G_ASCII_DTOSTR_BUF_SIZE];
    /* SLD sizes are pixels of 0.28 mm (SE 1.1 "standardized rendering
     * pixel"): 1 pt = 0.3528 mm */
    g_ascii_formatd(width, sizeof width, "%.2f",
                    c->border_width_pt * 0.352778 / 0.28);
    g_string_append_printf(
        s,
        "            </ogc:And>\n          </ogc:Filter>\n"
        "          <se:PolygonSymbolizer>\n"
        "            <se:Fill>\n"
        "              <se:SvgParameter name=\"fill\">#%06x"
        "</se:SvgParameter>\n"
        "            </se:Fill>\n"
        "            <se:Stroke>\n"
        "              <se:SvgParameter name=\"stroke\">#%06x"
        "</se:SvgParameter>\n"
        "              <se:SvgParameter name=\"stroke-width\">%s"
        "</se:SvgParameter>\n"
        "              <se:SvgParameter name=\"stroke-linejoin\">round"
        "</se:SvgParameter>\n"
        "            </se:Stroke>\n"
        "          </se:PolygonSymbolizer>\n        </se:Rule>\n",
        c->rgb[i], c->border_rgb, width);
}

static void put_sld_labels(GString *s, const povatlas_export_classes *c)
{
    char size[G_ASCII_DTOSTR_BUF_SIZE], radius[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(size, sizeof size, "%.2f", c->label_pt * 0.352778 / 0.28);
    g_ascii_formatd(radius, sizeof radius, "%.2f",
                    c->halo_pt / 2.0 * 0.352778 / 0.28);
    g_string_append(s, "        <se:Rule>\n"
                       "          <se:TextSymbolizer>\n"
                       "            <se:Label>\n"
                       "              <ogc:PropertyName>name"
                       "</ogc:PropertyName>\n"
                       "            </se:Label>\n"
                       "            <se:Font>\n"
                       "              <se:SvgParameter name=\"font-family\">");
    put_escaped(s, c->font);
    g_string_append_printf(
        s,
        "</se:SvgParameter>\n"
        "              <se:SvgParameter name=\"font-size\">%s"
        "</se:SvgParameter>\n"
        "            </se:Font>\n"
        "            <se:LabelPlacement>\n              <se:PointPlacement>\n"
        "                <se:AnchorPoint>\n"
        "                  <se:AnchorPointX>0.5</se:AnchorPointX>\n"
        "                  <se:AnchorPointY>0.5</se:AnchorPointY>\n"
        "                </se:AnchorPoint>\n"
        "              </se:PointPlacement>\n            </se:LabelPlacement>\n"
        "            <se:Halo>\n              <se:Radius>%s</se:Radius>\n"
        "              <se:Fill>\n"
        "                <se:SvgParameter name=\"fill\">#%06x"
        "</se:SvgParameter>\n"
        "              </se:Fill>\n            </se:Halo>\n"
        "            <se:Fill>\n"
        "              <se:SvgParameter name=\"fill\">#%06x"
        "</se:SvgParameter>\n"
        "            </se:Fill>\n"
        "          </se:TextSymbolizer>\n        </se:Rule>\n",
        size, radius, c->halo_rgb, c->text_rgb);
}

char *povatlas_export_sld(const povatlas_export_classes *c,
                          const char *layer_name)
{
    GString *s = g_string_new(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<StyledLayerDescriptor xmlns=\"http://www.opengis.net/sld\" "
        "xmlns:ogc=\"http://www.opengis.net/ogc\" "
        "xmlns:se=\"http://www.opengis.net/se\" "
        "xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        "version=\"1.1.0\" xsi:schemaLocation=\"http://www.opengis.net/sld "
        "http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd\">\n"
        "  <NamedLayer>\n    <se:Name>");
    put_escaped(s, layer_name);
    g_string_append(s, "</se:Name>\n    <UserStyle>\n      <se:Name>");
    put_escaped(s, layer_name);
    g_string_append(s, "</se:Name>\n      <se:FeatureTypeStyle>\n");
    for (int i = 0; i < c->n_classes; i++)
        put_sld_rule(s, c, i);
    put_sld_labels(s, c);
    g_string_append(s, "      </se:FeatureTypeStyle>\n    </UserStyle>\n"
                       "  </NamedLayer>\n</StyledLayerDescriptor>\n");
    return g_string_free(s, FALSE);
}
