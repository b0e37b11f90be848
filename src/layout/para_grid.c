/* Justified text on a character grid (GB/T 9704: 22 lines of 28 characters):
 * every Han character sits in its cell, so columns line up from line to line.
 * Marks are full cells; adjacent full-width marks share their blank halves
 * (。” ）（ ，“ take one cell together). A Western run (digits, Latin) takes
 * the whole cells it needs, centred in them (a number before its measure word
 * set against it: 年 8月 5日), and begins in the blank half of the mark
 * before it when that saves a half cell (，8月; ：2013—, not ：2013 —);
 * —— and …… take two cells.
 * Lines are justified to the measure without moving a Han character off its
 * column: a closing mark that ends a line is set flush with the right edge
 * (its ink ends the line, clreq's half-width line-end mark), and cells left
 * over when the next unit cannot join the line (字， in one cell, 48037万元)
 * are given whole, first around Western runs inside the line (½ em more on
 * each side of a number), then after marks (a longer pause), last between
 * characters. The breaks are chosen for the
 * whole paragraph (total fit) so that such cells are few and spread. */
#include <math.h>
#include <string.h>

#include "jianbao/para.h"
#include "layout/para_imp.h"

typedef struct gunit {
  uint32_t g0, g1, c0;
  double w;
  jb_cc cls;
  int full;   /* a full-width mark: blank half left (1) or right (2) */
  int free_;  /* part of a Western run (proportional) */
  int label;  /* ends an item label (1．): the run stops here */
  int unitc;  /* a measure word or unit right after a digit (个, 年, 月): asked per run, found once */
} gunit;

/* A line's stretch points (counted by place) and the whole cells each kind
 * receives (set before the final place): after a mark run inside the line,
 * around a Western run, between two characters. */
typedef struct gfill {
  long nm, nw, nh, nt; /* nt: mark runs that can be set tight (”， in one cell) */
  long km, kw, kh, kt;
} gfill;

/* What place() needs besides the units: scratch positions (half cells) and
 * offsets (pt) of each unit. */
typedef struct gline {
  const gunit *u;
  const jb_shaped *s; /* for the code points of units */
  double em;
  long *pos;
  double *xoff;
  size_t *chars_end; /* the end of the run of plain characters (not marks, dashes, Western) from each unit */
} gline;

static int mark_class(jb_cc c) { return c == JB_CC_OPEN || c == JB_CC_CLOSE || c == JB_CC_PAUSE || c == JB_CC_STOP; }

/* A paragraph opening with an item label, digits and a full-width point
 * (1．, GB/T 9704's third level): the point keeps its full width (set half
 * width, its box would overlap the text: cjkcheck S3), the label fills its own
 * whole cells and the text starts on the next one; the label stays a run of
 * its own, so 2．2024年 never reads as a decimal. */
static void item_label(const jb_shaped *s, double em, gunit *u, size_t n) {
  size_t k = 0;
  while (k < n && k < 4 && u[k].free_ && jb_cjk_is_digit(u[k].c0 < s->text_len ? s->text[u[k].c0] : 0)) k++;
  if (k == 0 || k >= n || u[k].c0 >= s->text_len || s->text[u[k].c0] != 0xFF0E) return;
  u[k].full = 0, u[k].free_ = 1, u[k].label = 1;
}

