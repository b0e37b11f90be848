/* Attribution of the facts of one document: measure, subject, place, period,
 * 分别 series; and the total = sum-of-parts checks. Everything runs in a few
 * linear sweeps over the facts, which are in text order. */
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "extract/internal.h"

typedef struct mention {
  size_t pos, end;
  long place;
  int dest;   /* after 在/赴/到/来: where something goes or happens */
  int origin; /* 引进江苏企业, 上海专家, 江苏援藏: who gives, not where it happens */
} mention;


#define clause_sep jb_clause_sep
#define segment_sep jb_segment_sep

static uint32_t ch(const jb_scan *s, size_t i) { return i < s->n ? s->t[i] : 0; }

/* ---- places -------------------------------------------------------------------- */

static const char *const actor_tails[] = {"工作队", "籍", "省委", "省政府", NULL};
/* 江苏援藏, 北京援建: the aiding side, unless the place is in the region (拉萨援藏资金) */
static const char *const aid_tails[] = {"援藏", "援疆", "援青", "援宁", "援川", "援建", NULL};
/* 上海累计安排, 福建省投入: the aiding province as the subject of an aid verb */
static const char *const aid_verbs[] = {"安排", "投入", "选派", "援建", "援助", "动员", "拨付",
                                        "支持", "帮助", "开展", "实施", NULL};
/* A short name before these is part of an institution's name (贡嘎茶场, 上海实验学校). */
static const char *const institutions[] = {"茶场", "农场", "牧场", "林场", "公司", "集团", "有限",
                                           "实验", "中学", "小学", "学校", "大学", "学院", "希望",
                                           "工业园", "产业园", "大厦", NULL};
static const char *const origin_nouns[] = {"企业", "专家", "游客", "家庭", "客商", "商会", "学者",
                                           "医疗", "医生", "教师", "志愿者", "爱心", "社会", NULL};
static const char *const origin_verbs[] = {"引进", "引导", "引入", "来自", NULL};

static int aid_verb_follows(const jb_scan *s, size_t end) {
  for (size_t k = end; k < s->n && k < end + 5 && jb_is_han(s->t[k]); k++)
    if (jb_match_any(s->t, s->n, k, aid_verbs)) return 1;
  return 0;
}

static int is_institution(const jb_gazetteer *g, const uint32_t *t, size_t n, size_t end, long e) {
  return e >= 0 && g->lex.e[e].payload % 4 == 2 && jb_match_any(t, n, end, institutions);
}

static mention *find_mentions(jb_scan *s, size_t *count) {
  const jb_gazetteer *g = s->g;
  mention *m = NULL;
  size_t n = 0, cap = 0;
  for (size_t i = 0; i < s->n;) {
    uint32_t c = s->t[i];
    if (!jb_is_han(c)) {
      i++;
      continue;
    }
    static const char *const dest_words[] = {"进入", "走进", "落户", NULL};
    int dest_prev = i > 0 && jb__cp_in(s->t[i - 1], "在赴到来去回往");
    long e = jb_lex_match(&g->lex, s->t, s->n, i);
    const jb_lex_entry *le = e >= 0 ? &g->lex.e[e] : NULL;
    if (!le && dest_prev) { /* 在粤, 赴藏 */
      long a = jb_lex_match(&g->abbr, s->t, s->n, i);
      if (a >= 0) le = &g->abbr.e[a];
    }
    if (!le) {
      i++;
      continue;
    }
    size_t end = i + le->n;
    if (!dest_prev && e >= 0) dest_prev = jb_match_any_before(s->t, i, dest_words) > 0;
    int ok = 1;
    if (jb_match_any(s->t, s->n, end, actor_tails)) ok = 0;
    if (ch(s, end) == 0x7B2C /* 第N批 */) ok = 0;
    if (e >= 0 && is_institution(g, s->t, s->n, end, e)) ok = 0;
    /* 从广东引进: the origin, not the place of the fact */
    if (i > 0 && jb__cp_in(s->t[i - 1], "从由自")) ok = 0;
    /* 支援西藏新疆工作领导小组, 拉萨市城关区: a place before a place is part of a longer
     * name, unless the second starts an institution's name (日喀则市上海实验学校) */
    if (jb_is_han(ch(s, end))) {
      long nx = jb_lex_match(&g->lex, s->t, s->n, end);
      if (nx >= 0 && !is_institution(g, s->t, s->n, end + g->lex.e[nx].n, nx)) ok = 0;
    }
    if (ok) {
      int origin = !dest_prev && (jb_match_any(s->t, s->n, end, origin_nouns) ||
                                  jb_match_any(s->t, s->n, end, aid_tails) ||
                                  jb_match_any_before(s->t, i, origin_verbs) ||
                                  (g->places[le->payload / 4].level == PL_PROVINCE &&
                                   aid_verb_follows(s, end)));
      m = jb_grow(s->f->ctx, m, &cap, n + 1, sizeof *m);
      m[n++] = (mention){i, end, le->payload / 4, dest_prev, origin};
    }
    i = end;
  }
  *count = n;
  return m;
}

