/* layouts/NAME.json -> jb_layout_template. A template starts from built-in
 * defaults, applies its "extends" chain (base first), then its own keys (parsed
 * in template_parse.c); sizes derived from others (margins from a type area, the
 * body line pitch from the line grid) are computed once at the end. Unknown keys
 * are errors. */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compose/jv.h"
#include "compose/model.h"
#include "compose/template_imp.h"

#define MAX_EXTENDS 4

/* ---- Defaults ------------------------------------------------------------------- */

static void set_role(jb_layout_template *t, jb_role r, const char *stack, double size, int bold,
                     jb_align align, double indent, double before, double after, jb_rgb color) {
  t->roles[r] = (jb_tpl_style){(char *)stack, size, bold, color, 0, align, indent, before, after};
}

static void defaults(jb_layout_template *t, raw_page *raw) {
  jb_rgb black = rgb(0x1A1A1A), muted = rgb(0x666666), red = rgb(0xC00000), accent = rgb(0x1F4E79);
  *raw = (raw_page){210, 297, 0, 25, 25, 25, 25, 0, 0, {0}, {0}, {0}};
  t->colors.text = black;
  t->colors.accent = accent;
  t->colors.muted = muted;
  t->colors.rule = rgb(0x999999);
  t->colors.masthead = red;
  t->colors.tile_bg = rgb(0xF2F5F9);
  t->colors.callout_bg = rgb(0xF7F3E8);
  static const unsigned okabe_ito[] = {0x0072B2, 0xE69F00, 0x009E73, 0xD55E00,
                                       0xCC79A7, 0x56B4E9, 0xF0E442, 0x000000};
  for (int i = 0; i < 8; i++) t->colors.chart[i] = rgb(okabe_ito[i]);
  t->colors.n_chart = 8;
  const jb_align J = JB_ALIGN_JUSTIFY, L = JB_ALIGN_LEFT, C = JB_ALIGN_CENTER;
  set_role(t, JB_ROLE_BODY, "serif-zh", 10.5, 0, J, 2, 0, 4, black);
  set_role(t, JB_ROLE_H1, "sans-zh", 15, 1, L, 0, 14, 6, black);
  set_role(t, JB_ROLE_H2, "sans-zh", 12.5, 1, L, 0, 10, 4, black);
  set_role(t, JB_ROLE_H3, "sans-zh", 11, 1, L, 0, 6, 2, black);
  set_role(t, JB_ROLE_H4, "serif-zh", 10.5, 1, L, 0, 4, 2, black);
  set_role(t, JB_ROLE_TITLE, "sans-zh", 22, 1, C, 0, 0, 8, black);
  set_role(t, JB_ROLE_SUBTITLE, "serif-zh", 14, 0, C, 0, 0, 12, muted);
  set_role(t, JB_ROLE_MASTHEAD, "serif-zh", 36, 1, C, 0, 0, 6, red);
  set_role(t, JB_ROLE_ISSUE, "serif-zh", 14, 0, C, 0, 0, 6, black);
  set_role(t, JB_ROLE_ISSUER, "serif-zh", 14, 0, L, 0, 0, 0, black);
  set_role(t, JB_ROLE_MARKING, "sans-zh", 12, 0, L, 0, 0, 0, black);
  set_role(t, JB_ROLE_TILE_VALUE, "sans-zh", 24, 1, L, 0, 0, 0, accent);
  set_role(t, JB_ROLE_TILE_UNIT, "sans-zh", 10, 0, L, 0, 0, 0, accent);
  set_role(t, JB_ROLE_TILE_LABEL, "sans-zh", 9, 0, L, 0, 0, 0, black);
  set_role(t, JB_ROLE_TILE_NOTE, "sans-zh", 8, 0, L, 0, 0, 0, muted);
  set_role(t, JB_ROLE_CAPTION, "sans-zh", 10, 1, C, 0, 6, 4, black);
  set_role(t, JB_ROLE_TABLE, "sans-zh", 9, 0, L, 0, 0, 0, black);
  set_role(t, JB_ROLE_TABLE_HEADER, "sans-zh", 9, 1, C, 0, 0, 0, black);
  set_role(t, JB_ROLE_CHART, "sans-zh", 8, 0, L, 0, 0, 0, black);
  set_role(t, JB_ROLE_NOTE, "serif-zh", 8.5, 0, J, 0, 2, 6, muted);
  set_role(t, JB_ROLE_QUOTE, "kai-zh", 10.5, 0, J, 2, 4, 4, black);
  set_role(t, JB_ROLE_CALLOUT, "kai-zh", 10.5, 0, J, 0, 6, 6, black);
  set_role(t, JB_ROLE_LIST, "serif-zh", 10.5, 0, J, 0, 0, 2, black);
  set_role(t, JB_ROLE_HEADER, "sans-zh", 8, 0, L, 0, 0, 0, muted);
  set_role(t, JB_ROLE_FOOTER, "sans-zh", 8, 0, L, 0, 0, 0, muted);
  set_role(t, JB_ROLE_DISTRIBUTION, "serif-zh", 14, 0, L, 0, 0, 0, black);
  t->header.offset = 6 * MM;
  t->footer.offset = 6 * MM;
  t->footer.center[JB_BAND_ODD] = "{page}";
  t->heading_numbers = 0;
  t->numbers = JB_NUM_STYLE_DEFAULT;
  t->masthead.issue_format = "第{issue}期";
  t->masthead.issue_total_format = "（总第{total}期）";
  t->masthead.rule_width = 1 * MM;
  t->masthead.rule_gap = 4 * MM;
  t->closing.thick = 0.35 * MM;
  t->closing.thin = 0.25 * MM;
  t->closing.inset = 1;
  t->closing.report_label = "报：";
  t->closing.send_label = "送：";
  t->closing.issue_label = "发：";
  t->closing.cc_label = "抄送：";
  t->closing.print_count_format = "（共印{n}份）";
  t->table.rule_thick = 1;
  t->table.rule_thin = 0.5;
  t->table.repeat_header = 1;
  t->table.continued_format = "续表";
  t->table.cell_pad = 3;
  t->tiles.columns = 3;
  t->tiles.height = 22 * MM;
  t->chart_height = 70 * MM;
  t->min_scale = 0.8;
}

