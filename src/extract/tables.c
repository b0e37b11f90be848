/* Tables become facts: the number in each body cell of a table read from a
 * docx, html, xlsx or csv is a fact whose measure comes from its row and column
 * headers and whose unit comes from a header (地区生产总值（亿元）, 增速（%）, a
 * 单位 column, or 单位：万元 above the table); the table's rows or columns are
 * series over time, places or categories, as their header labels say. The
 * scan has already made a fact of every number; this completes the ones in
 * cells (unit, value, measure, period, place, series, cell) and marks the
 * numbers of header cells (2023年 above a column) as labels. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/internal.h"

typedef struct unit_info {
  double mult;
  char unit[24];
  int cls; /* U_* of the unit table, or -1: no unit */
} unit_info;

typedef struct hdr {
  uint32_t *s;
  size_t n, cap;
} hdr;

typedef struct tab {
  jb_facts_impl *f;
  const jb_gazetteer *g;
  const jb_doc *d;
  const uint32_t *t;
  const jb_doc_tbl *tb;
  size_t tno;           /* 1-based */
  long *grid;           /* n_rows * n_cols cell indexes, -1 empty */
  size_t H, C;          /* header rows, header columns */
  long unit_col;        /* a 单位 column, or -1 */
  unit_info caption;    /* 单位：万元 above the table */
  size_t *order, n_order; /* the document's facts by normalized start */
} tab;

static int is_num_char(uint32_t c) {
  return jb_is_digit(c) || c == '.' || c == ',' || c == '%' || c == 0xFF05 || c == '-' || c == '+' || c == 0x2030;
}

static int numeric(const tab *x, jb_span s) {
  size_t digits = 0, numc = 0, n = s.end - s.start;
  if (!n) return 0;
  uint32_t c0 = x->t[s.start];
  if (!jb_is_digit(c0) && c0 != '-' && c0 != '+' && c0 != '.') return 0;
  for (size_t k = s.start; k < s.end; k++) digits += jb_is_digit(x->t[k]), numc += is_num_char(x->t[k]);
  return digits > 0 && numc * 2 >= n;
}

/* 2023, 2023年, 2023年1-6月: a year heading a column. */
static int year_like(const uint32_t *t, size_t a, size_t b) {
  if (b - a < 4 || !(t[a] == '1' || t[a] == '2')) return 0;
  for (size_t k = a; k < a + 4; k++)
    if (!jb_is_digit(t[k])) return 0;
  if (b - a > 4 && jb_is_digit(t[a + 4])) return 0;
  for (size_t k = a; k < b; k++)
    if (t[k] == '.') return 0;
  return t[a] == '2' ? t[a + 1] == '0' : t[a + 1] == '9';
}

static int time_like(const uint32_t *t, size_t a, size_t b) {
  if (year_like(t, a, b)) return 1;
  for (size_t k = a; k + 1 < b; k++)
    if ((t[k] == 0x5B63 && t[k + 1] == 0x5EA6) || /* 季度 */
        (jb_is_digit(t[k]) && t[k + 1] == 0x6708) || (t[k + 1] == 0x534A && t[k + 2 < b ? k + 2 : k] == 0x5E74))
      return 1; /* 6月, 上半年 */
  return 0;
}

static long cell_at(const tab *x, size_t r, size_t c) {
  return r < x->tb->n_rows && c < x->tb->n_cols ? x->grid[r * x->tb->n_cols + c] : -1;
}

static void make_grid(tab *x) {
  const jb_doc_tbl *tb = x->tb;
  size_t n = tb->n_rows * tb->n_cols;
  x->grid = jb_malloc(x->f->ctx, (n + 1) * sizeof *x->grid);
  for (size_t i = 0; i < n; i++) x->grid[i] = -1;
  for (size_t k = 0; k < tb->n_cells; k++) {
    const jb_doc_cell *c = &tb->cells[k];
    for (size_t r = c->row; r < c->row + c->rowspan && r < tb->n_rows; r++)
      for (size_t q = c->col; q < c->col + c->colspan && q < tb->n_cols; q++) x->grid[r * tb->n_cols + q] = (long)k;
  }
}

