/* Chinese paragraph engine: units (glyph clusters), clreq spacing (punctuation
 * compression, line-edge half-width marks, Han-Western glue), total-fit line
 * breaking over the whole paragraph, and justification by priority levels.
 * See docs/typography.md for the rules and the reasons. */
#include <math.h>
#include <string.h>

#include "jianbao/para.h"
#include "layout/para_imp.h"

/* Sums per unit and boundary, and as prefix sums (all shrink, all stretch
 * before even spacing), so that any line's natural width and its shrink and
 * stretch capacities cost O(1). */
enum {
  S_W,      /* natural width: advances + pair compression + Han-Western glue */
  S_Z_SP,   /* shrink of inter-word spaces */
  S_Z_P1,   /* shrink of blank halves of brackets and ，、：； */
  S_Z_HL,   /* shrink of Han-Western glue (to 1/8 em) */
  S_Z_P2,   /* shrink of blank halves of 。！？ */
  S_Y_SP,   /* stretch of inter-word spaces (to 1/2 em) */
  S_Y_HL,   /* stretch of Han-Western glue (to 1/2 em) */
  S_GAPS,   /* gaps that take even inter-character stretch */
  S_CHARS,  /* characters (not marks or spaces): orphan control */
  S_N
};

enum { /* unit flags */
  U_FULL = 1,    /* full-width CJK mark with a blank half */
  U_LBLANK = 2,  /* its blank half is on the left (opening bracket) */
  U_RBLANK = 4,  /* on the right (closing bracket, pause or stop) */
  U_CHAR = 8
};

enum { /* boundary flags */
  B_STRETCH = 1, /* an inter-character gap that takes even stretch */
  B_HL = 2,      /* carries Han-Western glue */
  B_EMERG = 4,   /* last-resort break inside an over-long token */
  B_PENALTY = 8, /* allowed, but a —— or …… would start the line (clreq strict) */
  B_KINSOKU = 16 /* a last-resort break that also breaks a line-start/end rule */
};

typedef struct unit {
  uint32_t g0, g1; /* glyphs */
  uint32_t c0, c1; /* code points */
  double w;        /* sum of advances */
  jb_cc cls;       /* class of the first code point */
  unsigned flags;
} unit;

typedef struct sums {
  double v[S_N];
} sums;

typedef struct psum {
  double w, z, y, gaps, chars;
} psum;

typedef struct eng {
  jb_ctx *ctx;
  const jb_shaped *s;
  const jb_para_style *st;
  double em;
  unit *u;
  size_t nu;
  psum *pre;       /* pre[i] = units < i + boundaries < i, for fitting */
  unsigned char *bflags; /* per boundary k (between unit k and k+1) */
  char *brk;       /* per boundary: JB_BRK_* (index nu-1 = end) */
  uint32_t *trim;  /* trim[b]: end of content before b once trailing spaces go */
  double avail_first, avail_rest, start_adj0;
  int trim_open;   /* st->trim_open_at_start */
  double half, gap, gap_z, gap_y; /* 1/2 em; Han-Western glue, its shrink and stretch */
  double cap_x;    /* even stretch per gap beyond which badness is capped (q > 21.6) */
} eng;

/* A line's content [a, e) measured for fitting. */
typedef struct lmetrics {
  double avail, x0;   /* available width and start x (indent) */
  double w;           /* natural width including edge adjustments */
  double z[4];        /* shrink levels in priority order */
  double y[2];        /* stretch levels: spaces, Han-Western glue */
  double gaps, nbnd, chars;
  double start_adj;   /* -1/2 em for a trimmed opening bracket */
} lmetrics;

static uint32_t cp_at(const eng *E, size_t i) {
  return i < E->s->text_len ? E->s->text[i] : 0xFFFC;
}

/* ---- units ---------------------------------------------------------------- */