static size_t grid_units(const jb_shaped *s, double em, gunit *u) {
  size_t n = 0;
  for (size_t g = 0; g < s->n_glyphs; g++) {
    uint32_t c = s->glyphs[g].cluster;
    double w = s->glyphs[g].x_advance;
    if (!(w > -1e6 && w < 1e6)) w = 0;
    if (n > 0 && c <= u[n - 1].c0) { /* same (or odd) cluster */
      u[n - 1].g1 = (uint32_t)g + 1, u[n - 1].w += w;
      continue;
    }
    u[n] = (gunit){(uint32_t)g, (uint32_t)g + 1, c, w, JB_CC_OTHER, 0, 0, 0, 0};
    uint32_t cp = c < s->text_len ? s->text[c] : 0xFFFC;
    u[n].cls = jb_cjk_class(cp);
    size_t d = n > 1 && u[n - 1].cls == JB_CC_SPACE ? n - 2 : n - 1; /* 0.37 万: past the space */
    u[n].unitc = u[n].cls == JB_CC_HAN && n > 0 && jb_cjk_is_digit(u[d].c0 < s->text_len ? s->text[u[d].c0] : 0) &&
                 jb_cjk_unit_char(cp);
    if (mark_class(u[n].cls) && w >= 0.9 * em) u[n].full = u[n].cls == JB_CC_OPEN ? 1 : 2;
    else if (u[n].cls != JB_CC_HAN && u[n].cls != JB_CC_DASH && !(u[n].cls == JB_CC_OTHER && w >= 0.9 * em))
      u[n].free_ = 1;
    n++;
  }
  item_label(s, em, u, n);
  /* a space beside a character or a mark (18.65 万人, 由上年的 27.1: a converted PDF's)
   * takes no room: the Western run's own cells set it apart */
  for (size_t k = 0; k < n; k++)
    if (u[k].cls == JB_CC_SPACE && ((k > 0 && !u[k - 1].free_) || (k + 1 < n && !u[k + 1].free_))) u[k].w = 0;
  return n;
}

/* Cells given to stretch point idx of n when k cells are spread evenly: the
 * j-th of each round at the middle of its share of the points. */
static long share(long idx, long n, long k) {
  if (n <= 0 || k <= 0) return 0;
  long r = k % n, c = k / n;
  for (long j = 0; j < r; j++) c += (2 * j + 1) * n / (2 * r) == idx;
  return c;
}

/* A run of adjacent full-width marks [i, j) from half cell *h: each mark's
 * inked half, with the blank half before an opening mark that starts the run
 * and after a closing one that ends it. An odd count of halves is made whole
 * cells by one more blank half (loose, ”，+½ em) or by dropping a blank half
 * (tight: ”， in one cell, as a line is shrunk, and an opening run at a line
 * start, its ink on the column). At the end of a justified line the last
 * blank is dropped and the run set flush right (its ink ends the line).
 * *shrink: the run can be tightened. Returns 1 when it ends with a blank
 * half (a Western run may start in it). */
static int mark_run(const gline *L, size_t i, size_t j, int start, int at_end, int tight, int *shrink, long *h) {
  const gunit *u = L->u;
  int lead = u[i].full == 1, trail = u[j - 1].full == 2 && !at_end;
  long c = *h + lead, n = (long)(j - i), split = -1;
  int odd = (int)(*h % 2); /* after a Western run set tight against a closing bracket */
  *shrink = 0;
  if ((*h + n + lead + trail) % 2) {
    if (at_end) c += 1; /* the spare half before the run: flush right */
    else if (odd && trail) /* 〔9〕年: the bracket's blank half dropped, not a loose cell; 41.21%，较: a longer pause */
      trail = u[j - 1].cls == JB_CC_CLOSE ? 0 : 2;
    else if (lead && start) lead = 0, c = *h;
    else if (!tight && (trail || lead)) *shrink = 1, trail ? (void)(trail = 2) : (void)(c += 1);
    else if (trail) *shrink = 1, trail = 0;
    else if (lead) *shrink = 1, lead = 0, c = *h;
    else /* a mixed run (”：“): the spare half after its last closing mark */
      for (size_t k = j; k-- > i;)
        if (u[k].full == 2) { split = (long)k; break; }
  }
  for (size_t k = i; k < j; k++) {
    L->pos[k] = u[k].full == 1 ? c - 1 : c;
    L->xoff[k] = 0;
    c += 1 + ((long)k == split);
  }
  *h = c + trail;
  return trail > 0;
}

/* The width of units [i, j). */
static double run_width(const gunit *u, size_t i, size_t j) {
  double w = 0;
  for (size_t k = i; k < j; k++) w += u[k].w;
  return w;
}

