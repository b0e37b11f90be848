/* jb_briefing -> JSON (what `pack` writes for the user to edit) and a
 * canonical text dump for tests. Fact references are written as references,
 * never as their resolved text, so provenance survives an edit cycle. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose/jv.h"
#include "compose/model.h"

/* ---- Building a cJSON tree ------------------------------------------------------ */

static void add_str(cJSON *o, const char *k, const char *s) {
  if (s) cJSON_AddStringToObject(o, k, s);
}

static void add_strlist(cJSON *o, const char *k, const jb_strlist *l) {
  if (!l->n) return;
  cJSON *a = cJSON_AddArrayToObject(o, k);
  for (size_t i = 0; i < l->n; i++) cJSON_AddItemToArray(a, cJSON_CreateString(l->items[i]));
}

static void add_factref(cJSON *o, const jb_factref *r) {
  if (r->id) cJSON_AddStringToObject(o, "fact", r->id);
  else cJSON_AddNumberToObject(o, "fact", (double)r->index);
}

static cJSON *span_json(const jb_run *r) {
  if (!r->is_fact && !r->style) return cJSON_CreateString(r->text ? r->text : "");
  cJSON *o = cJSON_CreateObject();
  if (r->is_fact) add_factref(o, &r->fact);
  else add_str(o, "text", r->text ? r->text : "");
  if (r->style & JB_RUN_BOLD) cJSON_AddTrueToObject(o, "bold");
  if (r->style & JB_RUN_EMPH) cJSON_AddTrueToObject(o, "emph");
  return o;
}

static cJSON *inline_json(const jb_inline *in) {
  if (in->n_runs == 1 && !in->runs[0].is_fact && !in->runs[0].style)
    return cJSON_CreateString(in->runs[0].text ? in->runs[0].text : "");
  cJSON *a = cJSON_CreateArray();
  for (size_t i = 0; i < in->n_runs; i++) cJSON_AddItemToArray(a, span_json(&in->runs[i]));
  return a;
}

static void add_inline(cJSON *o, const char *k, const jb_inline *in) {
  if (in->n_runs) cJSON_AddItemToObject(o, k, inline_json(in));
}

static cJSON *value_json(const jb_value *v) {
  if (v->is_fact) {
    cJSON *o = cJSON_CreateObject();
    add_factref(o, &v->fact);
    return o;
  }
  if (v->has_value) return cJSON_CreateNumber(v->value);
  if (v->text) return cJSON_CreateString(v->text);
  return cJSON_CreateNull();
}

static cJSON *cell_json(const jb_cell *c) {
  int plain = c->colspan == 1 && c->rowspan <= 1 && !c->bold;
  if (plain && c->kind == JB_CELL_EMPTY) return cJSON_CreateNull();
  if (plain && c->kind == JB_CELL_NUMBER) return cJSON_CreateNumber(c->num.value);
  if (plain && c->kind == JB_CELL_TEXT && c->text.n_runs == 1 && !c->text.runs[0].is_fact &&
      !c->text.runs[0].style)
    return cJSON_CreateString(c->text.runs[0].text ? c->text.runs[0].text : "");
  cJSON *o = cJSON_CreateObject();
  if (c->kind == JB_CELL_TEXT) add_inline(o, "text", &c->text);
  if (c->kind == JB_CELL_NUMBER) cJSON_AddNumberToObject(o, "value", c->num.value);
  if (c->kind == JB_CELL_FACT) add_factref(o, &c->num.fact);
  if (c->bold) cJSON_AddTrueToObject(o, "bold");
  if (c->colspan != 1) cJSON_AddNumberToObject(o, "colspan", c->colspan);
  if (c->rowspan > 1) cJSON_AddNumberToObject(o, "rowspan", c->rowspan);
  return o;
}

static cJSON *row_json(const jb_row *r) {
  cJSON *a = cJSON_CreateArray();
  for (size_t i = 0; i < r->n_cells; i++) cJSON_AddItemToArray(a, cell_json(&r->cells[i]));
  return a;
}

static int column_is_default(const jb_column *c) {
  return !c->align_set && c->format == JB_COL_AUTO && c->decimals < 0 && c->width == 0 &&
         (!c->unit || c->unit_from_fact);
}