static void build_units(eng *E) {
  const jb_shaped *s = E->s;
  E->u = jb_calloc(E->ctx, s->n_glyphs + 1, sizeof *E->u);
  size_t n = 0;
  for (size_t g = 0; g < s->n_glyphs; g++) {
    size_t c = s->glyphs[g].cluster;
    if (c > s->text_len) c = s->text_len;
    if (n > 0 && (c == E->u[n - 1].c0 || c < E->u[n - 1].c0)) { /* same (or odd) cluster */
      E->u[n - 1].g1 = (uint32_t)g + 1;
      E->u[n - 1].w += s->glyphs[g].x_advance;
      continue;
    }
    /* combining marks shaped as their own cluster stay with their base */
    uint32_t cp = cp_at(E, c);
    if (n > 0 && ((cp >= 0x300 && cp <= 0x36F) || cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) ||
                  (cp >= 0x20D0 && cp <= 0x20FF))) {
      E->u[n - 1].g1 = (uint32_t)g + 1;
      E->u[n - 1].w += s->glyphs[g].x_advance;
      continue;
    }
    unit *u = &E->u[n++];
    u->g0 = (uint32_t)g;
    u->g1 = (uint32_t)g + 1;
    u->c0 = (uint32_t)c;
    u->w = s->glyphs[g].x_advance;
    if (!(u->w > -1e6 && u->w < 1e6)) u->w = 0; /* NaN or absurd advances */
  }
  for (size_t i = 0; i < n; i++) {
    unit *u = &E->u[i];
    u->c1 = i + 1 < n ? E->u[i + 1].c0 : (uint32_t)s->text_len;
    if (u->c1 <= u->c0) u->c1 = u->c0 + 1;
    u->cls = jb_cjk_class(cp_at(E, u->c0));
    int mark = u->cls == JB_CC_OPEN || u->cls == JB_CC_CLOSE || u->cls == JB_CC_PAUSE ||
               u->cls == JB_CC_STOP;
    if (mark && u->w >= 0.9 * E->em)
      u->flags |= U_FULL | (u->cls == JB_CC_OPEN ? U_LBLANK : U_RBLANK);
    if (u->cls == JB_CC_HAN || u->cls == JB_CC_WESTERN || u->cls == JB_CC_LETTER ||
        u->cls == JB_CC_OTHER)
      u->flags |= U_CHAR;
  }
  E->nu = n;
}

/* ---- spacing per boundary --------------------------------------------------- */

static int wordish(jb_cc c) { return c == JB_CC_WESTERN || c == JB_CC_LETTER; }
static int fixed_mark(jb_cc c) { return c == JB_CC_CONNECT || c == JB_CC_SOLIDUS; }

/* What kind of boundary k is (between units k and k+1): Han-Western glue, or
 * a gap that takes even stretch. Its sums follow from these flags and the
 * units' flags (boundary_sums), so they are not stored: that would be 88
 * bytes per character. */
static void set_boundary(eng *E, size_t k) {
  const unit *a = &E->u[k], *b = &E->u[k + 1];
  jb_cc ca = a->cls, cb = b->cls;
  uint32_t la = cp_at(E, b->c0 - 1 < a->c0 ? a->c0 : b->c0 - 1), fb = cp_at(E, b->c0);
  int hl = (ca == JB_CC_HAN && cb == JB_CC_WESTERN) || (ca == JB_CC_WESTERN && cb == JB_CC_HAN);
  if (hl) {
    E->bflags[k] |= B_HL;
    return;
  }
  int stretch = 1;
  if (wordish(ca) && wordish(cb)) stretch = 0;               /* inside a word */
  if (ca == JB_CC_SPACE || cb == JB_CC_SPACE) stretch = 0;    /* the space stretches */
  if (fixed_mark(ca) || fixed_mark(cb)) stretch = 0;
  if (ca == JB_CC_DASH && cb == JB_CC_DASH) stretch = 0;      /* inside —— …… */
  if (cb == JB_CC_TSHEG) stretch = 0;
  if ((jb_cjk_is_digit(la) && jb_cjk_num_suffix(fb)) || (jb_cjk_num_prefix(la) && jb_cjk_is_digit(fb)))
    stretch = 0;
  if (stretch) E->bflags[k] |= B_STRETCH;
}

