/* 要点: one short statement per sentence that carries the report's main facts,
 * condensed to the clauses holding them (and the lead clause that says when or
 * who), with relative words resolved from the document (今年 -> 2024年, 截至目前 ->
 * 截至2024年8月, 我省 -> 湖北省). Figures already shown as key figures are not
 * repeated; goals are not stated as results. Nothing is invented: every kept
 * character is the source's, apart from the resolved words. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose/digest_imp.h"

#define MAX_POINTS 6
#define POINT_MAX 80 /* characters, where the source allows */

typedef struct point_ctx {
  const jb_digest_input *in;
  size_t doc;
  const uint32_t *t;
  size_t n;
  const size_t *tiles;
  size_t n_tiles;
  const unsigned char *skip; /* facts shown in a chart or table, framing counts, parts of goals */
} point_ctx;

/* Two measures of one thing: one ends as the other does, in 2 characters or more
 * (协议资金 of 招商引资协议资金), not just a value in common (4个对口县, 4个卫生服务中心). */
static int same_measure(const char *a, const char *b) {
  if (!a || !b) return 0;
  size_t la = strlen(a), lb = strlen(b), n = 0;
  while (n < la && n < lb && a[la - 1 - n] == b[lb - 1 - n]) n++;
  return jb_utf8_count(a + la - n) >= 2;
}

/* A key figure, or the same fact stated again elsewhere (协议资金36.62亿元 after the
 * tile's 招商引资协议资金36.62亿元): a tile's fact is never repeated below it; another
 * fact that only shares its value is its own. */
static int is_tile(const point_ctx *p, size_t i) {
  const jb_fact *f = jb_dg_fact(p->in, i);
  for (size_t k = 0; k < p->n_tiles; k++) {
    const jb_fact *t = jb_dg_fact(p->in, p->tiles[k]);
    if (p->tiles[k] == i || (t->value == f->value && !strcmp(t->unit, f->unit) && t->kind == f->kind &&
                             (same_measure(t->measure, f->measure) || jb_dg_shares_figure(t->text, f->text))))
      return 1;
  }
  return 0;
}

/* A key figure, or a figure a chart or table of the document shows: a 要点 states neither. */
static int shown(const point_ctx *p, size_t i) { return is_tile(p, i) || (p->skip && p->skip[i] == 1); }

static int growth(const jb_fact *f) {
  return f->kind == JB_KIND_PERCENT && f->measure &&
         (strstr(f->measure, "增长") || strstr(f->measure, "提高") || strstr(f->measure, "增速"));
}

/* Kinds a briefing should cover, most important first: money, people, growth,
 * firsts and ranks, other counts and shares. */
static int point_class(const jb_fact *f) {
  static const char *const people[] = {"名", "人", "人次", "位", "户", NULL};
  if (f->kind == JB_KIND_MONEY) return 0;
  for (const char *const *u = people; *u; u++)
    if (f->kind == JB_KIND_COUNT && !strcmp(f->unit, *u)) return 1;
  if (growth(f)) return 2;
  if (f->kind == JB_KIND_RANK) return 3;
  if (f->kind == JB_KIND_COUNT) return 4;
  return 5;
}

/* 五年, 一年来: a duration says when, not what was done. */
static int duration(const jb_fact *f) {
  return f->kind == JB_KIND_OTHER && (!strcmp(f->unit, "年") || !strcmp(f->unit, "个月") ||
                                      !strcmp(f->unit, "天"));
}

/* A member of a time series: the series' table or chart shows it already. */
static int in_table(const point_ctx *p, const jb_fact *f) {
  return f->series >= 0 && f->series_label && jb_facts_series(p->in->facts, (size_t)f->series)->dim == JB_DIM_TIME;
}

static int eligible(const point_ctx *p, size_t i) {
  const jb_fact *f = jb_dg_fact(p->in, i);
  return f->doc == p->doc && jb_dg_is_quantity(f) && !(p->skip && p->skip[i]) && !is_tile(p, i) && !duration(f) &&
         !in_table(p, f) &&
         f->status != JB_STATUS_TARGET && f->status != JB_STATUS_ESTIMATE;
}

/* …… ends a clause too: what follows it is another thought (…授课58场次……湖湘儿女把汗水…). */
static int clause_sep(uint32_t c) { return c == 0xFF0C || c == 0xFF1B || c == ',' || c == ';' || c == 0x2026; }

/* Clauses of [a, b) that hold an eligible fact, plus a short lead clause. */
typedef struct clause { size_t a, b; int keep; size_t cut; } clause; /* keep 3: [a, cut) only */

static int has_word(const point_ctx *p, clause c, const char *w) {
  for (size_t i = c.a; i < c.b; i++)
    if (jb_dg_word_at(p->t, c.b, i, w)) return 1;
  return 0;
}