/* Per place: its mentions, and those not marked as an origin. The document-wide
 * choices below depend on these counts only, so a document read in pieces adds
 * up the counts of its pieces and chooses exactly as a whole one. */
static void count_mentions(const mention *m, size_t n, size_t *all, size_t *plain) {
  for (size_t i = 0; i < n; i++) {
    all[m[i].place]++;
    plain[m[i].place] += !m[i].origin;
  }
}

/* The aided province: the one whose prefectures and counties the report names most
 * (a county or prefecture counts twice, the province itself once). */
static long doc_region(jb_ctx *ctx, const jb_gazetteer *g, const size_t *all) {
  size_t np = g->n;
  size_t *score = jb_calloc(ctx, np + 1, sizeof *score);
  for (size_t p = 0; p < np; p++) {
    const jb_place *pl = &g->places[p];
    if (pl->province >= 0) score[pl->province] += all[p] * (pl->level == PL_PROVINCE ? 1 : 2);
  }
  long best = -1;
  for (size_t p = 0; p < np; p++)
    if (score[p] && (best < 0 || score[p] > score[best])) best = (long)p;
  jb_free(ctx, score);
  return best;
}

static int in_region_of(const jb_gazetteer *g, long region, long place) {
  return region >= 0 && g->places[place].province == region;
}

static int in_region(const jb_scan *s, long place) { return in_region_of(s->g, s->region, place); }

/* An origin outside the region (上海专家, 引进江苏企业) says nothing of where. */
static int usable(const jb_scan *s, const mention *a) {
  return !a->origin || in_region(s, a->place);
}

/* The report's main place: the prefecture named most (counties count for theirs;
 * the region's prefectures weigh double), or the region itself when the report
 * names it more often than that prefecture (a province-wide report). Origins
 * outside the region do not count. */
static long main_place(jb_ctx *ctx, const jb_gazetteer *g, long region, const size_t *all, const size_t *plain) {
  size_t np = g->n;
  size_t *score = jb_calloc(ctx, 2 * (np + 1), sizeof *score), *direct = score + np + 1;
  for (size_t i = 0; i < np; i++) {
    long p = (long)i;
    size_t k = in_region_of(g, region, p) ? all[i] : plain[i];
    if (!k) continue;
    direct[p] += k;
    const jb_place *pl = &g->places[p];
    if (pl->level == PL_COUNTY && pl->parent >= 0) p = pl->parent;
    score[p] += k * (in_region_of(g, region, p) && g->places[p].level == PL_PREFECTURE ? 2 : 1);
  }
  long best = -1;
  for (size_t p = 0; p < np; p++)
    if (score[p] && (best < 0 || score[p] > score[best])) best = (long)p;
  if (best >= 0 && region >= 0 && best != region && direct[region] > direct[best]) best = region;
  jb_free(ctx, score);
  return best;
}

/* (region, level, nearest): the most specific place the fact is about. */
static int better(const jb_scan *s, const mention *a, const mention *b) {
  if (!b) return 1;
  int ra = in_region(s, a->place), rb = in_region(s, b->place);
  if (ra != rb) return ra > rb;
  const jb_place *x = &s->g->places[a->place], *y = &s->g->places[b->place];
  if (x->level != y->level) return x->level > y->level;
  return a->pos > b->pos;
}

static int place_joiners(const jb_scan *s, size_t a, size_t b) {
  if (b < a || b - a > 2) return 0;
  for (size_t k = a; k < b; k++)
    if (!jb__cp_in(s->t[k], "、和与及至")) return 0;
  return 1;
}

static int is_ancestor(const jb_gazetteer *g, long anc, long p) {
  for (; p >= 0; p = g->places[p].parent)
    if (p == anc) return 1;
  return 0;
}

/* A place named in a list (城关区、堆龙德庆区和达孜区; 江孜至康马) stands for the list:
 * the places' common ancestor, or the place itself when they share none. */
static long list_place(const jb_scan *s, const mention *m, size_t nm, size_t c) {
  size_t a = c, b = c;
  while (a > 0 && place_joiners(s, m[a - 1].end, m[a].pos)) a--;
  while (b + 1 < nm && place_joiners(s, m[b].end, m[b + 1].pos)) b++;
  if (a == b) return m[c].place;
  for (long anc = m[a].place; anc >= 0; anc = s->g->places[anc].parent) {
    size_t k = a + 1;
    while (k <= b && is_ancestor(s->g, anc, m[k].place)) k++;
    if (k > b) return anc;
  }
  return m[c].place;
}

