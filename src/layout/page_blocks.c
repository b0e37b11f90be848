/* Page builder: blocks of the briefing model -> pieces and objects. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "layout/figure_imp.h"
#include "layout/page_imp.h"

/* ---- Runs and citation marks ---------------------------------------------- */

void page_runs_add(builder *B, runs *rs, const char *s, int bold) {
  rs->r = jb_grow(B->ctx, rs->r, &rs->cap, rs->n + 1, sizeof(jb_text_run));
  rs->r[rs->n++] = (jb_text_run){s ? s : "", (size_t)-1, bold, 0, 0};
}

static const char *own(builder *B, runs *rs, char *s) {
  rs->owned = jb_grow(B->ctx, rs->owned, &rs->cap_owned, rs->n_owned + 1, sizeof(char *));
  rs->owned[rs->n_owned++] = s;
  return s;
}

void page_runs_free(builder *B, runs *rs) {
  for (size_t i = 0; i < rs->n_owned; i++) jb_free(B->ctx, rs->owned[i]);
  jb_free(B->ctx, rs->owned);
  jb_free(B->ctx, rs->r);
  memset(rs, 0, sizeof *rs);
}

/* Circled numbers: ①-⑳ U+2460, ㉑-㉟ U+3251, ㊱-㊿ U+32B1. */
uint32_t page_cite_cp(int n) {
  if (n >= 1 && n <= 20) return 0x2460 + (uint32_t)(n - 1);
  if (n >= 21 && n <= 35) return 0x3251 + (uint32_t)(n - 21);
  if (n >= 36 && n <= 50) return 0x32B1 + (uint32_t)(n - 36);
  return 0;
}

static char *cite_mark(builder *B, int n) {
  jb_buf b;
  jb_buf_init(&b, B->ctx);
  uint32_t cp = page_cite_cp(n);
  if (cp) jb_buf_add_utf8(&b, cp);
  else jb_buf_printf(&b, "[%d]", n);
  char *s = jb_buf_steal(&b);
  jb_buf_fini(&b);
  return s;
}

static int same_ref(const jb_factref *a, const jb_factref *b) {
  if (a->id || b->id) return a->id && b->id && !strcmp(a->id, b->id);
  return a->index == b->index;
}

/* The cite for a fact reference (new ones numbered in order of first use), or -1. */
static int cite_for(builder *B, const jb_factref *ref) {
  if (!B->opts->facts) return -1;
  for (size_t i = 0; i < B->n_cites; i++)
    if (same_ref(&B->cites[i].ref, ref)) return (int)i;
  jb_factrec f;
  if (!jb_factlist_lookup((void *)B->opts->facts, ref, &f)) return -1;
  for (size_t i = 0; f.sentence && i < B->n_cites; i++) { /* one note per source sentence */
    cite *c = &B->cites[i];
    if (!c->fact.sentence || strcmp(c->fact.sentence, f.sentence) ||
        !((!f.source && !c->fact.source) || (f.source && c->fact.source && !strcmp(f.source, c->fact.source))))
      continue;
    if (c->n_more < 7) c->more[c->n_more++] = f; /* named in the note too */
    return (int)i;
  }
  B->cites = jb_grow(B->ctx, B->cites, &B->cap_cites, B->n_cites + 1, sizeof(cite));
  cite *c = &B->cites[B->n_cites];
  c->fact = f, c->ref = *ref, c->number = (int)B->n_cites + 1, c->obj = -1, c->n_more = 0;
  return (int)B->n_cites++;
}

static void obj_cite(builder *B, int o, int c) {
  obj *ob = &B->objs[o];
  for (size_t i = 0; i < ob->n_cite; i++)
    if (B->obj_cites[ob->cite0 + i] == c) return;
  B->obj_cites = jb_grow(B->ctx, B->obj_cites, &B->cap_obj_cites, B->n_obj_cites + 1, sizeof(int));
  B->obj_cites[B->n_obj_cites++] = c;
  ob->n_cite++;
}

/* Byte offset of the first clause mark of a UTF-8 text (，。；：！？ and ASCII ,;:; not 、, which
 * joins 中、高级 inside a phrase), or -1. */
static long clause_end(const char *s) {
  static const char *const marks[] = {"，", "。", "；", "：", "！", "？", ",", ";", ":", NULL};
  long best = -1;
  for (const char *const *m = marks; *m; m++) {
    const char *p = strstr(s, *m);
    if (p && (best < 0 || p - s < best)) best = p - s;
  }
  return best;
}

/* Sets the pending calls, but keeps a call whose note the next figure of the text
 * also cites: one call after a run of figures of one note (…栽培，发现新种超过50个，
 * 收集兰花品种超过150个②, not ② three times), calls still in reading order. */
