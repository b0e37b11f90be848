/* .xlsx workbooks (for --data and as documents): each sheet a table whose first
 * row holds the headers, after a heading with the sheet's name. Cells by their
 * reference (B7), shared and inline strings, merged ranges; a formula must
 * carry its cached value (Excel and LibreOffice save one). */
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/docx.h"

typedef struct sheet {
  char **cell; /* rows * cols strings (NULL: empty) */
  size_t rows, cols, cap_rows;
  uint8_t *covered; /* 1: inside a merged range, not its first cell; 2: its first cell */
  size_t *rspan, *cspan;
} sheet;

typedef struct xl {
  jb_ctx *ctx;
  const char *name;
  jb_zip *z;
  char **strings;
  size_t n_strings, cap_strings;
  unsigned char *pct; /* per cell style (xf): a percent format, so 0.061 is shown as 6.1% */
  size_t n_pct, cap_pct;
} xl;

static char *content(jb_ctx *ctx, xmlNode *n) {
  xmlChar *s = xmlNodeGetContent(n); /* DTD-free parts: no entity to expand */
  char *r = jb_strdup(ctx, s ? (const char *)s : "");
  xmlFree(s);
  return r;
}

/* A shared string: its plain text, or the runs' texts (not the phonetic ones). */
static char *string_item(jb_ctx *ctx, xmlNode *si) {
  xmlNode *t = jb_x_child(si, "t");
  if (t) return content(ctx, t);
  jb_buf b;
  jb_buf_init(&b, ctx);
  for (xmlNode *r = si->children; r; r = r->next) {
    if (!jb_x_is(r, "r")) continue;
    char *s = content(ctx, jb_x_child(r, "t"));
    jb_buf_adds(&b, s);
    jb_free(ctx, s);
  }
  jb_buf_addc(&b, 0);
  return jb_buf_steal(&b);
}

/* Parses a part into *doc (NULL when absent and not required). */
static jb_status part(xl *x, const char *path, int required, xmlDocPtr *doc) {
  char *data;
  size_t n;
  *doc = NULL;
  jb_status s = jb_zip_read(x->z, path, required, &data, &n);
  if (s || !data) return s;
  void *d;
  s = jb_xml_read(x->ctx, x->name, path, data, n, &d);
  jb_free(x->ctx, data);
  *doc = d;
  return s;
}

static jb_status shared_strings(xl *x) {
  xmlDocPtr doc;
  jb_status s = part(x, "xl/sharedStrings.xml", 0, &doc);
  xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
  for (xmlNode *si = root ? root->children : NULL; si; si = si->next) {
    if (!jb_x_is(si, "si")) continue;
    x->strings = jb_grow(x->ctx, x->strings, &x->cap_strings, x->n_strings + 1, sizeof *x->strings);
    x->strings[x->n_strings++] = string_item(x->ctx, si);
  }
  xmlFreeDoc(doc);
  return s;
}

/* Which cell styles show their number as a percent (built-in formats 9 and 10, or a
 * custom format code with %): the workbook stores 6.1% as 0.061. */
static jb_status percent_styles(xl *x) {
  xmlDocPtr doc;
  jb_status s = part(x, "xl/styles.xml", 0, &doc);
  xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
  xmlNode *fmts = root ? jb_x_child(root, "numFmts") : NULL, *xfs = root ? jb_x_child(root, "cellXfs") : NULL;
  for (xmlNode *xf = xfs ? xfs->children : NULL; xf; xf = xf->next) {
    if (!jb_x_is(xf, "xf")) continue;
    const char *id = jb_x_attr(xf, "numFmtId");
    long n = id ? atol(id) : 0;
    int pct = n == 9 || n == 10;
    for (xmlNode *f = fmts ? fmts->children : NULL; f && !pct && n >= 164; f = f->next) {
      const char *fid = jb_x_attr(f, "numFmtId"), *code = jb_x_attr(f, "formatCode");
      pct = jb_x_is(f, "numFmt") && fid && atol(fid) == n && code && strchr(code, '%');
    }
    x->pct = jb_grow(x->ctx, x->pct, &x->cap_pct, x->n_pct + 1, 1);
    x->pct[x->n_pct++] = (unsigned char)pct;
  }
  xmlFreeDoc(doc);
  return s;
}

/* "B7" -> row 6, column 1. */
static int cell_ref(const char *r, size_t *row, size_t *col) {
  size_t c = 0, k = 0;
  for (; r[k] >= 'A' && r[k] <= 'Z' && k < 4; k++) c = c * 26 + (size_t)(r[k] - 'A' + 1);
  if (!k || r[k] < '1' || r[k] > '9') return 0;
  long rr = atol(r + k);
  if (rr < 1 || rr > 1048576 || c > 16384) return 0;
  *row = (size_t)rr - 1, *col = c - 1;
  return 1;
}

