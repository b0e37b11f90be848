/* Page builder: tables (split between rows, head repeated under 续表) and charts
 * (never split), laid out by src/layout/table.c and chart.c. */
#include <math.h>
#include <string.h>

#include "jianbao/figure.h"
#include "layout/page_imp.h"

enum { ROW_HEAD = -1, ROW_FOOT = -2 };

static void table_fini(builder *B, obj *o) {
  (void)B;
  jb_table_layout_free(o->data);
  o->data = NULL;
}

/* Where a table piece starts and ends, as cuts between body lines. */
static jb_table_cut piece_from(const piece *q) {
  return (jb_table_cut){(size_t)q->line, q->sub ? (size_t)q->sub - 1 : 0};
}

static jb_table_cut piece_to(const jb_table_layout *tl, const piece *q) {
  size_t r = (size_t)q->line;
  if (q->sub && (size_t)q->sub < jb_table_row_lines(tl, r)) return (jb_table_cut){r, (size_t)q->sub};
  return (jb_table_cut){r + 1, 0};
}

/* The first piece of the table on a page draws the page's whole slice, from
 * the cut where the page starts to the cut where it ends (rows taller than a
 * page come as one piece per line, so a slice may begin or end inside a row). */
static void draw_table(builder *B, obj *o, const piece *p, double x, double y_top) {
  size_t i = (size_t)(p - B->pcs);
  if (i > 0 && B->pcs[i - 1].obj == p->obj && B->pcs[i - 1].page == p->page) return;
  jb_table_layout *tl = o->data;
  size_t n = jb_table_body_rows(tl);
  jb_table_cut from = {0, 0}, to = {0, 0};
  int last = 0, any = 0;
  for (size_t j = i; j < B->n_pcs && B->pcs[j].obj == p->obj && B->pcs[j].page == p->page; j++) {
    const piece *q = &B->pcs[j];
    if (q->line == ROW_FOOT) last = 1;
    if (q->line < 0) continue;
    if (!any) from = piece_from(q);
    to = piece_to(tl, q);
    any = 1;
  }
  if (!any) from = to = (jb_table_cut){p->line == ROW_FOOT ? n : 0, 0};
  if (to.row >= n && !jb_table_foot_height(tl)) last = 1;
  /* a page that does not open with the table's head repeats it (续表) above the piece */
  int continued = p->line != ROW_HEAD;
  double top = continued ? y_top + p->cont_h : y_top;
  jb_table_draw_slice(tl, B->dl, x, top, from, to, 1, continued, last);
}

/* A body row taller than the room on an empty page: one piece per line, so
 * pagination may cut it between lines (at least two lines on either side).
 * The first piece carries the row's top padding, the last the bottom one;
 * every other piece asks for the bottom padding of a part that ends there. */
static void add_split_row(builder *B, int o, jb_table_layout *tl, size_t r, size_t n, double cont) {
  size_t nl = jb_table_row_lines(tl, r);
  double one = jb_table_row_part_height(tl, r, 0, 1), two = jb_table_row_part_height(tl, r, 0, 2);
  double pitch = two - one, pad = (one - pitch) / 2, used = 0;
  for (size_t k = 0; k < nl; k++) {
    double h = k + 1 < nl ? pitch + (k == 0 ? pad : 0) : jb_table_row_height(tl, r) - used;
    piece *p = page_add_piece(B, P_BOX, o, h);
    used += h;
    p->line = (int)r, p->sub = (int)k + 1;
    p->cont_h = cont + (k > 0 ? pad : 0);
    p->pad_bot = k + 1 < nl ? -pad : 0;
    if (k == 0) p->keep = r == 0 || (r + 1 == n && n > 2);
    else p->keep = k < 2 || nl - k < 2;
  }
}

jb_status page_add_table(builder *B, const jb_block *blk) {
  int o = page_add_obj(B, draw_table);
  jb_table_layout *tl = NULL;
  jb_status s = jb_table_layout_new(B->ctx, B->fonts, B->t, &blk->u.table, B->W, blk->path, &tl);
  if (s) return s;
  B->objs[o].data = tl;
  B->objs[o].fini = table_fini;
  B->objs[o].w = B->W;
  piece *p = page_add_piece(B, P_BOX, o, jb_table_head_height(tl, 0));
  p->line = ROW_HEAD;
  size_t n = jb_table_body_rows(tl);
  double cont = jb_table_head_height(tl, 1); /* 续表 caption + header */
  double room = B->H - cont - jb_table_foot_height(tl);
  for (size_t r = 0; r < n; r++) {
    if (jb_table_row_height(tl, r) > room && jb_table_row_lines(tl, r) >= 3) {
      add_split_row(B, o, tl, r, n, cont);
      continue;
    }
    p = page_add_piece(B, P_BOX, o, jb_table_row_height(tl, r));
    p->line = (int)r;
    p->cont_h = cont;
    /* the head keeps a row, and the last row is not left alone */
    if (r == 0 || (r + 1 == n && n > 2)) p->keep = 1;
  }
  double fh = jb_table_foot_height(tl);
  if (fh > 0) {
    p = page_add_piece(B, P_BOX, o, fh);
    p->line = ROW_FOOT;
    p->keep = 1;
  }
  B->pending_after = fmax(B->pending_after, page_sp(B, 6));
  return JB_OK;
}