static void flush_marks(builder *B, runs *rs, int *pending, size_t *np, const int *later, size_t n_later) {
  size_t keep = 0;
  for (size_t k = 0; k < *np; k++) {
    int again = 0;
    again = n_later && later[0] == pending[k];
    if (again) {
      pending[keep++] = pending[k];
      continue;
    }
    page_runs_add(B, rs, own(B, rs, cite_mark(B, pending[k])), 0);
    rs->r[rs->n - 1].sup = 1; /* a superscript call after the phrase, not a body-size character */
  }
  *np = keep;
}

/* A note call follows the phrase that holds its figure, at the next clause mark,
 * never inside the phrase (20名技工人才①，not 20名①技工人才). */
void page_runs_inline(builder *B, runs *rs, const jb_inline *in, int bold, int o) {
  int pending[16];
  size_t np = 0, nf = 0, done = 0;
  int *notes = jb_calloc(B->ctx, in->n_runs + 1, sizeof(int)); /* the note of each figure, in order */
  for (size_t i = 0; i < in->n_runs; i++) {
    if (!in->runs[i].is_fact || o < 0) continue;
    int c = cite_for(B, &in->runs[i].fact);
    notes[nf++] = c < 0 ? 0 : B->cites[c].number;
    if (c >= 0) obj_cite(B, o, c);
  }
  for (size_t i = 0; i < in->n_runs; i++) {
    const jb_run *r = &in->runs[i];
    int b = bold || (r->style & JB_RUN_BOLD), emph = (r->style & JB_RUN_EMPH) != 0;
    const char *text = r->text ? r->text : (r->is_fact ? "？" : "");
    long cut = np && !r->is_fact ? clause_end(text) : -1;
    if (cut >= 0) {
      char *head = jb_malloc(B->ctx, (size_t)cut + 1);
      memcpy(head, text, (size_t)cut);
      head[cut] = 0;
      page_runs_add(B, rs, own(B, rs, head), b);
      rs->r[rs->n - 1].emph = emph; /* 着重号, as clreq sets emphasis */
      flush_marks(B, rs, pending, &np, notes + done, nf - done);
      text += cut;
    }
    page_runs_add(B, rs, text, b);
    rs->r[rs->n - 1].emph = emph;
    if (!r->is_fact || o < 0) continue;
    int number = notes[done++];
    if (!number) continue;
    int seen = 0;
    for (size_t k = 0; k < np; k++) seen |= pending[k] == number;
    if (!seen && np < 16) pending[np++] = number;
  }
  flush_marks(B, rs, pending, &np, NULL, 0);
  jb_free(B->ctx, notes);
}

static int inline_empty(const jb_inline *in) {
  for (size_t i = 0; i < in->n_runs; i++)
    if (in->runs[i].is_fact || (in->runs[i].text && in->runs[i].text[0])) return 0;
  return 1;
}

static char *plain(builder *B, const char *prefix, const jb_inline *in) {
  jb_buf b;
  jb_buf_init(&b, B->ctx);
  if (prefix) jb_buf_adds(&b, prefix);
  for (size_t i = 0; i < in->n_runs; i++)
    if (in->runs[i].text) jb_buf_adds(&b, in->runs[i].text);
  char *s = jb_buf_steal(&b);
  jb_buf_fini(&b);
  return s;
}

/* ---- Text objects ------------------------------------------------------------ */

static void draw_text(builder *B, obj *o, const piece *p, double x, double y_top) {
  page_draw_lines(B, o, p, x, y_top);
}

/* An object whose text is `rs`, set in role r at x with width w. */
static jb_status text_obj_runs(builder *B, int o, const runs *rs, jb_text_style *st, double x, double w) {
  B->objs[o].x = x, B->objs[o].w = w;
  return jb_textblock_new(B->ctx, B->fonts, rs->r, rs->n, st, w, &B->objs[o].tb);
}

/* Adds a text block as lines: inline text with an optional prefix. */
static jb_status add_text(builder *B, jb_role role, const char *prefix, const jb_inline *in,
                          int bold, double x, double w, double indent, int breakable, int *out_obj) {
  int o = page_add_obj(B, draw_text);
  runs rs = {0};
  if (prefix) page_runs_add(B, &rs, prefix, bold);
  if (in) page_runs_inline(B, &rs, in, bold, o);
  jb_text_style st = page_style(B, role);
  if (indent >= 0) st.indent = indent;
  jb_status s = text_obj_runs(B, o, &rs, &st, x, w);
  page_runs_free(B, &rs);
  if (!s) page_add_lines(B, o, breakable);
  if (out_obj) *out_obj = o;
  return s;
}