/* The facts' place strings live in the arena, one copy per place. */
static char *place_name(jb_scan *s, char **cache, long pl) {
  if (!cache[pl]) cache[pl] = jb_facts_strdup(s->f, s->g->places[pl].name);
  return cache[pl];
}

static long place_for(const jb_scan *s, const mention *m, size_t nm, size_t lo_idx,
                      size_t cs, size_t ce, size_t ss, const jb_fact *x) {
  long best = -1, dest = -1;
  /* a year or a date is about the place the clause names before it, or the
   * report's place: not where something went */
  int when = x->kind == JB_KIND_YEAR || x->kind == JB_KIND_DATE;
  if (!when) {
    /* destination after the fact in its clause (赴广东就读) */
    for (size_t i = lo_idx; i < nm && m[i].pos < ce; i++)
      if (m[i].pos >= x->nend && m[i].dest) return list_place(s, m, nm, i);
    /* a place right after the classifier: 9个福建对口协作市 */
    if (lo_idx < nm && m[lo_idx].pos == x->nend && usable(s, &m[lo_idx])) return m[lo_idx].place;
  }
  for (size_t i = lo_idx; i-- > 0;) {
    if (m[i].end <= ss) break;
    if (m[i].pos >= x->nstart || m[i].pos < cs || !usable(s, &m[i])) continue;
    if (m[i].end == x->nstart) return list_place(s, m, nm, i); /* 广东35家 */
    if (m[i].dest && dest < 0 && !when) dest = (long)i; /* 在江苏设立展销窗口16个 */
    if (best < 0 || better(s, &m[i], &m[best])) best = (long)i;
  }
  if (dest >= 0) return list_place(s, m, nm, (size_t)dest);
  if (best >= 0) return list_place(s, m, nm, (size_t)best);
  for (size_t i = lo_idx; i-- > 0;) {
    if (m[i].end <= ss) break;
    if (m[i].pos >= cs || !usable(s, &m[i])) continue;
    /* a year takes only a county or prefecture of the region named before it */
    int ok = when ? in_region(s, m[i].place) && s->g->places[m[i].place].level != PL_PROVINCE
                  : in_region(s, m[i].place) || m[i].dest;
    if (ok && (best < 0 || better(s, &m[i], &m[best]))) best = (long)i;
  }
  return best >= 0 ? list_place(s, m, nm, (size_t)best) : -1;
}

/* ---- subject ------------------------------------------------------------------------ */

/* The province "我省" stands for: the one the report names most, the region aside. */
static long actor_province(const jb_gazetteer *g, long region, const size_t *all) {
  long prov = -1;
  for (size_t i = 0; i < g->n; i++)
    if (g->places[i].level == PL_PROVINCE && (long)i != region && all[i] && (prov < 0 || all[i] > all[prov]))
      prov = (long)i;
  return prov;
}

/* Candidate actor strings in text order with their counts; the winner is the
 * first to reach the highest count. "我省" candidates wait as "\1<rest>" when
 * the province is not known yet (a document read in pieces). */
typedef struct actor_acc {
  char **cand;
  size_t *cnt, *reached; /* reached: candidate number at which cnt was last raised */
  size_t nc, cap1, cap2, cap3, seen;
  int stopped;
} actor_acc;

static void actor_add(jb_ctx *ctx, actor_acc *a, char *str) {
  size_t c;
  for (c = 0; c < a->nc && strcmp(a->cand[c], str); c++)
    ;
  if (c == a->nc) {
    a->cand = jb_grow(ctx, a->cand, &a->cap1, a->nc + 1, sizeof *a->cand);
    a->cnt = jb_grow(ctx, a->cnt, &a->cap2, a->nc + 1, sizeof *a->cnt);
    a->reached = jb_grow(ctx, a->reached, &a->cap3, a->nc + 1, sizeof *a->reached);
    a->cand[a->nc] = str, a->cnt[a->nc] = 0, a->nc++;
  } else {
    jb_free(ctx, str);
  }
  a->cnt[c]++, a->reached[c] = a->seen++;
  if (a->nc > 64) a->stopped = 1; /* enough evidence; bounded work */
}

/* "<province>第N批援藏工作队" candidates of t[0, n); prov = 我省's province, -1 none,
 * -2 not known yet. */