static void add_table(cJSON *o, const jb_table *t) {
  add_inline(o, "caption", &t->caption);
  add_str(o, "unit", t->unit);
  add_str(o, "source", t->source);
  if (t->grid) add_str(o, "style", "grid");
  if (t->zebra) cJSON_AddTrueToObject(o, "zebra");
  int custom = 0;
  for (size_t i = 0; i < t->n_columns; i++) custom |= !column_is_default(&t->columns[i]);
  if (custom) {
    static const char *const aligns[] = {"justify", "left", "center", "right", "distribute"};
    static const char *const formats[] = {"auto", "text", "number", "percent"};
    cJSON *cols = cJSON_AddArrayToObject(o, "columns");
    for (size_t i = 0; i < t->n_columns; i++) {
      const jb_column *c = &t->columns[i];
      cJSON *co = cJSON_CreateObject();
      if (c->align_set) add_str(co, "align", aligns[c->align]);
      if (c->format != JB_COL_AUTO) add_str(co, "format", formats[c->format]);
      if (c->decimals >= 0) cJSON_AddNumberToObject(co, "decimals", c->decimals);
      if (c->width > 0) cJSON_AddNumberToObject(co, "width", c->width);
      if (c->unit && !c->unit_from_fact) add_str(co, "unit", c->unit);
      cJSON_AddItemToArray(cols, co);
    }
  }
  if (t->n_header == 1) {
    cJSON_AddItemToObject(o, "header", row_json(&t->header[0]));
  } else if (t->n_header > 1) {
    cJSON *h = cJSON_AddArrayToObject(o, "header");
    for (size_t i = 0; i < t->n_header; i++) cJSON_AddItemToArray(h, row_json(&t->header[i]));
  }
  cJSON *rows = cJSON_AddArrayToObject(o, "rows");
  for (size_t i = 0; i < t->n_rows; i++) cJSON_AddItemToArray(rows, row_json(&t->rows[i]));
}

static void add_chart(cJSON *o, const jb_chart *c) {
  add_str(o, "kind", jb_chart_kind_name(c->kind));
  add_inline(o, "caption", &c->caption);
  if (!c->unit_from_fact) add_str(o, "unit", c->unit);
  add_str(o, "source", c->source);
  if (c->height_mm > 0) cJSON_AddNumberToObject(o, "height_mm", c->height_mm);
  if (c->stacked) cJSON_AddTrueToObject(o, "stacked");
  if (c->red_up) cJSON_AddTrueToObject(o, "red_up");
  if (c->no_value_labels) cJSON_AddFalseToObject(o, "value_labels");
  jb_strlist cats = {c->categories, c->n_categories};
  add_strlist(o, "categories", &cats);
  cJSON *ser = cJSON_AddArrayToObject(o, "series");
  for (size_t i = 0; i < c->n_series; i++) {
    cJSON *so = cJSON_CreateObject();
    add_str(so, "name", c->series[i].name);
    if (c->series[i].line) add_str(so, "type", "line");
    if (c->series[i].axis) add_str(so, "axis", "right");
    add_str(so, "unit", c->series[i].unit);
    cJSON *vals = cJSON_AddArrayToObject(so, "values");
    for (size_t k = 0; k < c->series[i].n_values; k++)
      cJSON_AddItemToArray(vals, value_json(&c->series[i].values[k]));
    cJSON_AddItemToArray(ser, so);
  }
}