/* What a boundary adds to a line: its width and its shrink and stretch by
 * level (a boundary has no space shrink or stretch of its own). */
typedef struct bsum {
  double w, z1, zhl, z2, yhl, gaps;
} bsum;

/* The sums of boundary k; zero for k = nu - 1 (the paragraph end). */
static inline void boundary_sums(const eng *E, size_t k, bsum *v) {
  v->w = v->z1 = v->zhl = v->z2 = v->yhl = v->gaps = 0;
  if (k + 1 >= E->nu) return;
  const unit *a = &E->u[k], *b = &E->u[k + 1];
  double half = E->half;
  double rb = (a->flags & U_RBLANK) ? half : 0, lb = (b->flags & U_LBLANK) ? half : 0;
  if ((a->flags & U_FULL) && (b->flags & U_FULL) && rb + lb > 0) {
    /* adjacent marks: at most 1.5 em, brackets against the text they enclose */
    v->w -= half;
    if (rb > 0 && lb > 0) v->z1 += half / 2, v->z2 += half / 2; /* the opening bracket's blank is left */
  } else if (rb > 0) {
    /* brackets and ，、：； give the first ¼ em alone, then shrink together with
     * 。！？ (each by its share): the marks of one line never differ by more
     * than ¼ em, rather than some at ½ em and others at 1 em */
    if (a->cls == JB_CC_STOP) v->z2 += rb;
    else v->z1 += rb / 2, v->z2 += rb / 2;
  } else if (lb > 0) {
    v->z1 += lb / 2, v->z2 += lb / 2;
  }
  if (E->bflags[k] & B_HL) {
    v->w += E->gap;
    v->zhl += E->gap_z;
    v->yhl += E->gap_y;
  } else if (E->bflags[k] & B_STRETCH) {
    v->gaps += 1;
  }
}

/* All shrink of a boundary, as the prefix sums add it up. */
static inline double bsum_z(const bsum *v) { return v->z1 + v->zhl + v->z2; }

static void unit_sums(const eng *E, const unit *u, sums *v) {
  v->v[S_W] += u->w;
  if (u->cls == JB_CC_SPACE) {
    /* inter-word spaces shrink to 1/4 em and stretch to 1/2 em first, and
     * take their share of even stretch like a gap */
    v->v[S_Z_SP] += fmax(0, u->w - E->em / 4);
    v->v[S_Y_SP] += fmax(0, E->em / 2 - u->w);
    v->v[S_GAPS] += 1;
  }
  if (u->flags & U_CHAR) v->v[S_CHARS] += 1;
}

/* ---- break opportunities ------------------------------------------------------ */

static void find_breaks(eng *E) {
  const jb_shaped *s = E->s;
  size_t n = s->text_len;
  char *cb = jb_calloc(E->ctx, n ? n : 1, 1);
  jb_para_breaks(E->ctx, s->text, n, cb);
  for (size_t k = 0; k + 1 < E->nu; k++) {
    size_t last = E->u[k + 1].c0 ? E->u[k + 1].c0 - 1 : 0;
    E->brk[k] = (last < n && E->u[k + 1].c0 > E->u[k].c0) ? cb[last] : JB_BRK_NONE;
    if (E->brk[k] == JB_BRK_ALLOW && E->u[k + 1].cls == JB_CC_DASH) E->bflags[k] |= B_PENALTY;
  }
  if (E->nu) E->brk[E->nu - 1] = JB_BRK_MUST;
  jb_free(E->ctx, cb);
}

/* ---- line measurement ------------------------------------------------------- */

static double avail_for(const eng *E, int first) {
  double off = first ? E->st->indent : E->st->hanging;
  double w = E->st->width - off;
  return w >= 1 ? w : 1;
}