/* ---- Files and the extends chain ---------------------------------------------- */

static jb_status apply_file(loader *L, const char *name_or_path, const char *from_file);

static jb_status apply_json(loader *L, jv *v, const cJSON *root) {
  static const char *const keys[] = {"$schema", "name", "description", "extends", "page", "grid",
                                     "fonts", "colors", "header", "footer", "headings",
                                     "numbers", "masthead", "closing", "table", "tiles", "chart",
                                     "fit", "print", NULL};
  jb_layout_template *t = L->t;
  jb_status st = jv_object(v, root);
  if (!st) st = jv_keys(v, root, keys);
  char *ext = NULL, *schema = NULL;
  if (!st) st = jv_str(v, root, "$schema", 0, &schema);
  if (!st) st = jv_str(v, root, "extends", 0, &ext);
  if (!st && ext) {
    if (L->depth >= MAX_EXTENDS) {
      jv_push_key(v, "extends");
      st = jv_fail(v, "\"extends\" chain deeper than %d templates (a cycle?)", MAX_EXTENDS);
      jv_pop(v);
      return st;
    }
    st = apply_file(L, ext, v->file);
    if (st) return st;
  }
  if (!st) st = jv_str(v, root, "name", 0, &t->name);
  if (!st) st = jv_str(v, root, "description", 0, &t->description);
  if (!st) st = jb_tpl_parse_members(L, v, root);
  return st;
}

