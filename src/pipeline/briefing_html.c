/*
 * briefing_html.c - the fixed parts of the HTML briefing and its text
 * blocks: escaping, the head with its Content-Security-Policy and styles
 * (screen, phone, projector, A4 print), the script that switches the map
 * and shows fact cards, the cover's target cards with bullet charts, the
 * zone-gap table and report tables. Numbers come formatted from the
 * analysis; nothing here computes an indicator.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline/briefing_private.h"
#include "povatlas/core.h"
#include "povatlas/gaps.h"
#include "povatlas/targets.h"
#include "povatlas/zones.h"

void briefing_esc(GString *out, const char *text)
{
    for (const char *p = text ? text : ""; *p; p++) {
        switch (*p) {
        case '&':
            g_string_append(out, "&amp;");
            break;
        case '<':
            g_string_append(out, "&lt;");
            break;
        case '>':
            g_string_append(out, "&gt;");
            break;
        case '"':
            g_string_append(out, "&quot;");
            break;
        case '\'':
            g_string_append(out, "&#39;");
            break;
        default:
            g_string_append_c(out, *p);
        }
    }
}

void briefing_json_str(GString *out, const char *text)
{
    g_string_append_c(out, '"');
    for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p;
         p++) {
        if (*p == '"' || *p == '\\')
            g_string_append_printf(out, "\\%c", *p);
        else if (*p < 0x20 || *p == '<' || *p == '>' || *p == '&')
            g_string_append_printf(out, "\\u%04x", *p);
        else
            g_string_append_c(out, (char)*p);
    }
    g_string_append_c(out, '"');
}

char *briefing_num(const briefing *b, double v, int decimals)
{
    char *s = povatlas_format_number(v, decimals, b->lang);
    char *out = g_strdup(s ? s : "–");
    free(s);
    return out;
}

int briefing_ind(briefing *b, const char *code, int year, const char *name,
                 double *v)
{
    int found = 0;
    povatlas_error *e = NULL;
    if (povatlas_workspace_get_indicator(b->ws, code, year, name, v, &found,
                                         &e)) {
        if (b->error == NULL)
            b->error = e;
        else
            povatlas_error_free(e);
        return 0;
    }
    return found;
}

int briefing_hidden(briefing *b, const char *code, int year)
{
    double hh;
    return briefing_ind(b, code, year, "households", &hh) &&
           povatlas_small_cell(hh, b->o->min_households);
}

char *briefing_hidden_text(const briefing *b)
{
    return g_strdup_printf(
        BT(b, "Ẩn (dưới %d hộ)", "Hidden (under %d households)"),
        b->o->min_households);
}

/* ---- head and script --------------------------------------------------- */

/* Every request is forbidden: styles and scripts are inline, images are
 * inline SVG. A violation is reported into the page by the script. */
static const char CSP[] =
    "default-src 'none'; style-src 'unsafe-inline'; "
    "script-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'";