static size_t split(const point_ctx *p, jb_span s, clause *out, size_t max) {
  size_t n = 0, st = s.start;
  int depth = 0; /* never inside brackets: （省部级2人次，地厅级61人次） */
  for (size_t i = s.start; i <= s.end && n < max; i++) {
    if (i < s.end && (p->t[i] == 0xFF08 || p->t[i] == '(')) depth++;
    if (i < s.end && (p->t[i] == 0xFF09 || p->t[i] == ')') && depth > 0) depth--;
    if (i == s.end || (!depth && (clause_sep(p->t[i]) || p->t[i] == 0x3002))) {
      if (i > st) out[n++] = (clause){st, i, 0, i};
      st = i + 1;
    }
  }
  return n;
}

/* A rate without its noun (比上年增长1.1%) needs the clause that names what grew. */
/* Does [a, at) name what changed (社会消费品零售总额增长6.4%), not only how it is
 * compared and when (比上年, 2020-2021年两年平均)? */
static int names_what(const point_ctx *p, size_t a, size_t at) {
  static const char *const others[] = {"两年平均", "年均", "平均", "了", "达到", "达", "为", "年", NULL};
  static const char *const *const lists[] = {jb_dg_bases, jb_dg_moves, others};
  for (size_t i = a; i < at;) {
    uint32_t c = p->t[i];
    if (c < 0x80 || c == 0xFF0C || c == 0x2014 || c == 0x3000) { /* digits, spaces, marks */
      i++;
      continue;
    }
    size_t k = 0;
    for (size_t l = 0; l < 3 && !k; l++)
      for (const char *const *f = lists[l]; *f && !k; f++) k = jb_dg_word_at(p->t, at, i, *f);
    if (!k) return 1;
    i += k;
  }
  return 0;
}

static int bare_rate(const point_ctx *p, clause c) {
  for (size_t i = 0; i < jb_facts_count(p->in->facts); i++) {
    const jb_fact *f = jb_dg_fact(p->in, i);
    if (f->doc != p->doc || f->nstart < c.a || f->nstart >= c.b || f->is_label) continue;
    if (f->measure && !strncmp(f->measure, "比", 3)) continue; /* 比上年减少82吨: a change of what? */
    if (f->kind == JB_KIND_OTHER && !strcmp(f->unit, "年")) continue; /* 两年平均增长3.7% */
    if (f->kind != JB_KIND_PERCENT) return 0;
    int share = f->measure && !strncmp(f->measure, "占", 3); /* 占计划总投资的96.4%: of what, and whose */
    if (!share && names_what(p, c.a, f->nstart)) return 0;
    if (f->measure && !strstr(f->measure, "增长") && !strstr(f->measure, "下降") && strncmp(f->measure, "占", 3))
      return 0; /* 占总人口的37.36% needs what it is a share of, too */
  }
  return 1;
}


/* Where the first key figure of the clause starts, or c.b: a rate keeps the words
 * that name what grew, not the figure its tile shows (地区生产总值同比增长8%). */
static size_t tile_at(const point_ctx *p, clause c) {
  size_t at = c.b;
  for (size_t k = 0; k < p->n_tiles; k++) {
    const jb_fact *f = jb_dg_fact(p->in, p->tiles[k]);
    if (f->doc == p->doc && f->nstart >= c.a && f->nstart < at) at = f->nstart;
  }
  for (size_t i = 0; p->skip && i < jb_facts_count(p->in->facts); i++) { /* a chart's figure, too */
    const jb_fact *f = jb_dg_fact(p->in, i);
    if (p->skip[i] == 1 && f->doc == p->doc && f->nstart >= c.a && f->nstart < at && jb_dg_is_quantity(f)) at = f->nstart;
  }
  return at;
}

/* [a, b) without the verbs that lead to the figure: 地区生产总值实现 -> 地区生产总值. */
static size_t trim_verbs(const point_ctx *p, size_t a, size_t b) {
  static const char *const verbs[] = {"实现", "完成", "达到", "共计", "总计", "累计", "达", "为", "是", "共", "约", NULL};
  for (int again = 1; again && b > a;) {
    again = 0;
    while (b > a && (p->t[b - 1] == ' ' || p->t[b - 1] == 0x3000)) b--, again = 1;
    for (const char *const *v = verbs; *v && !again; v++) {
      size_t vl = jb_utf8_count(*v);
      if (b >= a + vl && jb_dg_word_at(p->t, b, b - vl, *v)) b -= vl, again = 1;
    }
  }
  return b;
}

static int has_fact(const point_ctx *p, clause c) {
  for (size_t i = 0; i < jb_facts_count(p->in->facts); i++) {
    const jb_fact *f = jb_dg_fact(p->in, i);
    if (f->doc == p->doc && f->nstart >= c.a && f->nstart < c.b && !f->is_label) return 1;
  }
  return 0;
}

static void put_resolved(const point_ctx *p, size_t a, size_t b, jb_buf *o) {
  jb_dg_put_resolved(p->in, p->doc, a, b, o);
}

