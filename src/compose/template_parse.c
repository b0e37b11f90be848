/* The keys of a layout template file, each checked and applied to the template in
 * order: page, fonts, colours, header and footer, headings, numbers, masthead,
 * closing, table, tiles, chart, fit, grid, print. Loading the files, the "extends"
 * chain and the sizes derived from others are template.c's. */
#include <stdio.h>
#include <string.h>

#include "compose/jv.h"
#include "compose/model.h"
#include "compose/template_imp.h"

static const char *const ROLE_NAMES[JB_ROLE_COUNT + 1] = {
    "body",       "h1",        "h2",         "h3",        "h4",           "title",
    "subtitle",   "masthead",  "issue",      "issuer",    "marking",      "tile_value",
    "tile_unit",  "tile_label", "tile_note", "caption",   "table",        "table_header",
    "chart",      "note",      "quote",      "callout",   "list",         "header",
    "footer",     "distribution", NULL};

const char *jb_role_name(jb_role r) { return r < JB_ROLE_COUNT ? ROLE_NAMES[r] : "?"; }

static const char *const FIELDS[] = {"title", "section", "page", "pages", "date", "issuer",
                                     "issue", NULL};

/* ---- Member parsers --------------------------------------------------------------- */

static const cJSON *get(const cJSON *o, const char *k) {
  return cJSON_GetObjectItemCaseSensitive(o, k);
}

static jb_status color_value(jv *v, const cJSON *j, jb_rgb *out) {
  const char *s = cJSON_IsString(j) ? j->valuestring : NULL;
  size_t n = s ? strlen(s) : 0;
  if (s && s[0] == '#' && (n == 7 || n == 4)) {
    unsigned val = 0;
    int ok = 1;
    for (size_t i = 1; i < n; i++) {
      char c = s[i];
      int h = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (h < 0) ok = 0;
      val = val * 16 + (unsigned)(h < 0 ? 0 : h);
      if (n == 4) val = val * 16 + (unsigned)(h < 0 ? 0 : h);
    }
    if (ok) {
      *out = rgb(val);
      return JB_OK;
    }
  }
  if (s) return jv_fail(v, "expected a colour as \"#RRGGBB\", got \"%s\"", s);
  return jv_fail(v, "expected a colour as \"#RRGGBB\", got %s", jv_type_name(j));
}

static jb_status color_member(jv *v, const cJSON *o, const char *key, jb_rgb *out) {
  const cJSON *j = get(o, key);
  if (!j) return JB_OK;
  jv_push_key(v, key);
  jb_status st = color_value(v, j, out);
  jv_pop(v);
  return st;
}

jb_status jb_tpl_mm_member(jv *v, const cJSON *o, const char *key, double lo, double hi,
                           double *out_pt) {
  double mm = -1;
  jb_status st = jv_num(v, o, key, lo, hi, &mm);
  if (!st && get(o, key)) *out_pt = mm * MM;
  return st;
}

/* A field pattern at the current path: its {field} names must be known. */
static jb_status check_pattern(jv *v, const char *s, const char *const *fields) {
  size_t nf = 0;
  while (fields[nf]) nf++;
  for (const char *p = s; *p; p++) {
    if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
      p++;
      continue;
    }
    if (*p != '{') continue;
    const char *end = strchr(p, '}');
    if (!end) return jv_fail(v, "unclosed '{' in \"%s\" (write {{ for a literal brace)", s);
    char name[64];
    size_t n = (size_t)(end - p - 1);
    snprintf(name, sizeof name, "%.*s", (int)(n < 63 ? n : 63), p + 1);
    size_t i = 0;
    while (i < nf && strcmp(fields[i], name) != 0) i++;
    if (i == nf) {
      const char *near = jb_nearest(name, fields, nf);
      if (near) return jv_fail(v, "unknown field {%s} (did you mean {%s}?)", name, near);
      jb_buf b;
      jb_buf_init(&b, v->ctx);
      for (size_t k = 0; k < nf; k++) jb_buf_printf(&b, "%s{%s}", k ? ", " : "", fields[k]);
      jb_status st = jv_fail(v, "unknown field {%s}; known fields: %s", name, b.data);
      jb_buf_fini(&b);
      return st;
    }
    p = end;
  }
  return JB_OK;
}