/* ---- Block types -------------------------------------------------------------- */

static double space(builder *B, jb_role r, int after) {
  return page_sp(B, after ? B->t->roles[r].space_after : B->t->roles[r].space_before);
}

/* The space between the previous block and this one (collapsed, not between paragraphs). */
static void block_gap(builder *B, jb_role r, int type) {
  double g = fmax(B->pending_after, space(B, r, 0));
  if (B->prev_block == JB_BLOCK_PARAGRAPH && type == JB_BLOCK_PARAGRAPH) g = 0;
  if (B->prev_block < 0) g = 0;
  page_add_glue(B, g);
  B->pending_after = space(B, r, 1);
  B->prev_block = type;
}

static jb_status add_heading(builder *B, const jb_block *blk) {
  int level = blk->u.heading.level < 1 ? 1 : blk->u.heading.level > 4 ? 4 : blk->u.heading.level;
  jb_role role = (jb_role)(JB_ROLE_H1 + level - 1);
  jb_buf num;
  jb_buf_init(&num, B->ctx);
  if (B->t->heading_numbers && blk->u.heading.numbered) {
    B->counters[level - 1]++;
    for (int l = level; l < 4; l++) B->counters[l] = 0;
    jb_heading_number(B->t, level, B->counters[level - 1], &num);
  }
  block_gap(B, role, JB_BLOCK_HEADING); /* a heading right after a heading stays with it */
  int o;
  jb_status st = add_text(B, role, num.len ? num.data : NULL, &blk->u.heading.text, 0, 0, B->W, -1, 0, &o);
  if (!st) {
    B->objs[o].heading = level;
    B->objs[o].title = plain(B, num.len ? num.data : NULL, &blk->u.heading.text);
    B->objs[o].block = blk;
    B->keep_next = 2;
  }
  jb_buf_fini(&num);
  return st;
}

static jb_status add_paragraph(builder *B, const jb_block *blk) {
  block_gap(B, JB_ROLE_BODY, JB_BLOCK_PARAGRAPH);
  return add_text(B, JB_ROLE_BODY, NULL, &blk->u.para.text, 0, 0, B->W, -1, 1, NULL);
}

static int starts_with(const jb_inline *in, const char *const *prefixes) {
  const char *t = in->n_runs && in->runs[0].text ? in->runs[0].text : "";
  for (size_t i = 0; prefixes[i]; i++)
    if (!strncmp(t, prefixes[i], strlen(prefixes[i]))) return 1;
  return 0;
}

static jb_status add_note(builder *B, const jb_block *blk) {
  static const char *const src[] = {"数据来源", "资料来源", "来源", "注", NULL};
  const char *prefix = starts_with(&blk->u.para.text, src) ? NULL : "数据来源：";
  block_gap(B, JB_ROLE_NOTE, (int)blk->type);
  return add_text(B, JB_ROLE_NOTE, prefix, &blk->u.para.text, 0, 0, B->W, 0, 1, NULL);
}

/* A footnote leaves the flow: an anchor where the block stands, and its text
 * set at the foot of the anchor's page, under a short rule (the model has no
 * reference mark, so the note belongs to the text just before it). */
static jb_status add_footnote(builder *B, const jb_block *blk) {
  static const char *const fn[] = {"注", "*", NULL};
  int o;
  size_t before = B->n_pcs;
  int keep = B->keep_next;
  jb_status s = add_text(B, JB_ROLE_NOTE, starts_with(&blk->u.para.text, fn) ? NULL : "注：", &blk->u.para.text, 0,
                         0, B->W, 0, 0, &o);
  if (s) return s;
  B->n_pcs = before; /* its lines are drawn by page_draw_footnotes, not placed in the flow */
  B->keep_next = keep;
  B->objs[o].h = jb_textblock_height(B->objs[o].tb);
  B->objs[o].draw = NULL;
  piece *p = page_add_piece(B, P_BOX, o, 0);
  p->foot = 1;
  p->keep = 1; /* on the page of the text it annotates */
  return JB_OK;
}

double page_foot_sep(const builder *B) { return page_style(B, JB_ROLE_NOTE).size * 1.2; }
double page_foot_gap(const builder *B) { return page_style(B, JB_ROLE_NOTE).size * 0.2; }

static int foot_on(const builder *B, const piece *p, int page) {
  return p->foot && p->page == page && p->obj >= 0;
}

double page_foot_height(const builder *B, int page) {
  double h = 0;
  for (size_t i = 0; i < B->n_pcs; i++)
    if (foot_on(B, &B->pcs[i], page)) h += B->objs[B->pcs[i].obj].h + (h > 0 ? page_foot_gap(B) : page_foot_sep(B));
  return h;
}

