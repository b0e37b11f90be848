/* Page builder: the contents block (目录). Entries are the headings that follow
 * in the model, numbered as the headings will be; page numbers are drawn after
 * pagination, each entry a link to its heading. */
#include <math.h>
#include <string.h>

#include "layout/page_imp.h"

static const piece *first_piece_of_block(builder *B, const jb_block *blk) {
  for (size_t i = 0; i < B->n_objs; i++) {
    if (B->objs[i].block != blk || !B->objs[i].heading) continue;
    for (size_t k = 0; k < B->n_pcs; k++)
      if (B->pcs[k].obj == (int)i && B->pcs[k].page >= 0) return &B->pcs[k];
  }
  return NULL;
}

static void draw_entry(builder *B, obj *o, const piece *p, double x, double y_top) {
  page_draw_lines(B, o, p, x, y_top);
  size_t n = jb_textblock_lines(o->tb);
  if ((size_t)p->line + 1 != n) return;
  const piece *hp = first_piece_of_block(B, o->block);
  if (!hp) return;
  jb_text_style st = page_style(B, JB_ROLE_BODY);
  st.indent = 0, st.align = JB_ALIGN_LEFT, st.pitch = p->h;
  jb_buf num;
  jb_buf_init(&num, B->ctx);
  jb_buf_add_int(&num, hp->page + 1);
  jb_textblock *tb = NULL;
  if (!jb_textblock_str(B->ctx, B->fonts, num.data, &st, 0, &tb)) {
    double nx = page_x0(B, p->page) + B->W - jb_textblock_width(tb);
    jb_textblock_draw(tb, B->dl, nx, y_top, 0, 1);
    /* dotted leader from the entry's end to the number, on the text's middle line */
    double end = x + jb_textblock_last_end(o->tb) + st.size * 0.5; /* a wrapped entry: its last line */
    double ly = y_top - jb_textblock_baseline(tb, 0) + st.size * 0.3;
    if (nx - st.size * 0.5 > end) {
      jb_dl_add_line(B->dl, (float)end, (float)ly, (float)(nx - st.size * 0.5), (float)ly, 0.8f, B->t->colors.muted);
      B->dl->items[B->dl->n_items - 1].dash = 1.2f;
    }
  } else {
    jb_ctx_clear_error(B->ctx);
  }
  jb_textblock_free(tb);
  jb_buf_fini(&num);
  double top_line = y_top + p->h * (double)(n - 1);
  jb_dl_item *it = jb_dl_add_item(B->dl, JB_DL_LINK);
  it->x = (float)(page_x0(B, p->page)), it->y = (float)(y_top - p->h), it->w = (float)B->W;
  it->h = (float)(top_line - (y_top - p->h));
  it->target = hp->page;
  it->y2 = (float)(page_top(B) + B->page_origin[hp->page] - hp->y + 4);
}

/* Number + text of a heading as add_heading will set it (counters simulated);
 * *num: the number's length in bytes. */
static char *entry_text(builder *B, const jb_block *h, long counters[4], size_t *num) {
  int level = h->u.heading.level < 1 ? 1 : h->u.heading.level > 4 ? 4 : h->u.heading.level;
  jb_buf b;
  jb_buf_init(&b, B->ctx);
  if (B->t->heading_numbers && h->u.heading.numbered) {
    counters[level - 1]++;
    for (int l = level; l < 4; l++) counters[l] = 0;
    jb_heading_number(B->t, level, counters[level - 1], &b);
  }
  *num = b.len;
  for (size_t i = 0; i < h->u.heading.text.n_runs; i++)
    if (h->u.heading.text.runs[i].text) jb_buf_adds(&b, h->u.heading.text.runs[i].text);
  char *s = jb_buf_steal(&b);
  jb_buf_fini(&b);
  return s;
}

/* Contents that fit on a page are never split: a 目录 at a page's foot with
 * one entry under it reads as a mistake (the compose stage only estimates
 * whether they fit after the front matter). */
static void keep_whole(builder *B, size_t first) {
  double h = 0;
  for (size_t i = first; i < B->n_pcs; i++) h += B->pcs[i].h;
  if (h > B->H * 0.95) return;
  for (size_t i = first + 1; i < B->n_pcs; i++) B->pcs[i].keep = 1;
}

/* A wrapped entry's turnover lines start under its text, not under its
 * number (一、〔综述〕广东省…工作 / 成效 read as a new entry); on a grid the
 * number's whole cells. */
static double hang_after(builder *B, const char *text, size_t num, const jb_text_style *es) {
  if (!num || num >= 16) return 0;
  char n[16];
  memcpy(n, text, num), n[num] = 0;
  double w = jb_text_width(B->ctx, B->fonts, n, es->stack, es->size);
  if (es->grid > 0) w = ceil(w / es->grid - 0.05) * es->grid;
  return w < B->W / 2 ? w : 0;
}

jb_status page_add_toc(builder *B, const jb_block *blk) {
  const jb_briefing *b = B->b;
  size_t at = (size_t)(blk - b->blocks);
  int levels = blk->u.toc.levels > 0 ? blk->u.toc.levels : 2;
  long counters[4];
  memcpy(counters, B->counters, sizeof counters);
  jb_text_style hs = page_style(B, JB_ROLE_H1);
  hs.indent = 0, hs.align = JB_ALIGN_CENTER;
  int ho = page_add_obj(B, page_draw_lines);
  B->objs[ho].w = B->W;
  jb_buf title;
  jb_buf_init(&title, B->ctx);
  for (size_t i = 0; i < blk->u.toc.title.n_runs; i++)
    if (blk->u.toc.title.runs[i].text) jb_buf_adds(&title, blk->u.toc.title.runs[i].text);
  jb_status s = jb_textblock_str(B->ctx, B->fonts, title.len ? title.data : "目录", &hs, B->W, &B->objs[ho].tb);
  jb_buf_fini(&title);
  if (s) return s;
  size_t first = B->n_pcs;
  page_add_lines(B, ho, 0);
  B->keep_next = 2;
  jb_text_style st = page_style(B, JB_ROLE_BODY);
  double reserve = st.size * 3; /* room for the page number */
  for (size_t i = at + 1; i < b->n_blocks; i++) {
    const jb_block *h = &b->blocks[i];
    if (h->type != JB_BLOCK_HEADING) continue;
    size_t num = 0;
    char *text = entry_text(B, h, counters, &num);
    if (h->u.heading.level > levels) {
      jb_free(B->ctx, text);
      continue;
    }
    int o = page_add_obj(B, draw_entry);
    double indent = (h->u.heading.level - 1) * st.size * 2;
    jb_text_style es = st;
    es.indent = 0, es.align = JB_ALIGN_LEFT;
    if (h->u.heading.level == 1) es.stack = es.bold_stack;
    es.hanging = hang_after(B, text, num, &es);
    B->objs[o].x = indent, B->objs[o].w = B->W - indent - reserve;
    B->objs[o].block = h;
    s = jb_textblock_str(B->ctx, B->fonts, text, &es, B->W - indent - reserve, &B->objs[o].tb);
    jb_free(B->ctx, text);
    if (s) return s;
    page_add_lines(B, o, 0);
  }
  keep_whole(B, first);
  B->pending_after = st.pitch;
  return JB_OK;
}