static const char CSS[] =
    "*{box-sizing:border-box}\n"
    "html{-webkit-text-size-adjust:100%}\n"
    "body{margin:0;color:#1d1d1f;background:#fff;font-family:system-ui,"
    "'Noto Sans','DejaVu Sans','Segoe UI',Arial,sans-serif;font-size:17px;"
    "line-height:1.45}\n"
    ".band{background:#b2182b;color:#fff;font-weight:700;"
    "text-align:center;padding:.55em 1em;font-size:1.15rem;"
    "letter-spacing:.02em}\n"
    "header,section,footer{max-width:1240px;margin:0 auto;"
    "padding:1rem 1.25rem}\n"
    "h1{font-size:2rem;line-height:1.2;margin:.2em 0 .1em}\n"
    "h2{font-size:1.4rem;margin:1.2em 0 .6em;padding-bottom:.25em;"
    "border-bottom:3px solid #1d1d1f}\n"
    ".sub{color:#555;font-size:1.05rem;margin:0}\n"
    ".note{color:#555;font-size:.9rem}\n"
    ".schematic{font-weight:600;color:#7a2e00}\n"
    ".targets{display:grid;grid-template-columns:repeat(auto-fill,"
    "minmax(270px,1fr));gap:1rem}\n"
    ".target{border:1px solid #d8d8d8;border-left:6px solid #999;"
    "border-radius:6px;padding:.7rem .9rem;break-inside:avoid}\n"
    ".target.met{border-left-color:#1a7f37}\n"
    ".target.missed{border-left-color:#b42318}\n"
    ".target h3{font-size:1rem;margin:0 0 .3rem}\n"
    ".target .big{font-size:1.7rem;font-weight:700}\n"
    ".mark{font-weight:700;margin-left:.4em;white-space:nowrap}\n"
    ".met .mark{color:#1a7f37}.missed .mark{color:#b42318}\n"
    ".nodata .mark{color:#555}\n"
    ".bullet{display:block;width:100%;height:auto;margin:.35rem 0}\n"
    ".totals{display:grid;grid-template-columns:repeat(auto-fill,"
    "minmax(170px,1fr));gap:.8rem;margin:.5rem 0 1rem}\n"
    ".total{background:#f4f4f6;border-radius:6px;padding:.6rem .8rem}\n"
    ".total b{display:block;font-size:1.45rem}\n"
    ".mapwrap{display:grid;grid-template-columns:minmax(0,3fr) "
    "minmax(270px,2fr);gap:1.2rem;align-items:start}\n"
    "#pa-map{width:100%;height:auto;max-height:80vh;display:block;"
    "background:#fff;"
    "border:1px solid #d8d8d8;border-radius:4px}\n"
    "path.ward{stroke:#fff;stroke-width:1.3;cursor:pointer}\n"
    ".labels text{text-anchor:middle;fill:#1d1d1f;stroke:#fff;"
    "stroke-width:3px;stroke-linejoin:round;paint-order:stroke;"
    "pointer-events:none;font-weight:600}\n"
    ".scale text{fill:#1d1d1f}\n"
    ".target b,.nw{white-space:nowrap}\n"
    "path.ward:hover,path.ward:focus,path.ward.sel{stroke:#000;"
    "stroke-width:3;outline:none}\n"
    ".controls{margin:.2rem 0 .8rem}\n"
    ".controls fieldset{border:0;padding:0;margin:0 0 .5rem;display:flex;"
    "flex-wrap:wrap;gap:.4rem;align-items:center}\n"
    ".controls legend{font-weight:600;padding:0;margin-right:.5rem;"
    "float:left}\n"
    ".controls label{position:relative}\n"
    ".controls input{position:absolute;opacity:0;width:1px;height:1px}\n"
    ".controls span{display:inline-block;border:1px solid #777;"
    "border-radius:999px;padding:.3em .9em;cursor:pointer;background:#fff}\n"
    ".controls input:checked+span{background:#1d1d1f;color:#fff;"
    "border-color:#1d1d1f}\n"
    ".controls input:focus-visible+span{outline:3px solid #2b6cb0;"
    "outline-offset:2px}\n"
    ".controls input:disabled+span{opacity:.4;cursor:not-allowed}\n"
    "#pa-map-title{font-size:1.15rem;font-weight:700;margin:.2rem 0}\n"
    "#pa-legend ul{list-style:none;padding:0;margin:.3rem 0}\n"
    "#pa-legend li{display:flex;align-items:center;gap:.5em;margin:.15em 0}\n"
    ".sw{display:inline-block;width:1.6em;height:1.05em;border:1px solid "
    "#888;flex:none}\n"
    ".sw.h{background-image:repeating-linear-gradient(45deg,transparent 0 "
    "3px,#777 3px 4px)}\n"
    ".sw.x{background-image:repeating-linear-gradient(45deg,transparent 0 "
    "3px,#777 3px 4px),repeating-linear-gradient(-45deg,transparent 0 3px,"
    "#777 3px 4px)}\n"
    "#pa-card{border:2px solid #1d1d1f;border-radius:6px;"
    "padding:.7rem .9rem;min-height:6rem;background:#fff}\n"
    "#pa-card h3{margin:0 0 .4rem;font-size:1.2rem}\n"
    "#pa-card table{width:100%}\n"
    "#pa-card td{padding:.18em .3em;border-bottom:1px solid #eee}\n"
    "#pa-card td+td{text-align:right;font-variant-numeric:tabular-nums}\n"
    "#pa-map-msg{color:#b42318;font-weight:600}\n"
    ".tbl{overflow-x:auto;margin:.4rem 0 1rem}\n"
    "table{border-collapse:collapse;font-size:.93rem}\n"
    ".tbl table{width:100%}\n"
    "th,td{padding:.35em .55em;border-bottom:1px solid #d8d8d8;"
    "text-align:left;vertical-align:top}\n"
    "th{background:#f4f4f6;font-weight:600}\n"
    "td.n{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}\n"
    "caption{text-align:left;font-weight:600;padding:.3em 0}\n"
    ".narrowed{color:#1a7f37;font-weight:600}"
    ".widened{color:#b42318;font-weight:600}\n"
    "#pa-errors:empty,#pa-selftest:empty{display:none}\n"
    "@media (max-width:760px){body{font-size:16px}h1{font-size:1.45rem}"
    ".mapwrap{grid-template-columns:1fr}header,section,footer{padding:"
    ".7rem .8rem}.band{font-size:1rem}}\n"
    "@media print{@page{size:A4;margin:14mm 12mm}body{font-size:10.5pt}"
    ".controls,.noprint{display:none}header,section,footer{max-width:none;"
    "padding:0}section{break-before:page}header+section{"
    "break-before:auto}.mapwrap{grid-template-columns:"
    "3fr 2fr}.band{-webkit-print-color-adjust:exact;"
    "print-color-adjust:exact}path.ward,.sw,.total,th{"
    "-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "tr,.target{break-inside:avoid}}\n";