static void actor_scan(jb_ctx *ctx, const jb_gazetteer *g, const uint32_t *t, size_t n, long prov, actor_acc *a) {
  for (size_t i = 0; i + 4 < n && !a->stopped; i++) {
    if (t[i] != 0x7B2C) continue;
    size_t k = i + 1;
    while (k < n && k < i + 4 && jb_is_cn_numeral(t[k])) k++;
    if (k == i + 1 || k + 2 >= n || t[k] != 0x6279 /* 批 */ || t[k + 1] != 0x63F4 /* 援 */ ||
        !jb__cp_in(t[k + 2], "藏疆青宁川"))
      continue;
    const char *who = NULL;
    long lex = -1;
    for (size_t back = 2; back <= 8 && back <= i; back++) {
      long e = jb_lex_match(&g->lex, t, i, i - back);
      if (e >= 0 && g->lex.e[e].n == back) {
        lex = g->lex.e[e].payload / 4;
        break;
      }
    }
    int ours = lex < 0 && i >= 2 && jb_match_ascii_cn(t, n, i - 2, "我省");
    if (lex >= 0) who = g->places[lex].name;
    else if (ours && prov >= 0) who = g->places[prov].name;
    else if (ours && prov == -2) who = "\1";
    if (!who) continue;
    jb_buf b;
    jb_buf_init(&b, ctx);
    jb_buf_adds(&b, who);
    for (size_t q = i; q <= k + 2; q++) jb_buf_add_utf8(&b, t[q]);
    jb_buf_adds(&b, "工作队");
    actor_add(ctx, a, jb_buf_steal(&b));
  }
}

/* The winner (allocated, or NULL); frees the candidates. Waiting "我省"
 * candidates take prov's name and join an equal candidate, or are dropped. */
static char *actor_best(jb_ctx *ctx, const jb_gazetteer *g, actor_acc *a, long prov) {
  for (size_t c = 0; c < a->nc; c++) {
    if (a->cand[c][0] != 1) continue;
    if (prov < 0) {
      a->cnt[c] = 0;
      continue;
    }
    char *name = jb_malloc(ctx, strlen(g->places[prov].name) + strlen(a->cand[c]) + 1);
    strcpy(name, g->places[prov].name);
    strcat(name, a->cand[c] + 1);
    jb_free(ctx, a->cand[c]);
    a->cand[c] = name;
    for (size_t o = 0; o < c; o++)
      if (!strcmp(a->cand[o], name) && a->cnt[o]) {
        a->cnt[o] += a->cnt[c];
        if (a->reached[c] > a->reached[o]) a->reached[o] = a->reached[c];
        a->cnt[c] = 0;
      }
  }
  size_t best = a->nc;
  for (size_t c = 0; c < a->nc; c++)
    if (a->cnt[c] && (best == a->nc || a->cnt[c] > a->cnt[best] ||
                      (a->cnt[c] == a->cnt[best] && a->reached[c] < a->reached[best])))
      best = c;
  char *r = best < a->nc ? jb_strdup(ctx, a->cand[best]) : NULL;
  for (size_t c = 0; c < a->nc; c++) jb_free(ctx, a->cand[c]);
  jb_free(ctx, a->cand);
  jb_free(ctx, a->cnt);
  jb_free(ctx, a->reached);
  return r;
}

/* Region, main place and main actor of a whole document. */
static void doc_wide(jb_scan *s, const mention *m, size_t nm, long *home, char **actor) {
  jb_ctx *ctx = s->f->ctx;
  size_t *all = jb_calloc(ctx, 2 * (s->g->n + 1), sizeof *all), *plain = all + s->g->n + 1;
  count_mentions(m, nm, all, plain);
  s->region = doc_region(ctx, s->g, all);
  *home = main_place(ctx, s->g, s->region, all, plain);
  actor_acc a = {0}; /* "我省" waits for its province here too: pieces choose alike */
  actor_scan(ctx, s->g, s->t, s->n, -2, &a);
  *actor = actor_best(ctx, s->g, &a, actor_province(s->g, s->region, all));
  jb_free(ctx, all);
}

/* ---- gathering over pieces ----------------------------------------------------------- */

struct jb_wide_acc {
  jb_ctx *ctx;
  const jb_gazetteer *g;
  size_t *all, *plain;
  actor_acc actors;
  size_t seen;         /* normalized characters of the pieces before */
  int ref_year, ref_month;
};

jb_wide_acc *jb_wide_new(jb_ctx *ctx, const jb_gazetteer *g) {
  jb_wide_acc *a = jb_calloc(ctx, 1, sizeof *a);
  a->ctx = ctx, a->g = g;
  a->all = jb_calloc(ctx, 2 * (g->n + 1), sizeof *a->all);
  a->plain = a->all + g->n + 1;
  return a;
}

void jb_wide_gather(jb_wide_acc *a, jb_facts_impl *f, const jb_doc *d) {
  jb_scan s = {0};
  s.f = f, s.g = a->g, s.d = d;
  s.t = jb_doc_text(d, &s.n);
  size_t nm;
  mention *m = find_mentions(&s, &nm);
  count_mentions(m, nm, a->all, a->plain);
  jb_free(a->ctx, m);
  actor_scan(a->ctx, a->g, s.t, s.n, -2, &a->actors);
  if (!a->ref_year && a->seen < 400) /* the dateline: a date in the first 400 characters */
    jb_scan_first_date(f, a->g, d, 400 - a->seen, &a->ref_year, &a->ref_month);
  a->seen += s.n;
}