static jb_status apply_text(loader *L, const char *file, const char *src, size_t len) {
  cJSON *root;
  jb_arena *a = L->t->arena_;
  jb_status st = jv_parse(L->ctx, file, src, len, &root);
  if (st) return st;
  /* Keep the text: late errors (finish) point into the top file. */
  char *keep = jv_strndup(a, src, len);
  const char *kfile = jv_strdup(a, file);
  jv v = {L->ctx, kfile, keep, len, a, {{0}}, 0};
  L->depth++;
  st = apply_json(L, &v, root);
  L->depth--;
  cJSON_Delete(root);
  if (L->depth == 0) {
    L->top_file = kfile;
    L->top_src = keep;
    L->top_len = len;
  }
  return st;
}

static int valid_name(const char *s) {
  if (!*s || strlen(s) > 64) return 0;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
      return 0;
  return 1;
}

int jb_template_is_path(const char *s) {
  size_t n = strlen(s);
  return strchr(s, '/') || (n > 5 && strcmp(s + n - 5, ".json") == 0);
}

static int name_cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

jb_strlist jb_template_names(jb_ctx *ctx) {
  jb_strlist l = {NULL, 0};
  size_t cap = 0;
  char *dir = jb_data_path(ctx, "layouts");
  DIR *d = opendir(dir);
  jb_free(ctx, dir);
  if (!d) return l;
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t n = strlen(e->d_name);
    if (n <= 5 || strcmp(e->d_name + n - 5, ".json") != 0) continue;
    char *name = jb_strndup(ctx, e->d_name, n - 5);
    if (!valid_name(name)) {
      jb_free(ctx, name);
      continue;
    }
    l.items = jb_grow(ctx, l.items, &cap, l.n + 1, sizeof(char *));
    l.items[l.n++] = name;
  }
  closedir(d);
  if (l.n) qsort(l.items, l.n, sizeof(char *), name_cmp);
  return l;
}

void jb_strlist_free(jb_ctx *ctx, jb_strlist *l) {
  for (size_t i = 0; i < l->n; i++) jb_free(ctx, l->items[i]);
  jb_free(ctx, l->items);
  l->items = NULL;
  l->n = 0;
}

static jb_status unknown_layout(jb_ctx *ctx, const char *name) {
  jb_strlist names = jb_template_names(ctx);
  jb_buf b;
  jb_buf_init(&b, ctx);
  for (size_t i = 0; i < names.n; i++) jb_buf_printf(&b, "%s%s", i ? ", " : "", names.items[i]);
  const char *near = jb_nearest(name, (const char *const *)names.items, names.n);
  jb_status st;
  if (near)
    st = jb_fail(ctx, JB_ERR_INPUT, JB_LOC_NONE,
                 "unknown layout \"%s\" (did you mean \"%s\"?); available layouts: %s", name, near,
                 b.data ? b.data : "(none)");
  else
    st = jb_fail(ctx, JB_ERR_INPUT, JB_LOC_NONE, "unknown layout \"%s\"; available layouts: %s",
                 name, b.data ? b.data : "(none)");
  jb_buf_fini(&b);
  jb_strlist_free(ctx, &names);
  return st;
}

/* Name -> layouts/<name>.json; a path is relative to from_file's folder. */
static jb_status apply_file(loader *L, const char *name_or_path, const char *from_file) {
  jb_ctx *ctx = L->ctx;
  char *path;
  if (jb_template_is_path(name_or_path)) {
    path = jb_strdup(ctx, jb_compose_resolve_path(L->t->arena_, from_file, name_or_path));
  } else {
    if (!valid_name(name_or_path)) return unknown_layout(ctx, name_or_path);
    char rel[96];
    snprintf(rel, sizeof rel, "layouts/%s.json", name_or_path);
    path = jb_data_path(ctx, rel);
    if (access(path, R_OK) != 0) {
      jb_free(ctx, path);
      return unknown_layout(ctx, name_or_path);
    }
  }
  char *data;
  size_t len;
  jb_status st = jb_read_file(ctx, path, &data, &len);
  if (!st) {
    if (L->depth == 0) L->t->path = jv_strdup(L->t->arena_, path);
    st = apply_text(L, path, data, len);
    jb_free(ctx, data);
  }
  jb_free(ctx, path);
  return st;
}