static cJSON *block_json(const jb_block *b) {
  cJSON *o = cJSON_CreateObject();
  add_str(o, "type", jb_block_type_name(b->type));
  switch (b->type) {
  case JB_BLOCK_HEADING:
    cJSON_AddNumberToObject(o, "level", b->u.heading.level);
    if (!b->u.heading.numbered) cJSON_AddFalseToObject(o, "numbered");
    add_inline(o, "text", &b->u.heading.text);
    break;
  case JB_BLOCK_PARAGRAPH:
  case JB_BLOCK_SOURCE:
  case JB_BLOCK_FOOTNOTE: add_inline(o, "text", &b->u.para.text); break;
  case JB_BLOCK_LIST: {
    if (b->u.list.ordered) cJSON_AddTrueToObject(o, "ordered");
    cJSON *items = cJSON_AddArrayToObject(o, "items");
    for (size_t i = 0; i < b->u.list.n_items; i++)
      cJSON_AddItemToArray(items, inline_json(&b->u.list.items[i]));
    break;
  }
  case JB_BLOCK_TILES: {
    if (b->u.tiles.columns) cJSON_AddNumberToObject(o, "columns", b->u.tiles.columns);
    cJSON *items = cJSON_AddArrayToObject(o, "items");
    for (size_t i = 0; i < b->u.tiles.n_items; i++) {
      const jb_tile *t = &b->u.tiles.items[i];
      cJSON *to = cJSON_CreateObject();
      if (t->value.is_fact) add_factref(to, &t->value.fact);
      else cJSON_AddItemToObject(to, "value", value_json(&t->value));
      if (!(t->from_fact & JB_TILE_UNIT)) add_str(to, "unit", t->unit);
      if (!(t->from_fact & JB_TILE_LABEL)) add_str(to, "label", t->label);
      add_str(to, "note", t->note);
      if (!(t->from_fact & JB_TILE_SOURCE)) add_str(to, "source", t->source);
      cJSON_AddItemToArray(items, to);
    }
    break;
  }
  case JB_BLOCK_TABLE: add_table(o, &b->u.table); break;
  case JB_BLOCK_CHART: add_chart(o, &b->u.chart); break;
  case JB_BLOCK_QUOTE:
  case JB_BLOCK_CALLOUT:
    add_inline(o, "title", &b->u.quote.title);
    add_inline(o, "text", &b->u.quote.text);
    add_str(o, "attribution", b->u.quote.attribution);
    break;
  case JB_BLOCK_IMAGE:
    add_str(o, "path", b->u.image.path);
    if (b->u.image.width_mm > 0) cJSON_AddNumberToObject(o, "width_mm", b->u.image.width_mm);
    add_inline(o, "caption", &b->u.image.caption);
    break;
  case JB_BLOCK_SPACER: cJSON_AddNumberToObject(o, "height_mm", b->u.spacer.height_mm); break;
  case JB_BLOCK_TOC:
    add_inline(o, "title", &b->u.toc.title);
    if (b->u.toc.levels != 2) cJSON_AddNumberToObject(o, "levels", b->u.toc.levels);
    break;
  default: break;
  }
  return o;
}

static cJSON *briefing_json(const jb_briefing *b) {
  cJSON *root = cJSON_CreateObject();
  cJSON_AddNumberToObject(root, "version", 1);
  add_str(root, "layout", b->layout);
  add_str(root, "facts", b->facts);
  const jb_meta *m = &b->meta;
  cJSON *mo = cJSON_AddObjectToObject(root, "meta");
  add_str(mo, "title", m->title);
  add_str(mo, "subtitle", m->subtitle);
  add_str(mo, "masthead", m->masthead);
  add_str(mo, "issuer", m->issuer);
  if (m->issue_text) add_str(mo, "issue", m->issue_text);
  else if (m->issue) cJSON_AddNumberToObject(mo, "issue", (double)m->issue);
  if (m->issue_total) cJSON_AddNumberToObject(mo, "issue_total", (double)m->issue_total);
  add_str(mo, "date", m->date);
  add_str(mo, "author", m->author);
  add_strlist(mo, "keywords", &m->keywords);
  add_str(mo, "language", m->language);
  add_str(mo, "marking", m->marking);
  if (m->report_to.n || m->send_to.n || m->issue_to.n || m->cc.n || m->print_count) {
    cJSON *d = cJSON_AddObjectToObject(mo, "distribution");
    add_strlist(d, "report_to", &m->report_to);
    add_strlist(d, "send_to", &m->send_to);
    add_strlist(d, "issue_to", &m->issue_to);
    add_strlist(d, "cc", &m->cc);
    if (m->print_count) cJSON_AddNumberToObject(d, "print_count", (double)m->print_count);
  }
  cJSON *blocks = cJSON_AddArrayToObject(root, "blocks");
  for (size_t i = 0; i < b->n_blocks; i++) cJSON_AddItemToArray(blocks, block_json(&b->blocks[i]));
  return root;
}

/* ---- Printing: 2-space indent; short containers on one line ------------------------ */

static void put_num(jb_buf *out, double v) {
  if (!isfinite(v)) {
    jb_buf_adds(out, "null");
    return;
  }
  if (v == floor(v) && fabs(v) < 1e15) {
    jb_buf_printf(out, "%.0f", v);
    return;
  }
  char tmp[40];
  for (int prec = 1; prec <= 17; prec++) { /* shortest text that reads back exactly */
    snprintf(tmp, sizeof tmp, "%.*g", prec, v);
    for (char *p = tmp; *p; p++)
      if (*p == ',') *p = '.';
    if (strtod(tmp, NULL) == v) break;
  }
  jb_buf_adds(out, tmp);
}

