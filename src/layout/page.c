/* Page builder: pieces, pagination, drawing, outline and metadata. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jianbao/issue.h"
#include "layout/page_imp.h"

/* ---- Pieces and objects ---------------------------------------------------- */

int page_add_obj(builder *B, draw_fn draw) {
  B->objs = jb_grow(B->ctx, B->objs, &B->cap_objs, B->n_objs + 1, sizeof(obj));
  obj *o = &B->objs[B->n_objs];
  memset(o, 0, sizeof *o);
  o->draw = draw;
  o->cite_target = -1;
  o->cite0 = B->n_obj_cites;
  return (int)B->n_objs++;
}

piece *page_add_piece(builder *B, piece_kind kind, int o, double h) {
  B->pcs = jb_grow(B->ctx, B->pcs, &B->cap_pcs, B->n_pcs + 1, sizeof(piece));
  piece *p = &B->pcs[B->n_pcs++];
  memset(p, 0, sizeof *p);
  p->kind = (unsigned char)kind;
  p->obj = o;
  p->h = h;
  p->page = -1;
  if (kind == P_BOX && B->keep_next > 0) p->keep = 1, B->keep_next = 0;
  if (kind == P_GLUE && B->keep_next > 0) p->keep = 1;
  return p;
}

void page_add_glue(builder *B, double h) {
  if (h > 0.01) page_add_piece(B, P_GLUE, -1, h);
}

double page_sp(const builder *B, double pt) { return pt * B->scale; }

/* Widow/orphan: a break inside a paragraph leaves at least two lines on each side. */
void page_add_lines(builder *B, int oi, int breakable) {
  obj *o = &B->objs[oi];
  size_t n = jb_textblock_lines(o->tb);
  double pitch = n ? jb_textblock_height(o->tb) / (double)n : 0;
  /* baseline(0) = (pitch - size)/2 + 0.88 size = pitch/2 + 0.38 size */
  double size = (jb_textblock_baseline(o->tb, 0) - pitch / 2) / 0.38;
  double pad = fmax(0, (pitch - size) / 2);
  for (size_t k = 0; k < n; k++) {
    piece *p = page_add_piece(B, P_LINE, oi, pitch);
    p->line = (int)k;
    p->pad_top = p->pad_bot = pad;
    if (k > 0 && (!breakable || k < 2 || n - k < 2)) p->keep = 1;
    if (B->keep_next > 0) p->keep = 1, B->keep_next--;
    p->snap = B->grid && fabs(pitch - B->P) < 0.01;
  }
}

/* ---- Styles and text ------------------------------------------------------- */

const char *page_bold_stack(builder *B, const char *stack) {
  size_t n = strlen(stack);
  if (n > 5 && !strcmp(stack + n - 5, "-bold")) return stack;
  char name[96];
  snprintf(name, sizeof name, "%s-bold", stack);
  /* "<stack>-bold" from stacks.json, else derived with synthetic bold (jb_fonts_stack) */
  jb_ctx *ctx = B->ctx;
  jb_status before = jb_ctx_status(ctx);
  int id = jb_fonts_stack(B->fonts, name);
  if (id >= 0) return jb_fonts_stack_name(B->fonts, id);
  if (!before) jb_ctx_clear_error(ctx);
  return strstr(stack, "sans") || strstr(stack, "hei") ? "sans-zh-bold" : "serif-zh-bold";
}

jb_text_style page_style(const builder *B, jb_role r) {
  const jb_tpl_style *s = &B->t->roles[r];
  jb_text_style st;
  memset(&st, 0, sizeof st);
  builder *mb = (builder *)B;
  st.bold_stack = page_bold_stack(mb, s->stack);
  st.stack = s->bold ? st.bold_stack : s->stack;
  st.size = s->size * B->scale;
  st.pitch = (s->line_pitch > 0 ? s->line_pitch : s->size * 1.4) * B->scale;
  if (st.pitch < st.size) st.pitch = st.size;
  /* On a line grid the template gives small roles the body pitch; labels, notes
   * and captions outside the running text are set solid-ish instead. */
  int flow = r == JB_ROLE_BODY || (r >= JB_ROLE_H1 && r <= JB_ROLE_H4) || r == JB_ROLE_LIST ||
             r == JB_ROLE_QUOTE || r == JB_ROLE_CALLOUT || r == JB_ROLE_DISTRIBUTION;
  if (!flow && st.pitch > 1.6 * st.size) st.pitch = 1.4 * st.size;
  st.color = s->color;
  st.align = s->align;
  st.indent = s->indent * st.size;
  /* running text at the body size on a character grid: every Han character in its cell */
  if (B->grid && flow && B->t->chars_per_line > 0 && fabs(st.size - B->t->roles[JB_ROLE_BODY].size) < 0.01)
    st.grid = st.size;
  return st;
}