/* ---- Finishing: derived sizes and consistency checks ------------------------------- */

static jb_status late_fail(loader *L, const char *path, const char *fmt, double a, double b) {
  char msg[512];
  snprintf(msg, sizeof msg, fmt, a, b);
  return jv_fail_path(L->ctx, L->top_file, L->top_src, L->top_len, path, "%s", msg);
}

static void band_defaults(loader *L, jb_tpl_band *b, int which) {
  if (!L->raw.even_set[which]) {
    b->left[1] = b->left[0], b->center[1] = b->center[0], b->right[1] = b->right[0];
  }
  if (!L->raw.first_set[which]) {
    b->left[2] = b->left[0], b->center[2] = b->center[0], b->right[2] = b->right[0];
  }
}

static jb_status finish(loader *L) {
  jb_layout_template *t = L->t;
  raw_page *r = &L->raw;
  double w = r->landscape ? r->h : r->w, h = r->landscape ? r->w : r->h;
  t->page_w = w * MM;
  t->page_h = h * MM;
  double left = r->left, right = r->right, top = r->top, bottom = r->bottom;
  if (r->ta_w > 0) right = w - left - r->ta_w;
  if (r->ta_h > 0) bottom = h - top - r->ta_h;
  if (w - left - right < 20)
    return late_fail(L, "page", "the type area is only %.1f mm wide (page %.1f mm)", w - left - right, w);
  if (h - top - bottom < 20)
    return late_fail(L, "page", "the type area is only %.1f mm high (page %.1f mm)", h - top - bottom, h);
  t->margin_left = left * MM;
  t->margin_right = right * MM;
  t->margin_top = top * MM;
  t->margin_bottom = bottom * MM;
  double ta_w = t->page_w - t->margin_left - t->margin_right;
  double ta_h = t->page_h - t->margin_top - t->margin_bottom;
  jb_tpl_style *body = &t->roles[JB_ROLE_BODY];
  if (t->lines_per_page > 1 && !r->pitch_set[JB_ROLE_BODY])
    body->line_pitch = (ta_h - body->size) / (t->lines_per_page - 1); /* n lines fill the height */
  if (!body->line_pitch) body->line_pitch = body->size * 1.75;
  for (int i = 0; i < JB_ROLE_COUNT; i++) {
    jb_tpl_style *s = &t->roles[i];
    if (s->line_pitch) continue;
    /* On a line grid, text no larger than the body keeps the body's pitch. */
    if (t->lines_per_page > 1 && s->size <= body->size + 0.01) s->line_pitch = body->line_pitch;
    else s->line_pitch = s->size * 1.4;
  }
  if (t->chars_per_line > 0 && body->size * t->chars_per_line > ta_w + 0.5)
    return late_fail(L, "grid.chars_per_line",
                     "the body size makes a line %.1f pt long, but the type area is %.1f pt wide",
                     body->size * t->chars_per_line, ta_w);
  if (t->lines_per_page > 1) {
    double need = (t->lines_per_page - 1) * body->line_pitch + body->size;
    if (need > ta_h + 0.5)
      return late_fail(L, "grid.lines_per_page",
                       "the lines need %.1f pt, but the type area is %.1f pt high", need, ta_h);
  }
  band_defaults(L, &t->header, 0);
  band_defaults(L, &t->footer, 1);
  if (!t->name) t->name = "custom";
  return JB_OK;
}

