/* Tables, the drawing side: heights of heads, rows and slices for the page
 * breaker, and the rules, cells and notes drawn into a display list. The
 * measuring side (column widths, wrapping) is table.c. */
#include <math.h>

#include "layout/table_imp.h"

/* ---- Geometry ------------------------------------------------------------------ */

size_t jb_table_body_rows(const jb_table_layout *tl) { return tl->n_rows; }
double jb_table_natural_width(const jb_table_layout *tl) { return tl->natural; }
double jb_table_font_size(const jb_table_layout *tl) { return tl->size; }
size_t jb_table_columns(const jb_table_layout *tl) { return tl->ncol; }

void jb_table_column_box(const jb_table_layout *tl, size_t c, double *x0, double *w) {
  *x0 = c < tl->ncol ? tl->x_off + tl->colx[c] : 0; /* from the x the table is drawn at */
  *w = c < tl->ncol ? tl->colw[c] : 0;
}

static double caption_gap(const jb_table_layout *tl) { return 0.4 * tl->cap.ts.size; }

double jb_table_head_height(const jb_table_layout *tl, int continued) {
  double h = 0;
  const jb_textblock *cap = continued ? tl->caption_cont : tl->caption;
  if (cap) h += jb_textblock_height(cap) + caption_gap(tl);
  if (tl->unit_tb) h += jb_textblock_height(tl->unit_tb);
  h += tl->tpl->table.rule_thick;
  for (size_t r = 0; r < tl->n_head; r++) h += tl->hrows[r].h;
  if (tl->n_head) h += tl->tpl->table.rule_thin;
  return h;
}

double jb_table_row_height(const jb_table_layout *tl, size_t row) {
  return row < tl->n_rows ? tl->rows[row].h : 0;
}

double jb_table_foot_height(const jb_table_layout *tl) {
  double h = tl->tpl->table.rule_thick;
  if (tl->source_tb) h += 0.3 * tl->note.ts.size + jb_textblock_height(tl->source_tb);
  return h;
}

size_t jb_table_row_lines(const jb_table_layout *tl, size_t row) {
  if (row >= tl->n_rows) return 0;
  double n = (tl->rows[row].h - 2 * tl->pad_v) / tl->pitch;
  size_t k = (size_t)ceil(n - 1e-6);
  return k ? k : 1;
}

double jb_table_row_part_height(const jb_table_layout *tl, size_t row, size_t l0, size_t l1) {
  size_t n = jb_table_row_lines(tl, row);
  if (l1 > n) l1 = n;
  if (l0 == 0 && l1 == n) return jb_table_row_height(tl, row);
  if (l1 <= l0) return 0;
  return (double)(l1 - l0) * tl->pitch + 2 * tl->pad_v;
}

size_t jb_table_row_lines_fit(const jb_table_layout *tl, size_t row, size_t l0, double room) {
  size_t n = jb_table_row_lines(tl, row);
  if (l0 >= n) return 0;
  if (jb_table_row_part_height(tl, row, l0, n) <= room + 1e-6) return n - l0;
  double k = floor((room - 2 * tl->pad_v) / tl->pitch + 1e-6);
  if (k < 0) k = 0;
  return (size_t)k < n - l0 ? (size_t)k : n - l0;
}

/* Rows of a slice: row r covers lines [a, b). */
static void slice_lines(const jb_table_layout *tl, jb_table_cut from, jb_table_cut to, size_t r,
                        size_t *a, size_t *b) {
  *a = r == from.row ? from.line : 0;
  *b = r == to.row ? to.line : jb_table_row_lines(tl, r);
}

static size_t slice_end(const jb_table_layout *tl, jb_table_cut to) {
  size_t end = to.line > 0 ? to.row + 1 : to.row;
  return end > tl->n_rows ? tl->n_rows : end;
}

double jb_table_slice_height(const jb_table_layout *tl, jb_table_cut from, jb_table_cut to) {
  double h = 0;
  for (size_t r = from.row; r < slice_end(tl, to); r++) {
    size_t a, b;
    slice_lines(tl, from, to, r, &a, &b);
    h += jb_table_row_part_height(tl, r, a, b);
  }
  return h;
}

/* ---- Drawing ---------------------------------------------------------------------- */

static jb_rgb rule_color(const jb_table_layout *tl) { return tl->tpl->colors.text; }

static void hrule(jb_dl *dl, double x0, double x1, double y, double lw, jb_rgb c) {
  jb_dl_add_line(dl, (float)x0, (float)y, (float)x1, (float)y, (float)lw, c);
}