/* @text as a CSS string: quotes and backslashes escaped, and '<' too, so
 * that it cannot close the <style> element. */
static void css_str(GString *o, const char *text)
{
    g_string_append_c(o, '"');
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p == '"' || *p == '\\' || *p == '<' || *p < 0x20)
            g_string_append_printf(o, "\\%x ", *p);
        else
            g_string_append_c(o, (char)*p);
    }
    g_string_append_c(o, '"');
}

/* The synthetic-data band of the printed pages: the page's top margin box
 * of every A4 page, red across the text width as on screen, in place of
 * the band at the head of the page, which would show on page 1 only. */
static void print_band(GString *o, const char *note)
{
    g_string_append(o, "@media print{#pa-synthetic{display:none}"
                       "@page{margin-top:19mm;@top-center{content:");
    css_str(o, note);
    g_string_append(o, ";width:100%;margin:5mm 0 3mm;background:#b2182b;"
                       "color:#fff;font-family:system-ui,'Noto Sans',"
                       "'DejaVu Sans',Arial,sans-serif;font-size:11pt;"
                       "font-weight:700;letter-spacing:.02em;"
                       "text-align:center;vertical-align:middle;"
                       "-webkit-print-color-adjust:exact;"
                       "print-color-adjust:exact}}}\n");
}

void briefing_html_head(briefing *b)
{
    GString *o = b->out;
    g_string_append_printf(o,
                           "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
                           "<meta charset=\"utf-8\">\n",
                           b->en ? "en" : "vi");
    g_string_append_printf(o,
                           "<meta http-equiv=\"Content-Security-Policy\" "
                           "content=\"%s\">\n",
                           CSP);
    g_string_append(o, "<meta name=\"viewport\" content=\"width=device-width,"
                       "initial-scale=1\">\n<title>");
    g_autofree char *title =
        g_strdup_printf(BT(b, "Hộ nghèo, hộ cận nghèo năm %d — %s",
                           "Poor and near-poor households, %d — %s"),
                        b->year, b->place ? b->place : "");
    briefing_esc(o, title);
    g_string_append_printf(o, "</title>\n<style>\n%s", CSS);
    if (b->synthetic)
        print_band(o, povatlas_synthetic_note(b->lang));
    g_string_append(o, "</style>\n</head>\n<body>\n");
}