/* 0 no figure in [a, b); 1 a key figure's only (its start in *at); 2 other figures. */
static int segment_kind(const point_ctx *p, size_t a, size_t b, size_t *at) {
  int kind = 0;
  for (size_t i = 0; i < jb_facts_count(p->in->facts); i++) {
    const jb_fact *f = jb_dg_fact(p->in, i);
    if (f->doc != p->doc || f->nstart < a || f->nstart >= b || !jb_dg_is_quantity(f)) continue;
    if (!shown(p, i)) return 2;
    if (!kind) *at = f->nstart;
    kind = 1;
  }
  return kind;
}

/* Pieces of a clause being kept: text ranges and the marks 、 between parts. */
typedef struct pieces {
  jb_dg_piece *p;
  size_t n, max;
} pieces;

static void piece(pieces *ps, size_t a, size_t b) {
  if (ps->n < ps->max) ps->p[ps->n++] = (jb_dg_piece){a, b};
}

/* A 、-part holding other figures too, without the key figures it restates
 * (10批495名干部人才 -> 10批干部人才); a part whose key figure ends it as what
 * the part states (比重达到80%, 7个援建项目资金3050万元) says nothing without it and is
 * left out whole.
 * Returns 0 when nothing was kept. */
static int part_pieces(const point_ctx *p, size_t a, size_t b, pieces *ps) {
  size_t cut[8][2], nc = 0;
  for (size_t i = 0; i < jb_facts_count(p->in->facts) && nc < 8; i++) {
    const jb_fact *f = jb_dg_fact(p->in, i);
    if (f->doc != p->doc || f->nstart < a || f->nstart >= b || !jb_dg_is_quantity(f) || !shown(p, i)) continue;
    size_t e = f->nend < b ? f->nend : b;
    if (e >= trim_verbs(p, e, b)) return 0;
    cut[nc][0] = f->nstart, cut[nc][1] = e, nc++;
  }
  size_t from = a, n0 = ps->n;
  for (size_t k = 0; k < nc; k++) {
    if (cut[k][0] > from) piece(ps, from, cut[k][0]);
    from = cut[k][1] > from ? cut[k][1] : from;
  }
  if (from < b) piece(ps, from, b);
  return ps->n > n0;
}

/* A clause without the 、-parts that only restate a key figure (援藏资金1.73亿元 of
 * 安排项目21项、援藏资金1.73亿元); a part followed by its growth keeps what grew
 * (地区生产总值237.27亿元、增长6.9% -> 地区生产总值增长6.9%). */
/* The characters of [a, b) up to the end of its last verb before the figure at
 * `at` (各援藏队员共争取 of 各援藏队员共争取计划外援藏项目110个), a when it has none. */
static size_t subject_end(const point_ctx *p, size_t a, size_t at) {
  jb_buf u;
  jb_buf_init(&u, jb_facts_ctx(p->in->facts));
  size_t *pos = malloc((at - a + 1) * sizeof *pos), end = a;
  if (!pos) return a;
  for (size_t i = a; i < at; i++) pos[i - a] = u.len, jb_buf_add_utf8(&u, p->t[i]);
  jb_buf_addc(&u, '\0');
  size_t e = u.data ? jb_dg_verb_end(u.data) : 0;
  for (size_t i = a; e && i < at; i++)
    if (pos[i - a] < e) end = i + 1;
  free(pos);
  jb_buf_fini(&u);
  return end;
}

/* A verb before the first figure of [a, b): the part says itself what was done. */
static int verb_in(const point_ctx *p, size_t a, size_t b) {
  size_t at = b;
  for (size_t i = 0; i < jb_facts_count(p->in->facts); i++) {
    const jb_fact *f = jb_dg_fact(p->in, i);
    if (f->doc == p->doc && f->nstart >= a && f->nstart < at && !f->is_label) at = f->nstart;
  }
  return subject_end(p, a, at) > a;
}

static int clause_pieces(const point_ctx *p, size_t a, size_t b, pieces *ps) {
  size_t seg[17], ns = 0, lead = a; /* the dropped first part's subject and verb */
  seg[ns++] = a;
  for (size_t i = a; i < b && ns < 16; i++)
    if (p->t[i] == 0x3001) seg[ns++] = i + 1;
  seg[ns] = b + 1;
  int joined = 0, any = 0, prev = 0; /* prev: the part before this one is kept */
  for (size_t k = 0; k < ns; k++) {
    size_t sa = seg[k], sb = seg[k + 1] - 1, at = sa;
    int kind = segment_kind(p, sa, sb, &at), was = prev;
    prev = 0;
    if (k && !was && jb_dg_word_at(p->t, sb, sa, "其中")) break; /* a part of a whole left out, and what follows it */
    if (kind == 1) {
      clause next = {sb + 1, k + 1 < ns ? seg[k + 2] - 1 : sb + 1, 0, 0};
      if (k + 1 >= ns || !has_fact(p, next) || !bare_rate(p, next) || trim_verbs(p, sa, at) <= sa) {
        if (!k) lead = subject_end(p, sa, at); /* the tile shows it; who did what stays */
        continue;
      }
      if (any && !joined) piece(ps, 0, 0);
      size_t from = sa; /* 完成地区生产总值 -> 地区生产总值: what grew, not the act */
      if (jb_dg_word_at(p->t, at, sa, "完成") || jb_dg_word_at(p->t, at, sa, "实现")) from += 2;
      piece(ps, from < at ? from : sa, trim_verbs(p, sa, at));
      joined = any = 1;
      continue; /* what grew, not its figure: no whole for a 其中 */
    }
    size_t n0 = ps->n;
    if (any && !joined) piece(ps, 0, 0);
    if (!any && lead > a && !verb_in(p, sa, sb)) piece(ps, a, lead); /* 各援藏队员共争取 资金14232万元 */
    if (!part_pieces(p, sa, sb, ps)) {
      ps->n = n0;
      continue;
    }
    joined = 0, any = 1, prev = kind == 2;
  }
  return any;
}