/* Header rows: those the file marks, else leading rows (at most 3) whose only
 * numbers are years; header columns: leading columns (at most 2) without a
 * number below the headers. */
static void find_headers(tab *x) {
  const jb_doc_tbl *tb = x->tb;
  x->H = tb->header_rows;
  for (size_t r = 0; !tb->header_rows && r < 3 && r + 1 < tb->n_rows; r++) {
    int header = 1;
    for (size_t k = 0; k < tb->n_cells; k++) {
      const jb_doc_cell *c = &tb->cells[k];
      if (c->row == r && numeric(x, c->span) && !year_like(x->t, c->span.start, c->span.end)) header = 0;
    }
    if (!header) break;
    x->H = r + 1;
  }
  x->C = 0;
  for (size_t q = 0; q < 2 && q + 1 < tb->n_cols; q++) {
    int text = 1;
    for (size_t r = x->H; r < tb->n_rows && text; r++) { /* words, or years naming the rows */
      long k = cell_at(x, r, q);
      if (k >= 0 && numeric(x, tb->cells[k].span) && !year_like(x->t, tb->cells[k].span.start, tb->cells[k].span.end))
        text = 0;
    }
    if (!text) break;
    x->C = q + 1;
  }
}

static void hdr_add(jb_ctx *ctx, hdr *h, const uint32_t *t, jb_span s) {
  h->s = jb_grow(ctx, h->s, &h->cap, h->n + (s.end - s.start) + 1, sizeof *h->s);
  for (size_t k = s.start; k < s.end; k++)
    if (t[k] != '\t' && t[k] != ' ') h->s[h->n++] = t[k];
}

/* The header cells above column `at` (rows < H) or left of row `at` (columns
 * < C, without a 单位 column): the innermost one (next to the body: the label
 * of a year or a county) in inner, the ones outside it (a group such as
 * 投资（万元） over 2022年 and 2023年) in outer, each cell once. */
static void header_parts(const tab *x, int column, size_t at, hdr *outer, hdr *inner) {
  outer->n = inner->n = 0;
  long last = -1, in = -1;
  size_t lim = column ? x->H : x->C;
  for (size_t i = lim; i-- > 0;) {
    long k = column ? cell_at(x, i, at) : cell_at(x, at, i);
    if (k >= 0 && (column || (long)i != x->unit_col)) {
      in = k;
      break;
    }
  }
  for (size_t i = 0; i < lim; i++) {
    long k = column ? cell_at(x, i, at) : cell_at(x, at, i);
    if (k < 0 || k == last || k == in || (!column && (long)i == x->unit_col)) continue;
    last = k;
    hdr_add(x->f->ctx, outer, x->t, x->tb->cells[k].span);
  }
  if (in >= 0) hdr_add(x->f->ctx, inner, x->t, x->tb->cells[in].span);
}

static void header_text(const tab *x, int column, size_t at, hdr *h) {
  hdr outer = {0};
  header_parts(x, column, at, &outer, h);
  jb_free(x->f->ctx, outer.s);
}

static int unit_entry(const char *s, int *cls, const char **out) {
  for (size_t i = 0; i < jb_n_units; i++)
    if (!strcmp(jb_units[i].s, s)) return *cls = jb_units[i].cls, *out = jb_units[i].unit ? jb_units[i].unit : s, 1;
  return 0;
}

/* 亿元, 万人, %, 个 … -> multiplier, unit and class; 0 when s is no unit. */
static int parse_unit(const uint32_t *s, size_t n, unit_info *u) {
  static const struct { uint32_t a, b; double m; } prefix[] = {
      {0x4E07, 0x4EBF, 1e12}, {0x5343, 0x4E07, 1e7}, {0x767E, 0x4E07, 1e6}, {0x5341, 0x4E07, 1e5},
      {0x4EBF, 0, 1e8}, {0x4E07, 0, 1e4}, {0x5343, 0, 1e3}, {0x767E, 0, 1e2}};
  u->mult = 1, u->cls = -1, u->unit[0] = 0;
  size_t i = 0;
  while (i < n && (s[i] == ' ' || s[i] == 0x3000)) i++;
  while (n > i && (s[n - 1] == ' ' || s[n - 1] == 0x3000)) n--;
  for (size_t p = 0; p < sizeof prefix / sizeof prefix[0] && i < n; p++) {
    size_t k = prefix[p].b ? 2 : 1;
    if (i + k <= n && s[i] == prefix[p].a && (!prefix[p].b || s[i + 1] == prefix[p].b) && i + k < n) {
      u->mult = prefix[p].m, i += k;
      break;
    }
  }
  char buf[20];
  size_t w = 0;
  for (size_t k = i; k < n && w + 5 < sizeof buf; k++) w += jb_utf8_encode(s[k] == 0xFF05 ? '%' : s[k], buf + w);
  buf[w] = 0;
  const char *unit;
  if (!w || !unit_entry(buf, &u->cls, &unit)) return u->mult = 1, u->cls = -1, 0;
  snprintf(u->unit, sizeof u->unit, "%s", unit);
  return 1;
}