static void measure(const eng *E, size_t a, size_t e, lmetrics *m) {
  sums acc = {{0}};
  bsum bv;
  for (size_t i = a; i < e; i++) {
    unit_sums(E, &E->u[i], &acc);
    if (i + 1 < e) {
      boundary_sums(E, i, &bv);
      acc.v[S_W] += bv.w, acc.v[S_Z_P1] += bv.z1, acc.v[S_Z_HL] += bv.zhl, acc.v[S_Z_P2] += bv.z2;
      acc.v[S_Y_HL] += bv.yhl, acc.v[S_GAPS] += bv.gaps;
    }
  }
  const double *t = acc.v;
  int first = a == 0;
  m->avail = avail_for(E, first);
  m->x0 = first ? E->st->indent : E->st->hanging;
  if (E->st->width - m->x0 < 1) m->x0 = E->st->width - 1;
  m->start_adj = (E->st->trim_open_at_start && (E->u[a].flags & U_LBLANK)) ? -0.5 * E->em : 0;
  /* GB/T 15834 §5.1.10: a mark at the line end takes 1/2 em (blank half beyond R) */
  double end_adj = (E->u[e - 1].flags & U_RBLANK) ? -0.5 * E->em : 0;
  m->w = t[S_W] + m->start_adj + end_adj;
  m->z[0] = t[S_Z_SP];
  m->z[1] = t[S_Z_P1];
  m->z[2] = t[S_Z_HL];
  m->z[3] = t[S_Z_P2];
  m->y[0] = t[S_Y_SP];
  m->y[1] = t[S_Y_HL];
  m->gaps = t[S_GAPS];
  m->nbnd = (double)(e - 1 - a);
  m->chars = t[S_CHARS];
}

static double zsum(const lmetrics *m) { return m->z[0] + m->z[1] + m->z[2] + m->z[3]; }

/* ---- total fit ---------------------------------------------------------------- */

#define MAX_LINE_UNITS 2048 /* bounds the active set whatever the advances */

typedef struct node {
  double dem;
  size_t prev;
} node;

static int is_last_line(const eng *E, size_t b) { return b == E->nu || E->brk[b - 1] == JB_BRK_MUST; }

static int justified(const eng *E, size_t b) {
  if (E->st->align == JB_ALIGN_DISTRIBUTE) return 1;
  return E->st->align == JB_ALIGN_JUSTIFY && !is_last_line(E, b);
}

/* What a candidate break b means for every line ending there. */
typedef struct cand {
  size_t b, e;     /* break, and content end once trailing spaces go */
  int stretch;     /* lines ending here are measured for stretch (ragged lines too,
                      so that they come out even; a last line never) */
  double pen;      /* penalty of breaking here */
  double floor0, floor10; /* the least demerits of a line with badness 0 or 10 */
  bsum be_e, be_b; /* the boundaries after units e - 1 and b - 1, which lines leave out */
  double bz_e, bz_b; /* their shrink */
  double end_e, end_b; /* -1/2 em when unit e - 1 (b - 1) is a mark ending the line at half width */
} cand;

static void cand_init(const eng *E, size_t b, cand *c) {
  c->b = b;
  c->e = E->trim[b];
  c->stretch = E->st->align == JB_ALIGN_DISTRIBUTE || !is_last_line(E, b);
  c->pen = 0;
  c->end_e = c->end_b = 0;
  if (c->e > 0) {
    boundary_sums(E, c->e - 1, &c->be_e);
    c->bz_e = bsum_z(&c->be_e);
    if (E->u[c->e - 1].flags & U_RBLANK) c->end_e = -0.5 * E->em;
  }
  boundary_sums(E, b - 1, &c->be_b);
  c->bz_b = bsum_z(&c->be_b);
  if (E->u[b - 1].flags & U_RBLANK) c->end_b = -0.5 * E->em;
  if (b < E->nu) {
    unsigned f = E->bflags[b - 1];
    if (f & B_EMERG) c->pen += 1e10;
    if (f & B_KINSOKU) c->pen += 1e11;
    if (f & B_PENALTY) c->pen += 3000;
  }
  c->floor0 = (10 + 0.0) * (10 + 0.0) + c->pen;
  c->floor10 = (10 + 10.0) * (10 + 10.0) + c->pen;
}