/* A Western run [i, j) of width w: the whole cells it needs (from the blank
 * half of the mark before it when there is one), centred; flush left at a
 * line start and flush right at the end of a justified line; extra cells when
 * given. Before a closing bracket (close) it may end on a half cell, set
 * against the bracket, so that 〔9〕 reads as one group, not 〔 9 〕.
 * Returns the room left in its cells, pt. */
static double western_run(const gline *L, size_t a, size_t i, size_t j, double w, int blank, int end, int close,
                          int snug, long extra, long *h) {
  int start = i == a;
  long need = (long)ceil(2 * w / L->em - 0.05);
  if (need < 1) need = 1;
  /* the blank half of the mark before is taken only when it saves a half cell:
   * a run of whole cells (2013, 20) centred from it would leave a quarter em on
   * each side (：2013 —2024); from the cell it sits against what follows */
  if (blank && need % 2 == 0 && !snug && !close && !end) blank = 0;
  long h0 = *h - (blank ? 1 : 0);
  long h1 = h0 + need;
  int odd = (close || snug == 2) && !end && h1 % 2;
  size_t o = i;
  while (odd && o > a && L->u[o - 1].full == 1) o--;
  if (o < i && o > a) { /* “1+1+5”: the spare half before the opening mark, the group kept tight */
    for (size_t k = o; k < i; k++) L->pos[k] += 1;
    h0 += 1, h1 += 1, odd = 0;
  }
  if (snug == 3) h1 += 1 - h1 % 2, odd = 1; /* 99%、 ending a line: the mark's ink half ends it */
  h1 += (odd ? 0 : h1 % 2) + 2 * extra;
  double spare = (h1 - h0) * L->em / 2 - w;
  /* a number before its measure word or a mark sits against it, the spare room before the number
   * (年 8月 5日 as 2024年; 为41.21%，), at a line start too (6月27日): never a gap before a mark,
   * the space on one side in every date; whole cells given to justify it go evenly to both sides */
  double x = end || odd || (snug && !extra) ? spare : start ? 0 : spare / 2;
  for (size_t k = i; k < j; k++) L->pos[k] = h0, L->xoff[k] = x, x += L->u[k].w;
  *h = h1;
  return spare - 2.0 * (double)extra * L->em / 2;
}

static uint32_t unit_cp(const gline *L, size_t k) {
  return L->u[k].c0 < L->s->text_len ? L->s->text[L->u[k].c0] : 0;
}

/* Is unit k (in [a, e)) a character, neither a mark nor Western? */
static int plain(const gunit *u, size_t a, size_t e, size_t k) {
  return k >= a && k < e && !u[k].full && !u[k].free_;
}

/* Where place() stands inside line [a, e): the next unit, half cells so far,
 * the stretch points met, and whether the last mark run ended blank. */
typedef struct gstate {
  size_t i;
  long h, im, iw, ih, it;
  int blank;
} gstate;

/* A Western run [i, j) of line [a, e) with the marks up to m after it. */
static void place_western(const gline *L, size_t a, size_t e, int flush, const gfill *f, gstate *g, size_t j,
                          size_t m) {
  const gunit *u = L->u;
  size_t i = g->i;
  double w = run_width(u, i, j);
  /* a number between characters that fills its cells: ½ em more on each side */
  int wide = i > a && plain(u, a, e, i - 1) && plain(u, a, e, j) && !g->blank && u[i].cls != JB_CC_SPACE &&
             u[j - 1].cls != JB_CC_SPACE && fmod(w / L->em + 0.05, 1.0) < 0.35;
  int close = j < e && u[j].full == 2 && u[j].cls == JB_CC_CLOSE;
  size_t last = j - 1 > i && u[j - 1].cls == JB_CC_SPACE ? j - 2 : j - 1; /* 0.37 万人 */
  int unit = j < e && u[j].cls == JB_CC_HAN && jb_cjk_is_digit(unit_cp(L, last)) && u[j].unitc;
  /* 2: may end on a half cell; 3: must, before marks that end a justified line */
  int snug = j < e && u[j].full == 2 ? (flush && m == e ? 3 : 2) : unit;
  western_run(L, a, i, j, w, g->blank, flush && j == e, close, snug, wide ? share(g->iw++, f->nw, f->kw) : 0,
              &g->h);
  g->blank = 0;
}