jb_status page_text(builder *B, const char *utf8, jb_role r, double width, jb_textblock **out) {
  jb_text_style st = page_style(B, r);
  st.indent = 0;
  return jb_textblock_str(B->ctx, B->fonts, utf8, &st, width, out);
}

double page_top(const builder *B) { return B->t->page_h - B->t->margin_top; }

double page_x0(const builder *B, int page) {
  const jb_layout_template *t = B->t;
  return t->mirror && page % 2 == 1 ? t->margin_right : t->margin_left;
}

/* ---- Drawing text lines (with their decoration and citation links) --------- */

static void add_link(builder *B, double x, double y, double w, double h, int target_obj) {
  if (target_obj < 0) return;
  const piece *tp = NULL;
  for (size_t i = 0; i < B->n_pcs && !tp; i++)
    if (B->pcs[i].obj == target_obj && B->pcs[i].page >= 0) tp = &B->pcs[i];
  if (!tp) return;
  jb_dl_item *it = jb_dl_add_item(B->dl, JB_DL_LINK);
  it->x = (float)x, it->y = (float)y, it->w = (float)w, it->h = (float)h;
  it->target = tp->page;
  it->y2 = (float)(page_top(B) + B->page_origin[tp->page] - tp->y + 2);
}

/* Citation marks just drawn (glyphs from g0 on) become links to their sources entry. */
void page_link_marks(builder *B, obj *o, size_t item0) {
  jb_dl *dl = B->dl;
  size_t end = dl->n_items;
  for (size_t i = item0; i < end; i++) {
    const jb_dl_item item = dl->items[i]; /* a copy: adding links moves the items */
    const jb_dl_item *it = &item;
    if (it->kind != JB_DL_TEXT) continue;
    for (uint32_t k = 0; k < it->count; k++) {
      const jb_dl_glyph g0 = dl->glyphs[it->start + k], *g = &g0;
      if (!g->text_len) continue;
      uint32_t cp = dl->text[g->text_start];
      for (size_t c = 0; c < o->n_cite; c++) {
        const cite *ct = &B->cites[B->obj_cites[o->cite0 + c]];
        if (page_cite_cp(ct->number) != cp) continue;
        float sz = it->size;
        add_link(B, g->x, g->y - 0.15 * sz, sz, sz * 1.05, ct->obj);
        break;
      }
    }
  }
}

void page_deco(builder *B, obj *o, double x, double y_top, double h, int first, int last) {
  double bx = x + o->deco_x - o->x, bw = o->deco_w;
  if (o->deco == 1) {
    jb_dl_add_rect(B->dl, (float)bx, (float)(y_top - h), (float)bw, (float)h, o->bg);
    jb_dl_add_rect(B->dl, (float)bx, (float)(y_top - h), (float)page_sp(B, 2.5), (float)h, o->bar);
  } else if (o->deco == 2) {
    float lw = 0.6f;
    jb_dl_add_line(B->dl, (float)bx, (float)y_top, (float)bx, (float)(y_top - h), lw, o->bar);
    jb_dl_add_line(B->dl, (float)(bx + bw), (float)y_top, (float)(bx + bw), (float)(y_top - h), lw, o->bar);
    if (first) jb_dl_add_line(B->dl, (float)bx, (float)y_top, (float)(bx + bw), (float)y_top, lw, o->bar);
    if (last) jb_dl_add_line(B->dl, (float)bx, (float)(y_top - h), (float)(bx + bw), (float)(y_top - h), lw, o->bar);
  }
}

void page_draw_lines(builder *B, obj *o, const piece *p, double x, double y_top) {
  if (o->deco) page_deco(B, o, x, y_top, p->h, 0, 0);
  size_t item0 = B->dl->n_items;
  if (p->kind == P_LINE) jb_textblock_draw(o->tb, B->dl, x, y_top, (size_t)p->line, (size_t)p->line + 1);
  if (p->line == 0 && o->aux[0]) jb_textblock_draw(o->aux[0], B->dl, x + o->mx, y_top, 0, 1);
  if (o->n_cite) page_link_marks(B, o, item0);
}

/* ---- Pagination ------------------------------------------------------------ */