static const char SCRIPT[] =
    "(function(){\n"
    "'use strict';\n"
    "var errs=[];\n"
    "function note(m){errs.push(String(m));var e=document.getElementById("
    "'pa-errors');if(e)e.textContent=errs.join('\\n');}\n"
    "window.addEventListener('error',function(e){note('error: '+e.message);}"
    ");\n"
    "document.addEventListener('securitypolicyviolation',function(e){note("
    "'csp: '+e.violatedDirective+' '+e.blockedURI);});\n"
    "var ce=console.error;console.error=function(){note('console: '+"
    "Array.prototype.join.call(arguments,' '));ce.apply(console,arguments);}"
    ";\n"
    "var B=JSON.parse(document.getElementById('pa-data').textContent);\n"
    "var st={ind:'poor_rate',year:String(B.year),ward:-1};\n"
    "var paths=Array.prototype.slice.call(document.querySelectorAll("
    "'#pa-map path.ward'));\n"
    "function el(t,c,x){var e=document.createElement(t);if(c)e.className=c;"
    "if(x!==undefined)e.textContent=x;return e;}\n"
    "function fillOf(c){return c[1]===0?c[0]:'url(#'+(c[1]===2?'x':'h')+"
    "c[0].slice(1)+')';}\n"
    "function cur(){var m=B.maps[st.ind];return m?m[st.year]:null;}\n"
    "function years(){var ys=document.querySelectorAll('input[name=pa-year]')"
    ";var m=B.maps[st.ind]||{};var ok=null;ys.forEach(function(y){"
    "y.disabled=!m[y.value]||!!m[y.value].error;y.parentNode.title=m[y.value]&&"
    "m[y.value].error?m[y.value].error:'';if(!y.disabled&&(ok===null||y.value=="
    "=st.year))"
    "ok=y.value;});if(ok!==null&&(!m[st.year]||m[st.year].error))st.year=ok;ys."
    "forEach(function"
    "(y){y.checked=y.value===st.year;});}\n"
    "function legend(m){var L=document.getElementById('pa-legend');"
    "L.textContent='';if(!m||m.error)return;L.appendChild(el('b','',"
    "m.legend));var ul=el('ul');var n=m.classes.map(function(){return 0;});"
    "m.cls.forEach(function(k){n[k<0?n.length-1:k]++;});m.classes.forEach("
    "function(c,k){if(!n[k])return;var li=el('li');var s=el('span','sw'+"
    "(c[1]===1?' h':c[1]===2?' x':''));s.style.backgroundColor=c[0];"
    "li.appendChild(s);li.appendChild(el('span','',c[2]+' ('+n[k]+')'));"
    "ul.appendChild(li);});L.appendChild(ul);if(m.note)L.appendChild(el('p',"
    "'note',m.note));}\n"
    "function draw(){years();var m=cur();var msg=document.getElementById("
    "'pa-map-msg');var t=document.getElementById('pa-map-title');\n"
    "if(!m||m.error){paths.forEach(function(p){p.setAttribute('fill',"
    "'url(#hf4f4f4)');});t.textContent='';msg.textContent=m?m.error:B.nomap;"
    "legend(null);}else{msg.textContent='';t.textContent=m.title+' — '+"
    "st.year;paths.forEach(function(p,i){var k=m.cls[i];p.setAttribute("
    "'fill',fillOf(m.classes[k<0?m.classes.length-1:k]));});legend(m);}\n"
    "if(st.ward>=0)card(st.ward);}\n"
    "function card(i){st.ward=i;paths.forEach(function(p,j){p.classList."
    "toggle('sel',i===j);});var C=document.getElementById('pa-card');"
    "C.textContent='';C.appendChild(el('h3','',B.names[i]));var f=(B.facts["
    "st.year]||[])[i]||[];C.appendChild(el('p','note',B.yearword+' '+"
    "st.year));var tb=el('table');f.forEach(function(r){var tr=el('tr');"
    "tr.appendChild(el('td','',B.factlabels[r[0]]));tr.appendChild(el('td','',"
    "r[1]));"
    "tb.appendChild(tr);});C.appendChild(tb);}\n"
    "paths.forEach(function(p,i){p.addEventListener('mouseenter',function(){"
    "card(i);});p.addEventListener('focus',function(){card(i);});"
    "p.addEventListener('click',function(){card(i);});});\n"
    "document.querySelectorAll('input[name=pa-ind]').forEach(function(r){"
    "r.addEventListener('change',function(){st.ind=r.value;draw();});});\n"
    "document.querySelectorAll('input[name=pa-year]').forEach(function(r){"
    "r.addEventListener('change',function(){st.year=r.value;draw();});});\n"
    "draw();\n"
    "function selftest(){var out=['wards '+paths.length];\n"
    "Object.keys(B.maps).forEach(function(ind){Object.keys(B.maps[ind])."
    "forEach(function(y){document.querySelector('input[name=pa-ind][value='"
    "+ind+']').click();var ry=document.querySelector('input[name=pa-year]"
    "[value=\"'+y+'\"]');if(ry&&!ry.disabled)ry.click();var l='fill '+ind+"
    "' '+st.year;paths.forEach(function(p){l+=' '+p.getAttribute("
    "'data-code')+'='+p.getAttribute('fill');});out.push(l);});});\n"
    "document.querySelector('input[name=pa-ind][value=poor_rate]').click();"
    "var ly=document.querySelector('input[name=pa-year][value=\"'+B.year+"
    "'\"]');if(ly)ly.click();\n"
    /* a headless page without window focus gets no focus event from
     * focus(): the event is dispatched as the browser would */
    "var txt=function(){return document.getElementById('pa-card')."
    "textContent.replace(/\\s+/g,' ');};var fo=0;\n"
    "paths.forEach(function(p){p.focus();if(document.activeElement===p)fo++;"
    "p.dispatchEvent(new FocusEvent('focus'));out.push('card '+"
    "p.getAttribute('data-code')+' '+txt());});\n"
    "out.push('focusable '+fo);\n"
    /* the names on the map: their boxes as laid out, none over another */
    "var lb=[],ov=[];document.querySelectorAll('#pa-map .labels text')."
    "forEach(function(t){var r=t.getBBox();lb.push([t.textContent,r.x,r.y,"
    "r.x+r.width,r.y+r.height]);});for(var i=0;i<lb.length;i++)for(var j="
    "i+1;j<lb.length;j++){var a=lb[i],c=lb[j];if(a[1]<c[3]&&c[1]<a[3]&&"
    "a[2]<c[4]&&c[2]<a[4])ov.push(a[0]+'/'+c[0]);}out.push('labels '+"
    "lb.length+' '+ov.length+(ov.length?' '+ov.join(', '):''));\n"
    "var hp=paths[paths.length-1];hp.dispatchEvent(new MouseEvent("
    "'mouseenter'));out.push('hover '+hp.getAttribute('data-code')+' '+"
    "txt());\n"
    /* on a phone (the narrow layout; headless Chromium's window is no
     * narrower than 500 px, so the page is laid out 390 px wide): the
     * width of the page's content, and the tables whose box lies inside
     * it (a wide table scrolls inside its own box) */
    "if(matchMedia('(max-width:760px)').matches){var de=document."
    "documentElement,bw=de.style.width;de.style.width='390px';out.push("
    "'width 390 '+document.body.scrollWidth);var tn=0,tin=0;document."
    "querySelectorAll('.tbl').forEach(function(t){var r=t."
    "getBoundingClientRect();tn++;if(r.left>=0&&r.right<=390.5)tin++;});"
    "out.push('tables '+tn+' '+tin);de.style.width=bw;}\n"
    "errs.forEach(function(e){out.push('error '+e);});out.push('errors '+"
    "errs.length);document.getElementById('pa-selftest').textContent=out."
    "join('\\n');}\n"
    "if(location.hash==='#selftest')selftest();\n"
    "})();\n";