/* Draws one cell in the box (x0, top, w, h), lines [a, b); whole = vertically centred. */
static void draw_cell(const jb_table_layout *tl, jb_dl *dl, const tcell *tc, double x0, double top,
                      double w, double h, size_t a, size_t b, int whole, int header, double pitch) {
  size_t n = jb_textblock_lines(tc->tb);
  if (b > n) b = n;
  if (a >= b) return;
  double tx = x0 + tl->pad_h;
  if (tc->kind == CELL_NUM) {
    /* the column's numbers, aligned on the decimal point, as a block centred
     * under the (centred) header: a wide column keeps them near their heading */
    double shift = tc->tail < 0 ? 0 : tl->tail_max[tc->col] - tc->tail; /* "—" sits at the right edge */
    double spare = w - 2 * tl->pad_h - tl->num_w[tc->col];
    tx = x0 + w - tl->pad_h - (spare > 0 ? spare / 2 : 0) - shift - tc->natural;
  } else if (!tc->wrapped) {
    int center = header || (tc->span > 1) || tc->rowspan > 1;
    const jb_column *col = &tl->t->columns[tc->col];
    if (center) {
      tx = x0 + (w - tc->natural) / 2;
    } else if (col->align_set && col->align != JB_ALIGN_LEFT) { /* as the author asked */
      tx = col->align == JB_ALIGN_RIGHT ? x0 + w - tl->pad_h - tc->natural : x0 + (w - tc->natural) / 2;
    } else if (!col->align_set && tl->text_w[tc->col] > 0) {
      double spare = w - 2 * tl->pad_h - tl->text_w[tc->col];
      if (spare > 0) tx += spare / 2;
    }
  }
  double ty = whole ? top - (h - (double)(b - a) * pitch) / 2 : top - tl->pad_v;
  jb_textblock_draw(tc->tb, dl, tx, ty, a, b);
}

static void grid_box(jb_dl *dl, double x0, double top, double w, double h, jb_rgb c, double lw) {
  hrule(dl, x0, x0 + w, top, lw, c);
  hrule(dl, x0, x0 + w, top - h, lw, c);
  jb_dl_add_line(dl, (float)x0, (float)top, (float)x0, (float)(top - h), (float)lw, c);
  jb_dl_add_line(dl, (float)(x0 + w), (float)top, (float)(x0 + w), (float)(top - h), (float)lw, c);
}

static double draw_header(jb_table_layout *tl, jb_dl *dl, double x, double y) {
  const jb_layout_template *tpl = tl->tpl;
  jb_rgb rc = rule_color(tl);
  double tops[64];
  size_t nh = tl->n_head;
  double yy = y;
  for (size_t r = 0; r < nh; r++) {
    if (r < 64) tops[r] = yy;
    yy -= tl->hrows[r].h;
  }
  if (tl->grid && nh) jb_dl_add_rect(dl, (float)x, (float)yy, (float)tl->width, (float)(y - yy), tpl->colors.tile_bg);
  for (size_t r = 0; r < nh; r++) {
    double top = r < 64 ? tops[r] : y;
    for (size_t i = 0; i < tl->hrows[r].n; i++) {
      const tcell *tc = &tl->hrows[r].cells[i];
      double h = 0;
      for (size_t k = 0; k < tc->rowspan && r + k < nh; k++) h += tl->hrows[r + k].h;
      double x0 = x + tl->colx[tc->col], w = span_width(tl, tc);
      draw_cell(tl, dl, tc, x0, top, w, h, 0, (size_t)-1, 1, 1, tl->hpitch);
      if (tl->grid) grid_box(dl, x0, top, w, h, rc, tpl->table.rule_thin);
      else if (tc->span > 1 && r + tc->rowspan < nh) /* group rule (cmidrule) under a spanning header */
        hrule(dl, x0 + tl->pad_h / 2, x0 + w - tl->pad_h / 2, top - h, tpl->table.rule_thin, rc);
    }
  }
  return y - yy;
}

/* Caption across the box, then the unit line, top rule and header rows at the
 * table's own x; returns the height used. */
static double draw_head(jb_table_layout *tl, jb_dl *dl, double x, double y_top, int continued) {
  double thick = tl->tpl->table.rule_thick, thin = tl->tpl->table.rule_thin, y = y_top;
  jb_rgb rc = rule_color(tl);
  const jb_textblock *cap = continued ? tl->caption_cont : tl->caption;
  if (cap) {
    jb_textblock_draw(cap, dl, x, y, 0, (size_t)-1);
    y -= jb_textblock_height(cap) + caption_gap(tl);
  }
  x += tl->x_off;
  if (tl->unit_tb) {
    jb_textblock_draw(tl->unit_tb, dl, x, y, 0, (size_t)-1);
    y -= jb_textblock_height(tl->unit_tb);
  }
  hrule(dl, x, x + tl->width, y - thick / 2, thick, rc);
  y -= thick;
  y -= draw_header(tl, dl, x, y);
  if (tl->n_head) {
    hrule(dl, x, x + tl->width, y - thin / 2, thin, rc);
    y -= thin;
  }
  return y_top - y;
}

