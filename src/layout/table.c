/* Tables, the measuring side: column widths from content, wrapped cells,
 * numbers aligned on the decimal point in one scale per column, header rows
 * with column spans, row spans for group labels, unit line and notes.
 * Heights, slices for pages (repeated header, 续表 caption, rows split by
 * line) and drawing in the three-line (三线表) or grid style: table_draw.c. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "layout/table_imp.h"

/* ---- Model accessors ------------------------------------------------------------ */

static size_t cell_rowspan(const jb_cell *c) { return c->rowspan > 1 ? (size_t)c->rowspan : 1; }
static int table_grid(const jb_table *t) { return t->grid; }
static int table_zebra(const jb_table *t) { return t->zebra; }

static const char *table_unit(const jb_table *t) { return t->unit && *t->unit ? t->unit : NULL; }
/* The unit of column c's numbers: its own (a count column in a money table), else the table's. */
static const char *col_unit(const jb_table *t, size_t c) {
  return c < t->n_columns && t->columns[c].unit && *t->columns[c].unit ? t->columns[c].unit : table_unit(t);
}

/* ---- Cell text ------------------------------------------------------------- */

static int cell_has_number(const jb_cell *c) {
  return (c->kind == JB_CELL_NUMBER || c->kind == JB_CELL_FACT) && c->num.has_value;
}

/* A column is numeric when its format says so, or (auto) when most body cells are numbers. */
static void classify_columns(jb_table_layout *tl) {
  const jb_table *t = tl->t;
  size_t *nums = jb_calloc(tl->ctx, tl->ncol, sizeof(size_t)), *texts = jb_calloc(tl->ctx, tl->ncol, sizeof(size_t));
  for (size_t r = 0; r < t->n_rows; r++) {
    size_t col = 0;
    for (size_t i = 0; i < t->rows[r].n_cells && col < tl->ncol; i++) {
      const jb_cell *c = &t->rows[r].cells[i];
      if (c->colspan == 1) {
        if (cell_has_number(c)) nums[col]++;
        else if (c->kind == JB_CELL_TEXT) texts[col]++;
      }
      col += (size_t)c->colspan;
    }
  }
  for (size_t c = 0; c < tl->ncol; c++) {
    jb_col_format f = t->columns[c].format;
    tl->numeric[c] = f == JB_COL_NUMBER || f == JB_COL_PERCENT || (f == JB_COL_AUTO && nums[c] > texts[c]);
  }
  jb_free(tl->ctx, nums);
  jb_free(tl->ctx, texts);
}

/* One scale (万/亿) and one number of decimals per numeric column. */
static void column_scales(jb_table_layout *tl) {
  const jb_table *t = tl->t;
  const jb_num_style *st = &tl->tpl->numbers;
  for (size_t c = 0; c < tl->ncol; c++) {
    const char *unit = col_unit(t, c);
    double f = jb_unit_scale(unit, NULL);
    tl->exp[c] = -1, tl->dec[c] = t->columns[c].decimals;
    if (!tl->numeric[c]) continue;
    double max_abs = 0;
    int need_dec = 0, years = c == 0 && t->columns[c].format == JB_COL_AUTO, written = 1, any = 0;
    size_t col_r;
    for (size_t r = 0; r < t->n_rows; r++) {
      col_r = 0;
      for (size_t i = 0; i < t->rows[r].n_cells; i++) {
        const jb_cell *ce = &t->rows[r].cells[i];
        if (col_r == c && ce->colspan == 1 && cell_has_number(ce) && isfinite(ce->num.value)) {
          if (fabs(ce->num.value) > max_abs) max_abs = fabs(ce->num.value);
          double v = ce->num.value;
          if (!(v == floor(v) && v >= 1800 && v <= 2200)) years = 0;
          written &= ce->num.as_written && ce->num.text, any = 1;
          int d = jb_fig_decimals_of(ce->num.value, st->decimals);
          if (d > need_dec) need_dec = d;
        }
        col_r += (size_t)ce->colspan;
      }
    }
    jb_col_format fmt = t->columns[c].format;
    if (years) { /* a column of years (2020, 2021, ...): printed as written */
      tl->exp[c] = -3;
      continue;
    }
    if (fmt == JB_COL_PERCENT || !unit) {
      if (tl->dec[c] < 0) tl->dec[c] = need_dec;
      continue;
    }
    int orig = (int)lround(log10(f));
    if (written && any && tl->dec[c] < 0 && fmt != JB_COL_PERCENT) {
      tl->exp[c] = orig, tl->dec[c] = DEC_AS_WRITTEN;
      continue;
    }
    int e = jb_num_pick_scale(st, max_abs * f, unit);
    tl->exp[c] = e;
    if (tl->dec[c] < 0) {
      if (e == orig) {
        tl->dec[c] = need_dec;
      } else { /* scaled: enough decimals for the smallest step shown, up to the style's */
        tl->dec[c] = st->scaled_decimals;
      }
    }
  }
}