static void set_origin(builder *B, size_t page, double a) {
  B->page_origin = jb_grow(B->ctx, B->page_origin, &B->cap_pages, page + 1, sizeof(double));
  B->page_origin[page] = a;
  if (page + 1 > B->n_pages) B->n_pages = page + 1;
}

/* Greedy fill; when a piece does not fit, go back to the last allowed break
 * on the page (keeps: headings, widows, orphans, unsplit blocks). */
static void paginate(builder *B) {
  size_t i = 0, start = 0, page = 0, forced = 0;
  int fresh = 1, anchored = 0;
  double y = 0, A = 0, foot = 0; /* foot: room the page's footnotes take at its bottom */
  B->n_pages = 0;
  while (i < B->n_pcs) {
    piece *p = &B->pcs[i];
    if (p->kind == P_BREAK || (fresh && p->kind == P_GLUE)) {
      if (p->kind == P_BREAK && (!fresh || anchored)) page++, fresh = 1, foot = 0, anchored = 0;
      p->page = -1;
      start = ++i;
      continue;
    }
    if (p->foot) { /* a footnote: no room in the flow, its height off the page's bottom */
      double need = foot + B->objs[p->obj].h + (foot > 0 ? page_foot_gap(B) : page_foot_sep(B));
      if (fresh || y <= B->H + A - need + 0.01) {
        if (fresh) set_origin(B, page, B->grid ? B->lead : 0);
        p->page = (int)page, p->y = y, foot = need, anchored = 1;
        i++;
        continue;
      }
    }
    double yy = y;
    if (fresh) {
      A = B->grid ? B->lead : p->pad_top;
      yy = A - p->pad_top + p->cont_h;
      set_origin(B, page, A);
    } else if (B->grid && p->snap) {
      yy = ceil((yy - 0.01) / B->P) * B->P;
    }
    double bottom = yy + p->h - (p->kind == P_GLUE ? p->h : p->pad_bot);
    if (p->foot) bottom = B->H + A + 1; /* (an anchor that did not fit) */
    if (fresh || bottom <= B->H + A - foot + 0.01) {
      if (fresh && bottom > B->H + A + 0.5)
        jb_warn(B->ctx, JB_LOC_NONE, "a piece %.0f pt high does not fit on page %zu", p->h, page + 1);
      p->page = (int)page, p->y = yy, p->starts = (unsigned char)fresh;
      y = yy + p->h;
      fresh = 0;
      i++;
      continue;
    }
    size_t b = i;
    while (b > start && B->pcs[b].keep) b--;
    if (b == start) b = i, forced++;
    page++, fresh = 1, start = i = b;
    y = 0, foot = 0, anchored = 0;
  }
  if (fresh && !anchored && page > 0) B->n_pages = page; /* nothing after the last break */
  if (!B->n_pages) set_origin(B, 0, 0);
  if (forced) jb_warn(B->ctx, JB_LOC_NONE, "%zu page break(s) had to split a block that should stay together", forced);
}

/* ---- Drawing pages ---------------------------------------------------------- */

static int is_h1_start(const builder *B, const piece *p) {
  return p->page >= 0 && p->obj >= 0 && p->kind == P_LINE && p->line == 0 && B->objs[p->obj].heading == 1;
}

/* {section}: the level-1 section in force at the top of the page (a page that
 * opens with a level-1 heading shows that heading). */
static const char *section_at(builder *B, size_t page, size_t *cursor, const char **current) {
  const char *top = NULL;
  int first = 1;
  for (; *cursor < B->n_pcs && (B->pcs[*cursor].page < 0 || (size_t)B->pcs[*cursor].page <= page); (*cursor)++) {
    const piece *p = &B->pcs[*cursor];
    if (p->page < 0) continue;
    if (first && is_h1_start(B, p)) top = B->objs[p->obj].title;
    if (first && !top) top = *current ? *current : "";
    first = 0;
    if (is_h1_start(B, p)) *current = B->objs[p->obj].title;
  }
  return top ? top : (*current ? *current : "");
}