double jb_table_draw_slice(jb_table_layout *tl, jb_dl *dl, double x, double y_top, jb_table_cut from,
                           jb_table_cut to, int head, int continued, int last) {
  const jb_layout_template *tpl = tl->tpl;
  jb_rgb rc = rule_color(tl);
  double y = y_top;
  double thick = tpl->table.rule_thick, thin = tpl->table.rule_thin;
  if (head) y -= draw_head(tl, dl, x, y, continued);
  x += tl->x_off; /* the caption spans the box, the table its own width */
  size_t end = slice_end(tl, to);
  /* Row tops in this slice, for row spans. */
  size_t nr = end > from.row ? end - from.row : 0;
  double *tops = jb_malloc(tl->ctx, (nr + 1) * sizeof(double));
  double yy = y;
  for (size_t r = from.row; r < end; r++) {
    size_t a, b;
    slice_lines(tl, from, to, r, &a, &b);
    tops[r - from.row] = yy;
    yy -= jb_table_row_part_height(tl, r, a, b);
  }
  tops[nr] = yy;
  for (size_t r = from.row; r < end; r++) {
    size_t a, b;
    slice_lines(tl, from, to, r, &a, &b);
    const trow *row = &tl->rows[r];
    double top = tops[r - from.row], h = top - tops[r - from.row + 1];
    int whole = a == 0 && b >= jb_table_row_lines(tl, r);
    if (tl->zebra && r % 2 == 1) jb_dl_add_rect(dl, (float)x, (float)(top - h), (float)tl->width, (float)h, tpl->colors.tile_bg);
    if (row->total && r > from.row) hrule(dl, x, x + tl->width, top, thin, rc);
    for (size_t i = 0; i < row->n; i++) {
      const tcell *tc = &row->cells[i];
      double x0 = x + tl->colx[tc->col], w = span_width(tl, tc);
      if (tc->rowspan > 1) { /* its rows within this slice */
        size_t last_r = r + tc->rowspan < end ? r + tc->rowspan : end;
        double hh = top - tops[last_r - from.row];
        draw_cell(tl, dl, tc, x0, top, w, hh, 0, (size_t)-1, 1, 0, tl->pitch);
        if (tl->grid) grid_box(dl, x0, top, w, hh, rc, thin);
        continue;
      }
      draw_cell(tl, dl, tc, x0, top, w, h, a, b, whole, 0, tl->pitch);
      if (tl->grid) grid_box(dl, x0, top, w, h, rc, thin);
    }
    /* A group label whose span began above this slice is drawn again here. */
    if (r == from.row)
      for (size_t s = 0; s < r; s++)
        for (size_t i = 0; i < tl->rows[s].n; i++) {
          const tcell *tc = &tl->rows[s].cells[i];
          if (tc->rowspan <= 1 || s + tc->rowspan <= r) continue;
          size_t last_r = s + tc->rowspan < end ? s + tc->rowspan : end;
          double x0 = x + tl->colx[tc->col], w = span_width(tl, tc), hh = top - tops[last_r - from.row];
          draw_cell(tl, dl, tc, x0, top, w, hh, 0, (size_t)-1, 1, 0, tl->pitch);
          if (tl->grid) grid_box(dl, x0, top, w, hh, rc, thin);
        }
  }
  y = yy;
  jb_free(tl->ctx, tops);
  if (last) {
    hrule(dl, x, x + tl->width, y - thick / 2, thick, rc);
    y -= thick;
    if (tl->source_tb) {
      y -= 0.3 * tl->note.ts.size;
      jb_textblock_draw(tl->source_tb, dl, x, y, 0, (size_t)-1);
      y -= jb_textblock_height(tl->source_tb);
    }
  } else {
    hrule(dl, x, x + tl->width, y, thin, rc); /* an unfinished table ends with a thin rule */
  }
  return y_top - y;
}

double jb_table_draw(jb_table_layout *tl, jb_dl *dl, double x, double y_top, size_t r0, size_t r1,
                     int continued, int last) {
  if (r1 > tl->n_rows) r1 = tl->n_rows;
  if (r0 > r1) r0 = r1;
  return jb_table_draw_slice(tl, dl, x, y_top, (jb_table_cut){r0, 0}, (jb_table_cut){r1, 0}, 1, continued, last);
}