/* The unit a header gives: 单位：万元, a bracket at its end （亿元）, or a final %.
 * The header's text without it is left in [0, *keep). */
static int header_unit(const uint32_t *s, size_t n, unit_info *u, size_t *keep) {
  *keep = n;
  for (size_t k = 0; k + 2 < n; k++)
    if (s[k] == 0x5355 && s[k + 1] == 0x4F4D && (s[k + 2] == 0xFF1A || s[k + 2] == ':')) { /* 单位： */
      size_t e = k + 3;
      while (e < n && s[e] != 0xFF09 && s[e] != ')' && s[e] != 0xFF0C) e++;
      if (parse_unit(s + k + 3, e - k - 3, u)) {
        *keep = k > 0 && (s[k - 1] == 0xFF08 || s[k - 1] == '(') ? k - 1 : k;
        return 1;
      }
    }
  if (n >= 3 && (s[n - 1] == 0xFF09 || s[n - 1] == ')')) {
    size_t o = n - 1;
    while (o > 0 && s[o] != 0xFF08 && s[o] != '(') o--;
    if ((s[o] == 0xFF08 || s[o] == '(') && parse_unit(s + o + 1, n - o - 2, u)) return *keep = o, 1;
  }
  if (n >= 2 && (s[n - 1] == '%' || s[n - 1] == 0xFF05)) return parse_unit(s + n - 1, 1, u), *keep = n - 1, 1;
  return parse_unit(s, n, u) ? (*keep = 0, 1) : 0; /* a header that is only a unit */
}


static int is_place(const tab *x, const hdr *h, long *place) {
  if (!h->n) return 0;
  long e = jb_lex_match(&x->g->lex, h->s, h->n, 0);
  if (e < 0 || x->g->lex.e[e].n != h->n) return 0;
  *place = x->g->lex.e[e].payload / 4;
  return 1;
}

/* What the labels along the columns (column = 1) or the rows vary by. */
static jb_series_dim labels_dim(const tab *x, int column, hdr *h) {
  size_t times = 0, places = 0, any = 0;
  size_t from = column ? x->C : x->H, to = column ? x->tb->n_cols : x->tb->n_rows;
  for (size_t i = from; i < to; i++) {
    if (column && (long)i == x->unit_col) continue;
    header_text(x, column, i, h);
    long pl;
    if (!h->n) continue;
    any++;
    times += time_like(h->s, 0, h->n);
    places += is_place(x, h, &pl);
  }
  if (any >= 2 && times * 2 > any) return JB_DIM_TIME;
  if (any >= 2 && places * 2 > any) return JB_DIM_PLACE;
  return JB_DIM_CATEGORY;
}

/* A header's text without its unit, trimmed, in the facts' arena (NULL if empty). */
static char *label_of(tab *x, hdr *h, unit_info *u) {
  size_t keep;
  unit_info tmp;
  if (!header_unit(h->s, h->n, u ? u : &tmp, &keep)) keep = h->n;
  while (keep && (h->s[keep - 1] == ' ' || h->s[keep - 1] == 0xFF1A || h->s[keep - 1] == ':')) keep--;
  return keep ? jb_facts_cps(x->f, h->s, 0, keep) : NULL;
}