/* Demerits of the line [a, c->b); -1 when it cannot be set. This is the inner
 * loop of the breaker: prefix sums only. Badness: squeezing marks costs little
 * (先挤进 before 后推出), an even Han-Han stretch of 0.15 em costs 100. */
#define CANNOT_WIN (-2.0)

/* nd_a is the best total at a and best the best total so far at c->b: a line
 * that needs no shrinking and whose demerits could not bring nd_a below best
 * is not costed (CANNOT_WIN); its badness is at least 0, or 10 once even
 * spacing is needed, and floating-point sums never decrease when a term grows,
 * so this changes no result. */
static double line_demerits(const eng *E, const cand *c, size_t a, int single_segment, double nd_a,
                            double best) {
  int spaces = c->e <= a; /* a line of spaces keeps them */
  size_t e = spaces ? c->b : c->e;
  const psum *pa = &E->pre[a], *pe = &E->pre[e];
  const bsum *be = spaces ? &c->be_b : &c->be_e;
  double w = pe->w - pa->w - be->w;
  w += spaces ? c->end_b : c->end_e; /* adding 0 or -1/2 em: the same doubles as subtracting */
  if (a == 0) w += E->start_adj0;
  else if (E->trim_open && (E->u[a].flags & U_LBLANK)) w -= 0.5 * E->em;
  double d = (a ? E->avail_rest : E->avail_first) - w, bad, dem;
  if (d < -1e-9) {
    double z = pe->z - pa->z - (spaces ? c->bz_b : c->bz_e);
    if (-d > z + 1e-6) {
      if (!single_segment) return -1;
      dem = 1e14 + 1e8 * (-d - z); /* overfull: nothing else possible */
      return dem + c->pen;
    }
    double q = -d / z;
    bad = 5 * q * q * q;
  } else if (d >= 0 && nd_a + c->floor0 >= best) { /* (d < 0 would make badness negative) */
    return CANNOT_WIN;
  } else if (!c->stretch) {
    bad = 0;
  } else {
    double y = pe->y - pa->y - be->yhl;
    if (d <= y) {
      double q = y > 0 ? d / y : 0;
      bad = 10 * q * q * q;
    } else if (nd_a + c->floor10 >= best) {
      return CANNOT_WIN;
    } else {
      double gaps = pe->gaps - pa->gaps - be->gaps, nb = (double)(e - 1 - a), q;
      double n = gaps > 0.5 ? gaps : nb;
      if (n > 0.5 && d - y > n * E->cap_x) bad = 1e6; /* capped anyway: no divisions */
      else if (gaps > 0.5) q = (d - y) / gaps / (0.15 * E->em), bad = 10 + 100 * q * q * q;
      else if (nb > 0.5) q = (d - y) / nb / (0.15 * E->em), bad = 5000 + 100 * q * q * q;
      else bad = 1e6;
      if (bad > 1e6) bad = 1e6;
    }
  }
  dem = (10 + bad) * (10 + bad) + c->pen;
  if (c->b == E->nu && a > 0 && pe->chars - pa->chars < 2) dem += 1e6; /* orphan (孤字) */
  return dem;
}

/* Knuth-Plass over break candidates with an active window: a start stays
 * active until a line from it cannot fit (or holds MAX_LINE_UNITS units). */