void briefing_html_script(briefing *b)
{
    g_string_append_printf(b->out, "<script>\n%s</script>\n", SCRIPT);
}

/* ---- tables ------------------------------------------------------------ */

static long code_column(const povatlas_table *t)
{
    for (size_t c = 0; c < povatlas_table_n_columns(t); c++) {
        const char *h = povatlas_table_column_head(t, c);
        if (g_strcmp0(h, "Mã") == 0 || g_strcmp0(h, "Code") == 0)
            return (long)c;
    }
    return -1;
}

static char *cell_text(const briefing *b, const povatlas_table *t, size_t r,
                       size_t c)
{
    if (povatlas_table_is_missing(t, r, c))
        return g_strdup("–");
    int dec = povatlas_table_column_decimals(t, c);
    switch (povatlas_table_column_type(t, c)) {
    case POVATLAS_COLUMN_TEXT:
        return g_strdup(povatlas_table_text(t, r, c));
    case POVATLAS_COLUMN_INT: {
        /* a year is a name, not a quantity: 2023, never 2.023 */
        const char *h = povatlas_table_column_head(t, c);
        if (g_strcmp0(h, "Năm") == 0 || g_strcmp0(h, "Year") == 0)
            return g_strdup_printf("%" G_GINT64_FORMAT,
                                   (gint64)povatlas_table_int(t, r, c));
        return briefing_num(b, (double)povatlas_table_int(t, r, c), 0);
    }
    case POVATLAS_COLUMN_PERCENT: {
        g_autofree char *n = briefing_num(b, povatlas_table_real(t, r, c), dec);
        return g_strdup_printf("%s %%", n);
    }
    case POVATLAS_COLUMN_REAL:
    default:
        return briefing_num(b, povatlas_table_real(t, r, c), dec);
    }
}

/* The column headed @vi or @en, -1 when none is. */
static long column_of(const povatlas_table *t, const char *vi, const char *en)
{
    for (size_t c = 0; c < povatlas_table_n_columns(t); c++) {
        const char *h = povatlas_table_column_head(t, c);
        if (g_strcmp0(h, vi) == 0 || g_strcmp0(h, en) == 0)
            return (long)c;
    }
    return -1;
}

/* Which rows of @t the page shows: all up to @max_rows (0: no limit);
 * past it, the rows with a coverage gap when the table has that column
 * (a country's coverage table is sorted by code), else the first
 * @max_rows (the priority table's ranks). Returns the number kept;
 * *@why says which. */
static size_t rows_kept(briefing *b, const povatlas_table *t, size_t max_rows,
                        int year, unsigned char *keep, const char **why)
{
    size_t n = povatlas_table_n_rows(t), kept = 0;
    long gap = column_of(t, "Khoảng trống bao phủ", "Coverage gap");
    long code = code_column(t);
    *why = NULL;
    for (size_t r = 0; r < n; r++) {
        int k = max_rows == 0 || n <= max_rows;
        if (!k && gap >= 0) {
            *why = BT(b, "các phường, xã có khoảng trống bao phủ",
                      "the wards with a coverage gap");
            k = !povatlas_table_is_missing(t, r, (size_t)gap) &&
                (povatlas_table_column_type(t, (size_t)gap) ==
                         POVATLAS_COLUMN_INT
                     ? povatlas_table_int(t, r, (size_t)gap) == 1
                     : povatlas_table_real(t, r, (size_t)gap) == 1) &&
                !(code >= 0 && !povatlas_table_is_missing(t, r, (size_t)code) &&
                  briefing_hidden(b, povatlas_table_text(t, r, (size_t)code),
                                  year));
        } else if (!k) {
            *why = BT(b, "đứng đầu bảng", "the first");
            k = 1;
        }
        keep[r] = k && kept < (max_rows ? max_rows : n);
        kept += keep[r];
    }
    return kept;
}