static jb_status load(jb_ctx *ctx, const char *name_or_path, const char *json, size_t len,
                      jb_layout_template **out) {
  *out = NULL;
  jb_arena *a = jv_arena_new(ctx);
  jb_layout_template *t = jv_alloc(a, sizeof *t);
  t->arena_ = a;
  loader L;
  memset(&L, 0, sizeof L);
  L.ctx = ctx;
  L.t = t;
  defaults(t, &L.raw);
  jb_status st = json ? apply_text(&L, name_or_path, json, len) : apply_file(&L, name_or_path, NULL);
  if (!st) st = finish(&L);
  if (st) {
    jv_arena_free(a);
    return st;
  }
  *out = t;
  return JB_OK;
}

jb_status jb_template_load(jb_ctx *ctx, const char *name_or_path, jb_layout_template **out) {
  return load(ctx, name_or_path, NULL, 0, out);
}

jb_status jb_template_parse(jb_ctx *ctx, const char *name, const char *json, size_t len,
                            jb_layout_template **out) {
  return load(ctx, name ? name : "<template>", json ? json : "", len, out);
}

void jb_template_free(jb_layout_template *t) {
  if (t) jv_arena_free(t->arena_);
}

/* ---- Fields ---------------------------------------------------------------------- */

void jb_template_expand(const char *pattern, const jb_tpl_fields *f, jb_buf *out) {
  if (!pattern) return;
  for (const char *p = pattern; *p;) {
    if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
      jb_buf_addc(out, *p);
      p += 2;
      continue;
    }
    const char *end = *p == '{' ? strchr(p, '}') : NULL;
    if (!end) {
      jb_buf_addc(out, *p++);
      continue;
    }
    size_t n = (size_t)(end - p - 1);
    const char *name = p + 1;
#define IS(s) (n == strlen(s) && strncmp(name, s, n) == 0)
    if (IS("page")) jb_buf_add_int(out, f ? f->page : 0);
    else if (IS("total")) jb_buf_add_int(out, f ? f->issue_total : 0);
    else if (IS("n")) jb_buf_add_int(out, f ? f->count : 0);
    else if (IS("pages")) jb_buf_add_int(out, f ? f->pages : 0);
    else if (IS("issue")) jb_buf_adds(out, f && f->issue ? f->issue : "");
    else if (IS("title")) jb_buf_adds(out, f && f->title ? f->title : "");
    else if (IS("section")) jb_buf_adds(out, f && f->section ? f->section : "");
    else if (IS("issuer")) jb_buf_adds(out, f && f->issuer ? f->issuer : "");
    else if (IS("date")) {
      if (f && f->date && !jb_date_zh(f->date, out)) jb_buf_adds(out, f->date);
    }
#undef IS
    p = end + 1;
  }
}

/* ---- Dump (tests, --dump) ------------------------------------------------------------ */

static void d_num(jb_buf *o, const char *name, double v) {
  jb_buf_printf(o, " %s=", name);
  jb_buf_add_num(o, v, 3);
}

static void d_rgb(jb_buf *o, const char *name, jb_rgb c) {
  jb_buf_printf(o, " %s=#%02X%02X%02X", name, (unsigned)lround(c.r * 255), (unsigned)lround(c.g * 255),
                (unsigned)lround(c.b * 255));
}

static void d_band(jb_buf *o, const char *name, const jb_tpl_band *b) {
  static const char *const slot[] = {"odd", "even", "first"};
  jb_buf_printf(o, "%s first_hidden=%d", name, b->first_hidden);
  d_num(o, "offset", b->offset);
  d_num(o, "inset", b->inset);
  d_num(o, "rule", b->rule);
  jb_buf_addc(o, '\n');
  for (int s = 0; s < 3; s++)
    jb_buf_printf(o, "  %s: [%s] [%s] [%s]\n", slot[s], b->left[s] ? b->left[s] : "",
                  b->center[s] ? b->center[s] : "", b->right[s] ? b->right[s] : "");
}