jb_status jb_tpl_pattern_member(jv *v, const cJSON *o, const char *key, const char *const *fields,
                                char **out) {
  char *s = NULL;
  jb_status st = jv_str(v, o, key, 0, &s);
  if (st || !s) return st;
  jv_push_key(v, key);
  st = check_pattern(v, s, fields);
  jv_pop(v);
  if (!st) *out = s;
  return st;
}

static jb_status parse_style(jv *v, const cJSON *j, jb_tpl_style *s, int *pitch_set) {
  static const char *const keys[] = {"stack", "size", "bold", "color", "line_pitch", "align",
                                     "indent", "space_before", "space_after", NULL};
  static const char *const aligns[] = {"justify", "left", "center", "right", "distribute", NULL};
  jb_status st = jv_object(v, j);
  if (!st) st = jv_keys(v, j, keys);
  if (!st) st = jv_str(v, j, "stack", 0, &s->stack);
  if (!st) st = jv_num(v, j, "size", 3, 200, &s->size);
  if (!st) st = jv_bool(v, j, "bold", &s->bold);
  if (!st) st = color_member(v, j, "color", &s->color);
  if (!st && get(j, "line_pitch")) {
    st = jv_num(v, j, "line_pitch", 1, 400, &s->line_pitch);
    *pitch_set = 1;
  }
  int a = (int)s->align;
  if (!st) st = jv_enum(v, j, "align", aligns, &a);
  s->align = (jb_align)a;
  if (!st) st = jv_num(v, j, "indent", 0, 20, &s->indent);
  if (!st) st = jv_num(v, j, "space_before", 0, 500, &s->space_before);
  if (!st) st = jv_num(v, j, "space_after", 0, 500, &s->space_after);
  if (!st && s->stack && !s->stack[0]) {
    jv_push_key(v, "stack");
    st = jv_fail(v, "the font stack name is empty");
    jv_pop(v);
  }
  return st;
}

static jb_status parse_fonts(loader *L, jv *v, const cJSON *j) {
  jb_status st = jv_object(v, j);
  if (!st) st = jv_keys(v, j, ROLE_NAMES);
  for (int r = 0; r < JB_ROLE_COUNT && !st; r++) {
    const cJSON *s = get(j, ROLE_NAMES[r]);
    if (!s) continue;
    jv_push_key(v, ROLE_NAMES[r]);
    st = parse_style(v, s, &L->t->roles[r], &L->raw.pitch_set[r]);
    jv_pop(v);
  }
  return st;
}

static jb_status parse_page(loader *L, jv *v, const cJSON *j) {
  static const char *const keys[] = {"size", "width_mm", "height_mm", "orientation",
                                     "margins_mm", "type_area_mm", "mirror", NULL};
  static const char *const sizes[] = {"A4", "A3", "A5", "B5", "Letter", NULL};
  static const double dims[][2] = {{210, 297}, {297, 420}, {148, 210}, {176, 250}, {215.9, 279.4}};
  static const char *const orients[] = {"portrait", "landscape", NULL};
  raw_page *r = &L->raw;
  jb_status st = jv_object(v, j);
  if (!st) st = jv_keys(v, j, keys);
  int size = -1, orient = r->landscape;
  if (!st) st = jv_enum(v, j, "size", sizes, &size);
  if (!st && size >= 0) r->w = dims[size][0], r->h = dims[size][1];
  if (!st && size >= 0 && (get(j, "width_mm") || get(j, "height_mm")))
    st = jv_fail(v, "give either \"size\" or \"width_mm\"/\"height_mm\", not both");
  if (!st) st = jv_num(v, j, "width_mm", 50, 2000, &r->w);
  if (!st) st = jv_num(v, j, "height_mm", 50, 2000, &r->h);
  if (!st) st = jv_enum(v, j, "orientation", orients, &orient);
  r->landscape = orient;
  if (!st) st = jv_bool(v, j, "mirror", &L->t->mirror);
  const cJSON *m = get(j, "margins_mm");
  if (!st && m) {
    static const char *const mk[] = {"top", "bottom", "left", "right", NULL};
    jv_push_key(v, "margins_mm");
    st = jv_object(v, m);
    if (!st) st = jv_keys(v, m, mk);
    if (!st) st = jv_num(v, m, "top", 0, 500, &r->top);
    if (!st) st = jv_num(v, m, "bottom", 0, 500, &r->bottom);
    if (!st) st = jv_num(v, m, "left", 0, 500, &r->left);
    if (!st) st = jv_num(v, m, "right", 0, 500, &r->right);
    jv_pop(v);
  }
  const cJSON *ta = get(j, "type_area_mm");
  if (!st && ta) {
    static const char *const tk[] = {"width", "height", NULL};
    jv_push_key(v, "type_area_mm");
    st = jv_object(v, ta);
    if (!st) st = jv_keys(v, ta, tk);
    if (!st) st = jv_num(v, ta, "width", 10, 2000, &r->ta_w);
    if (!st) st = jv_num(v, ta, "height", 10, 2000, &r->ta_h);
    jv_pop(v);
  }
  return st;
}

