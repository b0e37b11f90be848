/* briefing.json -> jb_briefing: validation with located, path-naming errors. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compose/jv.h"
#include "compose/model.h"

static const char *const BLOCK_NAMES[] = {"heading", "paragraph", "list",   "tiles",  "table",
                                          "chart",   "quote",     "callout", "source", "footnote",
                                          "image",   "spacer",    "pagebreak", "toc", NULL};
static const char *const CHART_NAMES[] = {"bar", "column", "line", "pie", "donut", NULL};

const char *jb_block_type_name(jb_block_type t) {
  return t < JB_BLOCK_TYPE_COUNT ? BLOCK_NAMES[t] : "?";
}

const char *jb_chart_kind_name(jb_chart_kind k) { return k <= JB_CHART_DONUT ? CHART_NAMES[k] : "?"; }

static const cJSON *get(const cJSON *o, const char *k) {
  return cJSON_GetObjectItemCaseSensitive(o, k);
}

/* ---- Fact references and inline text ----------------------------------------- */

/* `{"fact": "id"}` or `{"fact": 3}` member of obj. */
static jb_status parse_factref(jv *v, const cJSON *obj, jb_factref *ref) {
  const cJSON *f = get(obj, "fact");
  ref->index = -1;
  ref->path = jv_path(v);
  jv_push_key(v, "fact");
  jb_status st = JB_OK;
  if (cJSON_IsString(f) && f->valuestring[0]) ref->id = jv_strdup(v->arena, f->valuestring);
  else if (cJSON_IsNumber(f) && f->valuedouble >= 0 && f->valuedouble < 1e9 &&
           f->valuedouble == (double)(long)f->valuedouble)
    ref->index = (long)f->valuedouble;
  else
    st = jv_fail(v, "expected a fact id (non-empty string) or a fact index (integer >= 0), got %s",
                 jv_type_name(f));
  jv_pop(v);
  return st;
}

static const char *const SPAN_KEYS[] = {"text", "bold", "emph", "fact", NULL};

static jb_status parse_span(jv *v, const cJSON *j, jb_run *r) {
  if (cJSON_IsString(j)) {
    r->text = jv_strdup(v->arena, j->valuestring);
    return JB_OK;
  }
  if (!cJSON_IsObject(j))
    return jv_fail(v, "expected a string or a span object {\"text\"|\"fact\", \"bold\", \"emph\"}, got %s",
                   jv_type_name(j));
  jb_status st = jv_keys(v, j, SPAN_KEYS);
  if (st) return st;
  int bold = 0, emph = 0;
  if ((st = jv_bool(v, j, "bold", &bold)) || (st = jv_bool(v, j, "emph", &emph))) return st;
  r->style = (bold ? JB_RUN_BOLD : 0) | (emph ? JB_RUN_EMPH : 0);
  int has_text = get(j, "text") != NULL, has_fact = get(j, "fact") != NULL;
  if (has_text == has_fact)
    return jv_fail(v, has_text ? "a span has either \"text\" or \"fact\", not both"
                               : "a span needs \"text\" or \"fact\"");
  if (has_text) return jv_str(v, j, "text", 1, &r->text);
  r->is_fact = 1;
  return parse_factref(v, j, &r->fact);
}

/* Inline text: a string, a span object, or an array of strings and spans. */
static jb_status inline_value(jv *v, const cJSON *j, jb_inline *out) {
  jb_status st = JB_OK;
  if (cJSON_IsArray(j)) {
    out->n_runs = jv_count(j);
    out->runs = jv_alloc(v->arena, (out->n_runs ? out->n_runs : 1) * sizeof(jb_run));
    size_t i = 0;
    for (const cJSON *c = j->child; c && !st; c = c->next, i++) {
      jv_push_index(v, (long)i);
      st = parse_span(v, c, &out->runs[i]);
      jv_pop(v);
    }
    return st;
  }
  if (cJSON_IsString(j) || cJSON_IsObject(j)) {
    out->n_runs = 1;
    out->runs = jv_alloc(v->arena, sizeof(jb_run));
    return parse_span(v, j, &out->runs[0]);
  }
  return jv_fail(v, "expected text: a string, a span object or an array of them, got %s",
                 jv_type_name(j));
}

static jb_status parse_inline(jv *v, const cJSON *obj, const char *key, int required,
                              jb_inline *out) {
  const cJSON *j = get(obj, key);
  if (!j) return required ? jv_fail(v, "missing required key \"%s\"", key) : JB_OK;
  jv_push_key(v, key);
  jb_status st = inline_value(v, j, out);
  if (!st && required && jb_inline_is_empty(out)) st = jv_fail(v, "the text is empty");
  jv_pop(v);
  return st;
}