static void draw_pages(builder *B) {
  const jb_layout_template *t = B->t;
  size_t i = 0, sc = 0;
  const char *current = NULL;
  for (size_t pg = 0; pg < B->n_pages; pg++) {
    jb_dl_add_page(B->dl, (float)t->page_w, (float)t->page_h);
    page_draw_bands(B, (int)pg, section_at(B, pg, &sc, &current));
    double x0 = page_x0(B, (int)pg), top = page_top(B) + B->page_origin[pg];
    for (; i < B->n_pcs && (B->pcs[i].page < 0 || (size_t)B->pcs[i].page <= pg); i++) {
      piece *p = &B->pcs[i];
      if (p->page < 0 || p->obj < 0) continue;
      obj *o = &B->objs[p->obj];
      if (o->draw) o->draw(B, o, p, x0 + o->x, top - p->y);
    }
    page_draw_footnotes(B, (int)pg);
    if (B->closing_page == (int)pg) page_closing_draw(B, (int)pg);
  }
}

static void add_outline(builder *B) {
  for (size_t i = 0; i < B->n_pcs; i++) {
    const piece *p = &B->pcs[i];
    if (p->page < 0 || p->obj < 0 || p->line != 0 || p->kind != P_LINE) continue;
    const obj *o = &B->objs[p->obj];
    if (!o->heading || !o->title) continue;
    double y = page_top(B) + B->page_origin[p->page] - p->y;
    jb_dl_add_outline(B->dl, o->title, o->heading, p->page, (float)(y + 4));
  }
}

/* ---- Metadata --------------------------------------------------------------- */

static long long days_from_civil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned)(y - era * 400);
  unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (long long)era * 146097 + (long long)doe - 719468;
}

static void set_meta(builder *B) {
  jb_ctx *ctx = B->ctx;
  const jb_meta *m = &B->b->meta;
  jb_dl_meta *d = &B->dl->meta;
  d->title = jb_strdup(ctx, m->title ? m->title : "");
  const char *author = m->author ? m->author : m->issuer;
  if (author) d->author = jb_strdup(ctx, author);
  const char *subject = m->subtitle ? m->subtitle : m->masthead;
  if (subject) d->subject = jb_strdup(ctx, subject);
  if (m->keywords.n) {
    jb_buf k;
    jb_buf_init(&k, ctx);
    for (size_t i = 0; i < m->keywords.n; i++) jb_buf_printf(&k, "%s%s", i ? ", " : "", m->keywords.items[i]);
    d->keywords = jb_buf_steal(&k);
    jb_buf_fini(&k);
  }
  d->creator = jb_strdup(ctx, "jianbao " JB_VERSION);
  d->lang = jb_strdup(ctx, m->language ? m->language : "zh-CN");
  d->date = B->opts->date;
  int y, mo, da;
  if (d->date < 0 && m->date && sscanf(m->date, "%d-%d-%d", &y, &mo, &da) == 3)
    d->date = days_from_civil(y, (unsigned)mo, (unsigned)da) * 86400;
}

/* ---- Building --------------------------------------------------------------- */

static void reset(builder *B) {
  for (size_t i = 0; i < B->n_objs; i++) {
    obj *o = &B->objs[i];
    jb_textblock_free(o->tb);
    for (size_t k = 0; k < sizeof o->aux / sizeof o->aux[0]; k++) jb_textblock_free(o->aux[k]);
    jb_free(B->ctx, o->title);
    if (o->fini) o->fini(B, o);
  }
  B->n_objs = B->n_pcs = B->n_cites = B->n_obj_cites = 0;
  B->keep_next = 0;
  B->pending_after = 0;
  B->prev_block = -1;
  memset(B->counters, 0, sizeof B->counters);
  B->closing_page = -1;
  B->closing_obj = -1;
  B->bare_from = -1;
}

/* Sets the geometry for a scale and turns every block into pieces. */
static jb_status build_flow(builder *B, double scale) {
  reset(B);
  const jb_layout_template *t = B->t;
  B->scale = scale;
  B->W = t->page_w - t->margin_left - t->margin_right;
  B->H = t->page_h - t->margin_top - t->margin_bottom;
  B->grid = t->lines_per_page > 1 && scale == 1;
  B->AW = B->W;
  jb_text_style body = page_style(B, JB_ROLE_BODY);
  /* on a character grid, lines hold exactly chars_per_line characters (28 x 15.75 = 441 pt of 442.2) */
  if (t->chars_per_line > 0 && t->chars_per_line * body.size < B->W) B->W = t->chars_per_line * body.size;
  B->P = body.pitch;
  B->lead = (body.pitch - body.size) / 2;
  jb_status st = page_add_front(B);
  for (size_t i = 0; !st && i < B->b->n_blocks; i++) st = page_add_block(B, &B->b->blocks[i]);
  if (!st) st = page_add_sources(B);
  return st;
}