void page_draw_footnotes(builder *B, int page) {
  double h = page_foot_height(B, page);
  if (h <= 0) return;
  double x0 = page_x0(B, page), y = page_top(B) - B->H + h;
  double sep = page_foot_sep(B);
  /* a short rule (a quarter of the text width) above the notes */
  jb_dl_add_line(B->dl, (float)x0, (float)(y - sep / 2), (float)(x0 + B->W / 4), (float)(y - sep / 2), 0.5f,
                 B->t->colors.rule);
  y -= sep;
  int first = 1;
  for (size_t i = 0; i < B->n_pcs; i++) {
    const piece *p = &B->pcs[i];
    if (!foot_on(B, p, page)) continue;
    obj *o = &B->objs[p->obj];
    if (!first) y -= page_foot_gap(B);
    size_t item0 = B->dl->n_items;
    jb_textblock_draw(o->tb, B->dl, x0 + o->x, y, 0, jb_textblock_lines(o->tb));
    if (o->n_cite) page_link_marks(B, o, item0); /* cited facts in a footnote link like the text's */
    y -= o->h;
    first = 0;
  }
}

/* Does a list item open with its own number (1. 2、 （一） 一、 一是)? Then
 * no number is added on a grid. */
static int own_number(const jb_inline *in) {
  static const char *const han = "一二三四五六七八九十";
  const char *t = in->n_runs && in->runs[0].text ? in->runs[0].text : "";
  int paren = !strncmp(t, "（", 3) ? 3 : t[0] == '(';
  t += paren;
  const char *d = t;
  while (*d >= '0' && *d <= '9') d++;
  for (size_t k = 0; d == t || (unsigned char)*t >= 0x80;) { /* else Han numerals, 3 bytes each */
    for (k = 0; han[k] && strncmp(d, han + k, 3);) k += 3;
    if (!han[k]) break;
    d += 3;
  }
  if (d == t) return 0;
  if (paren) return !strncmp(d, "）", 3) || *d == ')';
  if (*d == '.') return !(d[1] >= '0' && d[1] <= '9');
  if (!strncmp(d, "、", 3)) { /* 一、二、三产业增加值: a list of ordinals, not the item's number */
    for (size_t k = 0; han[k]; k += 3)
      if (!strncmp(d + 3, han + k, 3)) return 0;
    return 1;
  }
  return !strncmp(d, "．", 3) || ((unsigned char)*t >= 0x80 && !strncmp(d, "是", 3));
}

/* An item's number on a grid, one level below the numbered heading it stands
 * under (1． under （一）, （1） under 1．; 1． when under none), so that a
 * county heading 1． is not followed by items 1．; the third level's point is
 * full width (GB/T 9704's 1．), so 2．2024年 does not read as a decimal. */
static void item_number(const builder *B, size_t i, char *mark, size_t cap) {
  int d = 0;
  for (int l = 0; B->t->heading_numbers && l < 4; l++)
    if (B->counters[l] > 0) d = l + 1;
  jb_buf b;
  jb_buf_init(&b, B->ctx);
  jb_heading_number(B->t, d == 0 ? 3 : d < 4 ? d + 1 : 4, (long)i + 1, &b);
  if (b.len && b.data[b.len - 1] == '.') b.len--, jb_buf_adds(&b, "．");
  snprintf(mark, cap, "%.*s", (int)b.len, b.len ? b.data : "");
  jb_buf_fini(&b);
}