void jb_wide_finish(jb_wide_acc *a, jb_docwide *out) {
  memset(out, 0, sizeof *out);
  out->region = doc_region(a->ctx, a->g, a->all);
  out->home = main_place(a->ctx, a->g, out->region, a->all, a->plain);
  out->actor = actor_best(a->ctx, a->g, &a->actors, actor_province(a->g, out->region, a->all));
  out->ref_year = a->ref_year, out->ref_month = a->ref_month;
  jb_free(a->ctx, a->all);
  jb_free(a->ctx, a);
}

/* ---- measure ------------------------------------------------------------------------- */

static const char *const lead_words[] = {"分别", "累计", "共计", "合计", "总计", "先后", "已经",
                                         "全年", "每年", "其中", "共", "已", "均", "并", "还",
                                         "又", "为", "向", "对", "在", "使", NULL};
static const char *const tail_words[] = {"达到", "共计", "累计", "合计", "总计", "分别为", "分别",
                                         "达", "为", "共", "约", "有", "是", "了", "计", "的",
                                         "近", "超过", "突破", "逾", NULL};

static int trim_char(uint32_t c) {
  return jb_is_hspace(c) || jb__cp_in(c, "“”‘’「」、（）()《》—-·\"'") || c == 0x3001;
}

static char *measure_for(jb_scan *s, size_t cs, size_t ce, size_t prev_end, const jb_fact *x) {
  size_t a = cs > prev_end ? cs : prev_end, b = x->nstart;
  if (b > a + 24) a = b - 24;
  for (int changed = 1; changed && a < b;) {
    changed = 0;
    while (a < b && trim_char(s->t[a])) a++, changed = 1;
    size_t m = jb_match_any(s->t, b, a, lead_words);
    if (m && a + m < b) a += m, changed = 1;
  }
  for (int changed = 1; changed && b > a;) {
    changed = 0;
    while (b > a && trim_char(s->t[b - 1])) b--, changed = 1;
    size_t m = jb_match_any_before(s->t, b, tail_words);
    if (m && b - m > a) b -= m, changed = 1;
  }
  if (b <= a + 1) { /* nothing before: what follows the number (14万农牧民群众) */
    a = x->nend;
    b = a;
    while (b < ce && b < a + 12 && !trim_char(s->t[b]) && !jb_is_digit(s->t[b])) b++;
  }
  if (b <= a) return NULL;
  return jb_facts_cps(s->f, s->t, a, b);
}

/* ---- periods ------------------------------------------------------------------------- */

static int by_pos(const void *a, const void *b) {
  const jb_texpr *x = a, *y = b;
  if (x->pos != y->pos) return x->pos < y->pos ? -1 : 1;
  return 0;
}

typedef struct scope {
  int type; /* -1 none */
  int y1, y2, month;
} scope;

static void scope_str(const scope *p, char *out, size_t cap) {
  out[0] = 0;
  switch (p->type) {
  case TX_YEAR: snprintf(out, cap, "%d", p->y1); break;
  case TX_RANGE:
  case TX_COMPARE:
    if (p->y1 == p->y2) snprintf(out, cap, "%d", p->y1);
    else snprintf(out, cap, "%d-%d", p->y1, p->y2);
    break;
  case TX_SINCE: snprintf(out, cap, "%d起", p->y1); break;
  case TX_MONTH_SINCE: snprintf(out, cap, "%d-%02d起", p->y1, p->month); break;
  default: break;
  }
}

static int only_joiners(const jb_scan *s, size_t a, size_t b) {
  if (b < a || b - a > 3) return 0;
  for (size_t k = a; k < b; k++)
    if (!jb__cp_in(s->t[k], "、和与及,，") && !jb_is_hspace(s->t[k])) return 0;
  return 1;
}

static void add_resets(jb_scan *s) {
  static const char *const words[] = {"截至目前", "目前", "至今", "当前", "现阶段", "如今", NULL};
  static const char *const cutoff[] = {"截至", "截止", "至", NULL};
  for (size_t i = 0; i < s->n; i++) {
    uint32_t c = s->t[i];
    /* 今年 is the report's year (resolved later); 截至今年7月底 is a cut-off, not a scope */
    if (c == 0x4ECA && ch(s, i + 1) == 0x5E74 && !jb_match_any_before(s->t, i, cutoff)) {
      jb_add_texpr(s, i, i + 2, TX_YEAR, -2, -2, 0);
      i++;
      continue;
    }
    if (c != 0x622A && c != 0x76EE && c != 0x81F3 && c != 0x5F53 && c != 0x73B0 && c != 0x5982)
      continue;
    size_t m = jb_match_any(s->t, s->n, i, words);
    if (m == 2 && s->t[i] == 0x81F3 && ch(s, i + 2) == 0x5E74) m = 0; /* 截至今年 */
    if (m) {
      jb_add_texpr(s, i, i + m, TX_RESET, 0, 0, 0);
      i += m - 1;
    }
  }
}