size_t jb_dg_clause_pieces(const jb_digest_input *in, size_t doc, const size_t *tiles, size_t n_tiles, size_t a,
                           size_t b, jb_dg_piece *out, size_t max) {
  point_ctx p = {in, doc, NULL, 0, tiles, n_tiles, NULL};
  p.t = jb_doc_text(in->docs[doc], &p.n);
  pieces ps = {out, 0, max};
  if (b > p.n) b = p.n;
  return a < b && clause_pieces(&p, a, b, &ps) ? ps.n : 0;
}

static int put_clause(const point_ctx *p, size_t a, size_t b, jb_buf *o) {
  jb_dg_piece buf[64];
  pieces ps = {buf, 0, 64};
  if (!clause_pieces(p, a, b, &ps)) return 0;
  for (size_t k = 0; k < ps.n; k++) {
    if (buf[k].a == buf[k].b) jb_buf_adds(o, "、");
    else put_resolved(p, buf[k].a, buf[k].b, o);
  }
  return 1;
}

static size_t weight(const point_ctx *p, clause c, size_t *first_fact) {
  size_t w = 0;
  for (size_t i = *first_fact; i < jb_facts_count(p->in->facts); i++) {
    const jb_fact *f = jb_dg_fact(p->in, i);
    if (f->doc != p->doc || f->nstart >= c.b) break;
    if (f->nstart < c.a || !eligible(p, i)) continue;
    w += 10 - (size_t)point_class(f);
  }
  return w;
}

/* 分别为99%、95%、85% whose years the sentence does not repeat: （2022—2024年）. */
static void series_years(const point_ctx *p, clause c, jb_buf *o) {
  const jb_fact *first = NULL, *last = NULL;
  for (size_t i = 0; i < jb_facts_count(p->in->facts); i++) {
    const jb_fact *f = jb_dg_fact(p->in, i);
    if (f->doc != p->doc || f->nstart < c.a || f->nstart >= c.b || f->series < 0 || !f->series_label)
      continue;
    if (jb_facts_series(p->in->facts, (size_t)f->series)->dim != JB_DIM_TIME) continue;
    if (!first) first = f;
    last = f;
  }
  if (!first || first == last) return;
  for (size_t i = c.a; i + 4 <= c.b; i++) /* the clause names its years itself */
    if (jb_dg_word_at(p->t, c.b, i, first->series_label)) return;
  jb_buf_printf(o, "（%s—%s年）", first->series_label, last->series_label);
}

/* The clause states a quantity in full: one of its figures, and no key figure (the
 * tile shows that one and the clause is printed without it). */
static int whole_clause(const point_ctx *p, clause c) {
  size_t at = c.a;
  return segment_kind(p, c.a, c.b, &at) == 2 && tile_at(p, c) == c.b;
}

/* A clause opening with 其中 states a part. After the sentence's clause of its
 * whole it stays; with that whole left out it goes, and the rest of the sentence
 * with it (1). Opening the sentence (the whole is the sentence before), 其中 is
 * left out when the part names what it counts (其中，第一产业增加值96.41亿元), and the
 * sentence goes when it does not (其中2个已开工: 2 of what?) (2). */
static int part_gate(const point_ctx *p, const clause *cl, size_t n, size_t k, int was, size_t *a) {
  if (k == 0 && jb_dg_word_at(p->t, cl[0].b, cl[0].a, "其中")) {
    size_t i = cl[0].a + 2;
    while (i < cl[0].b && (p->t[i] == 0xFF0C || p->t[i] == 0x3001 || p->t[i] == ',' || p->t[i] == 0xFF1A)) i++;
    *a = i;
    size_t at = i < cl[0].b ? i : n > 1 ? cl[1].a : i; /* 其中，: the part is the next clause */
    return at < p->n && p->t[at] >= '0' && p->t[at] <= '9' ? 2 : 0;
  }
  return k > 0 && !was && jb_dg_word_at(p->t, cl[k].b, cl[k].a, "其中");
}

static int has_any(const point_ctx *p, clause c, const char *const *words) {
  for (; *words; words++)
    if (has_word(p, c, *words)) return 1;
  return 0;
}