static jb_status add_list(builder *B, const jb_block *blk) {
  block_gap(B, JB_ROLE_LIST, JB_BLOCK_LIST);
  jb_text_style st = page_style(B, JB_ROLE_LIST);
  /* markers stand where a paragraph's first line starts (2 em), turnover lines hang after them */
  jb_text_style body = page_style(B, JB_ROLE_BODY);
  double left = st.indent > 0 ? st.indent : 2 * body.size;
  double mw = 0;
  char mark[32];
  size_t n = blk->u.list.n_items;
  for (size_t i = 0; i < n; i++) {
    if (blk->u.list.ordered) snprintf(mark, sizeof mark, "%zu.", i + 1);
    else snprintf(mark, sizeof mark, "•");
    double w = jb_text_width(B->ctx, B->fonts, mark, st.stack, st.size);
    if (w > mw) mw = w;
  }
  mw += st.size * 0.5;
  if (mw < st.size) mw = st.size;
  /* on a character grid (GB/T 9704) items read as paragraphs: the number
   * starts the first line at 2 em, turnover lines flush left, not hanging, so
   * the text keeps the grid's columns. An official document has no bullets:
   * its items are numbered as an office numbers them (item_number) */
  int inline_mark = st.grid > 0;
  for (size_t i = 0; i < n; i++) {
    int o = page_add_obj(B, draw_text);
    runs rs = {0};
    if (inline_mark) {
      item_number(B, i, mark, sizeof mark);
      if (!blk->u.list.ordered && own_number(&blk->u.list.items[i])) mark[0] = 0;
      if (mark[0]) page_runs_add(B, &rs, mark, 0);
      page_runs_inline(B, &rs, &blk->u.list.items[i], 0, o);
      jb_text_style pst = st;
      pst.indent = left;
      jb_status s = text_obj_runs(B, o, &rs, &pst, 0, B->W);
      page_runs_free(B, &rs);
      if (s) return s;
      page_add_lines(B, o, 1);
      continue;
    }
    page_runs_inline(B, &rs, &blk->u.list.items[i], 0, o);
    jb_text_style ist = st;
    ist.indent = 0;
    jb_status s = text_obj_runs(B, o, &rs, &ist, left + mw, B->W - left - mw);
    page_runs_free(B, &rs);
    if (s) return s;
    if (blk->u.list.ordered) snprintf(mark, sizeof mark, "%zu.", i + 1);
    else snprintf(mark, sizeof mark, "•");
    jb_text_style ms = st;
    ms.indent = 0, ms.align = JB_ALIGN_LEFT;
    s = jb_textblock_str(B->ctx, B->fonts, mark, &ms, 0, &B->objs[o].aux[0]);
    if (s) return s;
    B->objs[o].mx = -mw;
    page_add_lines(B, o, 1);
  }
  return JB_OK;
}

/* ---- Quotes and callouts: text lines on a shaded (or framed) band ----------- */

static void draw_pad(builder *B, obj *o, const piece *p, double x, double y_top) {
  obj *owner = &B->objs[o->kind];
  (void)x;
  double bx = page_x0(B, p->page);
  obj tmp = *owner;
  tmp.x = 0;
  page_deco(B, &tmp, bx, y_top, p->h, o->mx > 0, o->mx < 0);
}

static int deco_kind(const jb_rgb *bg) { return bg->r > 0.99f && bg->g > 0.99f && bg->b > 0.99f ? 2 : 1; }

static jb_status add_quote(builder *B, const jb_block *blk) {
  int callout = blk->type == JB_BLOCK_CALLOUT;
  jb_role role = callout ? JB_ROLE_CALLOUT : JB_ROLE_QUOTE;
  block_gap(B, role, (int)blk->type);
  const jb_layout_template *t = B->t;
  jb_text_style st = page_style(B, role);
  double in = st.size; /* 1 em inside the band */
  double x = in + page_sp(B, 2.5), w = B->W - 2 * in - page_sp(B, 2.5);
  jb_rgb bg = t->colors.callout_bg, bar = callout ? t->colors.accent : t->colors.muted;
  int deco = deco_kind(&bg);
  double pad = st.size * 0.6;
  /* top pad */
  int top = page_add_obj(B, draw_pad);
  page_add_piece(B, P_BOX, top, pad);
  B->objs[top].mx = 1;
  if (B->keep_next < 1) B->keep_next = 1;
  int first = -1, last = -1;
  jb_status s = JB_OK;
  if (callout && !inline_empty(&blk->u.quote.title)) {
    s = add_text(B, role, NULL, &blk->u.quote.title, 1, x, w, 0, 0, &first);
    B->keep_next = 1;
  }
  int body = -1;
  if (!s) s = add_text(B, role, NULL, &blk->u.quote.text, 0, x, w, -1, 1, &body);
  if (first < 0) first = body;
  last = body;
  if (!s && blk->u.quote.attribution) {
    jb_buf a;
    jb_buf_init(&a, B->ctx);
    jb_buf_printf(&a, "——%s", blk->u.quote.attribution);
    int o = page_add_obj(B, draw_text);
    jb_text_style ast = st;
    ast.indent = 0, ast.align = JB_ALIGN_RIGHT;
    B->objs[o].x = x, B->objs[o].w = w;
    s = jb_textblock_str(B->ctx, B->fonts, a.data, &ast, w, &B->objs[o].tb);
    jb_buf_fini(&a);
    if (!s) {
      size_t before = B->n_pcs;
      page_add_lines(B, o, 0);
      if (B->n_pcs > before) B->pcs[before].keep = 1;
    }
    last = o;
  }
  if (s) return s;
  /* lines inside the band follow the pad, off the grid; the band's end returns to it */
  for (size_t i = 0; i < B->n_pcs; i++)
    if (B->pcs[i].obj >= first && B->pcs[i].obj <= last) B->pcs[i].snap = 0;
  for (int o = first; o >= 0 && o <= last; o++) {
    if (B->objs[o].draw != draw_text) continue;
    B->objs[o].deco = deco, B->objs[o].bg = bg, B->objs[o].bar = bar;
    B->objs[o].deco_x = 0, B->objs[o].deco_w = B->W;
  }
  B->objs[top].kind = first;
  int bot = page_add_obj(B, draw_pad);
  B->objs[bot].kind = first, B->objs[bot].mx = -1;
  piece *p = page_add_piece(B, P_BOX, bot, pad);
  p->keep = 1;
  return JB_OK;
}