int jb_inline_is_empty(const jb_inline *in) {
  for (size_t i = 0; i < in->n_runs; i++)
    if (in->runs[i].is_fact || (in->runs[i].text && in->runs[i].text[0])) return 0;
  return 1;
}

/* ---- Values (numbers, strings, fact refs) ------------------------------------ */

/* number | string | {"fact": ...} | null (when allow_null). */
static jb_status parse_value(jv *v, const cJSON *j, int allow_null, jb_value *out) {
  if (cJSON_IsNumber(j)) {
    out->has_value = 1;
    out->value = j->valuedouble;
    return JB_OK;
  }
  if (cJSON_IsString(j)) {
    out->text = jv_strdup(v->arena, j->valuestring);
    return JB_OK;
  }
  if (cJSON_IsNull(j) && allow_null) return JB_OK;
  if (cJSON_IsObject(j)) {
    static const char *const keys[] = {"fact", NULL};
    jb_status st = jv_keys(v, j, keys);
    if (st) return st;
    if (!get(j, "fact")) return jv_fail(v, "expected {\"fact\": <id>}");
    out->is_fact = 1;
    return parse_factref(v, j, &out->fact);
  }
  return jv_fail(v, "expected a number, a string%s or {\"fact\": <id>}, got %s",
                 allow_null ? ", null" : "", jv_type_name(j));
}

/* ---- Blocks ------------------------------------------------------------------- */

static jb_status parse_heading(jv *v, const cJSON *j, jb_block *b) {
  static const char *const keys[] = {"type", "level", "text", "numbered", NULL};
  jb_status st = jv_keys(v, j, keys);
  long level = 1;
  b->u.heading.numbered = 1;
  if (!st) st = jv_int(v, j, "level", 1, 4, &level);
  if (!st) st = jv_bool(v, j, "numbered", &b->u.heading.numbered);
  if (!st) st = parse_inline(v, j, "text", 1, &b->u.heading.text);
  b->u.heading.level = (int)level;
  return st;
}

static jb_status parse_textblock(jv *v, const cJSON *j, jb_block *b) {
  static const char *const keys[] = {"type", "text", NULL};
  jb_status st = jv_keys(v, j, keys);
  return st ? st : parse_inline(v, j, "text", 1, &b->u.para.text);
}

static jb_status parse_list(jv *v, const cJSON *j, jb_block *b) {
  static const char *const keys[] = {"type", "ordered", "items", NULL};
  jb_status st = jv_keys(v, j, keys);
  if (!st) st = jv_bool(v, j, "ordered", &b->u.list.ordered);
  if (st) return st;
  const cJSON *items = get(j, "items");
  if (!items) return jv_fail(v, "missing required key \"items\"");
  jv_push_key(v, "items");
  st = jv_array(v, items);
  if (!st && !items->child) st = jv_fail(v, "a list needs at least one item");
  size_t n = jv_count(items), i = 0;
  b->u.list.n_items = n;
  b->u.list.items = jv_alloc(v->arena, (n ? n : 1) * sizeof(jb_inline));
  for (const cJSON *c = st ? NULL : items->child; c && !st; c = c->next, i++) {
    jv_push_index(v, (long)i);
    jb_inline *in = &b->u.list.items[i];
    st = inline_value(v, c, in);
    if (!st && jb_inline_is_empty(in)) st = jv_fail(v, "the item is empty");
    jv_pop(v);
  }
  jv_pop(v);
  return st;
}

static jb_status parse_tile(jv *v, const cJSON *j, jb_tile *t) {
  static const char *const keys[] = {"value", "unit", "label", "note", "source", "fact", NULL};
  jb_status st = jv_object(v, j);
  if (!st) st = jv_keys(v, j, keys);
  if (!st) st = jv_str(v, j, "unit", 0, &t->unit);
  if (!st) st = jv_str(v, j, "label", 0, &t->label);
  if (!st) st = jv_str(v, j, "note", 0, &t->note);
  if (!st) st = jv_str(v, j, "source", 0, &t->source);
  if (st) return st;
  const cJSON *val = get(j, "value");
  int has_fact = get(j, "fact") != NULL;
  if (val && has_fact) return jv_fail(v, "a tile has either \"value\" or \"fact\", not both");
  if (!val && !has_fact) return jv_fail(v, "a tile needs \"value\" or \"fact\"");
  if (!has_fact && !t->label) return jv_fail(v, "missing required key \"label\"");
  if (has_fact) {
    t->value.is_fact = 1;
    return parse_factref(v, j, &t->value.fact);
  }
  jv_push_key(v, "value");
  if (cJSON_IsNumber(val) || cJSON_IsString(val)) st = parse_value(v, val, 0, &t->value);
  else st = jv_fail(v, "expected a number or a string, got %s", jv_type_name(val));
  jv_pop(v);
  return st;
}