static void resolve_relative(jb_scan *s) {
  const jb_fact *items = s->f->items;
  size_t limit = s->n < 400 ? s->n : 400; /* the dateline is near the top */
  if (s->wide) /* a piece: the dateline found in the first 400 characters of the whole */
    s->ref_year = s->wide->ref_year, s->ref_month = s->wide->ref_month, limit = 0;
  for (size_t i = s->first_fact; i < s->f->n && items[i].nstart < limit; i++) {
    const jb_fact *x = &items[i];
    if (x->kind == JB_KIND_DATE && x->date[0] != 'X') {
      s->ref_year = atoi(x->date);
      s->ref_month = atoi(x->date + 5);
      break;
    }
  }
  for (size_t i = 0; i < s->n_tx; i++) {
    jb_texpr *e = &s->tx[i];
    if (e->type != TX_YEAR || e->y1 >= 0) continue;
    if (!s->ref_year) {
      e->type = TX_RESET; /* unknown: the scope is lost rather than guessed */
      continue;
    }
    /* 今年 (-2) is the report's year; 一年来 (-1) the twelve months before it */
    int y = e->y1 == -2 || s->ref_month > 6 ? s->ref_year : s->ref_year - 1;
    e->y1 = e->y2 = y;
  }
}

/* Walks facts and time expressions in text order; a paragraph's scope carries
 * over from sentence to sentence until a reset (目前) or a new time expression. */
static void assign_periods(jb_scan *s) {
  jb_facts_impl *f = s->f;
  size_t ti = 0;
  scope cur = {-1, 0, 0, 0};
  const jb_texpr *prev_year = NULL;
  size_t para = JB_NONE;
  /* 较2022年 widens the scope for its own sentence only */
  scope before_cmp = cur;
  size_t cmp_sent = JB_NONE;
  for (size_t i = s->first_fact; i < f->n; i++) {
    jb_fact *x = &f->items[i];
    size_t np = jb_doc_sentence_at(s->d, x->nstart);
    size_t pp = np == JB_NONE ? JB_NONE : jb_doc_sentence_paragraph(s->d, np);
    while (ti < s->n_tx && s->tx[ti].pos <= x->nstart) {
      const jb_texpr *e = &s->tx[ti++];
      size_t es = jb_doc_sentence_at(s->d, e->pos);
      size_t ep = es == JB_NONE ? JB_NONE : jb_doc_sentence_paragraph(s->d, es);
      if (ep != para) cur.type = -1, para = ep, prev_year = NULL;
      if (e->type != TX_COMPARE) cmp_sent = JB_NONE;
      switch (e->type) {
      case TX_RESET: cur.type = -1; break;
      case TX_YEAR:
        if (prev_year && only_joiners(s, prev_year->end, e->pos) && e->y1 > cur.y1 &&
            (cur.type == TX_YEAR || cur.type == TX_RANGE))
          cur = (scope){TX_RANGE, cur.y1, e->y1, 0}; /* 2022年、2023年 */
        else cur = (scope){TX_YEAR, e->y1, e->y1, 0};
        prev_year = e;
        continue;
      case TX_RANGE: cur = (scope){TX_RANGE, e->y1, e->y2, 0}; break;
      case TX_SINCE: cur = (scope){TX_SINCE, e->y1, e->y1, 0}; break;
      case TX_MONTH_SINCE: cur = (scope){TX_MONTH_SINCE, e->y1, e->y1, e->month}; break;
      case TX_COMPARE:
        if (cur.type == TX_YEAR && cur.y1 > e->y1) {
          before_cmp = cur, cmp_sent = es;
          cur = (scope){TX_RANGE, e->y1, cur.y1, 0};
        }
        break;
      default: break;
      }
      prev_year = NULL;
    }
    if (pp != para) cur.type = -1, para = pp, prev_year = NULL, cmp_sent = JB_NONE;
    if (cmp_sent != JB_NONE && np != cmp_sent) cur = before_cmp, cmp_sent = JB_NONE;
    char buf[32];
    buf[0] = 0;
    if (x->kind == JB_KIND_YEAR) { /* a year is its own period */
      if (x->value_type == JB_VALUE_RANGE) snprintf(buf, sizeof buf, "%d-%d", (int)x->lo, (int)x->hi);
      else snprintf(buf, sizeof buf, "%d", (int)x->value);
    } else if (x->kind == JB_KIND_DATE) {
      if (x->date[0] != 'X') snprintf(buf, sizeof buf, "%.4s", x->date);
    } else if (!x->is_label) {
      scope_str(&cur, buf, sizeof buf);
    }
    x->period = buf[0] ? jb_facts_strdup(f, buf) : NULL;
  }
}