static void sheet_put(jb_ctx *ctx, sheet *sh, size_t r, size_t c, char *v) {
  if (r >= sh->rows) {
    sh->cell = jb_grow(ctx, sh->cell, &sh->cap_rows, (r + 1) * 256, sizeof *sh->cell);
    memset(sh->cell + sh->rows * 256, 0, (r + 1 - sh->rows) * 256 * sizeof *sh->cell);
    sh->rows = r + 1;
  }
  if (c >= 256) { /* wider sheets are not briefing tables: the first 256 columns */
    jb_free(ctx, v);
    return;
  }
  jb_free(ctx, sh->cell[r * 256 + c]);
  sh->cell[r * 256 + c] = v;
  if (c + 1 > sh->cols) sh->cols = c + 1;
}

/* Numbers as the shortest text that reads back the same (0.1, not 0.10000000000000001). */
static char *number_text(jb_ctx *ctx, const char *v) {
  char *end;
  double d = strtod(v, &end);
  if (*end || end == v) return jb_strdup(ctx, v);
  char buf[40];
  for (int p = 1; p <= 17; p++) {
    snprintf(buf, sizeof buf, "%.*g", p, d);
    if (strtod(buf, NULL) == d) break;
  }
  return jb_strdup(ctx, buf);
}

static jb_status cell_value(xl *x, const char *sheet_name, xmlNode *c, char **out) {
  const char *t = jb_x_attr(c, "t"), *ref = jb_x_attr(c, "r");
  xmlNode *v = jb_x_child(c, "v"), *f = jb_x_child(c, "f"), *is = jb_x_child(c, "is");
  *out = NULL;
  if (t && !strcmp(t, "inlineStr")) return *out = is ? string_item(x->ctx, is) : NULL, JB_OK;
  if (!v) {
    if (f)
      return jb_fail(x->ctx, JB_ERR_INPUT, (jb_loc){x->name, 0, 0, -1, NULL},
                     "sheet '%s' cell %s: a formula without a cached value (the program that wrote the file did not "
                     "compute it); open the workbook in Excel, WPS or LibreOffice and save it again", sheet_name,
                     ref ? ref : "?");
    return JB_OK;
  }
  char *val = content(x->ctx, v);
  if (t && !strcmp(t, "s")) {
    long k = atol(val);
    jb_free(x->ctx, val);
    if (k < 0 || (size_t)k >= x->n_strings)
      return jb_fail(x->ctx, JB_ERR_INPUT, (jb_loc){x->name, 0, 0, -1, NULL},
                     "sheet '%s' cell %s: shared string %ld does not exist", sheet_name, ref ? ref : "?", k);
    return *out = jb_strdup(x->ctx, x->strings[k]), JB_OK;
  }
  if (!t || !strcmp(t, "n")) {
    const char *st = jb_x_attr(c, "s");
    long k = st ? atol(st) : -1;
    if (k >= 0 && (size_t)k < x->n_pct && x->pct[k]) { /* 0.061 shown as 6.1% */
      char buf[48];
      snprintf(buf, sizeof buf, "%.15g", strtod(val, NULL) * 100);
      char *num = number_text(x->ctx, buf);
      snprintf(buf, sizeof buf, "%s%%", num);
      jb_free(x->ctx, num);
      *out = jb_strdup(x->ctx, buf);
    } else {
      *out = number_text(x->ctx, val);
    }
    jb_free(x->ctx, val);
    return JB_OK;
  }
  *out = val; /* str, b, e, d: as written */
  return JB_OK;
}

static void merges(jb_ctx *ctx, sheet *sh, xmlNode *root) {
  size_t n = sh->rows * 256;
  sh->covered = jb_calloc(ctx, n + 1, 1);
  sh->rspan = jb_calloc(ctx, n + 1, sizeof *sh->rspan);
  sh->cspan = jb_calloc(ctx, n + 1, sizeof *sh->cspan);
  for (xmlNode *m = jb_x_child(jb_x_child(root, "mergeCells"), "mergeCell"); m; m = m->next) {
    const char *ref = jb_x_attr(m, "ref"), *colon = ref ? strchr(ref, ':') : NULL;
    size_t r0, c0, r1, c1;
    if (!colon || !cell_ref(ref, &r0, &c0) || !cell_ref(colon + 1, &r1, &c1)) continue;
    if (r1 >= sh->rows) r1 = sh->rows - 1;
    if (c1 >= 256) c1 = 255;
    if (r0 > r1 || c0 > c1) continue;
    for (size_t r = r0; r <= r1; r++)
      for (size_t c = c0; c <= c1; c++) sh->covered[r * 256 + c] = 1;
    sh->covered[r0 * 256 + c0] = 2;
    sh->rspan[r0 * 256 + c0] = r1 - r0 + 1, sh->cspan[r0 * 256 + c0] = c1 - c0 + 1;
  }
}