static char *period_of(tab *x, const hdr *h) {
  char buf[16];
  for (size_t k = 0; k + 4 <= h->n; k++) {
    if (!year_like(h->s, k, k + 4)) continue;
    int y1 = (int)((h->s[k] - '0') * 1000 + (h->s[k + 1] - '0') * 100 + (h->s[k + 2] - '0') * 10 + h->s[k + 3] - '0');
    size_t j = k + 4 + (k + 4 < h->n && h->s[k + 4] == 0x5E74); /* 年 */
    if (j + 5 <= h->n && (h->s[j] == '-' || h->s[j] == 0x2014 || h->s[j] == 0x2013 || h->s[j] == 0x81F3) &&
        year_like(h->s, j + 1, j + 5)) {
      int y2 = (int)((h->s[j + 1] - '0') * 1000 + (h->s[j + 2] - '0') * 100 + (h->s[j + 3] - '0') * 10 + h->s[j + 4] - '0');
      snprintf(buf, sizeof buf, "%d-%d", y1, y2);
    } else {
      snprintf(buf, sizeof buf, "%d", y1);
    }
    return jb_facts_strdup(x->f, buf);
  }
  return NULL;
}

static void apply_unit(jb_fact *f, const unit_info *u) {
  if (u->cls < 0 || (f->unit[0] && f->kind != JB_KIND_YEAR)) return;
  if (f->value_type == JB_VALUE_NUMBER) f->value *= u->mult;
  else if (f->value_type == JB_VALUE_RANGE) f->lo *= u->mult, f->hi *= u->mult;
  else return;
  snprintf(f->unit, sizeof f->unit, "%s", u->unit);
  f->kind = u->cls == U_MONEY ? JB_KIND_MONEY : u->cls == U_PCT ? JB_KIND_PERCENT
          : u->cls == U_PERMILLE ? JB_KIND_PER_MILLE : u->cls == U_COUNT ? JB_KIND_COUNT : JB_KIND_OTHER;
}