/* ---- Tiles: key figures in an aligned grid ------------------------------------ */

enum { T_LABEL, T_VALUE, T_UNIT, T_NOTE, T_SRC, T_N };

typedef struct tiles_row {
  jb_textblock **tb; /* n x T_N */
  size_t n, cols;
  double tw, gap, pad, h;
  double part_h[T_N]; /* row maxima: label, value line, -, note, source */
} tiles_row;

static void tiles_fini(builder *B, obj *o) {
  tiles_row *r = o->data;
  if (!r) return;
  for (size_t i = 0; i < r->n * T_N; i++) jb_textblock_free(r->tb[i]);
  jb_free(B->ctx, r->tb);
  jb_free(B->ctx, r);
  o->data = NULL;
}

static void draw_tiles(builder *B, obj *o, const piece *p, double x, double y_top) {
  (void)p;
  tiles_row *r = o->data;
  const jb_layout_template *t = B->t;
  for (size_t i = 0; i < r->n; i++) {
    jb_textblock **tb = r->tb + i * T_N;
    double tx = x + (double)i * (r->tw + r->gap);
    jb_dl_add_rect(B->dl, (float)tx, (float)(y_top - r->h), (float)r->tw, (float)r->h, t->colors.tile_bg);
    jb_dl_add_rect(B->dl, (float)tx, (float)(y_top - page_sp(B, 2)), (float)r->tw, (float)page_sp(B, 2), t->colors.accent);
    double y = y_top - r->pad - page_sp(B, 2);
    double ix = tx + r->pad;
    if (tb[T_LABEL]) jb_textblock_draw(tb[T_LABEL], B->dl, ix, y, 0, 99);
    y -= r->part_h[T_LABEL];
    if (tb[T_VALUE]) {
      double base = y - jb_textblock_baseline(tb[T_VALUE], 0);
      jb_textblock_draw(tb[T_VALUE], B->dl, ix, y, 0, 1);
      if (tb[T_UNIT])
        jb_textblock_draw(tb[T_UNIT], B->dl, ix + jb_textblock_width(tb[T_VALUE]) + page_sp(B, 2),
                          base + jb_textblock_baseline(tb[T_UNIT], 0), 0, 1);
    }
    y -= r->part_h[T_VALUE];
    if (tb[T_NOTE]) jb_textblock_draw(tb[T_NOTE], B->dl, ix, y, 0, 99);
    y -= r->part_h[T_NOTE];
    if (tb[T_SRC]) jb_textblock_draw(tb[T_SRC], B->dl, ix, y, 0, 99);
  }
}

static void tile_value_text(builder *B, const jb_tile *tl, jb_buf *num, jb_buf *unit) {
  if (tl->value.has_value && !tl->value.text) {
    jb_num_format(&B->t->numbers, tl->value.value, tl->unit, -1, -1, num, unit);
  } else {
    jb_buf_adds(num, tl->value.text ? tl->value.text : "—");
    if (tl->unit) jb_buf_adds(unit, tl->unit);
  }
}