/* The step of place() at unit i of a line ending at e: a Western run, a run
 * of marks or one character. Sets *next to the unit after it; returns the
 * furthest unit it looks at (the marks after a Western run decide how it sits):
 * the step is the same for every line end beyond that unit. */
static size_t step_reach(const gunit *u, size_t e, size_t i, size_t *next) {
  size_t j = i + 1;
  if (u[i].free_) {
    while (j < e && u[j].free_ && !u[j - 1].label) j++;
    size_t m = j;
    while (m < e && u[m].full) m++;
    *next = j;
    return m;
  }
  if (u[i].full)
    while (j < e && u[j].full) j++;
  *next = j;
  return u[i].full ? j : i;
}

/* Places the step at g->i of line [a, e) (see step_reach) and moves g past it. */
static void place_step(const gline *L, size_t a, size_t e, int flush, const gfill *f, gstate *g) {
  const gunit *u = L->u;
  size_t i = g->i, j, m = step_reach(u, e, i, &j);
  if (plain(u, a, e, i) && i > a && plain(u, a, e, i - 1)) g->h += 2 * share(g->ih++, f->nh, f->kh); /* between characters */
  if (u[i].free_) {
    place_western(L, a, e, flush, f, g, j, m);
  } else if (u[i].full) {
    int shrink = 0;
    g->blank = mark_run(L, i, j, i == a, flush && j == e, share(g->it, f->nt, f->kt) > 0, &shrink, &g->h);
    g->it += shrink;
    if (j < e && u[j - 1].full == 2) g->h += 2 * share(g->im++, f->nm, f->km); /* a longer pause */
  } else {
    L->pos[i] = g->h, L->xoff[i] = 0;
    g->h += u[i].cls == JB_CC_DASH ? 2 * (long)fmax(1, floor(u[i].w / L->em + 0.5)) : 2;
    g->blank = 0;
  }
  g->i = j;
}

/* Places the run of plain characters at g->i of line [a, e), one cell each,
 * as place_step does when no cells are given between characters; returns
 * whether there was one. */
static int place_chars(const gline *L, size_t a, size_t e, gstate *g) {
  size_t i = g->i, r = L->chars_end[i] < e ? L->chars_end[i] : e;
  if (r <= i) return 0;
  g->ih += (long)(r - i - 1) + (i > a && plain(L->u, a, e, i - 1));
  for (size_t k = i; k < r; k++) L->pos[k] = g->h + 2 * (long)(k - i), L->xoff[k] = 0;
  g->h += 2 * (long)(r - i), g->blank = 0, g->i = r;
  return 1;
}

/* Finishes line [a, e) from g: the half cells to the line end (returned) and
 * the stretch points counted into f. */
static long place_from(const gline *L, size_t a, size_t e, int flush, gfill *f, gstate g) {
  while (g.i < e)
    if (f->kh > 0 || !place_chars(L, a, e, &g)) place_step(L, a, e, flush, f, &g);
  f->nm = g.im, f->nw = g.iw, f->nh = g.ih, f->nt = g.it;
  return g.h + g.h % 2;
}

/* Half cells from the line start to each unit (L->pos) and to the line end
 * (returned), for units [a, e); flush: a justified line (not a paragraph's
 * last). Counts the stretch points into f and spends its k* cells. */
static long place(const gline *L, size_t a, size_t e, int flush, gfill *f) {
  return place_from(L, a, e, flush, f, (gstate){a, 0, 0, 0, 0, 0, 0});
}

/* Spends slack cells on a line's stretch points (Western runs, then marks,
 * then between characters), or tightens mark runs when the line is over by
 * cells; returns what that costs, -1 when it cannot be made to fit, huge when
 * the line cannot be filled. */