/* ---- 分别 series ---------------------------------------------------------------------- */

/* Years that a 分别 list distributes over: a range or a list of years before pos in
 * the same paragraph whose size matches. Returns the first year or 0. */
static int series_years(const jb_scan *s, size_t pos, size_t count, size_t para_start) {
  for (size_t i = s->n_tx; i-- > 0;) {
    const jb_texpr *e = &s->tx[i];
    if (e->pos >= pos) continue;
    if (e->pos < para_start) break;
    if (e->type == TX_RANGE && (size_t)(e->y2 - e->y1 + 1) == count) return e->y1;
    if (e->type == TX_YEAR && e->y1 > 0) { /* 2022年、2023年分别… */
      size_t run = 1;
      size_t j = i;
      while (j > 0 && s->tx[j - 1].type == TX_YEAR &&
             only_joiners(s, s->tx[j - 1].end, s->tx[j].pos) && s->tx[j - 1].y1 + 1 == s->tx[j].y1)
        j--, run++;
      if (run == count) return s->tx[j].y1;
      return 0;
    }
  }
  return 0;
}

/* Places that a 分别 list distributes over: a list of places (城关区、达孜区和林周县)
 * before pos in its sentence part whose size matches. Returns the index of the
 * first mention or -1. */
static long series_places(const jb_scan *s, const mention *m, size_t nm, size_t pos,
                          size_t count) {
  size_t seg = pos;
  while (seg > 0 && !segment_sep(s->t[seg - 1])) seg--;
  size_t lo = 0, hi = nm; /* the last mention before pos: binary search, not a scan */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (m[mid].pos < pos) lo = mid + 1;
    else hi = mid;
  }
  if (lo == 0) return -1;
  size_t b = lo - 1;
  if (m[b].pos < seg) return -1;
  size_t a = b;
  while (a > 0 && m[a - 1].pos >= seg && place_joiners(s, m[a - 1].end, m[a].pos)) a--;
  return b - a + 1 == count ? (long)a : -1;
}

static void series(jb_scan *s, const mention *mn, size_t nm, char **cache) {
  jb_facts_impl *f = s->f;
  size_t fi = s->first_fact;
  for (size_t i = 0; i + 1 < s->n; i++) {
    if (s->t[i] != 0x5206 || s->t[i + 1] != 0x522B) continue; /* 分别 */
    while (fi < f->n && f->items[fi].nstart < i + 2) fi++;
    if (fi >= f->n) break;
    /* the first member follows in the same clause */
    size_t k = i + 2, first = fi;
    while (k < f->items[first].nstart && !clause_sep(s->t[k])) k++;
    if (k < f->items[first].nstart || f->items[first].is_label) continue;
    /* members: the same kind and unit as the first (分别为186人、243人、317人，3年累计…) */
    size_t last = first;
    while (last + 1 < f->n && !f->items[last + 1].is_label &&
           f->items[last + 1].kind == f->items[first].kind &&
           !strcmp(f->items[last + 1].unit, f->items[first].unit) &&
           only_joiners(s, f->items[last].nend, f->items[last + 1].nstart))
      last++;
    size_t count = last - first + 1;
    if (count < 2) continue;
    long id = f->next_series++;
    size_t si = jb_doc_sentence_at(s->d, i);
    size_t para_start = si == JB_NONE ? 0 : jb_doc_paragraph(s->d, jb_doc_sentence_paragraph(s->d, si)).start;
    int y0 = series_years(s, i, count, para_start);
    long p0 = series_places(s, mn, nm, i, count);
    jb_fact *head = &f->items[first];
    for (size_t m = first; m <= last; m++) {
      jb_fact *x = &f->items[m];
      x->series = id;
      if (m > first && x->qualifier == JB_Q_EXACT) x->qualifier = head->qualifier;
      if (m > first && head->measure) {
        x->measure = head->measure;
      }
      if (p0 >= 0) x->place = place_name(s, cache, mn[(size_t)p0 + (m - first)].place);
      if (y0) {
        char buf[16];
        snprintf(buf, sizeof buf, "%d", y0 + (int)(m - first));
        x->period = jb_facts_strdup(f, buf);
      }
    }
  }
}

/* ---- driver ---------------------------------------------------------------------------- */