/* A short clause without figures of its own that says when (2014年, 十五年来, 截至11月
 * 底), and not who reported it (本报讯记者…报道, 数据显示, 记者从…获悉). */
static const char *const when_words[] = {"年", "月", "以来", NULL};
static const char *const byline_words[] = {"记者", "报道", "本报", "日电", "获悉", "了解到", "显示", "据悉", NULL};

/* A year written in the clause (2010年新一轮…), not 年度 or 年来 alone. */
static int has_year(const point_ctx *p, clause c) {
  for (size_t i = c.a + 4; i < c.b; i++)
    if (p->t[i] == 0x5E74 && p->t[i - 1] >= '0' && p->t[i - 1] <= '9' && p->t[i - 4] >= '0' && p->t[i - 4] <= '9')
      return 1;
  return 0;
}

static int lead_ok(const point_ctx *p, clause c) {
  for (size_t i = 0; i < jb_facts_count(p->in->facts); i++) {
    const jb_fact *f = jb_dg_fact(p->in, i);
    if (f->doc == p->doc && f->nstart >= c.a && f->nstart < c.b && eligible(p, i)) return 0;
  }
  /* a clause that says when may be longer (2010年新一轮对口援疆工作开始后) */
  return c.b - c.a <= (has_year(p, c) ? 20u : 14u) && !has_any(p, c, byline_words);
}

/* The lead a statement keeps: the nearest clause before its first kept one that says
 * when (2014年，兵团…115个 rather than 本报讯…：近日), else a short opening clause
 * (一年来, 江苏推进…管理) — the time of a sentence is never dropped with its frame. */
static void lead_clause(const point_ctx *p, clause *cl, size_t n) {
  size_t k0 = 0;
  while (k0 < n && !cl[k0].keep) k0++;
  if (k0 == 0 || k0 >= n) return;
  if (!has_word(p, cl[k0], "年"))
    for (size_t j = k0; j-- > 0;)
      if (lead_ok(p, cl[j]) && (has_any(p, cl[j], when_words) || jb_dg_word_at(p->t, cl[j].b, cl[j].a, "目前") ||
                                jb_dg_word_at(p->t, cl[j].b, cl[j].a, "截至"))) {
        cl[j].keep = 2;
        return;
      }
  if (lead_ok(p, cl[0])) cl[0].keep = 2;
}

/* A statement opening with a copula (成为全国唯一…的省份, 居全国首位) says nothing of
 * whom without the clause before it: that clause is kept when short, else no statement. */
static int subject_kept(const point_ctx *p, clause *cl, size_t n) {
  static const char *const copulas[] = {"成为", "是", "居", "位居", "位列", "列", NULL};
  size_t k0 = 0;
  while (k0 < n && cl[k0].keep != 1 && cl[k0].keep != 3) k0++;
  /* 从首都到三江源头，[相隔千山万水，]北京…却将…: a turn whose first half is left out is rhetoric */
  if (k0 > 0 && k0 < n && !cl[k0 - 1].keep)
    for (size_t i = cl[k0].a; i < cl[k0].b && i < cl[k0].a + 16; i++)
      if (p->t[i] == 0x5374 /* 却 */ || (p->t[i] == 0x4F46 /* 但 */ && i == cl[k0].a + 1)) return 0;
  k0 = 0;
  while (k0 < n && !cl[k0].keep) k0++;
  if (k0 == 0 || k0 >= n) return 1;
  size_t a = cl[k0].a;
  while (a < cl[k0].b && (p->t[a] == 0xFF0C || p->t[a] == 0x3001)) a++;
  int copula = 0;
  for (const char *const *c = copulas; *c && !copula; c++) copula = jb_dg_word_at(p->t, cl[k0].b, a, *c);
  if (!copula) return 1;
  if (cl[k0 - 1].b - cl[k0 - 1].a > 30) return 0;
  cl[k0 - 1].keep = 2;
  return 1;
}

/* A rate whose named whole opens with its verb (投入援疆资金 of 在37个…团场实施项目25个，
 * 投入援疆资金3.39亿元，占年度援疆资金20.2%) has its scope in the 在-clause before it:
 * when that clause is not printed, the share would read as the whole report's. */
static int scope_lost(const point_ctx *p, const clause *cl, size_t j) {
  if (!j || jb_dg_predicate_at(p->t, cl[j].b, cl[j].a) < 2 || !has_word(p, cl[j - 1], "在")) return 0;
  jb_dg_piece buf[64];
  pieces ps = {buf, 0, 64};
  return !cl[j - 1].keep || (cl[j - 1].keep == 1 && !clause_pieces(p, cl[j - 1].a, cl[j - 1].b, &ps));
}

/* The subject opening [a, b) before its first verb (江苏 of 江苏累计提供…), or a
 * when there is none of 2 to 8 characters without a figure. */