static void put_str(jb_buf *out, const char *s) {
  jb_buf_addc(out, '"');
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    switch (*p) {
    case '"': jb_buf_adds(out, "\\\""); break;
    case '\\': jb_buf_adds(out, "\\\\"); break;
    case '\n': jb_buf_adds(out, "\\n"); break;
    case '\r': jb_buf_adds(out, "\\r"); break;
    case '\t': jb_buf_adds(out, "\\t"); break;
    default:
      if (*p < 0x20) jb_buf_printf(out, "\\u%04x", *p);
      else jb_buf_addc(out, (char)*p);
    }
  }
  jb_buf_addc(out, '"');
}

static void put(jb_buf *out, const cJSON *j, int indent, int compact);

static int depth_of(const cJSON *j) {
  int d = 0;
  for (const cJSON *c = j->child; c; c = c->next) {
    int cd = depth_of(c);
    if (cd > d) d = cd;
  }
  return (cJSON_IsArray(j) || cJSON_IsObject(j)) ? d + 1 : 0;
}

static void put_container(jb_buf *out, const cJSON *j, int indent, int compact) {
  int obj = cJSON_IsObject(j);
  char open = obj ? '{' : '[', close = obj ? '}' : ']';
  if (!j->child) {
    jb_buf_addc(out, open);
    jb_buf_addc(out, close);
    return;
  }
  if (!compact && depth_of(j) <= 2) { /* try one line: short enough to read */
    jb_buf tmp;
    jb_buf_init(&tmp, out->ctx);
    put_container(&tmp, j, 0, 1);
    size_t chars = 0;
    for (size_t i = 0; i < tmp.len; i++) chars += ((unsigned char)tmp.data[i] & 0xC0) != 0x80;
    int fits = chars + (size_t)indent <= 96 && (depth_of(j) == 1 || chars <= 72);
    if (fits) jb_buf_add(out, tmp.data, tmp.len);
    jb_buf_fini(&tmp);
    if (fits) return;
  }
  jb_buf_addc(out, open);
  for (const cJSON *c = j->child; c; c = c->next) {
    if (compact) {
      if (c != j->child) jb_buf_adds(out, ", ");
    } else {
      jb_buf_addc(out, '\n');
      for (int i = 0; i < indent + 2; i++) jb_buf_addc(out, ' ');
    }
    if (obj) {
      put_str(out, c->string);
      jb_buf_adds(out, ": ");
    }
    put(out, c, indent + 2, compact);
    if (!compact && c->next) jb_buf_addc(out, ',');
  }
  if (!compact) {
    jb_buf_addc(out, '\n');
    for (int i = 0; i < indent; i++) jb_buf_addc(out, ' ');
  }
  jb_buf_addc(out, close);
}

static void put(jb_buf *out, const cJSON *j, int indent, int compact) {
  if (cJSON_IsString(j)) put_str(out, j->valuestring);
  else if (cJSON_IsNumber(j)) put_num(out, j->valuedouble);
  else if (cJSON_IsTrue(j)) jb_buf_adds(out, "true");
  else if (cJSON_IsFalse(j)) jb_buf_adds(out, "false");
  else if (cJSON_IsNull(j)) jb_buf_adds(out, "null");
  else put_container(out, j, indent, compact);
}

void jb_briefing_write(jb_ctx *ctx, const jb_briefing *b, jb_buf *out) {
  (void)ctx;
  cJSON *root = briefing_json(b);
  put(out, root, 0, 0);
  jb_buf_addc(out, '\n');
  cJSON_Delete(root);
}

jb_status jb_briefing_save(jb_ctx *ctx, const jb_briefing *b, const char *path) {
  jb_buf out;
  jb_buf_init(&out, ctx);
  jb_briefing_write(ctx, b, &out);
  jb_status st = jb_write_file_atomic(ctx, path, out.data, out.len);
  jb_buf_fini(&out);
  return st;
}

/* ---- Dump ---------------------------------------------------------------------------- */

static void d_str(jb_buf *o, const char *s) {
  if (s) put_str(o, s);
  else jb_buf_adds(o, "-");
}

static void d_ref(jb_buf *o, const jb_factref *r) {
  if (r->id) jb_buf_printf(o, "{fact:%s}", r->id);
  else jb_buf_printf(o, "{fact:#%ld}", r->index);
}

static void d_inline(jb_buf *o, const jb_inline *in) {
  for (size_t i = 0; i < in->n_runs; i++) {
    const jb_run *r = &in->runs[i];
    if (i) jb_buf_addc(o, ' ');
    if (r->is_fact) d_ref(o, &r->fact), jb_buf_addc(o, '=');
    d_str(o, r->text);
    if (r->style & JB_RUN_BOLD) jb_buf_adds(o, "[b]");
    if (r->style & JB_RUN_EMPH) jb_buf_adds(o, "[em]");
  }
}