static jb_status parse_tiles(jv *v, const cJSON *j, jb_block *b) {
  static const char *const keys[] = {"type", "columns", "items", NULL};
  jb_status st = jv_keys(v, j, keys);
  long cols = 0;
  if (!st) st = jv_int(v, j, "columns", 1, 6, &cols);
  b->u.tiles.columns = (int)cols;
  if (st) return st;
  const cJSON *items = get(j, "items");
  if (!items) return jv_fail(v, "missing required key \"items\"");
  jv_push_key(v, "items");
  st = jv_array(v, items);
  if (!st && !items->child) st = jv_fail(v, "tiles need at least one item");
  size_t n = jv_count(items), i = 0;
  b->u.tiles.n_items = n;
  b->u.tiles.items = jv_alloc(v->arena, (n ? n : 1) * sizeof(jb_tile));
  for (const cJSON *c = st ? NULL : items->child; c && !st; c = c->next, i++) {
    jv_push_index(v, (long)i);
    st = parse_tile(v, c, &b->u.tiles.items[i]);
    jv_pop(v);
  }
  jv_pop(v);
  return st;
}

/* ---- Tables -------------------------------------------------------------------- */

static jb_status parse_cell(jv *v, const cJSON *j, jb_cell *c) {
  static const char *const keys[] = {"text", "value", "fact", "bold", "colspan", "rowspan", NULL};
  c->colspan = 1;
  c->rowspan = 1;
  if (cJSON_IsNull(j)) return JB_OK;
  if (cJSON_IsNumber(j)) {
    c->kind = JB_CELL_NUMBER;
    c->num.has_value = 1;
    c->num.value = j->valuedouble;
    return JB_OK;
  }
  if (cJSON_IsString(j)) {
    c->kind = JB_CELL_TEXT;
    c->text.n_runs = 1;
    c->text.runs = jv_alloc(v->arena, sizeof(jb_run));
    c->text.runs[0].text = jv_strdup(v->arena, j->valuestring);
    return JB_OK;
  }
  if (!cJSON_IsObject(j))
    return jv_fail(v, "expected a cell: a string, a number, null or an object, got %s",
                   jv_type_name(j));
  jb_status st = jv_keys(v, j, keys);
  long span = 1, rspan = 1;
  if (!st) st = jv_bool(v, j, "bold", &c->bold);
  if (!st) st = jv_int(v, j, "colspan", 1, 1000, &span);
  if (!st) st = jv_int(v, j, "rowspan", 1, 100000, &rspan);
  if (st) return st;
  c->colspan = (int)span;
  c->rowspan = (int)rspan;
  int nt = get(j, "text") != NULL, nv = get(j, "value") != NULL, nf = get(j, "fact") != NULL;
  if (nt + nv + nf > 1) return jv_fail(v, "a cell has only one of \"text\", \"value\" or \"fact\"");
  if (nt) {
    c->kind = JB_CELL_TEXT;
    return parse_inline(v, j, "text", 0, &c->text);
  }
  if (nf) {
    c->kind = JB_CELL_FACT;
    c->num.is_fact = 1;
    return parse_factref(v, j, &c->num.fact);
  }
  if (nv) {
    const cJSON *val = get(j, "value");
    jv_push_key(v, "value");
    if (cJSON_IsNumber(val)) {
      c->kind = JB_CELL_NUMBER;
      c->num.has_value = 1;
      c->num.value = val->valuedouble;
    } else if (!cJSON_IsNull(val)) {
      st = jv_fail(v, "expected a number or null, got %s", jv_type_name(val));
    }
    jv_pop(v);
  }
  return st;
}

static size_t row_width(const jb_row *r) {
  size_t w = 0;
  for (size_t i = 0; i < r->n_cells; i++) w += (size_t)r->cells[i].colspan;
  return w;
}

static jb_status parse_row(jv *v, const cJSON *j, jb_row *r) {
  jb_status st = jv_array(v, j);
  if (st) return st;
  r->n_cells = jv_count(j);
  r->cells = jv_alloc(v->arena, (r->n_cells ? r->n_cells : 1) * sizeof(jb_cell));
  size_t i = 0;
  for (const cJSON *c = j->child; c && !st; c = c->next, i++) {
    jv_push_index(v, (long)i);
    st = parse_cell(v, c, &r->cells[i]);
    jv_pop(v);
  }
  if (!st && r->n_cells == 0) st = jv_fail(v, "a row needs at least one cell");
  return st;
}