/* The unit as printed after scaling column c ("亿元"). */
static void column_unit(const jb_table_layout *tl, size_t c, jb_buf *out) {
  jb_buf num;
  jb_buf_init(&num, tl->ctx);
  jb_num_format(&tl->tpl->numbers, 1, col_unit(tl->t, c), 0, tl->exp[c], &num, out);
  jb_buf_fini(&num);
}

/* Years and codes: digits as written, no grouping. */
static void plain_number(jb_buf *b, double v) {
  if (v < 0) jb_buf_add_utf8(b, 0x2212);
  jb_buf_add_num(b, fabs(v), 6);
}

static char *number_text(jb_table_layout *tl, const jb_cell *ce, size_t col, const char *where) {
  const jb_table *t = tl->t;
  jb_buf b;
  jb_buf_init(&b, tl->ctx);
  double v = ce->num.value;
  if (!isfinite(v)) {
    jb_warn(tl->ctx, (jb_loc){NULL, 0, 0, -1, where}, "a cell value is not a finite number; printed as —");
    jb_buf_adds(&b, "—");
    return jb_buf_steal(&b);
  }
  jb_col_format fmt = t->columns[col].format;
  int dec = tl->dec[col];
  if (dec == DEC_AS_WRITTEN && ce->num.as_written && ce->num.text) {
    jb_buf_adds(&b, ce->num.text);
  } else if (fmt == JB_COL_PERCENT) {
    jb_fig_num(&tl->tpl->numbers, v, "%", dec, -1, &b, NULL);
  } else if (fmt == JB_COL_TEXT || !tl->numeric[col] || tl->exp[col] == -3) {
    plain_number(&b, v);
  } else {
    jb_buf u;
    jb_buf_init(&u, tl->ctx);
    jb_fig_num(&tl->tpl->numbers, v, col_unit(t, col), dec, tl->exp[col], &b, &u); /* unit: the note or header */
    jb_buf_fini(&u);
  }
  return jb_buf_steal(&b);
}

/* ---- Grid of cells ---------------------------------------------------------- */

static jb_status place_rows(jb_table_layout *tl, const jb_row *src, size_t n, const char *key,
                            trow **out) {
  size_t ncol = tl->ncol;
  trow *rows = jb_calloc(tl->ctx, n ? n : 1, sizeof(trow));
  *out = rows;
  size_t *busy = jb_calloc(tl->ctx, ncol, sizeof(size_t)); /* rows still covered by a row span */
  jb_status st = JB_OK;
  char where[160];
  for (size_t r = 0; r < n && !st; r++) {
    snprintf(where, sizeof where, "%s.%s[%zu]", tl->path, key, r);
    const jb_row *row = &src[r];
    rows[r].cells = jb_calloc(tl->ctx, row->n_cells ? row->n_cells : 1, sizeof(tcell));
    size_t col = 0;
    for (size_t i = 0; i < row->n_cells; i++) {
      while (col < ncol && busy[col]) col++;
      const jb_cell *ce = &row->cells[i];
      size_t span = ce->colspan > 0 ? (size_t)ce->colspan : 1, rs = cell_rowspan(ce);
      if (col + span > ncol) {
        st = jb_fail(tl->ctx, JB_ERR_INPUT, (jb_loc){NULL, 0, 0, -1, where},
                     "the row has more cells than the table's %zu columns", ncol);
        break;
      }
      if (r + rs > n) rs = n - r;
      tcell *tc = &rows[r].cells[rows[r].n++];
      tc->col = col, tc->span = span, tc->rowspan = rs, tc->bold = ce->bold;
      for (size_t k = 0; k < span; k++) busy[col + k] = rs;
      col += span;
    }
    size_t covered = 0;
    for (size_t c = 0; c < ncol; c++) covered += busy[c] > 0;
    if (!st && covered != ncol)
      st = jb_fail(tl->ctx, JB_ERR_INPUT, (jb_loc){NULL, 0, 0, -1, where},
                   "expected cells for %zu columns, got %zu", ncol, covered);
    for (size_t c = 0; c < ncol; c++)
      if (busy[c]) busy[c]--;
  }
  jb_free(tl->ctx, busy);
  return st;
}