void briefing_html_table(briefing *b, const povatlas_table *t, int year,
                         size_t max_rows)
{
    GString *o = b->out;
    long code_col = code_column(t);
    size_t n_rows = povatlas_table_n_rows(t);
    unsigned char *keep = g_new0(unsigned char, n_rows ? n_rows : 1);
    const char *why = NULL;
    size_t kept = rows_kept(b, t, max_rows, year, keep, &why);
    g_autofree char *hidden = briefing_hidden_text(b);
    g_string_append(o, "<div class=\"tbl\"><table>\n<thead><tr>");
    for (size_t c = 0; c < povatlas_table_n_columns(t); c++) {
        g_string_append(o, "<th scope=\"col\">");
        briefing_esc(o, povatlas_table_column_head(t, c));
        g_string_append(o, "</th>");
    }
    g_string_append(o, "</tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < n_rows; r++) {
        if (!keep[r])
            continue;
        int hide = code_col >= 0 &&
                   !povatlas_table_is_missing(t, r, (size_t)code_col) &&
                   briefing_hidden(
                       b, povatlas_table_text(t, r, (size_t)code_col), year);
        g_string_append(o, "<tr>");
        for (size_t c = 0; c < povatlas_table_n_columns(t); c++) {
            int text = povatlas_table_column_type(t, c) == POVATLAS_COLUMN_TEXT;
            g_autofree char *v =
                hide && !text ? g_strdup(hidden) : cell_text(b, t, r, c);
            g_string_append(o, text ? "<td>" : "<td class=\"n\">");
            briefing_esc(o, v);
            g_string_append(o, "</td>");
        }
        g_string_append(o, "</tr>\n");
    }
    g_string_append(o, "</tbody></table></div>\n");
    g_free(keep);
    if (why) {
        g_autofree char *all = briefing_num(b, (double)n_rows, 0);
        g_autofree char *shown = briefing_num(b, (double)kept, 0);
        g_autofree char *note = g_strdup_printf(
            BT(b,
               "Bảng hiện %s trong %s dòng (%s); số liệu của từng phường, "
               "xã có trên thẻ của nó ở bản đồ.",
               "The table shows %s of %s rows (%s); every ward's figures "
               "are on its card on the map."),
            shown, all, why);
        g_string_append(o, "<p class=\"note\">");
        briefing_esc(o, note);
        g_string_append(o, "</p>\n");
    }
    for (size_t i = 0; i < povatlas_table_n_notes(t); i++) {
        g_string_append(o, "<p class=\"note\">");
        briefing_esc(o, povatlas_table_note(t, i));
        g_string_append(o, "</p>\n");
    }
}

/* ---- cover ------------------------------------------------------------- */

static const char *unit_suffix(const briefing *b, const char *unit)
{
    if (g_strcmp0(unit, "percent") == 0)
        return " %";
    if (g_strcmp0(unit, "households") == 0)
        return BT(b, " hộ", " households");
    if (g_strcmp0(unit, "houses") == 0)
        return BT(b, " căn", " houses");
    return "";
}

static char *with_unit(const briefing *b, double v, const char *unit)
{
    if (isnan(v))
        return g_strdup("–");
    int pct = g_strcmp0(unit, "percent") == 0;
    g_autofree char *n = briefing_num(b, v, pct ? 2 : 0);
    return g_strdup_printf("%s%s", n, unit_suffix(b, unit));
}

static void svg_num(GString *o, double v)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append(o, g_ascii_formatd(buf, sizeof buf, "%.1f", v));
}

/* A bullet chart: the baseline as a light bar, the achieved value as a
 * dark bar (green when met, red when missed), the target as a black tick;
 * changes are drawn by their size. */
static void bullet(briefing *b, const povatlas_target_eval *e)
{
    GString *o = b->out;
    double base = fabs(e->baseline), tgt = fabs(e->target),
           got = fabs(e->achieved);
    double mx = 0;
    if (!isnan(base))
        mx = fmax(mx, base);
    mx = fmax(mx, isnan(tgt) ? 0 : tgt);
    mx = fmax(mx, isnan(got) ? 0 : got);
    mx = mx > 0 ? mx * 1.1 : 1;
    const double W = 300, L = 4;
    g_string_append(o, "<svg class=\"bullet\" viewBox=\"0 0 308 30\" "
                       "role=\"img\" aria-hidden=\"true\">"
                       "<rect x=\"4\" y=\"4\" width=\"300\" height=\"22\" "
                       "fill=\"#f1f1f3\"/>");
    if (!isnan(base)) {
        g_string_append(o, "<rect x=\"4\" y=\"4\" height=\"22\" "
                           "fill=\"#cfcfd6\" width=\"");
        svg_num(o, W * base / mx);
        g_string_append(o, "\"/>");
    }
    if (!isnan(got)) {
        g_string_append_printf(o,
                               "<rect x=\"4\" y=\"9\" height=\"12\" "
                               "fill=\"%s\" width=\"",
                               e->state == POVATLAS_TARGET_MET ? "#1a7f37"
                                                               : "#b42318");
        svg_num(o, W * got / mx);
        g_string_append(o, "\"/>");
    }
    if (!isnan(tgt)) {
        g_string_append(o, "<rect y=\"1\" width=\"3\" height=\"28\" "
                           "fill=\"#000\" x=\"");
        svg_num(o, L + W * tgt / mx - 1.5);
        g_string_append(o, "\"/>");
    }
    g_string_append(o, "</svg>");
}