static size_t *total_fit(eng *E, size_t *n_breaks) {
  size_t nu = E->nu;
  node *nd = jb_malloc(E->ctx, (nu + 1) * sizeof *nd);
  size_t *act = jb_malloc(E->ctx, (nu + 1) * sizeof *act), nact = 1, prevcand = 0;
  act[0] = 0;
  nd[0] = (node){0, 0};
  for (size_t b = 1; b <= nu; b++) {
    if (b < nu && E->brk[b - 1] == JB_BRK_NONE) continue;
    double best = INFINITY;
    size_t arg = prevcand, keep = 0;
    cand c;
    cand_init(E, b, &c);
    for (size_t i = 0; i < nact; i++) {
      size_t a = act[i];
      double d = (b - a > MAX_LINE_UNITS && a != prevcand) ? -1
                                                            : line_demerits(E, &c, a, a == prevcand, nd[a].dem, best);
      if (d == CANNOT_WIN) {
        act[keep++] = a;
        continue;
      }
      if (d < 0) continue; /* cannot reach b, nor anything after it */
      act[keep++] = a;
      if (nd[a].dem + d < best) best = nd[a].dem + d, arg = a;
    }
    nact = keep;
    nd[b] = (node){best, arg};
    if (b < nu && E->brk[b - 1] == JB_BRK_MUST) nact = 0; /* forced: everything restarts here */
    act[nact++] = b;
    prevcand = b;
  }
  size_t n = 0;
  for (size_t b = nu; b > 0; b = nd[b].prev) n++;
  size_t *br = jb_malloc(E->ctx, (n + 1) * sizeof *br);
  size_t i = n;
  for (size_t b = nu; b > 0; b = nd[b].prev) br[--i] = b;
  jb_free(E->ctx, nd);
  jb_free(E->ctx, act);
  *n_breaks = n;
  return br;
}

/* A run between two opportunities wider than any line gets a last-resort
 * opportunity between every two units. */
static void emergency_breaks(eng *E) {
  double lim = fmin(avail_for(E, 1), avail_for(E, 0));
  size_t a = 0;
  for (size_t b = 1; b <= E->nu; b++) {
    if (b < E->nu && E->brk[b - 1] == JB_BRK_NONE) continue;
    if (b - a > 1) {
      lmetrics m;
      measure(E, a, E->trim[b] > a ? E->trim[b] : b, &m);
      if (m.w - zsum(&m) - m.start_adj > lim + 1e-6) {
        for (size_t k = a; k + 1 < b; k++) {
          E->brk[k] = JB_BRK_ALLOW;
          E->bflags[k] |= B_EMERG;
          if (jb_cjk_no_break_between(cp_at(E, E->u[k + 1].c0 - 1), cp_at(E, E->u[k + 1].c0)))
            E->bflags[k] |= B_KINSOKU;
        }
        jb_buf msg;
        jb_buf_init(&msg, E->ctx);
        for (size_t c = E->u[a].c0; c < E->u[b - 1].c1 && c < E->s->text_len && c < E->u[a].c0 + 24; c++)
          jb_buf_add_utf8(&msg, E->s->text[c]);
        jb_warn(E->ctx, JB_LOC_NONE,
                "unbreakable text \"%s%s\" (%.0f pt) is wider than the line (%.0f pt); broken where it must",
                msg.data ? msg.data : "", E->u[b - 1].c1 > E->u[a].c0 + 24 ? "..." : "", m.w, lim);
        jb_buf_fini(&msg);
      }
    }
    a = b;
  }
}

/* ---- positions ---------------------------------------------------------------- */

typedef struct ratios {
  double z[4];    /* fraction of each shrink level used */
  double y[2];    /* fraction of each stretch level used */
  double gap;     /* even stretch per gap, pt */
  double all;     /* last resort: even stretch per boundary, pt */
} ratios;

static void distribute(const lmetrics *m, double d, int justify, ratios *r) {
  memset(r, 0, sizeof *r);
  if (d < 0) {
    double t = -d;
    for (int i = 0; i < 4 && t > 0; i++) {
      if (m->z[i] <= 0) continue;
      double take = fmin(t, m->z[i]);
      r->z[i] = take / m->z[i];
      t -= take;
    }
    return;
  }
  if (!justify) return;
  for (int i = 0; i < 2 && d > 0; i++) {
    if (m->y[i] <= 0) continue;
    double take = fmin(d, m->y[i]);
    r->y[i] = take / m->y[i];
    d -= take;
  }
  if (d <= 0) return;
  if (m->gaps > 0) r->gap = d / m->gaps;
  else if (m->nbnd > 0) r->all = d / m->nbnd;
}