static int starts_with(const char *s, const char *p) { return s && strncmp(s, p, strlen(p)) == 0; }

/* Fills each cell's text source: model runs, a formatted number or a placeholder. */
static void cell_texts(jb_table_layout *tl, const jb_row *src, trow *rows, size_t n, int header,
                       const char *key) {
  char where[200];
  for (size_t r = 0; r < n; r++) {
    for (size_t i = 0; i < rows[r].n; i++) {
      tcell *tc = &rows[r].cells[i];
      const jb_cell *ce = &src[r].cells[i];
      tc->kind = CELL_TEXT;
      if (cell_has_number(ce) && !header) {
        snprintf(where, sizeof where, "%s.%s[%zu][%zu]", tl->path, key, r, i);
        tc->text = number_text(tl, ce, tc->col, where);
        tc->kind = tl->numeric[tc->col] && tc->span == 1 ? CELL_NUM : CELL_TEXT;
      } else if (ce->kind == JB_CELL_TEXT || (ce->kind == JB_CELL_FACT && ce->text.n_runs)) {
        tc->in = &ce->text;
      } else if (ce->kind == JB_CELL_FACT && ce->num.text) {
        tc->text = jb_strdup(tl->ctx, ce->num.text);
      } else if (cell_has_number(ce)) {
        jb_buf b;
        jb_buf_init(&b, tl->ctx);
        plain_number(&b, ce->num.value);
        tc->text = jb_buf_steal(&b);
      } else {
        tc->text = jb_strdup(tl->ctx, "—"); /* missing value */
        tc->kind = !header && tl->numeric[tc->col] && tc->span == 1 ? CELL_NUM : CELL_TEXT;
      }
    }
    if (!header && rows[r].n) {
      jb_buf b;
      jb_buf_init(&b, tl->ctx);
      if (rows[r].cells[0].in) jb_fig_inline_text(rows[r].cells[0].in, &b);
      const char *s = b.data ? b.data : "";
      rows[r].total = starts_with(s, "合计") || starts_with(s, "总计") || starts_with(s, "全部合计");
      jb_buf_fini(&b);
    }
  }
}

/* Numbers with a fractional part or suffix: the width after the integer digits, cached. */
static double tail_width(jb_table_layout *tl, const char *text) {
  const char *p = text;
  if (strncmp(p, "−", strlen("−")) == 0) p += strlen("−");
  while ((*p >= '0' && *p <= '9') || *p == ',') p++;
  if (!*p || p == text) return 0;
  for (size_t i = 0; i < tl->n_tails; i++)
    if (strcmp(tl->tails[i].s, p) == 0) return tl->tails[i].w;
  double w = jb_text_width(tl->ctx, tl->fonts, p, tl->body.ts.stack, tl->body.ts.size);
  if (strlen(p) < sizeof tl->tails[0].s) {
    tl->tails = jb_grow(tl->ctx, tl->tails, &tl->cap_tails, tl->n_tails + 1, sizeof(tail_w));
    snprintf(tl->tails[tl->n_tails].s, sizeof tl->tails[0].s, "%s", p);
    tl->tails[tl->n_tails++].w = w;
  }
  return w;
}

static jb_status make_block(jb_table_layout *tl, tcell *tc, const jb_fig_style *fs, double width,
                            jb_align align) {
  jb_text_style ts = fs->ts;
  ts.align = align;
  if (tc->bold) ts.stack = fs->bold;
  jb_textblock_free(tc->tb);
  tc->tb = NULL;
  if (tc->in) {
    jb_text_run *runs;
    size_t n = jb_fig_inline_runs(tl->ctx, tc->in, tc->bold, &runs);
    jb_status st = jb_textblock_new(tl->ctx, tl->fonts, runs, n, &ts, width, &tc->tb);
    jb_free(tl->ctx, runs);
    return st;
  }
  return jb_textblock_str(tl->ctx, tl->fonts, tc->text, &ts, width, &tc->tb);
}