/* Is [a, e) the head of an actor the report's facts name (江苏 of the origin 江苏省)? */
static int known_actor(const point_ctx *p, size_t a, size_t e) {
  jb_buf w;
  jb_buf_init(&w, jb_facts_ctx(p->in->facts));
  for (size_t i = a; i < e; i++) jb_buf_add_utf8(&w, p->t[i]);
  int hit = 0;
  for (size_t i = 0, n = jb_facts_count(p->in->facts); i < n && !hit && w.data; i++) {
    const jb_fact *f = jb_dg_fact(p->in, i);
    if (f->doc != p->doc) continue;
    hit = (f->origin && !strncmp(f->origin, w.data, w.len)) || (f->subject && !strncmp(f->subject, w.data, w.len));
  }
  jb_buf_fini(&w);
  return hit;
}

static size_t subject_before_verb(const point_ctx *p, size_t a, size_t b) {
  static const char *const actors = "省市县区州旗队组局厅委部院会界团企司我";
  for (size_t i = a; i < b && i < a + 9; i++) {
    if (p->t[i] >= '0' && p->t[i] <= '9') return a;
    if (jb_dg_predicate_at(p->t, b, i) > 0 || jb_dg_word_at(p->t, b, i, "累计") || jb_dg_word_at(p->t, b, i, "共")) {
      if (i - a < 2) return a;
      /* who acts: a place or a body (江苏, 湖北省, 援藏工作队, 社会各界), not a phrase (以…, 参加集中) */
      uint32_t last = p->t[i - 1];
      int actor = 0;
      for (const char *q = actors; *q && !actor;) {
        uint32_t c;
        size_t k = jb_utf8_decode(q, strlen(q), &c);
        actor = c == last, q += k ? k : 1;
      }
      return actor || known_actor(p, a, i) ? i : a;
    }
  }
  return a;
}

/* Prints the kept clauses of a sentence into o; returns whether any was printed.
 * A kept clause that only restated key figures goes, but its subject stays for the
 * clause after it (江苏累计提供援助资金321亿元，选派11批… -> 江苏选派11批…). */
static int put_clauses(const point_ctx *p, const clause *cl, size_t n, jb_buf *o) {
  int any = 0, join = 0, whole = 0; /* whole: the clause before states a quantity whole */
  size_t grew0 = 0, any0 = 0; /* where the pending what-grew clause starts, and any before it */
  size_t subj_a = 0, subj_b = 0; /* the subject of a dropped clause, for the next */
  int said = 0;                  /* a clause with figures was printed */
  for (size_t k = 1; k < n; k++) /* the first clause with figures: the one before it left out */
    if (cl[k].keep == 1 || cl[k].keep == 3) {
      if (!cl[k - 1].keep) subj_a = cl[k - 1].a, subj_b = subject_before_verb(p, cl[k - 1].a, cl[k - 1].b);
      while (subj_a < subj_b && (p->t[subj_a] == 0xFF0C || p->t[subj_a] == 0x3001)) subj_a++;
      break;
    }
  for (size_t k = 0; k < n; k++) {
    int was = whole;
    whole = 0;
    if (!cl[k].keep) continue;
    size_t b = cl[k].keep == 3 ? cl[k].cut : cl[k].b;
    size_t a = cl[k].a;
    int gate = part_gate(p, cl, n, k, was, &a);
    if (gate == 1) break;
    if (gate == 2) any = 0;
    if (gate == 2) break;
    static const char *const markers[] = {"一是", "二是", "三是", "四是", "五是", "六是",
                                          "此外", "同时", "另外", "而且", "并且", NULL};
    for (size_t q = 0; markers[q] && !any; q++) /* a list marker or a connective says nothing alone */
      if (a + 2 <= cl[k].b && jb_dg_word_at(p->t, p->n, a, markers[q])) a += 2;
    while (a < cl[k].b && (p->t[a] == 0xFF0C || p->t[a] == 0x3001 || p->t[a] == 0xFF1A)) a++;
    if (a >= b) continue; /* 其中，: nothing left */
    size_t len0 = o->len;
    if (cl[k].keep == 3) grew0 = len0, any0 = (size_t)any;
    if (any && !join) jb_buf_adds(o, "，");
    if (subj_b > subj_a && cl[k].keep == 1 && jb_dg_predicate_at(p->t, b, a) > 0) {
      put_resolved(p, subj_a, subj_b, o); /* 我省 -> 浙江省 */
      subj_b = subj_a;
    }
    if (cl[k].keep == 1 && !put_clause(p, a, b, o)) { /* it only restated key figures */
      if (!said) subj_a = a, subj_b = subject_before_verb(p, a, b);
      o->len = join ? grew0 : len0; /* and what grew goes with its rate (第二产业增加值 alone) */
      if (join) any = (int)any0, join = 0;
      if (o->data) o->data[o->len] = 0;
      continue;
    }
    if (cl[k].keep == 3 && (jb_dg_word_at(p->t, b, a, "全年") || jb_dg_word_at(p->t, b, a, "当年")) &&
        (jb_dg_word_at(p->t, b, a + 2, "实现") || jb_dg_word_at(p->t, b, a + 2, "完成"))) { /* 全年完成地区生产总值增长: 全年地区… */
      put_resolved(p, a, a + 2, o);
      a += 2;
    }
    if (cl[k].keep == 3 && (jb_dg_word_at(p->t, b, a, "实现") || jb_dg_word_at(p->t, b, a, "完成"))) a += 2; /* what grew */
    if (cl[k].keep != 1) put_resolved(p, a, b, o);
    if (cl[k].keep != 3) series_years(p, cl[k], o);
    any = 1, join = cl[k].keep == 3; /* what grew, then the rate: one phrase */
    if (cl[k].keep == 1 || cl[k].keep == 3) said = 1, subj_b = subj_a;
    whole = cl[k].keep != 3 && whole_clause(p, cl[k]);
  }
  return any;
}