static void d_value(jb_buf *o, const jb_value *v) {
  if (v->is_fact) d_ref(o, &v->fact), jb_buf_addc(o, '=');
  if (v->has_value) put_num(o, v->value);
  else jb_buf_adds(o, "~");
  if (v->text) jb_buf_addc(o, '/'), d_str(o, v->text);
}

static void d_list(jb_buf *o, const char *name, const jb_strlist *l) {
  jb_buf_printf(o, "  %s:", name);
  for (size_t i = 0; i < l->n; i++) jb_buf_addc(o, ' '), d_str(o, l->items[i]);
  jb_buf_addc(o, '\n');
}

static void d_row(jb_buf *o, const char *what, size_t i, const jb_row *r) {
  jb_buf_printf(o, "    %s[%zu]:", what, i);
  for (size_t k = 0; k < r->n_cells; k++) {
    const jb_cell *c = &r->cells[k];
    jb_buf_printf(o, " <%d", (int)c->kind);
    if (c->colspan != 1) jb_buf_printf(o, " span=%d", c->colspan);
    if (c->rowspan > 1) jb_buf_printf(o, " rowspan=%d", c->rowspan);
    if (c->bold) jb_buf_adds(o, " b");
    jb_buf_addc(o, ' ');
    if (c->kind == JB_CELL_TEXT) d_inline(o, &c->text);
    else if (c->kind != JB_CELL_EMPTY) d_value(o, &c->num);
    jb_buf_addc(o, '>');
  }
  jb_buf_addc(o, '\n');
}

/* The tiles of a key-figures block, one a line. */
static void d_tiles(jb_buf *o, const jb_block *b) {
  jb_buf_printf(o, " columns=%d", b->u.tiles.columns);
  for (size_t i = 0; i < b->u.tiles.n_items; i++) {
    const jb_tile *t = &b->u.tiles.items[i];
    jb_buf_printf(o, "\n    tile[%zu]: ", i);
    d_value(o, &t->value);
    jb_buf_adds(o, " unit="), d_str(o, t->unit);
    jb_buf_adds(o, " label="), d_str(o, t->label);
    jb_buf_adds(o, " note="), d_str(o, t->note);
    jb_buf_adds(o, " source="), d_str(o, t->source);
  }
}

/* Caption, columns and rows; ends without the newline d_block adds. */
static void d_table(jb_buf *o, const jb_table *t) {
  jb_buf_adds(o, " caption="), d_inline(o, &t->caption);
  jb_buf_adds(o, " unit="), d_str(o, t->unit);
  jb_buf_adds(o, " source="), d_str(o, t->source);
  if (t->grid || t->zebra) jb_buf_printf(o, " grid=%d zebra=%d", t->grid, t->zebra);
  jb_buf_printf(o, "\n    columns=%zu:", t->n_columns);
  for (size_t i = 0; i < t->n_columns; i++) {
    const jb_column *c = &t->columns[i];
    jb_buf_printf(o, " <a%d%s f%d d%d w", (int)c->align, c->align_set ? "!" : "", (int)c->format,
                  c->decimals);
    put_num(o, c->width);
    if (c->unit && !c->unit_from_fact) jb_buf_adds(o, " u="), d_str(o, c->unit);
    jb_buf_addc(o, '>');
  }
  jb_buf_addc(o, '\n');
  for (size_t i = 0; i < t->n_header; i++) d_row(o, "header", i, &t->header[i]);
  for (size_t i = 0; i < t->n_rows; i++) d_row(o, "row", i, &t->rows[i]);
  if (o->len) o->len--, o->data[o->len] = 0; /* the last newline comes below */
}