static jb_status measure_rows(jb_table_layout *tl, trow *rows, size_t n, const jb_fig_style *fs) {
  for (size_t r = 0; r < n; r++) {
    for (size_t i = 0; i < rows[r].n; i++) {
      tcell *tc = &rows[r].cells[i];
      int bold_row = rows[r].total;
      if (bold_row) tc->bold = 1;
      jb_status st = make_block(tl, tc, fs, 0, JB_ALIGN_LEFT);
      if (st) return st;
      tc->wrapped = 0;
      tc->natural = jb_textblock_width(tc->tb);
      tc->minw = tc->kind == CELL_NUM ? tc->natural : jb_textblock_min_width(tc->tb);
      /* Short labels (序号, 金额) stay on one line while the table can afford it. */
      double short_w = fmin(tc->natural, 4 * fs->ts.size);
      if (tc->minw < short_w) tc->minw = short_w;
      tc->tail = tc->kind == CELL_NUM && tc->text ? tail_width(tl, tc->text) : 0;
      if (tc->kind == CELL_NUM && tc->text && !strcmp(tc->text, "—")) tc->tail = -1; /* right edge */
    }
  }
  return JB_OK;
}

/* Minimum and maximum width of every column (padding included). */
static void column_ranges(jb_table_layout *tl, double *minw, double *maxw) {
  size_t nc = tl->ncol;
  double pad2 = 2 * tl->pad_h;
  double *int_max = jb_calloc(tl->ctx, nc, sizeof(double));
  for (size_t c = 0; c < nc; c++) minw[c] = maxw[c] = pad2, tl->tail_max[c] = 0;
  trow *sets[2] = {tl->hrows, tl->rows};
  size_t ns[2] = {tl->n_head, tl->n_rows};
  for (int pass = 0; pass < 2; pass++) { /* single-span cells first, then spans */
    for (int s = 0; s < 2; s++)
      for (size_t r = 0; r < ns[s]; r++)
        for (size_t i = 0; i < sets[s][r].n; i++) {
          tcell *tc = &sets[s][r].cells[i];
          if ((tc->span == 1) != (pass == 0)) continue;
          if (tc->kind == CELL_NUM) {
            if (tc->tail >= 0 && tc->natural - tc->tail > int_max[tc->col]) int_max[tc->col] = tc->natural - tc->tail;
            if (tc->tail < 0 && tc->natural > int_max[tc->col]) int_max[tc->col] = tc->natural;
            if (tc->tail > tl->tail_max[tc->col]) tl->tail_max[tc->col] = tc->tail;
            continue;
          }
          if (pass == 0) {
            if (tc->minw + pad2 > minw[tc->col]) minw[tc->col] = tc->minw + pad2;
            if (tc->natural + pad2 > maxw[tc->col]) maxw[tc->col] = tc->natural + pad2;
            continue;
          }
          double have_min = 0, have_max = 0;
          for (size_t k = 0; k < tc->span; k++) have_min += minw[tc->col + k], have_max += maxw[tc->col + k];
          for (size_t k = 0; k < tc->span; k++) {
            if (tc->minw + pad2 > have_min) minw[tc->col + k] += (tc->minw + pad2 - have_min) / tc->span;
            if (tc->natural + pad2 > have_max) maxw[tc->col + k] += (tc->natural + pad2 - have_max) / tc->span;
          }
        }
    if (pass == 0)
      for (size_t c = 0; c < nc; c++) {
        tl->num_w[c] = int_max[c] + tl->tail_max[c];
        double num = int_max[c] + tl->tail_max[c] + pad2;
        if (num > minw[c]) minw[c] = num;
        if (num > maxw[c]) maxw[c] = num;
      }
  }
  for (size_t c = 0; c < nc; c++)
    if (maxw[c] < minw[c]) maxw[c] = minw[c];
  jb_free(tl->ctx, int_max);
}