/* 价格：全年居民消费价格…: a rubric of up to four characters before a colon opens
 * the paragraph, not the statement. */
static void drop_rubric(jb_buf *o) {
  while (o->len >= 3 && !strncmp(o->data, "—", 3)) /* ——我们坚持…: a list's dash */
    memmove(o->data, o->data + 3, o->len - 2), o->len -= 3;
  const char *c = o->data ? strstr(o->data, "：") : NULL;
  const char *dg = o->data ? strpbrk(o->data, "0123456789") : NULL;
  if (!c || c == o->data || (size_t)(c - o->data) > 12 || (dg && dg < c)) return;
  for (const char *q = o->data; q < c; q += 3)
    if (((unsigned char)*q & 0xF0) != 0xE0) return; /* Han characters only (three bytes each) */
  size_t k = (size_t)(c - o->data) + 3;
  memmove(o->data, o->data + k, o->len - k + 1);
  o->len -= k;
}

/* The condensed statement of a sentence, or NULL when nothing is left. */
static char *condense(jb_ctx *ctx, const point_ctx *p, jb_span s, size_t first_fact) {
  clause cl[24];
  size_t n = split(p, s, cl, 24), len = 0, kept = 0;
  for (size_t k = 0; k < n; k++) {
    size_t ff = first_fact;
    cl[k].keep = weight(p, cl[k], &ff) > 0;
    kept += cl[k].keep;
  }
  if (!kept) return NULL;
  /* 分别为99%、95%、85% says nothing without the list before it, nor 增长1.1% without
   * what grew */
  for (size_t k = 1; k < n; k++) {
    if (cl[k].keep != 1 || cl[k - 1].keep) continue;
    if (has_word(p, cl[k], "分别")) cl[k - 1].keep = 2;
    else if (bare_rate(p, cl[k])) /* the nearest clause before it with a figure: what grew */
      for (size_t j = k; j-- > 0;)
        if (has_fact(p, cl[j])) {
          size_t at = tile_at(p, cl[j]);
          cl[j].keep = at < cl[j].b ? 3 : 2;
          cl[j].cut = at < cl[j].b ? trim_verbs(p, cl[j].a, at) : cl[j].b;
          if (cl[j].cut <= cl[j].a || scope_lost(p, cl, j)) cl[j].keep = 0; /* the rate goes too */
          if (!cl[j].keep) cl[k].keep = 0, kept--;
          break;
        }
  }
  for (size_t k = 0; k < n; k++) /* a statement that starts with 增长3.4倍 says not what grew */
    if (cl[k].keep) {
      if (cl[k].keep == 1 && bare_rate(p, cl[k])) return NULL;
      break;
    }
  lead_clause(p, cl, n);
  if (!subject_kept(p, cl, n)) return NULL;
  for (size_t k = 1; k < n; k++) /* 其中 states a part: its whole comes along unless a key figure shows it */
    if (cl[k].keep && !cl[k - 1].keep && jb_dg_word_at(p->t, cl[k].b, cl[k].a, "其中") && whole_clause(p, cl[k - 1]))
      cl[k - 1].keep = 2, len += cl[k - 1].b - cl[k - 1].a + 1;
  for (size_t k = 0; k < n; k++)
    if (cl[k].keep) len += cl[k].b - cl[k].a + 1;
  for (size_t k = n; k-- > 0 && len > POINT_MAX && kept > 1;) /* drop from the end */
    if (cl[k].keep == 1 && !(k + 1 < n && cl[k + 1].keep == 1 && has_word(p, cl[k + 1], "分别")))
      len -= cl[k].b - cl[k].a + 1, cl[k].keep = 0, kept--;
  for (size_t k = 0; k < n; k++) { /* what grew goes when its rate went (第三产业增加值 alone) */
    size_t j = k + 1;
    while (j < n && !cl[j].keep) j++;
    if (cl[k].keep == 3 && (j >= n || cl[j].keep != 1)) cl[k].keep = 0;
  }
  jb_buf o;
  jb_buf_init(&o, ctx);
  int any = put_clauses(p, cl, n, &o);
  if (any && (!o.data || !jb_dg_is_statement(o.data))) any = 0; /* a fragment an office could not forward */
  if (!any) {
    jb_buf_fini(&o);
    return NULL;
  }
  drop_rubric(&o);
  jb_buf_adds(&o, "。");
  return jb_buf_steal(&o);
}