void jb_attribute(jb_scan *s) {
  jb_facts_impl *f = s->f;
  jb_ctx *ctx = f->ctx;
  size_t nm;
  mention *m = find_mentions(s, &nm);
  long home;
  char *actor;
  if (s->wide) { /* a piece: the values of the whole document */
    s->region = s->wide->region, home = s->wide->home;
    actor = s->wide->actor ? jb_strdup(ctx, s->wide->actor) : NULL;
  } else {
    doc_wide(s, m, nm, &home, &actor);
  }
  char *subject = actor ? jb_facts_strdup(f, actor) : NULL; /* shared by the facts */
  char **place_str = jb_calloc(ctx, s->g->n + 1, sizeof *place_str);
  /* clause and segment cursors move forward with the facts */
  size_t cs = 0, ss = 0, scan_c = 0, mi = 0, prev_end = 0;
  for (size_t i = s->first_fact; i < f->n; i++) {
    jb_fact *x = &f->items[i];
    for (; scan_c < x->nstart; scan_c++) {
      if (clause_sep(s->t[scan_c])) cs = scan_c + 1;
      if (segment_sep(s->t[scan_c])) ss = scan_c + 1;
    }
    size_t ce = x->nend;
    while (ce < s->n && ce < x->nend + 64 && !clause_sep(s->t[ce])) ce++;
    while (mi < nm && m[mi].pos < x->nstart) mi++;
    if (!x->is_label) {
      long pl = place_for(s, m, nm, mi, cs, ce, ss, x);
      if (pl < 0) pl = home;
      if (pl >= 0) x->place = place_name(s, place_str, pl);
      x->subject = subject;
    }
    x->measure = measure_for(s, cs, ce, prev_end > cs ? prev_end : cs, x);
    prev_end = x->nend;
  }
  add_resets(s);
  resolve_relative(s);
  if (s->n_tx) qsort(s->tx, s->n_tx, sizeof *s->tx, by_pos);
  assign_periods(s);
  series(s, m, nm, place_str);
  jb_free(ctx, actor);
  jb_free(ctx, place_str);
  jb_free(ctx, m);
}

/* ---- consistency checks ------------------------------------------------------------ */

static int compatible(const jb_fact *a, const jb_fact *b) {
  if (a->is_label || b->is_label || a->kind != b->kind) return 0;
  if (a->value_type != JB_VALUE_NUMBER || b->value_type != JB_VALUE_NUMBER) return 0;
  size_t la = strlen(a->unit), lb = strlen(b->unit);
  if (!la || !lb) return la == lb;
  return la >= lb ? !strcmp(a->unit + la - lb, b->unit) : !strcmp(b->unit + lb - la, a->unit);
}

static void add_check(jb_scan *s, size_t total, const size_t *parts, size_t np) {
  jb_facts_impl *f = s->f;
  f->checks = jb_grow(f->ctx, f->checks, &f->cap_checks, f->n_checks + 1, sizeof *f->checks);
  jb_check *c = &f->checks[f->n_checks++];
  c->doc = s->doc;
  c->total = total;
  c->parts = jb_malloc(f->ctx, np * sizeof *c->parts);
  memcpy(c->parts, parts, np * sizeof *parts);
  c->n_parts = np;
  c->total_value = f->items[total].value;
  c->sum = 0;
  for (size_t k = 0; k < np; k++) c->sum += f->items[parts[k]].value;
  c->holds = fabs(c->sum - c->total_value) <= 1e-9 * fmax(1, fabs(c->total_value));
}

void jb_find_checks(jb_scan *s) {
  jb_facts_impl *f = s->f;
  size_t parts[64];
  for (size_t i = s->first_fact; i < f->n; i++) {
    const jb_fact *tot = &f->items[i];
    if (tot->is_label || tot->value_type != JB_VALUE_NUMBER) continue;
    size_t e = tot->nend;
    size_t np = 0;
    if (ch(s, e) == 0xFF08 || ch(s, e) == '(') { /* 6次（省部级2次，地厅级4次） */
      size_t close = e + 1;
      int depth = 1;
      while (close < s->n && s->t[close] != '\n' && depth > 0) {
        if (s->t[close] == 0xFF08 || s->t[close] == '(') depth++;
        if (s->t[close] == 0xFF09 || s->t[close] == ')') depth--;
        close++;
      }
      for (size_t j = i + 1; j < f->n && f->items[j].nstart < close && np < 64; j++)
        if (compatible(tot, &f->items[j])) parts[np++] = j;
      if (np >= 2) add_check(s, i, parts, np);
      continue;
    }
    /* 69次，其中…6次…63人次 */
    size_t k = e;
    while (k < s->n && k < e + 2 && jb__cp_in(s->t[k], "，,：:")) k++;
    if (!jb_match_ascii_cn(s->t, s->n, k, "其中")) continue;
    uint8_t level = s->flags[tot->nstart] & F_PAREN;
    for (size_t j = i + 1; j < f->n && np < 64; j++) {
      const jb_fact *p = &f->items[j];
      int stop = 0;
      for (size_t q = f->items[j - 1].nend; q < p->nstart; q++)
        if (segment_sep(s->t[q])) stop = 1;
      if (stop) break;
      if ((s->flags[p->nstart] & F_PAREN) != level) continue;
      if (compatible(tot, p)) parts[np++] = j;
    }
    if (np >= 2) add_check(s, i, parts, np);
  }
}