static void free_builder(builder *B) {
  reset(B);
  jb_free(B->ctx, B->objs);
  jb_free(B->ctx, B->pcs);
  jb_free(B->ctx, B->cites);
  jb_free(B->ctx, B->obj_cites);
  jb_free(B->ctx, B->page_origin);
}

/* How much of the first page's type area the flow fills. */
static double page_fill(const builder *B) {
  double bottom = 0;
  for (size_t i = 0; i < B->n_pcs; i++)
    if (B->pcs[i].page == 0 && B->pcs[i].y + B->pcs[i].h > bottom) bottom = B->pcs[i].y + B->pcs[i].h;
  return B->H > 0 ? bottom / B->H : 1;
}

/* A short one-page sheet grows until it fills about three quarters of its page,
 * never onto a second: one jump to the scale the filled area suggests (text
 * area grows with the square of the scale), at most 130 %, then 5 % steps back
 * while it overflows. Two or three layouts, not one per step. */
static jb_status grow_to_fill(builder *B, double *scale) {
  double fill = page_fill(B);
  if (fill >= 0.75 || fill <= 0) return JB_OK;
  double want = *scale * sqrt(0.9 / fill);
  want = floor(want * 20 + 1e-9) / 20; /* whole 5 % steps */
  if (want > 1.3) want = 1.3;
  if (want <= *scale + 1e-9) return JB_OK;
  double base = *scale;
  jb_status st = JB_OK;
  for (double s = want; !st && s > base + 1e-9; s -= 0.05) {
    st = build_flow(B, s);
    if (!st) paginate(B);
    if (!st && B->n_pages == 1) {
      *scale = s;
      return JB_OK;
    }
  }
  if (!st) { /* nothing larger fits: the sheet as it was */
    st = build_flow(B, base);
    if (!st) paginate(B);
  }
  return st;
}

jb_status jb_build_briefing(jb_ctx *ctx, jb_fonts *fonts, const jb_briefing *b,
                            const jb_layout_template *tpl, const jb_build_opts *opts, jb_dl *out,
                            jb_build_info *info) {
  jb_build_opts defaults = JB_BUILD_DEFAULTS;
  builder B;
  memset(&B, 0, sizeof B);
  B.ctx = ctx, B.fonts = fonts, B.b = b, B.t = tpl, B.opts = opts ? opts : &defaults, B.dl = out;
  double scale = B.opts->scale > 0 ? B.opts->scale : 1;
  jb_status st = build_flow(&B, scale);
  if (!st) paginate(&B);
  if (!st && tpl->fit_one_page && B.opts->scale <= 0) {
    /* shrink in 5 % steps until everything fits one page */
    double min = tpl->min_scale > 0 ? tpl->min_scale : 0.8;
    while (!st && B.n_pages > 1 && scale - 0.05 >= min - 1e-9) {
      scale -= 0.05;
      st = build_flow(&B, scale);
      if (!st) paginate(&B);
    }
    /* still too long: keep the smallest size on more pages, and say so */
    if (!st && B.n_pages > 1)
      jb_warn(ctx, (jb_loc){b->file, 0, 0, -1, NULL},
              "the briefing does not fit on one page with layout \"%s\" even at %.0f %% size; "
              "it takes %zu pages (shorten it for a one-page sheet)",
              tpl->name, min * 100, B.n_pages);
  }
  if (!st && tpl->fit_one_page && B.opts->scale <= 0 && B.n_pages == 1)
    st = grow_to_fill(&B, &scale);
  if (!st && getenv("JB_DEBUG_PIECES"))
    for (size_t i = 0; i < B.n_pcs; i++)
      fprintf(stderr, "piece %zu kind %d page %d y %.2f h %.2f pad %.2f keep %d obj %d line %d\n", i, B.pcs[i].kind,
              B.pcs[i].page, B.pcs[i].y, B.pcs[i].h, B.pcs[i].pad_top, B.pcs[i].keep, B.pcs[i].obj, B.pcs[i].line);
  if (!st) st = page_closing_prepare(&B);
  if (!st) {
    draw_pages(&B);
    if (jb_issue_mono(b, tpl)) jb_dl_mono(out, tpl->colors.chart, tpl->colors.n_chart, tpl->colors.masthead);
    add_outline(&B);
    set_meta(&B);
    if (info) {
      info->pages = B.n_pages;
      info->scale = B.scale;
      info->headings = out->n_outline;
      info->citations = B.n_cites;
    }
  }
  free_builder(&B);
  return st;
}