static double place_line(eng *E, size_t a, size_t e, size_t b, float *x) {
  lmetrics m;
  measure(E, a, e, &m);
  int just = justified(E, b);
  double d = m.avail - m.w;
  ratios r;
  distribute(&m, d, just, &r);
  double x0 = m.x0 + m.start_adj;
  if (!just && d > 0) {
    if (E->st->align == JB_ALIGN_CENTER) x0 += d / 2;
    else if (E->st->align == JB_ALIGN_RIGHT) x0 += d;
  }
  if (just && d > 0 && m.gaps <= 0 && m.nbnd <= 0 && m.y[0] + m.y[1] <= 0 &&
      E->st->align == JB_ALIGN_DISTRIBUTE)
    x0 += d / 2; /* one character spread: centre it */
  double pos = x0;
  for (size_t i = a; i < e; i++) {
    const unit *u = &E->u[i];
    double gx = pos;
    for (size_t g = u->g0; g < u->g1; g++) {
      x[g] = (float)gx;
      gx += E->s->glyphs[g].x_advance;
    }
    double w = u->w;
    if (u->cls == JB_CC_SPACE) {
      sums one = {{0}};
      unit_sums(E, u, &one);
      w += -r.z[0] * one.v[S_Z_SP] + r.y[0] * one.v[S_Y_SP] + r.gap;
    }
    pos += w;
    if (i + 1 < e) {
      bsum v;
      boundary_sums(E, i, &v);
      pos += v.w - r.z[1] * v.z1 - r.z[2] * v.zhl - r.z[3] * v.z2 + r.y[1] * v.yhl + r.all;
      if (E->bflags[i] & B_STRETCH) pos += r.gap;
    }
  }
  if (E->u[e - 1].flags & U_RBLANK) pos -= 0.5 * E->em;
  return pos;
}

static jb_status layout(eng *E, jb_para *out) {
  size_t nb;
  size_t *br = total_fit(E, &nb);
  out->lines = jb_calloc(E->ctx, nb ? nb : 1, sizeof *out->lines);
  size_t a = 0;
  for (size_t i = 0; i < nb; i++) {
    size_t b = br[i], e = E->trim[b];
    if (e <= a) e = b;
    double end = place_line(E, a, e, b, out->x);
    jb_para_line *ln = &out->lines[out->n_lines++];
    ln->g0 = E->u[a].g0;
    ln->g1 = E->u[e - 1].g1;
    ln->width = end - out->x[ln->g0];
    for (size_t j = e; j < b; j++) /* dropped spaces sit at the line end */
      for (size_t g = E->u[j].g0; g < E->u[j].g1; g++) out->x[g] = (float)end;
    a = b;
  }
  jb_free(E->ctx, br);
  return JB_OK;
}

static void eng_fini(eng *E) {
  jb_free(E->ctx, E->u);
  jb_free(E->ctx, E->pre);
  jb_free(E->ctx, E->bflags);
  jb_free(E->ctx, E->brk);
  jb_free(E->ctx, E->trim);
}