static void d_chart(jb_buf *o, const jb_chart *c) {
  jb_buf_printf(o, " kind=%s height_mm=", jb_chart_kind_name(c->kind));
  put_num(o, c->height_mm);
  jb_buf_adds(o, " caption="), d_inline(o, &c->caption);
  jb_buf_adds(o, " unit="), d_str(o, c->unit);
  jb_buf_adds(o, " source="), d_str(o, c->source);
  if (c->stacked || c->red_up || c->no_value_labels)
    jb_buf_printf(o, " stacked=%d red_up=%d value_labels=%d", c->stacked, c->red_up, !c->no_value_labels);
  jb_buf_adds(o, "\n    categories:");
  for (size_t i = 0; i < c->n_categories; i++) jb_buf_addc(o, ' '), d_str(o, c->categories[i]);
  for (size_t i = 0; i < c->n_series; i++) {
    jb_buf_printf(o, "\n    series[%zu] ", i);
    d_str(o, c->series[i].name);
    if (c->series[i].line || c->series[i].axis || c->series[i].unit) {
      jb_buf_printf(o, " line=%d axis=%d unit=", c->series[i].line, c->series[i].axis);
      d_str(o, c->series[i].unit);
    }
    jb_buf_addc(o, ':');
    for (size_t k = 0; k < c->series[i].n_values; k++)
      jb_buf_addc(o, ' '), d_value(o, &c->series[i].values[k]);
  }
}

static void d_block(jb_buf *o, const jb_block *b) {
  jb_buf_printf(o, "%s %s", b->path ? b->path : "?", jb_block_type_name(b->type));
  switch (b->type) {
  case JB_BLOCK_HEADING:
    jb_buf_printf(o, " level=%d numbered=%d: ", b->u.heading.level, b->u.heading.numbered);
    d_inline(o, &b->u.heading.text);
    break;
  case JB_BLOCK_PARAGRAPH:
  case JB_BLOCK_SOURCE:
  case JB_BLOCK_FOOTNOTE: jb_buf_adds(o, ": "), d_inline(o, &b->u.para.text); break;
  case JB_BLOCK_LIST:
    jb_buf_printf(o, " ordered=%d", b->u.list.ordered);
    for (size_t i = 0; i < b->u.list.n_items; i++)
      jb_buf_printf(o, "\n    item[%zu]: ", i), d_inline(o, &b->u.list.items[i]);
    break;
  case JB_BLOCK_TILES: d_tiles(o, b); break;
  case JB_BLOCK_TABLE: d_table(o, &b->u.table); break;
  case JB_BLOCK_CHART: d_chart(o, &b->u.chart); break;
  case JB_BLOCK_QUOTE:
  case JB_BLOCK_CALLOUT:
    jb_buf_adds(o, " title="), d_inline(o, &b->u.quote.title);
    jb_buf_adds(o, " attribution="), d_str(o, b->u.quote.attribution);
    jb_buf_adds(o, ": "), d_inline(o, &b->u.quote.text);
    break;
  case JB_BLOCK_IMAGE:
    jb_buf_adds(o, " path="), d_str(o, b->u.image.path);
    jb_buf_adds(o, " width_mm="), put_num(o, b->u.image.width_mm);
    jb_buf_adds(o, " caption="), d_inline(o, &b->u.image.caption);
    break;
  case JB_BLOCK_SPACER: jb_buf_adds(o, " height_mm="), put_num(o, b->u.spacer.height_mm); break;
  case JB_BLOCK_TOC:
    jb_buf_printf(o, " levels=%d title=", b->u.toc.levels);
    d_inline(o, &b->u.toc.title);
    break;
  default: break;
  }
  jb_buf_addc(o, '\n');
}

void jb_briefing_dump(const jb_briefing *b, jb_buf *o) {
  const jb_meta *m = &b->meta;
  jb_buf_adds(o, "briefing layout="), d_str(o, b->layout);
  jb_buf_adds(o, " facts="), d_str(o, b->facts);
  jb_buf_adds(o, "\n  title="), d_str(o, m->title);
  jb_buf_adds(o, " subtitle="), d_str(o, m->subtitle);
  jb_buf_adds(o, " masthead="), d_str(o, m->masthead);
  jb_buf_adds(o, "\n  issuer="), d_str(o, m->issuer);
  jb_buf_printf(o, " issue=%ld issue_text=", m->issue), d_str(o, m->issue_text);
  jb_buf_printf(o, " issue_total=%ld date=", m->issue_total), d_str(o, m->date);
  jb_buf_adds(o, "\n  author="), d_str(o, m->author);
  jb_buf_adds(o, " language="), d_str(o, m->language);
  jb_buf_adds(o, " marking="), d_str(o, m->marking);
  jb_buf_printf(o, " print_count=%ld\n", m->print_count);
  d_list(o, "keywords", &m->keywords);
  d_list(o, "report_to", &m->report_to);
  d_list(o, "send_to", &m->send_to);
  d_list(o, "issue_to", &m->issue_to);
  d_list(o, "cc", &m->cc);
  for (size_t i = 0; i < b->n_blocks; i++) d_block(o, &b->blocks[i]);
}