/* rows: array of arrays. With one_row_ok, a flat array of cells is one row. */
static jb_status parse_rows(jv *v, const cJSON *j, const char *key, int one_row_ok, jb_row **rows,
                            size_t *n) {
  const cJSON *a = get(j, key);
  if (!a) return JB_OK;
  jv_push_key(v, key);
  jb_status st = jv_array(v, a);
  if (!st && one_row_ok && a->child && !cJSON_IsArray(a->child)) {
    *n = 1;
    *rows = jv_alloc(v->arena, sizeof(jb_row));
    st = parse_row(v, a, &(*rows)[0]);
  } else if (!st) {
    *n = jv_count(a);
    *rows = jv_alloc(v->arena, (*n ? *n : 1) * sizeof(jb_row));
    size_t i = 0;
    for (const cJSON *c = a->child; c && !st; c = c->next, i++) {
      jv_push_index(v, (long)i);
      st = parse_row(v, c, &(*rows)[i]);
      jv_pop(v);
    }
  }
  jv_pop(v);
  return st;
}

static jb_status parse_column(jv *v, const cJSON *j, jb_column *c) {
  static const char *const keys[] = {"align", "format", "decimals", "width", "unit", NULL};
  static const char *const aligns[] = {"left", "center", "right", NULL};
  static const char *const formats[] = {"auto", "text", "number", "percent", NULL};
  jb_status st = jv_object(v, j);
  if (!st) st = jv_keys(v, j, keys);
  int a = -1, f = 0;
  long dec = -1;
  if (!st) st = jv_enum(v, j, "align", aligns, &a);
  if (!st) st = jv_enum(v, j, "format", formats, &f);
  if (!st) st = jv_int(v, j, "decimals", 0, 6, &dec);
  if (!st) st = jv_num(v, j, "width", 0.01, 1000, &c->width);
  c->unit = NULL, c->unit_from_fact = 0;
  if (!st) st = jv_str(v, j, "unit", 0, &c->unit);
  if (c->unit && !*c->unit) c->unit = NULL;
  static const jb_align map[] = {JB_ALIGN_LEFT, JB_ALIGN_CENTER, JB_ALIGN_RIGHT};
  c->align_set = a >= 0;
  c->align = a >= 0 ? map[a] : JB_ALIGN_LEFT;
  c->format = (jb_col_format)f;
  c->decimals = (int)dec;
  return st;
}

/* Each row must fill the table's width: its cells' column spans plus the
 * columns still covered by row spans from above. */
static jb_status check_row_widths(jv *v, const char *key, jb_row *rows, size_t n, size_t width) {
  size_t *busy = jb_calloc(v->ctx, width ? width : 1, sizeof(size_t)); /* rows a column stays covered */
  jb_status st = JB_OK;
  for (size_t i = 0; i < n && !st; i++) {
    size_t covered = 0, col = 0, w = 0;
    for (size_t c = 0; c < width; c++) covered += busy[c] > 0;
    for (size_t k = 0; k < rows[i].n_cells; k++) {
      const jb_cell *c = &rows[i].cells[k];
      while (col < width && busy[col]) col++;
      for (int s = 0; s < c->colspan && col < width; s++, col++)
        busy[col] = (size_t)c->rowspan;
      w += (size_t)c->colspan;
    }
    jv_push_key(v, key);
    jv_push_index(v, (long)i);
    if (w + covered != width) {
      if (covered)
        st = jv_fail(v, "expected %zu cell%s (%zu more column%s covered by a rowspan above), got %zu",
                     width - covered, width - covered == 1 ? "" : "s", covered, covered == 1 ? " is" : "s are", w);
      else
        st = jv_fail(v, "expected %zu cell%s, got %zu", width, width == 1 ? "" : "s", w);
    }
    for (size_t k = 0; k < rows[i].n_cells && !st; k++)
      if ((size_t)rows[i].cells[k].rowspan > n - i) {
        jv_push_index(v, (long)k);
        st = jv_fail(v, "rowspan %d runs past the last row", rows[i].cells[k].rowspan);
        jv_pop(v);
      }
    jv_pop(v);
    jv_pop(v);
    for (size_t c = 0; c < width; c++)
      if (busy[c]) busy[c]--;
  }
  jb_free(v->ctx, busy);
  return st;
}