static void prepare(eng *E) {
  size_t nu = E->nu;
  E->trim_open = E->st->trim_open_at_start;
  E->half = 0.5 * E->em;
  E->gap = E->st->cjk_latin_gap * E->em;
  E->gap_z = fmax(0, E->gap - E->em / 8);
  E->gap_y = fmax(0, E->em / 2 - E->gap);
  E->cap_x = 21.6 * (0.15 * E->em);
  E->pre = jb_calloc(E->ctx, nu + 1, sizeof *E->pre);
  E->bflags = jb_calloc(E->ctx, nu + 1, 1);
  E->brk = jb_calloc(E->ctx, nu + 1, 1);
  E->trim = jb_calloc(E->ctx, nu + 1, sizeof *E->trim);
  for (size_t k = 0; k + 1 < nu; k++) set_boundary(E, k);
  for (size_t i = 0; i < nu; i++) {
    bsum bv;
    boundary_sums(E, i, &bv);
    sums v = {{0}};
    v.v[S_W] = bv.w, v.v[S_GAPS] = bv.gaps;
    unit_sums(E, &E->u[i], &v);
    const psum *p = &E->pre[i];
    E->pre[i + 1] = (psum){p->w + v.v[S_W],
                           p->z + bsum_z(&bv) + v.v[S_Z_SP], /* + the space's own */
                           p->y + bv.yhl + v.v[S_Y_SP],
                           p->gaps + v.v[S_GAPS], p->chars + v.v[S_CHARS]};
  }
  E->trim[0] = 0;
  for (size_t b = 1; b <= nu; b++)
    E->trim[b] = E->u[b - 1].cls == JB_CC_SPACE ? E->trim[b - 1] : (uint32_t)b;
  E->avail_first = avail_for(E, 1);
  E->avail_rest = avail_for(E, 0);
  E->start_adj0 = (E->st->trim_open_at_start && (E->u[0].flags & U_LBLANK)) ? -0.5 * E->em : 0;
  find_breaks(E);
  emergency_breaks(E);
}

jb_status jb_para_layout(jb_ctx *ctx, const jb_shaped *s, const jb_para_style *st, jb_para *out) {
  memset(out, 0, sizeof *out);
  if (!s || !st) return jb_fail(ctx, JB_ERR_INTERNAL, JB_LOC_NONE, "jb_para_layout: no input");
  jb_para_style style = *st;
  if (!(style.width > 0 && style.width < 1e7)) style.width = 1;
  if (!(style.indent >= 0 && style.indent < 1e7)) style.indent = 0;
  if (!(style.hanging >= 0 && style.hanging < 1e7)) style.hanging = 0;
  if (!(style.cjk_latin_gap >= 0.125 && style.cjk_latin_gap <= 0.5))
    style.cjk_latin_gap = style.cjk_latin_gap > 0.5 ? 0.5 : style.cjk_latin_gap > 0 ? 0.125 : 0;
  eng E = {0};
  E.ctx = ctx;
  E.s = s;
  E.st = &style;
  E.em = s->size > 0 && s->size < 1e5 ? s->size : 10;
  /* An indented line needs room for one character after its indent: a first
   * line of 0 pt placed nothing and callers looped adding pages. */
  double off = fmax(style.indent, style.hanging);
  if (off > 0 && style.width < off + E.em - 1e-6)
    return jb_fail(ctx, JB_ERR_INPUT, JB_LOC_NONE,
                   "the measure (%.1f pt) is narrower than the indent (%.1f pt) plus one character (%.1f pt); "
                   "use a smaller size or a wider measure", style.width, off, E.em);
  if (s->n_glyphs >= UINT32_MAX || s->text_len >= UINT32_MAX) /* units keep 32-bit indexes */
    return jb_fail(ctx, JB_ERR_LIMIT, JB_LOC_NONE, "a paragraph of %zu glyphs is too long", s->n_glyphs);
  out->x = jb_calloc(ctx, s->n_glyphs ? s->n_glyphs : 1, sizeof *out->x);
  if (s->n_glyphs == 0) return JB_OK;
  if (style.grid > 0 && (style.align == JB_ALIGN_JUSTIFY || style.align == JB_ALIGN_LEFT))
    return jb_para_grid(ctx, s, &style, out);
  build_units(&E);
  prepare(&E);
  jb_status rc = layout(&E, out);
  eng_fini(&E);
  return rc;
}

void jb_para_fini(jb_ctx *ctx, jb_para *p) {
  if (!p) return;
  jb_free(ctx, p->lines);
  jb_free(ctx, p->x);
  p->lines = NULL;
  p->x = NULL;
  p->n_lines = 0;
}