void jb_template_dump(const jb_layout_template *t, jb_buf *o) {
  jb_buf_printf(o, "template %s\npage", t->name ? t->name : "?");
  d_num(o, "w", t->page_w);
  d_num(o, "h", t->page_h);
  d_num(o, "top", t->margin_top);
  d_num(o, "bottom", t->margin_bottom);
  d_num(o, "left", t->margin_left);
  d_num(o, "right", t->margin_right);
  jb_buf_printf(o, " mirror=%d grid=%dx%d\n", t->mirror, t->chars_per_line, t->lines_per_page);
  for (int r = 0; r < JB_ROLE_COUNT; r++) {
    const jb_tpl_style *s = &t->roles[r];
    jb_buf_printf(o, "%s stack=%s", jb_role_name((jb_role)r), s->stack ? s->stack : "-");
    d_num(o, "size", s->size);
    jb_buf_printf(o, " bold=%d", s->bold);
    d_rgb(o, "color", s->color);
    d_num(o, "pitch", s->line_pitch);
    jb_buf_printf(o, " align=%d", (int)s->align);
    d_num(o, "indent", s->indent);
    d_num(o, "before", s->space_before);
    d_num(o, "after", s->space_after);
    jb_buf_addc(o, '\n');
  }
  jb_buf_adds(o, "colors");
  d_rgb(o, "text", t->colors.text);
  d_rgb(o, "accent", t->colors.accent);
  d_rgb(o, "muted", t->colors.muted);
  d_rgb(o, "rule", t->colors.rule);
  d_rgb(o, "masthead", t->colors.masthead);
  d_rgb(o, "tile_bg", t->colors.tile_bg);
  d_rgb(o, "callout_bg", t->colors.callout_bg);
  for (int i = 0; i < t->colors.n_chart; i++) d_rgb(o, "chart", t->colors.chart[i]);
  jb_buf_addc(o, '\n');
  d_band(o, "header", &t->header);
  d_band(o, "footer", &t->footer);
  jb_buf_printf(o, "headings numbered=%d", t->heading_numbers);
  for (int i = 0; i < 4; i++) jb_buf_printf(o, " [%s]", t->number_formats[i] ? t->number_formats[i] : "");
  const jb_num_style *n = &t->numbers;
  jb_buf_printf(o, "\nnumbers thousands=%d group=%d scale=%d", n->thousands, n->group_min_digits, (int)n->scale);
  d_num(o, "wan_min", n->wan_min);
  d_num(o, "yi_min", n->yi_min);
  jb_buf_printf(o, " decimals=%d scaled=%d\n", n->decimals, n->scaled_decimals);
  jb_buf_printf(o, "masthead show=%d issue=[%s] total=[%s]", t->masthead.show, t->masthead.issue_format,
                t->masthead.issue_total_format);
  d_num(o, "rule", t->masthead.rule_width);
  d_num(o, "gap", t->masthead.rule_gap);
  d_num(o, "height", t->masthead.height);
  jb_buf_printf(o, "\nclosing show=%d", t->closing.show);
  d_num(o, "thick", t->closing.thick);
  d_num(o, "thin", t->closing.thin);
  d_num(o, "inset", t->closing.inset);
  jb_buf_printf(o, " [%s][%s][%s][%s] [%s]\n", t->closing.report_label, t->closing.send_label,
                t->closing.issue_label, t->closing.cc_label, t->closing.print_count_format);
  jb_buf_adds(o, "table");
  d_num(o, "thick", t->table.rule_thick);
  d_num(o, "thin", t->table.rule_thin);
  jb_buf_printf(o, " repeat=%d continued=[%s]", t->table.repeat_header, t->table.continued_format);
  d_num(o, "pad", t->table.cell_pad);
  jb_buf_printf(o, "\ntiles columns=%d", t->tiles.columns);
  d_num(o, "height", t->tiles.height);
  d_num(o, "chart_height", t->chart_height);
  jb_buf_printf(o, "\nfit one_page=%d", t->fit_one_page);
  d_num(o, "min_scale", t->min_scale);
  jb_buf_addc(o, '\n');
}