typedef struct cand { size_t sent, first_fact, w; int cls; } cand;

static size_t candidates(const point_ctx *p, cand *c, size_t max) {
  const jb_doc *d = p->in->docs[p->doc];
  size_t n = 0, nf = jb_facts_count(p->in->facts);
  for (size_t i = 0; i < nf && n < max; i++) {
    if (!eligible(p, i)) continue;
    const jb_fact *f = jb_dg_fact(p->in, i);
    size_t s = jb_doc_sentence_at(d, f->nstart);
    if (s == JB_NONE || jb_doc_is_heading(d, jb_doc_sentence_paragraph(d, s))) continue; /* a headline restates */
    if (n && c[n - 1].sent == s) {
      c[n - 1].w += 10 - (size_t)point_class(f);
      if (point_class(f) < c[n - 1].cls) c[n - 1].cls = point_class(f);
      continue;
    }
    size_t ff = i;
    while (ff > 0 && jb_dg_fact(p->in, ff - 1)->doc == p->doc && jb_dg_fact(p->in, ff - 1)->nstart >= jb_doc_sentence(d, s).start) ff--;
    c[n++] = (cand){s, ff, 10 - (size_t)point_class(f), point_class(f)};
  }
  return n;
}

/* The candidates in order of preference: the best of each kind first, then by
 * weight (a candidate that condenses to no statement gives way to the next). */
static size_t rank(cand *c, size_t n, cand *out) {
  size_t k = 0;
  int *used = calloc(n + 1, sizeof *used);
  if (!used) return 0;
  for (int cls = 0; cls <= 5; cls++) {
    size_t best = n;
    for (size_t i = 0; i < n; i++)
      if (!used[i] && c[i].cls == cls && (best == n || c[i].w > c[best].w)) best = i;
    if (best < n) used[best] = 1, out[k++] = c[best];
  }
  while (k < n) {
    size_t best = n;
    for (size_t i = 0; i < n; i++)
      if (!used[i] && (best == n || c[i].w > c[best].w)) best = i;
    if (best == n) break;
    used[best] = 1, out[k++] = c[best];
  }
  free(used);
  return k;
}

typedef struct point { size_t sent; char *text; } point;

static int by_sentence(const void *a, const void *b) {
  const point *x = a, *y = b;
  return x->sent < y->sent ? -1 : x->sent > y->sent;
}

/* A statement that says a figure an earlier (better ranked) one says already: the
 * report's subtitle and its lead restate each other (实施项目407个); or a key
 * figure, kept in the clause that leads to another figure (实施新能源项目304个，
 * 容量1255万千瓦 under the tile 304个). */
static int said(const point_ctx *p, const point *pick, size_t k, const char *text) {
  for (size_t i = 0; i < k; i++)
    if (jb_dg_shares_figure(pick[i].text, text)) return 1;
  for (size_t i = 0; i < p->n_tiles; i++)
    if (jb_dg_shares_figure(jb_dg_fact(p->in, p->tiles[i])->text, text)) return 1;
  return 0;
}

void jb_digest_add_points(jb_ctx *ctx, const jb_digest_input *in, size_t doc, const size_t *tiles,
                          size_t n_tiles, const cJSON *figures, cJSON *blocks) {
  point_ctx p = {in, doc, NULL, 0, tiles, n_tiles, NULL};
  p.t = jb_doc_text(in->docs[doc], &p.n);
  unsigned char *skip = jb_calloc(ctx, jb_facts_count(in->facts) + 1, 1);
  jb_dg_point_skips(ctx, in, doc, figures, skip);
  p.skip = skip;
  size_t cap = 512, k = 0;
  cand *c = jb_malloc(ctx, 2 * cap * sizeof *c);
  size_t n = candidates(&p, c, cap), nr = rank(c, n, c + cap);
  point pick[MAX_POINTS];
  for (size_t i = 0; i < nr && k < MAX_POINTS; i++) {
    char *text = condense(ctx, &p, jb_doc_sentence(in->docs[doc], c[cap + i].sent), c[cap + i].first_fact);
    if (text && said(&p, pick, k, text)) jb_free(ctx, text), text = NULL;
    if (text) pick[k++] = (point){c[cap + i].sent, text};
  }
  qsort(pick, k, sizeof *pick, by_sentence);
  cJSON *items = NULL;
  for (size_t i = 0; i < k; i++) {
    if (!items) {
      jb_dg_heading(blocks, 2, "要点");
      items = cJSON_AddArrayToObject(jb_dg_block(blocks, "list"), "items");
    }
    cJSON_AddItemToArray(items, cJSON_CreateString(pick[i].text));
    jb_free(ctx, pick[i].text);
  }
  jb_free(ctx, c);
  jb_free(ctx, skip);
}