static jb_status tile_parts(builder *B, const jb_tile *tl, double iw, jb_textblock **tb) {
  jb_status s = JB_OK;
  if (tl->label) s = page_text(B, tl->label, JB_ROLE_TILE_LABEL, iw, &tb[T_LABEL]);
  jb_buf num, unit;
  jb_buf_init(&num, B->ctx), jb_buf_init(&unit, B->ctx);
  tile_value_text(B, tl, &num, &unit);
  jb_text_style vs = page_style(B, JB_ROLE_TILE_VALUE), us = page_style(B, JB_ROLE_TILE_UNIT);
  vs.indent = us.indent = 0, vs.align = us.align = JB_ALIGN_LEFT;
  if (!s) s = jb_textblock_str(B->ctx, B->fonts, num.data ? num.data : "", &vs, 0, &tb[T_VALUE]);
  if (!s && unit.len) s = jb_textblock_str(B->ctx, B->fonts, unit.data, &us, 0, &tb[T_UNIT]);
  /* a value too wide for the tile is set smaller, never clipped */
  double need = s ? 0 : jb_textblock_width(tb[T_VALUE]) + (tb[T_UNIT] ? jb_textblock_width(tb[T_UNIT]) + 2 : 0);
  if (!s && need > iw) {
    double f = iw / need * 0.98;
    vs.size *= f, vs.pitch *= f, us.size *= f, us.pitch *= f;
    jb_textblock_free(tb[T_VALUE]), jb_textblock_free(tb[T_UNIT]);
    tb[T_VALUE] = tb[T_UNIT] = NULL;
    s = jb_textblock_str(B->ctx, B->fonts, num.data ? num.data : "", &vs, 0, &tb[T_VALUE]);
    if (!s && unit.len) s = jb_textblock_str(B->ctx, B->fonts, unit.data, &us, 0, &tb[T_UNIT]);
  }
  jb_buf_fini(&num), jb_buf_fini(&unit);
  if (!s && tl->note) s = page_text(B, tl->note, JB_ROLE_TILE_NOTE, iw, &tb[T_NOTE]);
  if (!s && tl->source && tl->source[0]) { /* "" : cited once under the tiles */
    jb_buf src;
    jb_buf_init(&src, B->ctx);
    jb_buf_printf(&src, "来源：%s", tl->source);
    s = page_text(B, src.data, JB_ROLE_TILE_NOTE, iw, &tb[T_SRC]);
    jb_buf_fini(&src);
  }
  return s;
}

static jb_status add_tiles(builder *B, const jb_block *blk) {
  size_t n = blk->u.tiles.n_items;
  if (!n) return JB_OK;
  block_gap(B, JB_ROLE_BODY, JB_BLOCK_TILES);
  B->pending_after = page_sp(B, 8);
  size_t cols = blk->u.tiles.columns > 0 ? (size_t)blk->u.tiles.columns : (size_t)B->t->tiles.columns;
  if (cols < 1) cols = 3;
  if (cols > n) cols = n;
  double gapx = page_sp(B, 8), pad = page_sp(B, 7);
  double tw = (B->W - gapx * (double)(cols - 1)) / (double)cols;
  for (size_t r0 = 0; r0 < n; r0 += cols) {
    int o = page_add_obj(B, draw_tiles);
    B->objs[o].fini = tiles_fini;
    tiles_row *row = jb_calloc(B->ctx, 1, sizeof *row);
    B->objs[o].data = row;
    row->n = n - r0 < cols ? n - r0 : cols;
    row->cols = cols, row->tw = tw, row->gap = gapx, row->pad = pad;
    row->tb = jb_calloc(B->ctx, row->n * T_N, sizeof(jb_textblock *));
    for (size_t i = 0; i < row->n; i++) {
      jb_status s = tile_parts(B, &blk->u.tiles.items[r0 + i], tw - 2 * pad, row->tb + i * T_N);
      if (s) return s;
      for (int k = 0; k < T_N; k++) {
        jb_textblock *tb = row->tb[i * T_N + k];
        double h = tb ? jb_textblock_height(tb) : 0;
        if (k == T_VALUE && row->tb[i * T_N + T_UNIT]) h = fmax(h, jb_textblock_height(row->tb[i * T_N + T_UNIT]));
        if (h > row->part_h[k]) row->part_h[k] = h;
      }
    }
    row->h = 2 * pad + page_sp(B, 2) + row->part_h[T_LABEL] + row->part_h[T_VALUE] + row->part_h[T_NOTE] +
             row->part_h[T_SRC];
    if (row->h < B->t->tiles.height * B->scale) row->h = B->t->tiles.height * B->scale;
    B->objs[o].h = row->h;
    if (r0) page_add_glue(B, gapx);
    piece *p = page_add_piece(B, P_BOX, o, row->h);
    if (r0) p->keep = 1, B->pcs[B->n_pcs - 2].keep = 1; /* a tile grid is never split */
  }
  return JB_OK;
}

/* ---- Images ---------------------------------------------------------------------- */

static void draw_image(builder *B, obj *o, const piece *p, double x, double y_top) {
  (void)p;
  jb_dl_add_image(B->dl, o->title, (float)x, (float)(y_top - o->h), (float)o->w, (float)o->h);
}