/* Distributes the width: all maxima fit -> spread the rest; else interpolate
 * between minima and maxima (the CSS automatic table algorithm). Returns 0
 * when even the minima do not fit (widths are then proportional to them). */
static int distribute(jb_table_layout *tl, const double *minw, const double *maxw) {
  size_t nc = tl->ncol;
  double W = tl->width, smin = 0, smax = 0, swt = 0;
  int all_weights = 1;
  for (size_t c = 0; c < nc; c++) {
    smin += minw[c], smax += maxw[c], swt += tl->t->columns[c].width;
    if (tl->t->columns[c].width <= 0) all_weights = 0;
  }
  int fits = smin <= W + 1e-6;
  if (all_weights && fits) {
    int ok = 1;
    for (size_t c = 0; c < nc; c++) {
      tl->colw[c] = W * tl->t->columns[c].width / swt;
      if (tl->colw[c] < minw[c] - 1e-6) ok = 0;
    }
    if (ok) goto done;
  }
  for (size_t c = 0; c < nc; c++) {
    if (!fits) tl->colw[c] = W * minw[c] / smin;
    else if (smax <= W) tl->colw[c] = maxw[c] + (W - smax) * maxw[c] / smax;
    else tl->colw[c] = minw[c] + (maxw[c] - minw[c]) * (W - smin) / (smax - smin);
  }
done:;
  double x = 0;
  for (size_t c = 0; c < nc; c++) tl->colx[c] = x, x += tl->colw[c];
  return fits;
}


/* A table is as wide as its content needs, up to the box, so numbers stay
 * near their headers; columns the author weighted share the whole box. */
static double table_own_width(const jb_table_layout *tl) {
  int all_weights = 1;
  for (size_t c = 0; c < tl->ncol; c++)
    if (tl->t->columns[c].width <= 0) all_weights = 0;
  return all_weights ? tl->box : fmin(tl->box, ceil(tl->natural * 100) / 100);
}

/* Breaks cells wider than their columns, then sets row heights (row spans
 * add what they lack to their last row). */
static jb_status wrap_and_size(jb_table_layout *tl, trow *rows, size_t n, const jb_fig_style *fs,
                               double pitch, int header) {
  for (size_t r = 0; r < n; r++) {
    double lines = 1;
    for (size_t i = 0; i < rows[r].n; i++) {
      tcell *tc = &rows[r].cells[i];
      double avail = span_width(tl, tc) - 2 * tl->pad_h;
      if (tc->kind != CELL_NUM && tc->natural > avail + 0.01) {
        jb_status st = make_block(tl, tc, fs, avail, header ? JB_ALIGN_CENTER : JB_ALIGN_LEFT);
        if (st) return st;
        tc->wrapped = 1;
      }
      if (tc->rowspan == 1 && jb_textblock_lines(tc->tb) > lines) lines = (double)jb_textblock_lines(tc->tb);
    }
    rows[r].h = lines * pitch + 2 * tl->pad_v;
  }
  for (size_t r = 0; r < n; r++)
    for (size_t i = 0; i < rows[r].n; i++) {
      tcell *tc = &rows[r].cells[i];
      if (tc->rowspan <= 1) continue;
      double need = jb_textblock_lines(tc->tb) * pitch + 2 * tl->pad_v, have = 0;
      for (size_t k = 0; k < tc->rowspan; k++) have += rows[r + k].h;
      if (need > have) rows[r + tc->rowspan - 1].h += need - have;
    }
  return JB_OK;
}

/* Text columns whose cells all fit on one line are drawn as a block (left
 * aligned within it) centred under the header, like the numbers. */
static void text_blocks(jb_table_layout *tl) {
  for (size_t c = 0; c < tl->ncol; c++) tl->text_w[c] = 0;
  for (size_t r = 0; r < tl->n_rows; r++)
    for (size_t i = 0; i < tl->rows[r].n; i++) {
      const tcell *tc = &tl->rows[r].cells[i];
      if (tc->kind == CELL_NUM || tc->span > 1 || tc->rowspan > 1 || tl->text_w[tc->col] < 0) continue;
      if (tc->wrapped) tl->text_w[tc->col] = -1;
      else if (tc->natural > tl->text_w[tc->col]) tl->text_w[tc->col] = tc->natural;
    }
}