static void target_card(briefing *b, const povatlas_target_eval *e)
{
    GString *o = b->out;
    const char *cls = e->state == POVATLAS_TARGET_MET      ? "met"
                      : e->state == POVATLAS_TARGET_MISSED ? "missed"
                                                           : "nodata";
    const char *mark = e->state == POVATLAS_TARGET_MET ? BT(b, "✓ ĐẠT", "✓ MET")
                       : e->state == POVATLAS_TARGET_MISSED
                           ? BT(b, "✗ CHƯA ĐẠT", "✗ MISSED")
                           : BT(b, "chưa có số liệu", "no data yet");
    g_autofree char *got = with_unit(b, e->achieved, e->unit);
    g_autofree char *tgt = with_unit(b, e->target, e->unit);
    g_autofree char *base = with_unit(b, e->baseline, e->unit);
    g_string_append_printf(o, "<div class=\"target %s\" data-target=\"", cls);
    briefing_esc(o, e->name);
    g_string_append(o, "\"><h3>");
    briefing_esc(o, povatlas_target_label(e->name, b->lang));
    g_string_append(o, "</h3><div><span class=\"big\">");
    briefing_esc(o, got);
    g_string_append(o, "</span><span class=\"mark\">");
    briefing_esc(o, mark);
    g_string_append(o, "</span></div>");
    bullet(b, e);
    g_string_append(o, "<div>");
    briefing_esc(o, BT(b, "Mục tiêu: ", "Target: "));
    g_string_append(o, "<b>");
    briefing_esc(o, tgt);
    g_string_append(o, "</b>");
    if (!isnan(e->baseline)) {
        g_string_append(o, " · <span class=\"nw\">");
        briefing_esc(o, BT(b, "năm gốc ", "baseline "));
        briefing_esc(o, base);
        g_string_append(o, "</span>");
    }
    if (!isnan(e->share)) {
        g_autofree char *sh = briefing_num(b, e->share * 100, 0);
        g_string_append(o, " · <span class=\"nw\">");
        g_autofree char *t = g_strdup_printf(
            BT(b, "đạt %s %% kế hoạch", "%s %% of the plan"), sh);
        briefing_esc(o, t);
        g_string_append(o, "</span>");
    }
    g_string_append(o, "</div></div>\n");
}

povatlas_status briefing_html_cover(briefing *b, povatlas_error **err)
{
    povatlas_error *why = NULL;
    povatlas_target_eval_list *l =
        povatlas_targets_evaluate(b->ws, b->year, &why);
    if (l == NULL)
        return povatlas_error_propagate_or(err, why, POVATLAS_E_DB);
    GString *o = b->out;
    g_autofree char *h =
        g_strdup_printf(BT(b, "Chỉ tiêu kế hoạch năm %d và kết quả thực hiện",
                           "The plan's targets for %d and what was achieved"),
                        b->year);
    g_string_append(o, "<h2>");
    briefing_esc(o, h);
    g_string_append(o, "</h2>\n");
    if (l->n == 0) {
        g_string_append(o, "<p class=\"note\">");
        briefing_esc(o, BT(b, "Chưa nhập chỉ tiêu kế hoạch cho năm này.",
                           "No plan targets were imported for this year."));
        g_string_append(o, "</p>\n");
    }
    g_string_append(o, "<div class=\"targets\">\n");
    for (size_t i = 0; i < l->n; i++)
        target_card(b, &l->rows[i]);
    g_string_append(o, "</div>\n<p class=\"note\">");
    briefing_esc(o, BT(b,
                       "Thanh đậm: thực hiện (xanh: đạt, đỏ: chưa đạt); "
                       "thanh nhạt: năm gốc; vạch đen: mục tiêu. Chỉ tiêu "
                       "giảm số hộ được vẽ theo độ lớn.",
                       "Dark bar: achieved (green met, red missed); light "
                       "bar: baseline; black tick: target. Reductions are "
                       "drawn by their size."));
    g_string_append(o, "</p>\n");
    povatlas_target_eval_list_free(l);
    return POVATLAS_OK;
}

/* ---- zone gaps --------------------------------------------------------- */

static char *pct_h(const briefing *b, int64_t h)
{
    if (h < 0)
        return g_strdup("–");
    g_autofree char *n = briefing_num(b, (double)h / 100.0, 2);
    return g_strdup_printf("%s %%", n);
}