static jb_status parse_fields3(jv *v, const cJSON *j, jb_tpl_band *b, int slot) {
  static const char *const keys[] = {"left", "center", "right", NULL};
  jb_status st = jv_object(v, j);
  if (!st) st = jv_keys(v, j, keys);
  b->left[slot] = b->center[slot] = b->right[slot] = NULL;
  if (!st) st = jb_tpl_pattern_member(v, j, "left", FIELDS, &b->left[slot]);
  if (!st) st = jb_tpl_pattern_member(v, j, "center", FIELDS, &b->center[slot]);
  if (!st) st = jb_tpl_pattern_member(v, j, "right", FIELDS, &b->right[slot]);
  return st;
}

static jb_status parse_band(loader *L, jv *v, const cJSON *j, jb_tpl_band *b, int which) {
  static const char *const keys[] = {"offset_mm", "inset_em", "rule_pt", "odd", "even", "first",
                                     NULL};
  jb_status st = jv_object(v, j);
  if (!st) st = jv_keys(v, j, keys);
  if (!st) st = jb_tpl_mm_member(v, j, "offset_mm", 0, 100, &b->offset);
  if (!st) st = jv_num(v, j, "inset_em", 0, 20, &b->inset);
  if (!st) st = jv_num(v, j, "rule_pt", 0, 10, &b->rule);
  /* A file that sets "odd" alone makes even (and first) pages follow it, even
   * if a base template gave them their own fields. */
  if (get(j, "odd") && !get(j, "even")) L->raw.even_set[which] = 0;
  if (get(j, "odd") && !get(j, "first")) L->raw.first_set[which] = 0;
  static const char *const slots[] = {"odd", "even", "first"};
  for (int s = 0; s < 3 && !st; s++) {
    const cJSON *f = get(j, slots[s]);
    if (!f) continue;
    jv_push_key(v, slots[s]);
    if (s == JB_BAND_FIRST && cJSON_IsBool(f)) {
      b->first_hidden = !cJSON_IsTrue(f);
      L->raw.first_set[which] = 0;
    } else {
      st = parse_fields3(v, f, b, s);
      if (s == JB_BAND_EVEN) L->raw.even_set[which] = 1;
      if (s == JB_BAND_FIRST) L->raw.first_set[which] = 1, b->first_hidden = 0;
    }
    jv_pop(v);
  }
  return st;
}

static jb_status parse_headings(loader *L, jv *v, const cJSON *j) {
  static const char *const keys[] = {"numbered", "formats", NULL};
  static const char *const nfields[] = {"cn", "n", NULL};
  jb_status st = jv_object(v, j);
  if (!st) st = jv_keys(v, j, keys);
  if (!st) st = jv_bool(v, j, "numbered", &L->t->heading_numbers);
  const cJSON *f = get(j, "formats");
  if (!st && f) {
    jv_push_key(v, "formats");
    st = jv_array(v, f);
    if (!st && jv_count(f) != 4) st = jv_fail(v, "expected 4 formats (levels 1-4), got %zu", jv_count(f));
    int i = 0;
    for (const cJSON *c = st ? NULL : f->child; c && !st; c = c->next, i++) {
      jv_push_index(v, i);
      if (!cJSON_IsString(c)) st = jv_fail(v, "expected a string, got %s", jv_type_name(c));
      if (!st) st = check_pattern(v, c->valuestring, nfields);
      if (!st) L->t->number_formats[i] = jv_strdup(v->arena, c->valuestring);
      jv_pop(v);
    }
    jv_pop(v);
  }
  return st;
}