static double fill_cost(gfill *f, long slack) {
  f->km = f->kw = f->kh = f->kt = 0;
  if (slack < 0) {
    if (-slack > f->nt) return -1;
    f->kt = -slack;
    return 120.0 * (double)f->kt + 60.0 * (double)(slack * slack);
  }
  if (slack == 0) return 0;
  long s = slack;
  f->kw = s < f->nw ? s : f->nw, s -= f->kw;
  /* up to two cells after each mark before any between characters: a longer pause
   * reads as one, a cell inside a word (三次产 业) splits it */
  f->km = s < 2 * f->nm ? s : 2 * f->nm, s -= f->km;
  if (s > 0 && f->nh == 0) return 1e5 * (double)slack; /* the line ends short */
  f->kh = s;
  return 100.0 * (double)f->kw + 150.0 * (double)f->km + 400.0 * (double)f->kh + 60.0 * (double)(slack * slack);
}

/* Does line [a, e) end with a closing mark set apart from the character before
 * it (中 、)? A pure-Han line ending in one closing mark has a spare half cell,
 * which can go nowhere else without moving the characters off their columns. */
static int gap_before_end(const gline *L, size_t a, size_t e) {
  size_t m = e;
  while (m > a && L->u[m - 1].full) m--;
  return m > a && m < e && L->u[m].full == 2 && !L->u[m - 1].free_ && L->pos[m] > L->pos[m - 1] + 2;
}

/* Characters (not marks) in units [a, b). */
static size_t chars_in(const gunit *u, size_t a, size_t b) {
  size_t n = 0;
  for (size_t i = a; i < b; i++) n += !u[i].full && u[i].cls != JB_CC_SPACE && u[i].cls != JB_CC_DASH;
  return n;
}

/* Units of line [a, b) that take cells: trailing spaces take none. */
static size_t trim(const gunit *u, size_t a, size_t b) {
  while (b > a + 1 && u[b - 1].cls == JB_CC_SPACE) b--;
  return b;
}

static long line_cap(const jb_para_style *st, size_t a) {
  double x0 = a == 0 ? st->indent : st->hanging;
  long cap = 2 * (long)floor((st->width - x0) / st->grid + 1e-6);
  return cap < 2 ? 2 : cap;
}

/* Is line [a, b) justified to the measure (not a paragraph's last line, nor
 * one ended by a forced break)? */
static int justified(const char *ubrk, size_t b, size_t nu) { return b < nu && ubrk[b - 1] != JB_BRK_MUST; }

/* Line [a, e) placed from the head kept in *head: a line's head is placed the
 * same wherever the line ends, so the candidate ends from one start share it
 * and only the runs that reach near e are placed again (the gbt9704 bench
 * build placed every candidate from its start: a quarter of its time). The
 * opening marks of the head before a Western run of the tail (“1+1+5”) are
 * moved again by each candidate: line_cost reads no pos but the line end's
 * (gap_before_end) and emit_line places its line afresh. */
static long place_to(const gline *L, size_t nu, size_t a, size_t e, int flush, gfill *f, gstate *head) {
  static const gfill none = {0, 0, 0, 0, 0, 0, 0, 0};
  const gunit *u = L->u;
  size_t next;
  while (head->i < e) {
    size_t i = head->i;
    if (place_chars(L, a, e, head)) continue;
    if (step_reach(u, nu, i, &next) < e)
      place_step(L, a, nu, 1, &none, head);
    else
      break;
  }
  return place_from(L, a, e, flush, f, *head);
}

/* The cost of line [a, b), or -1 when it does not fit; head: as place_to. */
static double line_cost(const gline *L, const char *ubrk, size_t nu, const jb_para_style *st, size_t a, size_t b,
                        gstate *head) {
  size_t e = trim(L->u, a, b);
  int flush = justified(ubrk, b, nu);
  gfill f = {0, 0, 0, 0, 0, 0, 0, 0};
  long w = place_to(L, nu, a, e, flush, &f, head), cap = line_cap(st, a);
  double c = fill_cost(&f, (cap - w) / 2);
  if (w > cap && c < 0) return -1;
  if (!flush) return b == nu && a > 0 && chars_in(L->u, a, b) < 2 ? 3000 : 0; /* 孤字 */
  return c + (gap_before_end(L, a, e) ? 1000 : 0);
}