static char *gap_text(const briefing *b, int64_t gap_h, double ratio)
{
    if (gap_h == POVATLAS_GAP_UNDEFINED)
        return g_strdup("–");
    g_autofree char *g = briefing_num(b, (double)gap_h / 100.0, 2);
    g_autofree char *r = isnan(ratio) ? NULL : briefing_num(b, ratio, 2);
    return r ? g_strdup_printf("%s%s %s (×%s)", gap_h > 0 ? "+" : "", g,
                               BT(b, "điểm %", "points"), r)
             : g_strdup_printf("%s%s %s", gap_h > 0 ? "+" : "", g,
                               BT(b, "điểm %", "points"));
}

static void td(GString *o, const char *cls, const char *text)
{
    g_string_append_printf(o, "<td%s%s%s>", cls ? " class=\"" : "",
                           cls ? cls : "", cls ? "\"" : "");
    briefing_esc(o, text);
    g_string_append(o, "</td>");
}

static void gap_row(briefing *b, const povatlas_zone_gap *z)
{
    GString *o = b->out;
    g_autofree char *r0 = pct_h(b, z->from.poor_hundredths);
    g_autofree char *r1 = pct_h(b, z->to.poor_hundredths);
    g_autofree char *g0 =
        gap_text(b, z->from.poor_gap_hundredths, z->from.poor_ratio);
    g_autofree char *g1 =
        gap_text(b, z->to.poor_gap_hundredths, z->to.poor_ratio);
    int central = z->zone == POVATLAS_ZONE_CENTRAL;
    char *v = central
                  ? NULL
                  : povatlas_gap_verdict(z->poor_change_hundredths, b->lang);
    const char *cls =
        central || z->poor_change_hundredths == POVATLAS_GAP_UNDEFINED ? NULL
        : z->poor_change_hundredths < 0 ? "narrowed"
        : z->poor_change_hundredths > 0 ? "widened"
                                        : NULL;
    g_string_append(o, "<tr>");
    td(o, NULL, povatlas_zone_label(z->zone, b->lang));
    td(o, "n", r0);
    td(o, "n", r1);
    td(o, "n", central ? BT(b, "(mốc so sánh)", "(reference)") : g0);
    td(o, "n", central ? "" : g1);
    td(o, cls, v ? v : "");
    g_string_append(o, "</tr>\n");
    free(v);
}

povatlas_status briefing_html_gaps(briefing *b, povatlas_error **err)
{
    GString *o = b->out;
    int y0 = b->year0 ? b->year0 : b->year;
    g_autofree char *h = g_strdup_printf(
        BT(b, "Chênh lệch tỷ lệ hộ nghèo giữa các vùng và nội thị %d→%d",
           "Poor-rate gaps of the zones to the central zone %d→%d"),
        y0, b->year);
    g_string_append(o, "<h2>");
    briefing_esc(o, h);
    g_string_append(o, "</h2>\n");
    povatlas_gaps g;
    povatlas_error *why = NULL;
    povatlas_status st = povatlas_gaps_compute(b->ws, y0, b->year, &g, &why);
    if (st == POVATLAS_E_INPUT) { /* no zones: say so, keep the briefing */
        g_string_append(o, "<p class=\"note\">");
        briefing_esc(o, why ? why->message : "");
        g_string_append(o, "</p>\n");
        povatlas_error_free(why);
        return POVATLAS_OK;
    }
    if (st)
        return povatlas_error_propagate_or(err, why, st);
    g_string_append(o, "<div class=\"tbl\"><table>\n<thead><tr>");
    g_autofree char *c1 =
        g_strdup_printf(BT(b, "Tỷ lệ hộ nghèo %d", "Poor rate %d"), y0);
    g_autofree char *c2 =
        g_strdup_printf(BT(b, "Tỷ lệ hộ nghèo %d", "Poor rate %d"), b->year);
    g_autofree char *c3 = g_strdup_printf(
        BT(b, "Chênh lệch với nội thị %d", "Gap to central %d"), y0);
    g_autofree char *c4 = g_strdup_printf(
        BT(b, "Chênh lệch với nội thị %d", "Gap to central %d"), b->year);
    const char *heads[] = {BT(b, "Vùng", "Zone"),
                           c1,
                           c2,
                           c3,
                           c4,
                           BT(b, "Xu hướng chênh lệch", "Trend of the gap")};
    for (size_t i = 0; i < G_N_ELEMENTS(heads); i++) {
        g_string_append(o, "<th scope=\"col\">");
        briefing_esc(o, heads[i]);
        g_string_append(o, "</th>");
    }
    g_string_append(o, "</tr></thead>\n<tbody>\n");
    for (int z = 0; z < 3; z++)
        gap_row(b, &g.zones[z]);
    g_string_append(o, "</tbody></table></div>\n");
    return POVATLAS_OK;
}