/* Position in order of the first fact starting at or after pos. */
static size_t first_from(const tab *x, size_t pos) {
  size_t lo = 0, hi = x->n_order;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (x->f->items[x->order[mid]].nstart < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/* The first fact inside span, or -1. */
static long fact_in(const tab *x, jb_span s) {
  size_t lo = first_from(x, s.start);
  if (lo < x->n_order && x->f->items[x->order[lo]].nend <= s.end) return (long)x->order[lo];
  return -1;
}

static void mark_cell(jb_fact *f, const tab *x, const jb_doc_cell *c) {
  f->cell_table = x->tno, f->cell_row = c->row, f->cell_col = c->col;
}

/* Numbers in header cells name rows and columns: labels. */
static void header_labels(tab *x) {
  for (size_t k = 0; k < x->tb->n_cells; k++) {
    const jb_doc_cell *c = &x->tb->cells[k];
    if (c->row >= x->H && c->col >= x->C && (long)c->col != x->unit_col) continue;
    for (size_t i = first_from(x, c->span.start); i < x->n_order; i++) {
      jb_fact *f = &x->f->items[x->order[i]];
      if (f->nstart >= c->span.end) break;
      if (f->nend > c->span.end) continue;
      f->is_label = 1, f->status = JB_STATUS_NONE, f->series = -1, f->series_label = NULL;
      mark_cell(f, x, c);
    }
  }
}

/* A 单位 column (its header says 单位 or 计量单位) and 单位：万元 above the table. */
static void find_units(tab *x) {
  x->unit_col = -1;
  hdr h = {0};
  for (size_t q = 0; q < x->tb->n_cols && x->H; q++) {
    header_text(x, 1, q, &h);
    size_t n = h.n, o = n >= 4 && h.s[0] == 0x8BA1 && h.s[1] == 0x91CF ? 2 : 0; /* 计量 */
    if (n == o + 2 && h.s[o] == 0x5355 && h.s[o + 1] == 0x4F4D) x->unit_col = (long)q;
  }
  x->caption.cls = -1;
  size_t p = x->tb->first_para;
  if (p > 0 && jb_doc_paragraph_role(x->d, p - 1) != JB_PR_ROW) {
    jb_span sp = jb_doc_paragraph(x->d, p - 1);
    h.n = 0;
    hdr_add(x->f->ctx, &h, x->t, sp);
    size_t keep;
    for (size_t k = 0; k + 2 < h.n; k++)
      if (h.s[k] == 0x5355 && h.s[k + 1] == 0x4F4D) {
        header_unit(h.s + k, h.n - k, &x->caption, &keep);
        break;
      }
  }
  long corner = x->H && x->C ? cell_at(x, 0, 0) : -1; /* 指标（万元） in the corner */
  if (x->caption.cls < 0 && corner >= 0) {
    h.n = 0;
    hdr_add(x->f->ctx, &h, x->t, x->tb->cells[corner].span);
    size_t keep;
    header_unit(h.s, h.n, &x->caption, &keep);
  }
  jb_free(x->f->ctx, h.s);
}

typedef struct member {
  size_t fact, key;
} member;

static char *join(tab *x, const char *a, const char *b, const char *c) {
  jb_buf t;
  jb_buf_init(&t, x->f->ctx);
  jb_buf_adds(&t, a ? a : "");
  jb_buf_adds(&t, b ? b : "");
  jb_buf_adds(&t, c ? c : "");
  char *r = t.len ? jb_facts_strdup(x->f, t.data) : NULL;
  jb_buf_fini(&t);
  return r;
}

typedef struct heads {
  hdr ro, ri, co, ci; /* row outer, row inner, column outer, column inner */
} heads;

/* One body cell: unit, value, measure, label, period, place. by_row: the
 * labels run along the columns (a row is a series). */
static void cell_fact(tab *x, const jb_doc_cell *c, jb_fact *f, int by_row, jb_series_dim dim, heads *h) {
  header_parts(x, 0, c->row, &h->ro, &h->ri);
  header_parts(x, 1, c->col, &h->co, &h->ci);
  unit_info u[5] = {{1, "", -1}, {1, "", -1}, {1, "", -1}, {1, "", -1}, {1, "", -1}};
  char *ri = label_of(x, &h->ri, &u[1]), *ro = label_of(x, &h->ro, &u[2]);
  char *ci = label_of(x, &h->ci, &u[3]), *co = label_of(x, &h->co, &u[4]);
  if (x->unit_col >= 0) {
    long k = cell_at(x, c->row, (size_t)x->unit_col);
    if (k >= 0) parse_unit(x->t + x->tb->cells[k].span.start, x->tb->cells[k].span.end - x->tb->cells[k].span.start, &u[0]);
  }
  static const int row_first[] = {0, 1, 2, 3, 4}, col_first[] = {0, 3, 4, 1, 2};
  const unit_info *pick = &x->caption;
  for (int i = 0; i < 5; i++) {
    const unit_info *q = &u[by_row ? row_first[i] : col_first[i]];
    if (q->cls >= 0) {
      pick = q;
      break;
    }
  }
  apply_unit(f, pick);
  char *label = by_row ? ci : ri;
  char *measure = by_row ? join(x, ro, ri, co) : join(x, co, ci, ro);
  if (!by_row && !ci) measure = join(x, co, NULL, ro); /* a column without a label of its own */
  f->measure = measure ? measure : label;
  f->series_label = measure ? label : NULL;
  f->series = -1, f->is_label = 0;
  hdr *lab = by_row ? &h->ci : &h->ri;
  if (dim == JB_DIM_TIME) {
    char *per = period_of(x, lab);
    if (per) f->period = per;
    if (per && f->series_label && year_like(lab->s, 0, lab->n)) f->series_label = per;
  } else if (dim == JB_DIM_PLACE) {
    long pl;
    if (is_place(x, lab, &pl)) f->place = jb_facts_strdup(x->f, x->g->places[pl].name);
  }
  mark_cell(f, x, c);
}

static void make_series(tab *x, member *m, size_t n, jb_series_dim dim, size_t doc) {
  for (size_t i = 0; i < n;) {
    size_t j = i, lo = m[i].fact, hi = m[i].fact;
    while (j < n && m[j].key == m[i].key) {
      if (m[j].fact < lo) lo = m[j].fact;
      if (m[j].fact > hi) hi = m[j].fact;
      j++;
    }
    if (j - i >= 2) {
      long id = jb_new_series(x->f, doc, dim, lo, hi);
      for (size_t k = i; k < j; k++) x->f->items[m[k].fact].series = id;
    } else {
      x->f->items[m[i].fact].series_label = NULL;
    }
    i = j;
  }
}

static int by_key(const void *a, const void *b) {
  const member *p = a, *q = b;
  return p->key != q->key ? (p->key < q->key ? -1 : 1) : (p->fact < q->fact ? -1 : p->fact > q->fact);
}

static void one_table(tab *x, size_t doc) {
  make_grid(x);
  find_headers(x);
  find_units(x);
  heads h;
  memset(&h, 0, sizeof h);
  jb_series_dim cdim = labels_dim(x, 1, &h.ci), rdim = labels_dim(x, 0, &h.ri);
  int by_row = cdim == JB_DIM_TIME || (rdim != JB_DIM_TIME && rdim != JB_DIM_PLACE && cdim == JB_DIM_PLACE);
  jb_series_dim dim = by_row ? cdim : rdim;
  int series = by_row || x->C > 0;
  member *m = jb_malloc(x->f->ctx, (x->tb->n_cells + 1) * sizeof *m);
  size_t nm = 0;
  for (size_t k = 0; k < x->tb->n_cells; k++) {
    const jb_doc_cell *c = &x->tb->cells[k];
    if (c->row < x->H || c->col < x->C || (long)c->col == x->unit_col || !numeric(x, c->span)) continue;
    long fi = fact_in(x, c->span);
    if (fi < 0) continue;
    cell_fact(x, c, &x->f->items[fi], by_row, dim, &h);
    if (series) m[nm++] = (member){(size_t)fi, by_row ? c->row : c->col};
  }
  qsort(m, nm, sizeof *m, by_key);
  make_series(x, m, nm, dim, doc);
  header_labels(x);
  jb_free(x->f->ctx, m);
  jb_free(x->f->ctx, h.ro.s);
  jb_free(x->f->ctx, h.ri.s);
  jb_free(x->f->ctx, h.co.s);
  jb_free(x->f->ctx, h.ci.s);
  jb_free(x->f->ctx, x->grid);
}

void jb_table_facts(jb_facts_impl *f, const jb_gazetteer *g, const jb_doc *d, size_t doc, size_t first) {
  size_t nt = jb_doc_table_count(d);
  if (!nt || first >= f->n) return;
  tab x = {0};
  x.f = f, x.g = g, x.d = d, x.t = jb_doc_text(d, NULL);
  x.n_order = f->n - first;
  x.order = jb_malloc(f->ctx, x.n_order * sizeof *x.order);
  size_t w = 0;
  for (size_t i = first; i < f->n; i++) x.order[w++] = i;
  for (size_t i = 1; i < w; i++) /* the scan writes facts in text order, almost always: insertion sort */
    for (size_t j = i; j > 0 && f->items[x.order[j - 1]].nstart > f->items[x.order[j]].nstart; j--) {
      size_t tmp = x.order[j];
      x.order[j] = x.order[j - 1], x.order[j - 1] = tmp;
    }
  for (size_t t = 0; t < nt; t++) {
    x.tb = jb_doc_table(d, t), x.tno = t + 1;
    if (x.tb->n_rows && x.tb->n_cols) one_table(&x, doc);
  }
  jb_free(f->ctx, x.order);
}

/* Series left without members (their facts became table facts) are dropped
 * and the others renumbered, so series i has id i. */
void jb_series_compact(jb_facts_impl *f) {
  long n = f->next_series, w = 0;
  if (!n) return;
  long *map = jb_malloc(f->ctx, (size_t)n * sizeof *map);
  size_t *count = jb_calloc(f->ctx, (size_t)n, sizeof *count);
  for (size_t i = 0; i < f->n; i++)
    if (f->items[i].series >= 0 && f->items[i].series < n) count[f->items[i].series]++;
  for (long k = 0; k < n; k++) {
    map[k] = count[k] ? w : -1;
    if (count[k]) f->series[w] = f->series[k], f->series[w].id = w, w++;
  }
  for (size_t i = 0; i < f->n; i++)
    if (f->items[i].series >= 0 && f->items[i].series < n) f->items[i].series = map[f->items[i].series];
  f->next_series = w;
  jb_free(f->ctx, map);
  jb_free(f->ctx, count);
}