static void free_rows(jb_table_layout *tl, trow *rows, size_t n) {
  if (!rows) return;
  for (size_t r = 0; r < n; r++) {
    for (size_t i = 0; i < rows[r].n; i++) {
      jb_textblock_free(rows[r].cells[i].tb);
      jb_free(tl->ctx, rows[r].cells[i].text);
    }
    jb_free(tl->ctx, rows[r].cells);
  }
  jb_free(tl->ctx, rows);
}

void jb_table_layout_free(jb_table_layout *tl) {
  if (!tl) return;
  jb_ctx *ctx = tl->ctx;
  free_rows(tl, tl->hrows, tl->n_head);
  free_rows(tl, tl->rows, tl->n_rows);
  jb_textblock_free(tl->caption);
  jb_textblock_free(tl->caption_cont);
  jb_textblock_free(tl->unit_tb);
  jb_textblock_free(tl->source_tb);
  void *arrays[] = {tl->colx, tl->colw, tl->tail_max, tl->num_w, tl->text_w, tl->numeric, tl->exp, tl->dec, tl->tails, tl->path};
  for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++) jb_free(ctx, arrays[i]);
  jb_free(ctx, tl);
}

/* Sets every text at body size `size` (header and notes scale along). */
static jb_status layout_at(jb_table_layout *tl, double size, int *fits) {
  const jb_layout_template *tpl = tl->tpl;
  double k = size / tpl->roles[JB_ROLE_TABLE].size;
  tl->size = size;
  tl->n_tails = 0;
  jb_fig_style_init(tl->ctx, tl->fonts, &tpl->roles[JB_ROLE_TABLE], size, &tl->body);
  jb_fig_style_init(tl->ctx, tl->fonts, &tpl->roles[JB_ROLE_TABLE_HEADER],
                    tpl->roles[JB_ROLE_TABLE_HEADER].size * k, &tl->head);
  tl->pitch = tl->body.ts.pitch, tl->hpitch = tl->head.ts.pitch;
  tl->pad_h = tpl->table.cell_pad * (k < 1 ? k : 1);
  tl->pad_v = tl->pad_h * 0.5;
  jb_status st = measure_rows(tl, tl->hrows, tl->n_head, &tl->head);
  if (!st) st = measure_rows(tl, tl->rows, tl->n_rows, &tl->body);
  if (st) return st;
  double *minw = jb_calloc(tl->ctx, tl->ncol, sizeof(double)), *maxw = jb_calloc(tl->ctx, tl->ncol, sizeof(double));
  column_ranges(tl, minw, maxw);
  tl->natural = 0;
  for (size_t c = 0; c < tl->ncol; c++) tl->natural += maxw[c];
  tl->width = table_own_width(tl);
  *fits = distribute(tl, minw, maxw);
  jb_free(tl->ctx, minw);
  jb_free(tl->ctx, maxw);
  return JB_OK;
}

/* The unit every numeric column with a unit shows (after its 万/亿 scale) into
 * out; returns 0 when the columns show different units (or none has one). */
static int common_unit(const jb_table_layout *tl, jb_buf *out) {
  jb_buf u;
  jb_buf_init(&u, tl->ctx);
  int any = 0, same = 1;
  for (size_t c = 0; c < tl->ncol && same; c++) {
    if (!tl->numeric[c] || tl->exp[c] < 0) continue;
    u.len = 0;
    column_unit(tl, c, &u);
    jb_buf_addc(&u, '\0');
    if (!any) jb_buf_adds(out, u.data);
    else same = !strcmp(out->data ? out->data : "", u.data);
    any = 1;
  }
  jb_buf_fini(&u);
  return any && same;
}

/* "单位：…" above the table when all its numeric columns share one unit; the
 * table's unit as given when no column is numeric. */
static void unit_line(jb_table_layout *tl, jb_buf *out) {
  jb_buf u;
  jb_buf_init(&u, tl->ctx);
  int any = 0;
  for (size_t c = 0; c < tl->ncol; c++) any |= tl->numeric[c] && tl->exp[c] >= 0;
  if (common_unit(tl, &u)) jb_buf_printf(out, "单位：%s", u.data);
  else if (!any && table_unit(tl->t)) jb_buf_printf(out, "单位：%s", tl->t->unit);
  jb_buf_fini(&u);
}