static jb_status parse_table(jv *v, const cJSON *j, jb_block *b) {
  static const char *const keys[] = {"type", "caption", "unit", "source", "columns", "header",
                                     "rows", "style", "zebra", NULL};
  static const char *const styles[] = {"three-line", "grid", NULL};
  jb_table *t = &b->u.table;
  jb_status st = jv_keys(v, j, keys);
  int style = 0;
  if (!st) st = jv_enum(v, j, "style", styles, &style);
  t->grid = style == 1;
  if (!st) st = jv_bool(v, j, "zebra", &t->zebra);
  if (!st) st = parse_inline(v, j, "caption", 0, &t->caption);
  if (!st) st = jv_str(v, j, "unit", 0, &t->unit);
  if (!st) st = jv_str(v, j, "source", 0, &t->source);
  if (!st) st = parse_rows(v, j, "header", 1, &t->header, &t->n_header);
  if (!st && !get(j, "rows")) st = jv_fail(v, "missing required key \"rows\"");
  if (!st) st = parse_rows(v, j, "rows", 0, &t->rows, &t->n_rows);
  if (!st && t->n_rows == 0) {
    jv_push_key(v, "rows");
    st = jv_fail(v, "a table needs at least one row");
    jv_pop(v);
  }
  if (st) return st;
  const cJSON *cols = get(j, "columns");
  size_t width = t->n_header ? row_width(&t->header[0]) : row_width(&t->rows[0]);
  if (cols) {
    jv_push_key(v, "columns");
    st = jv_array(v, cols);
    if (!st && !cols->child) st = jv_fail(v, "expected at least one column");
    width = jv_count(cols);
    t->columns = jv_alloc(v->arena, (width ? width : 1) * sizeof(jb_column));
    size_t i = 0;
    for (const cJSON *c = st ? NULL : cols->child; c && !st; c = c->next, i++) {
      jv_push_index(v, (long)i);
      st = parse_column(v, c, &t->columns[i]);
      jv_pop(v);
    }
    jv_pop(v);
    if (st) return st;
  } else {
    t->columns = jv_alloc(v->arena, (width ? width : 1) * sizeof(jb_column));
    for (size_t i = 0; i < width; i++) t->columns[i] = (jb_column){.align = JB_ALIGN_LEFT, .format = JB_COL_AUTO, .decimals = -1};
  }
  t->n_columns = width;
  const cJSON *hj = get(j, "header");
  int flat = hj && hj->child && !cJSON_IsArray(hj->child);
  if (!flat) st = check_row_widths(v, "header", t->header, t->n_header, width);
  if (flat) { /* one flat header row: its path has no row index */
    if (row_width(&t->header[0]) != width) {
      jv_push_key(v, "header");
      st = jv_fail(v, "expected %zu cells, got %zu", width, row_width(&t->header[0]));
      jv_pop(v);
    }
  }
  if (!st) st = check_row_widths(v, "rows", t->rows, t->n_rows, width);
  return st;
}

/* ---- Charts --------------------------------------------------------------------- */

static jb_status parse_series(jv *v, const cJSON *j, size_t n_cat, jb_series *s) {
  static const char *const keys[] = {"name", "values", "type", "axis", "unit", NULL};
  static const char *const types[] = {"bar", "line", NULL};
  static const char *const axes[] = {"left", "right", NULL};
  jb_status st = jv_object(v, j);
  if (!st) st = jv_keys(v, j, keys);
  if (!st) st = jv_str(v, j, "name", 0, &s->name);
  int type = 0, axis = 0;
  if (!st) st = jv_enum(v, j, "type", types, &type);
  if (!st) st = jv_enum(v, j, "axis", axes, &axis);
  if (!st) st = jv_str(v, j, "unit", 0, &s->unit);
  s->line = type == 1, s->axis = axis == 1;
  if (st) return st;
  const cJSON *vals = get(j, "values");
  if (!vals) return jv_fail(v, "missing required key \"values\"");
  jv_push_key(v, "values");
  st = jv_array(v, vals);
  s->n_values = jv_count(vals);
  if (!st && s->n_values != n_cat)
    st = jv_fail(v, "expected %zu values (one per category), got %zu", n_cat, s->n_values);
  s->values = jv_alloc(v->arena, (s->n_values ? s->n_values : 1) * sizeof(jb_value));
  size_t i = 0;
  for (const cJSON *c = st ? NULL : vals->child; c && !st; c = c->next, i++) {
    jv_push_index(v, (long)i);
    if (cJSON_IsString(c)) st = jv_fail(v, "expected a number, null or {\"fact\": <id>}, got a string");
    else st = parse_value(v, c, 1, &s->values[i]);
    jv_pop(v);
  }
  jv_pop(v);
  return st;
}