static jb_status parse_numbers(loader *L, jv *v, const cJSON *j) {
  static const char *const keys[] = {"thousands", "group_min_digits", "scale", "wan_min",
                                     "yi_min", "decimals", "scaled_decimals", NULL};
  static const char *const scales[] = {"none", "auto", NULL};
  jb_num_style *n = &L->t->numbers;
  jb_status st = jv_object(v, j);
  if (!st) st = jv_keys(v, j, keys);
  long gmd = n->group_min_digits, dec = n->decimals, sdec = n->scaled_decimals;
  int scale = (int)n->scale;
  if (!st) st = jv_bool(v, j, "thousands", &n->thousands);
  if (!st) st = jv_int(v, j, "group_min_digits", 1, 20, &gmd);
  if (!st) st = jv_enum(v, j, "scale", scales, &scale);
  if (!st) st = jv_num(v, j, "wan_min", 1, 1e12, &n->wan_min);
  if (!st) st = jv_num(v, j, "yi_min", 1, 1e15, &n->yi_min);
  if (!st) st = jv_int(v, j, "decimals", 0, 6, &dec);
  if (!st) st = jv_int(v, j, "scaled_decimals", 0, 6, &sdec);
  n->group_min_digits = (int)gmd;
  n->scale = (jb_scale_mode)scale;
  n->decimals = (int)dec;
  n->scaled_decimals = (int)sdec;
  return st;
}

static jb_status parse_colors(loader *L, jv *v, const cJSON *j) {
  static const char *const keys[] = {"text", "accent", "muted", "rule", "masthead", "tile_bg",
                                     "callout_bg", "chart", NULL};
  jb_layout_template *t = L->t;
  jb_status st = jv_object(v, j);
  if (!st) st = jv_keys(v, j, keys);
  jb_rgb *dst[] = {&t->colors.text, &t->colors.accent, &t->colors.muted, &t->colors.rule,
                   &t->colors.masthead, &t->colors.tile_bg, &t->colors.callout_bg};
  for (int i = 0; i < 7 && !st; i++) st = color_member(v, j, keys[i], dst[i]);
  const cJSON *c = get(j, "chart");
  if (!st && c) {
    jv_push_key(v, "chart");
    st = jv_array(v, c);
    size_t n = jv_count(c);
    if (!st && (n < 1 || n > 8)) st = jv_fail(v, "expected 1 to 8 colours, got %zu", n);
    int i = 0;
    for (const cJSON *e = st ? NULL : c->child; e && !st; e = e->next, i++) {
      jv_push_index(v, i);
      st = color_value(v, e, &t->colors.chart[i]);
      jv_pop(v);
    }
    if (!st) t->colors.n_chart = (int)n;
    jv_pop(v);
  }
  return st;
}