static void emit_sheet(jb_builder *b, const char *title, sheet *sh) {
  jb_bld_para(b, JB_PR_HEADING, 1);
  jb_bld_add(b, title, strlen(title));
  jb_bld_end(b);
  jb_bld_table(b);
  for (size_t r = 0; r < sh->rows; r++) {
    jb_bld_row(b, r == 0);
    for (size_t c = 0; c < sh->cols; c++) {
      size_t k = r * 256 + c;
      if (sh->covered[k] == 1) continue; /* inside a merged range */
      int m = sh->covered[k] == 2;
      jb_bld_cell(b, m ? sh->cspan[k] : 1, m ? sh->rspan[k] : 1, 0, r == 0);
      if (sh->cell[k]) jb_bld_add(b, sh->cell[k], strlen(sh->cell[k]));
      jb_bld_cell_end(b);
    }
    jb_bld_row_end(b);
  }
  jb_bld_table_end(b);
}

static void sheet_free(jb_ctx *ctx, sheet *sh) {
  for (size_t i = 0; i < sh->rows * 256; i++) jb_free(ctx, sh->cell[i]);
  jb_free(ctx, sh->cell);
  jb_free(ctx, sh->covered);
  jb_free(ctx, sh->rspan);
  jb_free(ctx, sh->cspan);
}

static jb_status read_sheet(xl *x, jb_builder *b, const char *title, const char *path) {
  xmlDocPtr doc;
  jb_status s = part(x, path, 1, &doc);
  if (s) return s;
  xmlNode *root = xmlDocGetRootElement(doc);
  sheet sh = {0};
  for (xmlNode *row = jb_x_child(jb_x_child(root, "sheetData"), "row"); row && !s; row = row->next) {
    for (xmlNode *c = row->children; c && !s; c = c->next) {
      size_t r, col;
      const char *ref = jb_x_attr(c, "r");
      if (!jb_x_is(c, "c") || !ref || !cell_ref(ref, &r, &col)) continue;
      char *v;
      s = cell_value(x, title, c, &v);
      if (!s && v) sheet_put(x->ctx, &sh, r, col, v);
    }
  }
  if (!s && sh.rows) {
    merges(x->ctx, &sh, root);
    emit_sheet(b, title, &sh);
  }
  sheet_free(x->ctx, &sh);
  xmlFreeDoc(doc);
  return s;
}

/* The worksheet a relationship id points to (xl/_rels/workbook.xml.rels). */
static char *sheet_path(xl *x, xmlNode *rels, const char *rid) {
  for (xmlNode *r = rels ? rels->children : NULL; r && rid; r = r->next) {
    const char *id = jb_x_attr(r, "Id"), *target = jb_x_attr(r, "Target");
    if (!id || !target || strcmp(id, rid) || strstr(target, "..")) continue;
    jb_buf p;
    jb_buf_init(&p, x->ctx);
    jb_buf_printf(&p, "%s%s", target[0] == '/' ? "" : "xl/", target[0] == '/' ? target + 1 : target);
    return jb_buf_steal(&p);
  }
  return NULL;
}

static jb_status sheets(xl *x, jb_builder *b) {
  xmlDocPtr wb, rels;
  jb_status s = part(x, "xl/workbook.xml", 1, &wb);
  if (!s) s = part(x, "xl/_rels/workbook.xml.rels", 1, &rels);
  else rels = NULL;
  xmlNode *list = wb ? jb_x_child(xmlDocGetRootElement(wb), "sheets") : NULL;
  for (xmlNode *sh = list ? list->children : NULL; sh && !s; sh = sh->next) {
    if (!jb_x_is(sh, "sheet")) continue;
    const char *title = jb_x_attr(sh, "name");
    char *path = sheet_path(x, rels ? xmlDocGetRootElement(rels) : NULL, jb_x_attr(sh, "id"));
    if (path) s = read_sheet(x, b, title ? title : "", path);
    jb_free(x->ctx, path);
  }
  xmlFreeDoc(wb);
  xmlFreeDoc(rels);
  return s;
}

jb_status jb_read_xlsx(jb_ctx *ctx, const char *name, jb_zip *z, const jb_ingest_opts *o, jb_doc **out) {
  xl x = {ctx, name, z, NULL, 0, 0, NULL, 0, 0};
  jb_builder b;
  jb_bld_init(&b, ctx);
  jb_status s = shared_strings(&x);
  if (!s) s = percent_styles(&x);
  if (!s) s = sheets(&x, &b);
  if (!s) s = jb_bld_finish(&b, name, o, "xlsx", out);
  for (size_t i = 0; i < x.n_strings; i++) jb_free(ctx, x.strings[i]);
  jb_free(ctx, x.strings);
  jb_free(ctx, x.pct);
  jb_bld_fini(&b);
  return s;
}