static jb_status parse_chart(jv *v, const cJSON *j, jb_block *b) {
  static const char *const keys[] = {"type", "kind", "caption", "unit", "source", "categories",
                                     "series", "height_mm", "stacked", "red_up", "value_labels", NULL};
  jb_chart *c = &b->u.chart;
  int kind = -1;
  jb_status st = jv_keys(v, j, keys);
  if (!st && !get(j, "kind")) st = jv_fail(v, "missing required key \"kind\" (bar, column, line, pie or donut)");
  if (!st) st = jv_enum(v, j, "kind", CHART_NAMES, &kind);
  c->kind = (jb_chart_kind)kind;
  int labels = 1;
  if (!st) st = jv_bool(v, j, "stacked", &c->stacked);
  if (!st) st = jv_bool(v, j, "red_up", &c->red_up);
  if (!st && get(j, "value_labels")) st = jv_bool(v, j, "value_labels", &labels);
  c->no_value_labels = !labels;
  if (!st) st = parse_inline(v, j, "caption", 0, &c->caption);
  if (!st) st = jv_str(v, j, "unit", 0, &c->unit);
  if (!st) st = jv_str(v, j, "source", 0, &c->source);
  if (!st) st = jv_num(v, j, "height_mm", 10, 400, &c->height_mm);
  jb_strlist cats = {0};
  if (!st && !get(j, "categories")) st = jv_fail(v, "missing required key \"categories\"");
  if (!st) st = jv_strlist(v, j, "categories", &cats);
  if (!st && cats.n == 0) {
    jv_push_key(v, "categories");
    st = jv_fail(v, "a chart needs at least one category");
    jv_pop(v);
  }
  c->categories = cats.items;
  c->n_categories = cats.n;
  if (st) return st;
  const cJSON *ser = get(j, "series");
  if (!ser) return jv_fail(v, "missing required key \"series\"");
  jv_push_key(v, "series");
  st = jv_array(v, ser);
  c->n_series = jv_count(ser);
  if (!st && c->n_series == 0) st = jv_fail(v, "a chart needs at least one series");
  if (!st && (c->kind == JB_CHART_PIE || c->kind == JB_CHART_DONUT) && c->n_series != 1)
    st = jv_fail(v, "a %s chart takes exactly 1 series, got %zu", jb_chart_kind_name(c->kind), c->n_series);
  c->series = jv_alloc(v->arena, (c->n_series ? c->n_series : 1) * sizeof(jb_series));
  size_t i = 0;
  for (const cJSON *s = st ? NULL : ser->child; s && !st; s = s->next, i++) {
    jv_push_index(v, (long)i);
    st = parse_series(v, s, c->n_categories, &c->series[i]);
    jv_pop(v);
  }
  jv_pop(v);
  return st;
}

/* ---- Other blocks ----------------------------------------------------------------- */

static jb_status parse_quote(jv *v, const cJSON *j, jb_block *b) {
  static const char *const qkeys[] = {"type", "text", "attribution", NULL};
  static const char *const ckeys[] = {"type", "title", "text", NULL};
  int callout = b->type == JB_BLOCK_CALLOUT;
  jb_status st = jv_keys(v, j, callout ? ckeys : qkeys);
  if (!st) st = parse_inline(v, j, "text", 1, &b->u.quote.text);
  if (!st && callout) st = parse_inline(v, j, "title", 0, &b->u.quote.title);
  if (!st && !callout) st = jv_str(v, j, "attribution", 0, &b->u.quote.attribution);
  return st;
}

static int has_suffix(const char *s, const char *suf) {
  size_t a = strlen(s), b = strlen(suf);
  if (a < b) return 0;
  for (size_t i = 0; i < b; i++) {
    char c = s[a - b + i];
    if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
    if (c != suf[i]) return 0;
  }
  return 1;
}

static jb_status check_image_file(jv *v, const char *path) {
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY); /* a FIFO must not block */
  if (fd < 0) return jv_fail(v, "cannot open image \"%s\"", path);
  struct stat sb;
  unsigned char m[8] = {0};
  ssize_t n = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) ? read(fd, m, sizeof m) : -1;
  close(fd);
  if (n < 0) return jv_fail(v, "image \"%s\" is not a regular file", path);
  int png = n >= 8 && memcmp(m, "\x89PNG\r\n\x1a\n", 8) == 0;
  int jpg = n >= 3 && m[0] == 0xFF && m[1] == 0xD8 && m[2] == 0xFF;
  if (!png && !jpg) return jv_fail(v, "\"%s\" is neither a PNG nor a JPEG file", path);
  return JB_OK;
}

static jb_status parse_image(jv *v, const cJSON *j, jb_block *b, const char *base) {
  static const char *const keys[] = {"type", "path", "width_mm", "caption", NULL};
  jb_status st = jv_keys(v, j, keys);
  if (!st) st = jv_str(v, j, "path", 1, &b->u.image.path);
  if (!st) st = jv_num(v, j, "width_mm", 1, 1000, &b->u.image.width_mm);
  if (!st) st = parse_inline(v, j, "caption", 0, &b->u.image.caption);
  if (st) return st;
  const char *p = b->u.image.path;
  jv_push_key(v, "path");
  if (!has_suffix(p, ".png") && !has_suffix(p, ".jpg") && !has_suffix(p, ".jpeg"))
    st = jv_fail(v, "an image must be a .png, .jpg or .jpeg file, got \"%s\"", p);
  if (!st) {
    b->u.image.resolved = jb_compose_resolve_path(v->arena, base, p);
    if (!jb_path_allowed(v->ctx, base, b->u.image.resolved)) st = jv_fail(v, OUTSIDE_MSG, p);
    else st = check_image_file(v, b->u.image.resolved);
  }
  jv_pop(v);
  return st;
}