static jb_status parse_misc(loader *L, jv *v, const cJSON *root) {
  jb_layout_template *t = L->t;
  jb_status st = JB_OK;
  const cJSON *j;
  if ((j = get(root, "table"))) {
    static const char *const keys[] = {"rule_thick_pt", "rule_thin_pt", "repeat_header",
                                       "continued_format", "cell_pad_pt", NULL};
    jv_push_key(v, "table");
    st = jv_object(v, j);
    if (!st) st = jv_keys(v, j, keys);
    if (!st) st = jv_num(v, j, "rule_thick_pt", 0, 10, &t->table.rule_thick);
    if (!st) st = jv_num(v, j, "rule_thin_pt", 0, 10, &t->table.rule_thin);
    if (!st) st = jv_bool(v, j, "repeat_header", &t->table.repeat_header);
    if (!st) st = jv_str(v, j, "continued_format", 0, &t->table.continued_format);
    if (!st) st = jv_num(v, j, "cell_pad_pt", 0, 50, &t->table.cell_pad);
    jv_pop(v);
  }
  if (!st && (j = get(root, "tiles"))) {
    static const char *const keys[] = {"columns", "height_mm", NULL};
    long cols = t->tiles.columns;
    jv_push_key(v, "tiles");
    st = jv_object(v, j);
    if (!st) st = jv_keys(v, j, keys);
    if (!st) st = jv_int(v, j, "columns", 1, 6, &cols);
    if (!st) st = jb_tpl_mm_member(v, j, "height_mm", 5, 200, &t->tiles.height);
    t->tiles.columns = (int)cols;
    jv_pop(v);
  }
  if (!st && (j = get(root, "chart"))) {
    static const char *const keys[] = {"height_mm", NULL};
    jv_push_key(v, "chart");
    st = jv_object(v, j);
    if (!st) st = jv_keys(v, j, keys);
    if (!st) st = jb_tpl_mm_member(v, j, "height_mm", 10, 400, &t->chart_height);
    jv_pop(v);
  }
  if (!st && (j = get(root, "fit"))) {
    static const char *const keys[] = {"one_page", "min_scale", NULL};
    jv_push_key(v, "fit");
    st = jv_object(v, j);
    if (!st) st = jv_keys(v, j, keys);
    if (!st) st = jv_bool(v, j, "one_page", &t->fit_one_page);
    if (!st) st = jv_num(v, j, "min_scale", 0.5, 1, &t->min_scale);
    jv_pop(v);
  }
  if (!st && (j = get(root, "grid"))) {
    static const char *const keys[] = {"chars_per_line", "lines_per_page", NULL};
    long cpl = t->chars_per_line, lpp = t->lines_per_page;
    jv_push_key(v, "grid");
    st = jv_object(v, j);
    if (!st) st = jv_keys(v, j, keys);
    if (!st) st = jv_int(v, j, "chars_per_line", 0, 200, &cpl);
    if (!st) st = jv_int(v, j, "lines_per_page", 0, 200, &lpp);
    t->chars_per_line = (int)cpl;
    t->lines_per_page = (int)lpp;
    jv_pop(v);
  }
  return st;
}

jb_status jb_tpl_parse_members(loader *L, jv *v, const cJSON *root) {
  jb_layout_template *t = L->t;
  jb_status st = JB_OK;
  const cJSON *j;
  if (!st && (j = get(root, "page"))) {
    jv_push_key(v, "page");
    st = parse_page(L, v, j);
    jv_pop(v);
  }
  if (!st && (j = get(root, "fonts"))) {
    jv_push_key(v, "fonts");
    st = parse_fonts(L, v, j);
    jv_pop(v);
  }
  if (!st && (j = get(root, "colors"))) {
    jv_push_key(v, "colors");
    st = parse_colors(L, v, j);
    jv_pop(v);
  }
  static const char *const bands[] = {"header", "footer"};
  for (int i = 0; i < 2 && !st; i++) {
    if (!(j = get(root, bands[i]))) continue;
    jv_push_key(v, bands[i]);
    st = parse_band(L, v, j, i ? &t->footer : &t->header, i);
    jv_pop(v);
  }
  if (!st && (j = get(root, "headings"))) {
    jv_push_key(v, "headings");
    st = parse_headings(L, v, j);
    jv_pop(v);
  }
  if (!st && (j = get(root, "numbers"))) {
    jv_push_key(v, "numbers");
    st = parse_numbers(L, v, j);
    jv_pop(v);
  }
  if (!st && (j = get(root, "masthead"))) {
    jv_push_key(v, "masthead");
    st = jb_tpl_parse_masthead(L->t, v, j);
    jv_pop(v);
  }
  if (!st && (j = get(root, "closing"))) {
    jv_push_key(v, "closing");
    st = jb_tpl_parse_closing(L->t, v, j);
    jv_pop(v);
  }
  if (!st) st = parse_misc(L, v, root);
  if (!st) st = jb_tpl_parse_print(L->t, v, root);
  return st;
}