static jb_status add_image(builder *B, const jb_block *blk) {
  const char *path = blk->u.image.resolved ? blk->u.image.resolved : blk->u.image.path;
  int pw, ph, jpeg;
  jb_status s = page_image_size(B->ctx, path, &pw, &ph, &jpeg);
  if (s) {
    jb_ctx_clear_error(B->ctx);
    return jb_fail(B->ctx, JB_ERR_INPUT, (jb_loc){B->b->file, 0, 0, -1, blk->path},
                   "image \"%s\" cannot be used: it must be a readable PNG or JPEG file", path);
  }
  block_gap(B, JB_ROLE_CAPTION, JB_BLOCK_IMAGE);
  double w = blk->u.image.width_mm > 0 ? blk->u.image.width_mm * MM * B->scale : B->W;
  if (w > B->W) w = B->W;
  double h = w * ph / pw;
  double maxh = B->H * 0.85;
  if (h > maxh) w *= maxh / h, h = maxh;
  int o = page_add_obj(B, draw_image);
  B->objs[o].x = (B->W - w) / 2, B->objs[o].w = w, B->objs[o].h = h;
  B->objs[o].title = jb_strdup(B->ctx, path);
  page_add_piece(B, P_BOX, o, h);
  if (!inline_empty(&blk->u.image.caption)) {
    page_add_glue(B, page_sp(B, 4));
    B->pcs[B->n_pcs - 1].keep = 1;
    B->keep_next = 1;
    /* 图1 and the words after it: the label spaced as in table and chart captions */
    jb_inline cap = blk->u.image.caption;
    jb_buf first;
    jb_buf_init(&first, B->ctx);
    if (cap.n_runs && cap.runs[0].text) {
      jb_buf_adds(&first, cap.runs[0].text);
      jb_caption_label(&first);
      cap.runs = jb_malloc(B->ctx, cap.n_runs * sizeof *cap.runs);
      memcpy(cap.runs, blk->u.image.caption.runs, cap.n_runs * sizeof *cap.runs);
      cap.runs[0].text = first.data;
    }
    s = add_text(B, JB_ROLE_CAPTION, NULL, &cap, 0, 0, B->W, 0, 0, NULL);
    if (cap.runs != blk->u.image.caption.runs) jb_free(B->ctx, cap.runs);
    jb_buf_fini(&first);
  }
  return s;
}

/* ---- Tables and charts (src/layout/table.c, chart.c) ------------------------------ */

jb_status page_add_table(builder *B, const jb_block *blk);
jb_status page_add_chart(builder *B, const jb_block *blk);
int page_add_table_beside_chart(builder *B, const jb_block *tb, const jb_block *cb);

/* ---- Dispatch -------------------------------------------------------------------- */

jb_status page_add_block(builder *B, const jb_block *blk) {
  if (B->skip_block) { /* set beside the block before it */
    B->skip_block = 0;
    return JB_OK;
  }
  if (B->n_objs == 0 && B->n_pcs == 0) B->pending_after = 0;
  const jb_block *next = blk >= B->b->blocks && blk + 1 < B->b->blocks + B->b->n_blocks ? blk + 1 : NULL;
  switch (blk->type) {
  case JB_BLOCK_HEADING: return add_heading(B, blk);
  case JB_BLOCK_PARAGRAPH: return add_paragraph(B, blk);
  case JB_BLOCK_LIST: return add_list(B, blk);
  case JB_BLOCK_TILES: return add_tiles(B, blk);
  case JB_BLOCK_QUOTE:
  case JB_BLOCK_CALLOUT: return add_quote(B, blk);
  case JB_BLOCK_SOURCE: return add_note(B, blk);
  case JB_BLOCK_FOOTNOTE: return add_footnote(B, blk);
  case JB_BLOCK_IMAGE: return add_image(B, blk);
  case JB_BLOCK_TABLE:
    block_gap(B, JB_ROLE_CAPTION, JB_BLOCK_TABLE);
    if (next && next->type == JB_BLOCK_CHART && page_add_table_beside_chart(B, blk, next)) return JB_OK;
    return page_add_table(B, blk);
  case JB_BLOCK_CHART:
    block_gap(B, JB_ROLE_CAPTION, JB_BLOCK_CHART);
    return page_add_chart(B, blk);
  case JB_BLOCK_TOC:
    block_gap(B, JB_ROLE_H1, JB_BLOCK_TOC);
    return page_add_toc(B, blk);
  case JB_BLOCK_SPACER:
    page_add_glue(B, blk->u.spacer.height_mm * MM * B->scale);
    return JB_OK;
  case JB_BLOCK_PAGEBREAK:
    page_add_piece(B, P_BREAK, -1, 0);
    B->prev_block = -1;
    B->pending_after = 0;
    B->keep_next = 0;
    return JB_OK;
  default: return JB_OK;
  }
}