static jb_status parse_spacer(jv *v, const cJSON *j, jb_block *b) {
  static const char *const keys[] = {"type", "height_mm", NULL};
  b->u.spacer.height_mm = 5;
  jb_status st = jv_keys(v, j, keys);
  return st ? st : jv_num(v, j, "height_mm", 0, 300, &b->u.spacer.height_mm);
}

static jb_status parse_block(jv *v, const cJSON *j, jb_block *b, const char *base) {
  jb_status st = jv_object(v, j);
  if (st) return st;
  b->path = jv_path(v);
  const cJSON *t = get(j, "type");
  if (!t) return jv_fail(v, "missing required key \"type\"");
  int type = -1;
  if ((st = jv_enum(v, j, "type", BLOCK_NAMES, &type))) return st;
  b->type = (jb_block_type)type;
  switch (b->type) {
  case JB_BLOCK_HEADING: return parse_heading(v, j, b);
  case JB_BLOCK_PARAGRAPH:
  case JB_BLOCK_SOURCE:
  case JB_BLOCK_FOOTNOTE: return parse_textblock(v, j, b);
  case JB_BLOCK_LIST: return parse_list(v, j, b);
  case JB_BLOCK_TILES: return parse_tiles(v, j, b);
  case JB_BLOCK_TABLE: return parse_table(v, j, b);
  case JB_BLOCK_CHART: return parse_chart(v, j, b);
  case JB_BLOCK_QUOTE:
  case JB_BLOCK_CALLOUT: return parse_quote(v, j, b);
  case JB_BLOCK_IMAGE: return parse_image(v, j, b, base);
  case JB_BLOCK_SPACER: return parse_spacer(v, j, b);
  case JB_BLOCK_PAGEBREAK: {
    static const char *const keys[] = {"type", NULL};
    return jv_keys(v, j, keys);
  }
  case JB_BLOCK_TOC: {
    static const char *const keys[] = {"type", "title", "levels", NULL};
    long levels = 2;
    st = jv_keys(v, j, keys);
    if (!st) st = parse_inline(v, j, "title", 0, &b->u.toc.title);
    if (!st) st = jv_int(v, j, "levels", 1, 4, &levels);
    b->u.toc.levels = (int)levels;
    return st;
  }
  default: return jv_fail(v, "unknown block type");
  }
}

/* ---- Metadata and the top level ------------------------------------------------ */

static jb_status parse_distribution(jv *v, const cJSON *j, jb_meta *m) {
  static const char *const keys[] = {"report_to", "send_to", "issue_to", "cc", "print_count", NULL};
  jb_status st = jv_object(v, j);
  if (!st) st = jv_keys(v, j, keys);
  if (!st) st = jv_strlist(v, j, "report_to", &m->report_to);
  if (!st) st = jv_strlist(v, j, "send_to", &m->send_to);
  if (!st) st = jv_strlist(v, j, "issue_to", &m->issue_to);
  if (!st) st = jv_strlist(v, j, "cc", &m->cc);
  if (!st) st = jv_int(v, j, "print_count", 1, 100000000, &m->print_count);
  return st;
}