/* The header cell naming column c: the lowest one spanning only that column. */
static tcell *header_cell(jb_table_layout *tl, size_t c) {
  for (size_t r = tl->n_head; r-- > 0;)
    for (size_t i = 0; i < tl->hrows[r].n; i++)
      if (tl->hrows[r].cells[i].col == c && tl->hrows[r].cells[i].span == 1) return &tl->hrows[r].cells[i];
  return NULL;
}

/* Numeric columns in different units (个 beside 万元, or 万元 beside 亿元)
 * get no common unit line: each states its unit in its header, "金额（亿元）". */
static jb_status annotate_header(jb_table_layout *tl) {
  if (!tl->n_head) return JB_OK;
  jb_buf common;
  jb_buf_init(&common, tl->ctx);
  int same = common_unit(tl, &common);
  jb_buf_fini(&common);
  if (same) return JB_OK;
  for (size_t c = 0; c < tl->ncol; c++) {
    tcell *tc = !tl->numeric[c] || tl->exp[c] < 0 ? NULL : header_cell(tl, c);
    if (!tc) continue;
    jb_buf b, u;
    jb_buf_init(&b, tl->ctx);
    jb_buf_init(&u, tl->ctx);
    if (tc->in) jb_fig_inline_text(tc->in, &b);
    else if (tc->text) jb_buf_adds(&b, tc->text);
    column_unit(tl, c, &u);
    jb_buf_addc(&b, '\0'), jb_buf_addc(&u, '\0');
    b.len--, u.len--;
    if (u.len && strcmp(b.data, u.data) != 0) {
      jb_buf_printf(&u, "）");
      char paren[80];
      snprintf(paren, sizeof paren, "（%s", u.data);
      if (!strstr(b.data, paren)) { /* the author may have written it already */
        jb_buf_adds(&b, paren);
        jb_free(tl->ctx, tc->text);
        tc->text = jb_buf_steal(&b);
        tc->in = NULL;
      }
    }
    jb_buf_fini(&b);
    jb_buf_fini(&u);
  }
  return JB_OK;
}

/* The template's caption alignment places tables: centred under a centred
 * caption, else at the left edge of the measure. */
static int table_centred(const jb_table_layout *tl) {
  return tl->tpl->roles[JB_ROLE_CAPTION].align == JB_ALIGN_CENTER;
}

static jb_status make_notes(jb_table_layout *tl) {
  const jb_layout_template *tpl = tl->tpl;
  jb_fig_style_init(tl->ctx, tl->fonts, &tpl->roles[JB_ROLE_CAPTION], 0, &tl->cap);
  jb_fig_style_init(tl->ctx, tl->fonts, &tpl->roles[JB_ROLE_NOTE], 0, &tl->note);
  jb_status st = JB_OK;
  jb_buf b;
  jb_buf_init(&b, tl->ctx);
  jb_fig_inline_text(&tl->t->caption, &b);
  jb_caption_label(&b);
  if (b.len) {
    jb_text_style cs = tl->cap.ts; /* over the table: across the box, placed like the table */
    cs.align = table_centred(tl) ? JB_ALIGN_CENTER : JB_ALIGN_LEFT;
    st = jb_textblock_str(tl->ctx, tl->fonts, b.data, &cs, tl->box, &tl->caption);
    jb_buf c;
    jb_buf_init(&c, tl->ctx);
    const char *cont = tpl->table.continued_format ? tpl->table.continued_format : "续表";
    if (starts_with(b.data, "表")) { /* 表1 … -> 续表1 … */
      jb_buf_adds(&c, cont);
      jb_buf_adds(&c, b.data + strlen("表"));
    } else {
      jb_buf_adds(&c, cont);
      jb_buf_adds(&c, "：");
      jb_buf_adds(&c, b.data);
    }
    if (!st) st = jb_textblock_str(tl->ctx, tl->fonts, c.data, &cs, tl->box, &tl->caption_cont);
    jb_buf_fini(&c);
  }
  b.len = 0;
  unit_line(tl, &b);
  if (!st && b.len) {
    jb_text_style us = tl->note.ts;
    us.align = JB_ALIGN_RIGHT;
    us.size = tl->size < us.size ? tl->size : us.size;
    us.pitch = 1.4 * us.size;
    jb_buf_addc(&b, '\0');
    st = jb_textblock_str(tl->ctx, tl->fonts, b.data, &us, tl->width, &tl->unit_tb);
  }
  if (!st && tl->t->source && *tl->t->source) {
    b.len = 0;
    jb_buf_adds(&b, "数据来源：");
    jb_buf_adds(&b, tl->t->source);
    jb_text_style ns = tl->note.ts;
    ns.pitch = 1.4 * ns.size;
    st = jb_textblock_str(tl->ctx, tl->fonts, b.data, &ns, tl->box - tl->x_off, &tl->source_tb);
  }
  jb_buf_fini(&b);
  return st;
}

