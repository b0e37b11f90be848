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

/* The first piece of the table on a page draws the page's whole slice. */
static void draw_table(builder *B, obj *o, const piece *p, double x, double y_top) {
  size_t i = (size_t)(p - B->pcs);
  if (i > 0 && B->pcs[i - 1].obj == p->obj && B->pcs[i - 1].page == p->page) return;
  jb_table_layout *tl = o->data;
  size_t n = jb_table_body_rows(tl), r0 = n, r1 = 0;
  int last = 0;
  for (size_t j = i; j < B->n_pcs && B->pcs[j].obj == p->obj && B->pcs[j].page == p->page; j++) {
    int row = B->pcs[j].line;
    if (row == ROW_FOOT) last = 1;
    if (row < 0) continue;
    if ((size_t)row < r0) r0 = (size_t)row;
    if ((size_t)row + 1 > r1) r1 = (size_t)row + 1;
  }
  if (r1 == n && !jb_table_foot_height(tl)) last = 1;
  if (r0 >= r1) r0 = r1 = 0;
  int continued = p->line > 0;
  double top = continued ? y_top + p->cont_h : y_top;
  jb_table_draw(tl, B->dl, x, top, r0, r1, continued, last);
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
  for (size_t r = 0; r < n; r++) {
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