/* Lines from a: each candidate end b is costed into best/from; with prune, a
 * justified line whose natural width (prefix sums pw) leaves more than SHORT
 * half cells is not laid out (it would cost far more than a full one), unless a
 * forced break (musts[b]: the first at or after b) ends it. Returns whether some
 * line fits; *skipped, whether a short one was passed over. */
enum { SHORT = 8 };
static int lines_from(const gline *L, const char *ubrk, size_t nu, const jb_para_style *st, const double *pw,
                      const size_t *musts, size_t a, double *best, size_t *from, int prune, int *skipped) {
  int any = 0;
  gstate head = {a, 0, 0, 0, 0, 0, 0};
  long cap = line_cap(st, a);
  double want = pw[a] + (double)(cap - SHORT) * L->em / 2;
  size_t lo = a + 1, hi = nu;
  while (prune && lo < hi) { /* the first end whose natural width reaches want */
    size_t mid = lo + (hi - lo) / 2;
    if (pw[mid] < want) lo = mid + 1;
    else hi = mid;
  }
  for (size_t b = a + 1; b <= nu; b++) {
    if (b < nu && ubrk[b - 1] == JB_BRK_NONE) continue;
    if (prune && b < lo && ubrk[b - 1] != JB_BRK_MUST) {
      *skipped = 1;
      if (musts[b] >= lo) b = lo - 1; /* no forced break before lo: jump there */
      continue;
    }
    double c = line_cost(L, ubrk, nu, st, a, b, &head);
    if (c < 0) break;
    any = 1;
    if (best[b] < 0 || best[a] + c < best[b]) best[b] = best[a] + c, from[b] = a;
    if (b < nu && ubrk[b - 1] == JB_BRK_MUST) break;
  }
  return any;
}

/* Total fit: the breaks (after unit br[k] - 1) that minimise the summed line
 * costs; a unit that fits no line from a is cut where the line is full. Lines far
 * short of the measure are costed only when no fuller one fits (a few full lines
 * per start, not every prefix: the gbt9704 bench build 2x faster). */
static size_t grid_breaks(jb_ctx *ctx, const gline *L, size_t nu, const char *ubrk, const jb_para_style *st,
                          size_t *br) {
  double *best = jb_calloc(ctx, nu + 1, sizeof *best), *pw = jb_calloc(ctx, nu + 1, sizeof *pw);
  size_t *from = jb_calloc(ctx, nu + 1, sizeof *from), *musts = jb_calloc(ctx, nu + 2, sizeof *musts);
  int overlong = 0;
  for (size_t k = 0; k < nu; k++) pw[k + 1] = pw[k] + L->u[k].w;
  musts[nu] = musts[nu + 1] = nu + 1;
  for (size_t b = nu; b-- > 1;) musts[b] = ubrk[b - 1] == JB_BRK_MUST ? b : musts[b + 1];
  for (size_t b = 1; b <= nu; b++) best[b] = -1;
  for (size_t a = 0; a < nu; a++) {
    if (a > 0 && best[a] < 0) continue;
    int skipped = 0;
    int any = lines_from(L, ubrk, nu, st, pw, musts, a, best, from, 1, &skipped);
    if (!any && skipped) any = lines_from(L, ubrk, nu, st, pw, musts, a, best, from, 0, &skipped);
    if (!any) { /* nothing fits: as many units as the line holds, at least one */
      gfill f = {0, 0, 0, 0, 0, 0, 0, 0};
      size_t b = a + 1;
      while (b < nu && place(L, a, b + 1, 1, &f) <= line_cap(st, a)) b++;
      overlong = 1;
      if (best[b] < 0 || best[a] + 1e7 < best[b]) best[b] = best[a] + 1e7, from[b] = a;
    }
  }
  size_t n = 0;
  for (size_t b = nu; b > 0; b = from[b]) br[n++] = b;
  for (size_t k = 0; k < n / 2; k++) {
    size_t t = br[k];
    br[k] = br[n - 1 - k], br[n - 1 - k] = t;
  }
  jb_free(ctx, best), jb_free(ctx, from), jb_free(ctx, pw), jb_free(ctx, musts);
  if (overlong) jb_warn(ctx, JB_LOC_NONE, "unbreakable text is wider than the line; broken where it must");
  return n;
}