jb_status jb_table_layout_new(jb_ctx *ctx, jb_fonts *fonts, const jb_layout_template *tpl,
                              const jb_table *t, double width, const char *path,
                              jb_table_layout **out) {
  *out = NULL;
  jb_loc at = {NULL, 0, 0, -1, path};
  if (!t->n_columns) return jb_fail(ctx, JB_ERR_INPUT, at, "a table needs at least one column");
  if (!(width > 0) || !isfinite(width)) return jb_fail(ctx, JB_ERR_INPUT, at, "no room for the table (width %g pt)", width);
  jb_table_layout *tl = jb_calloc(ctx, 1, sizeof *tl);
  tl->ctx = ctx, tl->fonts = fonts, tl->tpl = tpl, tl->t = t, tl->box = tl->width = width;
  tl->path = jb_strdup(ctx, path ? path : "table");
  tl->ncol = t->n_columns, tl->n_head = t->n_header, tl->n_rows = t->n_rows;
  tl->grid = table_grid(t), tl->zebra = table_zebra(t);
  size_t nc = tl->ncol;
  tl->colx = jb_calloc(ctx, nc, sizeof(double));
  tl->colw = jb_calloc(ctx, nc, sizeof(double));
  tl->tail_max = jb_calloc(ctx, nc, sizeof(double));
  tl->num_w = jb_calloc(ctx, nc, sizeof(double));
  tl->text_w = jb_calloc(ctx, nc, sizeof(double));
  tl->numeric = jb_calloc(ctx, nc, sizeof(int));
  tl->exp = jb_calloc(ctx, nc, sizeof(int));
  tl->dec = jb_calloc(ctx, nc, sizeof(int));
  jb_status st = place_rows(tl, t->header, t->n_header, "header", &tl->hrows);
  if (!st) st = place_rows(tl, t->rows, t->n_rows, "rows", &tl->rows);
  if (!st) {
    classify_columns(tl);
    column_scales(tl);
    cell_texts(tl, t->header, tl->hrows, tl->n_head, 1, "header");
    cell_texts(tl, t->rows, tl->rows, tl->n_rows, 0, "rows");
    st = annotate_header(tl);
  }
  /* Too wide: shrink in half points down to the minimum size, then force. */
  int fits = 0;
  double size = tpl->roles[JB_ROLE_TABLE].size;
  while (!st) {
    st = layout_at(tl, size, &fits);
    if (st || fits || size <= JB_TABLE_MIN_SIZE) break;
    size = fmax(JB_TABLE_MIN_SIZE, size - 0.5);
  }
  if (!st && size < tpl->roles[JB_ROLE_TABLE].size)
    jb_warn(ctx, at, "table too wide for %.0f pt: set in %.1f pt instead of %.1f pt%s", width, size,
            tpl->roles[JB_ROLE_TABLE].size, fits ? "" : ", and cells broken inside words");
  if (!st) st = wrap_and_size(tl, tl->hrows, tl->n_head, &tl->head, tl->hpitch, 1);
  if (!st) st = wrap_and_size(tl, tl->rows, tl->n_rows, &tl->body, tl->pitch, 0);
  if (!st) text_blocks(tl);
  if (!st && table_centred(tl)) tl->x_off = (tl->box - tl->width) / 2;
  if (!st) st = make_notes(tl);
  if (st) {
    jb_table_layout_free(tl);
    return st;
  }
  *out = tl;
  return JB_OK;
}