static jb_status parse_meta(jv *v, const cJSON *j, jb_meta *m) {
  static const char *const keys[] = {"title",    "subtitle", "masthead", "issuer",  "issue",
                                     "issue_total", "date",  "author",   "keywords", "language",
                                     "marking",  "distribution", "printer", "print_date", "print", NULL};
  jb_status st = jv_object(v, j);
  if (!st) st = jv_keys(v, j, keys);
  if (!st) st = jv_str(v, j, "title", 1, &m->title);
  if (!st) st = jv_str(v, j, "subtitle", 0, &m->subtitle);
  if (!st) st = jv_str(v, j, "masthead", 0, &m->masthead);
  if (!st) st = jv_str(v, j, "issuer", 0, &m->issuer);
  if (!st) st = jv_str(v, j, "date", 0, &m->date);
  if (!st) st = jv_str(v, j, "author", 0, &m->author);
  if (!st) st = jv_strlist(v, j, "keywords", &m->keywords);
  if (!st) st = jv_str(v, j, "language", 0, &m->language);
  if (!st) st = jv_str(v, j, "marking", 0, &m->marking);
  if (!st) st = jv_str(v, j, "printer", 0, &m->printer);
  if (!st) st = jv_str(v, j, "print_date", 0, &m->print_date);
  static const char *const prints[] = {"mono", "color", NULL};
  int pm = -1;
  if (!st && get(j, "print") && !(st = jv_enum(v, j, "print", prints, &pm))) m->print = (char *)prints[pm];
  if (!st) st = jv_int(v, j, "issue_total", 1, 1000000, &m->issue_total);
  if (st) return st;
  const cJSON *iss = get(j, "issue");
  if (iss) {
    if (cJSON_IsString(iss)) m->issue_text = jv_strdup(v->arena, iss->valuestring);
    else st = jv_int(v, j, "issue", 1, 1000000, &m->issue);
    if (st) return st;
  }
  const char *bad = m->date && !jb_date_valid(m->date) ? "date"
                    : m->print_date && !jb_date_valid(m->print_date) ? "print_date" : NULL;
  if (bad) {
    jv_push_key(v, bad);
    st = jv_fail(v, "expected a date as YYYY-MM-DD, got \"%s\"", !strcmp(bad, "date") ? m->date : m->print_date);
    jv_pop(v);
    return st;
  }
  if (m->title && !m->title[0]) {
    jv_push_key(v, "title");
    st = jv_fail(v, "the title is empty");
    jv_pop(v);
    return st;
  }
  const cJSON *d = get(j, "distribution");
  if (d) {
    jv_push_key(v, "distribution");
    st = parse_distribution(v, d, m);
    jv_pop(v);
  }
  return st;
}

static jb_status parse_top(jv *v, const cJSON *root, jb_briefing *b) {
  static const char *const keys[] = {"$schema", "version", "layout", "facts", "meta", "blocks", NULL};
  jb_status st = jv_object(v, root);
  if (!st) st = jv_keys(v, root, keys);
  long version = 1;
  char *schema = NULL;
  if (!st) st = jv_str(v, root, "$schema", 0, &schema);
  if (!st) st = jv_int(v, root, "version", 1, 2, &version); /* 2 adds meta printer, print_date, print */
  if (!st) st = jv_str(v, root, "layout", 0, &b->layout);
  if (!st) st = jv_str(v, root, "facts", 0, &b->facts);
  if (st) return st;
  const cJSON *meta = get(root, "meta");
  if (!meta) return jv_fail(v, "missing required key \"meta\" (with at least a \"title\")");
  jv_push_key(v, "meta");
  st = parse_meta(v, meta, &b->meta);
  jv_pop(v);
  if (st) return st;
  const cJSON *blocks = get(root, "blocks");
  if (!blocks) return jv_fail(v, "missing required key \"blocks\"");
  jv_push_key(v, "blocks");
  st = jv_array(v, blocks);
  if (!st && !blocks->child) st = jv_fail(v, "a briefing needs at least one block");
  b->n_blocks = jv_count(blocks);
  b->blocks = jv_alloc(v->arena, (b->n_blocks ? b->n_blocks : 1) * sizeof(jb_block));
  size_t i = 0;
  for (const cJSON *c = st ? NULL : blocks->child; c && !st; c = c->next, i++) {
    jv_push_index(v, (long)i);
    st = parse_block(v, c, &b->blocks[i], b->file);
    jv_pop(v);
  }
  jv_pop(v);
  return st;
}

jb_status jb_briefing_parse(jb_ctx *ctx, const char *name, const char *json, size_t len,
                            jb_briefing **out) {
  *out = NULL;
  if (!name) name = "<briefing>";
  cJSON *root;
  jb_status st = jv_parse(ctx, name, json, len, &root);
  if (st) return st;
  jb_arena *a = jv_arena_new(ctx);
  jb_briefing *b = jv_alloc(a, sizeof *b);
  b->arena_ = a;
  b->file = jv_strdup(a, name);
  b->src_ = jv_strndup(a, json, len);
  b->src_len_ = len;
  jv v = {ctx, b->file, b->src_, len, a, {{0}}, 0};
  st = parse_top(&v, root, b);
  cJSON_Delete(root);
  if (st) {
    jv_arena_free(a);
    return st;
  }
  if (!b->meta.language) b->meta.language = jv_strdup(a, "zh-CN");
  *out = b;
  return JB_OK;
}

jb_status jb_briefing_load(jb_ctx *ctx, const char *path, jb_briefing **out) {
  char *data;
  size_t len;
  *out = NULL;
  jb_status st = jb_read_file(ctx, path, &data, &len);
  if (st) return st;
  st = jb_briefing_parse(ctx, strcmp(path, "-") == 0 ? "<stdin>" : path, data, len, out);
  jb_free(ctx, data);
  return st;
}

void jb_briefing_free(jb_briefing *b) {
  if (b) jv_arena_free(b->arena_);
}