/* Unit-level break opportunities from the code-point ones. */
static void unit_breaks(jb_ctx *ctx, const jb_shaped *s, const gunit *u, size_t nu, char *ubrk) {
  size_t n = s->text_len;
  char *cb = jb_calloc(ctx, n ? n : 1, 1);
  jb_para_breaks(ctx, s->text, n, cb);
  for (size_t k = 0; k + 1 < nu; k++) {
    size_t last = u[k + 1].c0 ? u[k + 1].c0 - 1 : 0;
    ubrk[k] = (last < n && u[k + 1].c0 > u[k].c0) ? cb[last] : JB_BRK_NONE;
  }
  if (nu) ubrk[nu - 1] = JB_BRK_MUST;
  jb_free(ctx, cb);
}

/* Sets line [a, b) with its slack spent and records it in out. */
static void emit_line(const gline *L, const jb_shaped *s, const char *ubrk, size_t nu, const jb_para_style *st,
                      size_t a, size_t b, jb_para *out) {
  const gunit *u = L->u;
  double x0 = a == 0 ? st->indent : st->hanging, em = L->em;
  size_t e = trim(u, a, b);
  int flush = justified(ubrk, b, nu);
  gfill f = {0, 0, 0, 0, 0, 0, 0, 0};
  long end = place(L, a, e, flush, &f);
  if ((flush || end > line_cap(st, a)) && fill_cost(&f, (line_cap(st, a) - end) / 2) > 0)
    end = place(L, a, e, flush, &f);
  for (size_t i = a; i < b; i++) {
    double ux = i < e ? x0 + L->pos[i] * em / 2 + L->xoff[i] : x0 + end * em / 2;
    for (uint32_t g = u[i].g0; g < u[i].g1; g++) out->x[g] = (float)ux, ux += s->glyphs[g].x_advance;
  }
  jb_para_line *ln = &out->lines[out->n_lines++];
  ln->g0 = u[a].g0, ln->g1 = u[e - 1].g1;
  ln->width = end * em / 2 - (u[e - 1].full == 2 && !flush ? em / 2 : 0); /* to the last ink, as the engine measures */
}

jb_status jb_para_grid(jb_ctx *ctx, const jb_shaped *s, const jb_para_style *st, jb_para *out) {
  gunit *u = jb_calloc(ctx, s->n_glyphs + 1, sizeof *u);
  size_t nu = grid_units(s, st->grid, u);
  char *ubrk = jb_calloc(ctx, nu + 1, 1);
  gline L = {u, s, st->grid, jb_calloc(ctx, nu + 1, sizeof(long)), jb_calloc(ctx, nu + 1, sizeof(double)),
             jb_calloc(ctx, nu + 1, sizeof(size_t))};
  L.chars_end[nu] = nu;
  for (size_t k = nu; k-- > 0;)
    L.chars_end[k] = !u[k].full && !u[k].free_ && u[k].cls != JB_CC_DASH ? L.chars_end[k + 1] : k;
  unit_breaks(ctx, s, u, nu, ubrk);
  out->lines = jb_calloc(ctx, nu + 1, sizeof *out->lines);
  size_t *br = jb_calloc(ctx, nu + 1, sizeof *br);
  size_t nb = nu ? grid_breaks(ctx, &L, nu, ubrk, st, br) : 0;
  for (size_t l = 0, a = 0; l < nb; a = br[l++]) emit_line(&L, s, ubrk, nu, st, a, br[l], out);
  jb_free(ctx, br);
  jb_free(ctx, u), jb_free(ctx, ubrk), jb_free(ctx, L.pos), jb_free(ctx, L.xoff), jb_free(ctx, L.chars_end);
  return JB_OK;
}