/* ---- Charts: never split ------------------------------------------------------ */

static void chart_fini(builder *B, obj *o) {
  (void)B;
  jb_chart_layout_free(o->data);
  o->data = NULL;
}

static void draw_chart(builder *B, obj *o, const piece *p, double x, double y_top) {
  (void)p;
  jb_chart_draw(o->data, B->dl, x, y_top);
}

jb_status page_add_chart(builder *B, const jb_block *blk) {
  int o = page_add_obj(B, draw_chart);
  jb_chart_layout *cl = NULL;
  jb_status s = jb_chart_layout_new(B->ctx, B->fonts, B->t, &blk->u.chart, B->W, blk->path, &cl);
  if (s) return s;
  B->objs[o].data = cl;
  B->objs[o].fini = chart_fini;
  B->objs[o].w = B->W;
  B->objs[o].h = jb_chart_height(cl);
  page_add_piece(B, P_BOX, o, B->objs[o].h);
  B->pending_after = fmax(B->pending_after, page_sp(B, 6));
  return JB_OK;
}

/* ---- A small table and the chart after it, side by side ------------------------ */

typedef struct pair {
  jb_table_layout *tl;
  jb_chart_layout *cl;
  double chart_x;
} pair;

static void pair_fini(builder *B, obj *o) {
  pair *p = o->data;
  jb_table_layout_free(p->tl);
  jb_chart_layout_free(p->cl);
  jb_free(B->ctx, p);
  o->data = NULL;
}

static void draw_pair(builder *B, obj *o, const piece *pc, double x, double y_top) {
  (void)pc;
  pair *p = o->data;
  jb_table_cut from = {0, 0}, to = {jb_table_body_rows(p->tl), 0};
  jb_table_draw_slice(p->tl, B->dl, x, y_top, from, to, 1, 0, 1);
  jb_chart_draw(p->cl, B->dl, x + p->chart_x, y_top);
}

static double whole_table(const jb_table_layout *tl) {
  double h = jb_table_head_height(tl, 0) + jb_table_foot_height(tl);
  for (size_t r = 0; r < jb_table_body_rows(tl); r++) h += jb_table_row_height(tl, r);
  return h;
}

/* Each as wide as it needs: the table at its natural width when that is at most
 * 55 % of the measure, the chart in the rest (at least 35 %), one unsplit box;
 * 1 when set, 0 when they do not fit (the caller sets them one under the other). */
int page_add_table_beside_chart(builder *B, const jb_block *tb, const jb_block *cb) {
  jb_table_layout *tl = NULL;
  jb_chart_layout *cl = NULL;
  size_t warned = jb_ctx_warning_count(B->ctx);
  if (jb_table_layout_new(B->ctx, B->fonts, B->t, &tb->u.table, B->W, tb->path, &tl)) return 0;
  double tw = ceil(jb_table_natural_width(tl) + 2), gap = page_sp(B, 14), cw = B->W - tw - gap;
  int ok = jb_ctx_warning_count(B->ctx) == warned && tw <= 0.55 * B->W && cw >= 0.35 * B->W &&
           jb_table_body_rows(tl) <= 12;
  jb_table_layout_free(tl);
  tl = NULL;
  if (!ok || jb_table_layout_new(B->ctx, B->fonts, B->t, &tb->u.table, tw, tb->path, &tl)) return 0;
  if (jb_chart_layout_new(B->ctx, B->fonts, B->t, &cb->u.chart, cw, cb->path, &cl)) {
    jb_table_layout_free(tl);
    return 0;
  }
  int o = page_add_obj(B, draw_pair);
  pair *p = jb_calloc(B->ctx, 1, sizeof *p);
  p->tl = tl, p->cl = cl, p->chart_x = tw + gap;
  B->objs[o].data = p;
  B->objs[o].fini = pair_fini;
  B->objs[o].w = B->W;
  B->objs[o].h = fmax(whole_table(tl), jb_chart_height(cl));
  page_add_piece(B, P_BOX, o, B->objs[o].h);
  B->pending_after = fmax(B->pending_after, page_sp(B, 6));
  B->skip_block = 1;
  return 1;
}
