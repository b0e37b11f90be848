/* Attribution of the facts of one document: measure, subject, place, period,
 * 分别 series; and the total = sum-of-parts checks. Everything runs in a few
 * linear sweeps over the facts, which are in text order. */
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "extract/internal.h"

typedef jb_mention mention;


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
                                           "省级", "市级", "级财政", "财政", "各级",
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
    long e = jb_lex_match(&g->lex, s->t, s->n, i);
    long a = e < 0 ? jb_lex_match(&g->abbr, s->t, s->n, i) : -1;
    if (e < 0 && a < 0) { /* most characters: no place starts here */
      i++;
      continue;
    }
    int dest_prev = i > 0 && jb__cp_in(s->t[i - 1], "在赴到来去回往");
    const jb_lex_entry *le = e >= 0 ? &g->lex.e[e] : NULL;
    if (!le && dest_prev) le = &g->abbr.e[a]; /* 在粤, 赴藏 */
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
      m[n++] = (mention){i, end, le->payload / 4, e, dest_prev, origin, 0};
    }
    i = end;
  }
  *count = n;
  return m;
}

/* Per place, its mentions: all of them, and those not at a venue, as an origin or
 * not. The document-wide choices below depend on these counts only, so a
 * document read in pieces adds up the counts of its pieces and chooses as a
 * whole one would. */
typedef struct place_counts {
  size_t *all, *plain, *orig;
} place_counts;

static void counts_init(jb_ctx *ctx, place_counts *pc, size_t np) {
  pc->all = jb_calloc(ctx, 3 * (np + 1), sizeof *pc->all);
  pc->plain = pc->all + np + 1, pc->orig = pc->plain + np + 1;
}

static void count_mentions(const mention *m, size_t n, place_counts *pc) {
  for (size_t i = 0; i < n; i++) {
    pc->all[m[i].place]++;
    if (!m[i].venue) (m[i].origin ? pc->orig : pc->plain)[m[i].place]++;
  }
}

static int in_region_of(const jb_gazetteer *g, long region, long place) {
  return region >= 0 && g->places[place].province == region;
}

/* The aided province: the receiving region (one whose counties the gazetteer
 * lists: 西藏, 新疆, 青海 …) whose prefectures and counties the report names most (a
 * county or prefecture counts twice, the province itself once); a list of aiding
 * cities (深圳、珠海…) never makes their province the region. */
static long doc_region(jb_ctx *ctx, const jb_gazetteer *g, const place_counts *pc) {
  size_t np = g->n;
  size_t *score = jb_calloc(ctx, np + 1, sizeof *score);
  for (size_t p = 0; p < np; p++) {
    const jb_place *pl = &g->places[p];
    if (pl->province >= 0) score[pl->province] += pc->plain[p] * (pl->level == PL_PROVINCE ? 1 : 2);
  }
  long best = -1, best_aided = -1;
  for (size_t p = 0; p < np; p++) {
    if (!score[p]) continue;
    if (best < 0 || score[p] > score[best]) best = (long)p;
    if (g->places[p].aided && (best_aided < 0 || score[p] > score[best_aided])) best_aided = (long)p;
  }
  jb_free(ctx, score);
  return best_aided >= 0 ? best_aided : best;
}

static int in_region(const jb_scan *s, long place) { return in_region_of(s->g, s->region, place); }

/* An origin outside the region (上海专家, 引进江苏企业) says nothing of where, nor a
 * place a bracket includes in the actor before it (广东省（含深圳市）已累计投入援疆资金:
 * the money went to Xinjiang, not to 深圳). */
static int usable_near(const jb_scan *s, const mention *a) {
  if (a->venue || (a->origin && !in_region(s, a->place))) return 0;
  return !(a->pos >= 2 && s->t[a->pos - 1] == 0x542B /* 含 */ && jb__cp_in(s->t[a->pos - 2], "（("));
}

static int usable(const jb_scan *s, const mention *a) { return usable_near(s, a); }

/* The report's main place: the prefecture named most (counties count for theirs;
 * the region's prefectures weigh double), or the region itself when the report
 * names it more often than that prefecture (a province-wide report). */
static long main_place(jb_ctx *ctx, const jb_gazetteer *g, long region, const place_counts *pc) {
  size_t np = g->n;
  size_t *score = jb_calloc(ctx, 2 * (np + 1), sizeof *score), *direct = score + np + 1;
  int any_region = 0;
  for (size_t p = 0; p < np && !any_region; p++)
    any_region = in_region_of(g, region, (long)p) && pc->plain[p] + pc->orig[p] > 0;
  for (size_t i = 0; i < np; i++) {
    long p = (long)i;
    size_t k = pc->plain[i] + (in_region_of(g, region, p) ? pc->orig[i] : 0); /* the usable mentions */
    if (!k) continue;
    if (any_region && g->places[region].aided && !in_region_of(g, region, p)) continue;
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

int jb_place_joiners(const jb_scan *s, size_t a, size_t b) {
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
  while (a > 0 && jb_place_joiners(s, m[a - 1].end, m[a].pos)) a--;
  while (b + 1 < nm && jb_place_joiners(s, m[b].end, m[b + 1].pos)) b++;
  if (a == b) return m[c].place;
  for (long anc = m[a].place; anc >= 0; anc = s->g->places[anc].parent) {
    size_t k = a + 1;
    while (k <= b && is_ancestor(s->g, anc, m[k].place)) k++;
    if (k > b) return anc;
  }
  return m[c].place;
}

/* The facts' place strings live in the arena, one copy per place. */
char *jb_place_name(jb_scan *s, char **cache, long pl) {
  if (!cache[pl]) cache[pl] = jb_facts_strdup(s->f, s->g->places[pl].name);
  return cache[pl];
}

static long place_for(const jb_scan *s, const mention *m, size_t nm, size_t lo_idx,
                      size_t cs, size_t ce, size_t ss, const jb_fact *x, long home) {
  long best = -1, dest = -1;
  /* a year or a date is about the place the clause names before it, or the
   * report's place: not where something went */
  int when = x->kind == JB_KIND_YEAR || x->kind == JB_KIND_DATE;
  if (!when) {
    /* destination after the fact in its clause (赴广东就读) */
    for (size_t i = lo_idx; i < nm && m[i].pos < ce; i++)
      if (m[i].pos >= x->nend && m[i].dest) return list_place(s, m, nm, i);
    /* a place right after the classifier: 9个福建对口协作市 */
    if (lo_idx < nm && m[lo_idx].pos == x->nend && usable_near(s, &m[lo_idx])) return m[lo_idx].place;
  }
  for (size_t i = lo_idx; i-- > 0;) {
    if (m[i].end <= ss) break;
    if (m[i].pos >= x->nstart || m[i].pos < cs) continue;
    if (m[i].end == x->nstart && usable_near(s, &m[i])) return list_place(s, m, nm, i); /* 广东35家 */
    if (!usable(s, &m[i])) continue;
    if (m[i].dest && dest < 0 && !when) dest = (long)i; /* 在江苏设立展销窗口16个 */
    if (best < 0 || better(s, &m[i], &m[best])) best = (long)i;
  }
  if (dest >= 0) return list_place(s, m, nm, (size_t)dest);
  if (best >= 0) return list_place(s, m, nm, (size_t)best);
  for (size_t i = lo_idx; i-- > 0;) {
    if (m[i].end <= ss) break;
    if (m[i].pos >= cs || !usable(s, &m[i])) continue;
    /* 习近平总书记再次亲临青海考察，…地区生产总值增长7% in a county's report: the county's */
    if (s->own && home >= 0 && m[i].place != home && is_ancestor(s->g, m[i].place, home)) continue;
    /* 赴福建务工2.1万人，其中脱贫劳动力1.36万人: where they went */
    if (!when && m[i].dest && !in_region(s, m[i].place) && jb_match_ascii_cn(s->t, s->n, cs, "其中"))
      return list_place(s, m, nm, i);
    /* a year takes only a county or prefecture of the region named before it */
    int ok = when ? in_region(s, m[i].place) && s->g->places[m[i].place].level != PL_PROVINCE
                  : in_region(s, m[i].place) || m[i].dest;
    if (ok && (best < 0 || better(s, &m[i], &m[best]))) best = (long)i;
  }
  return best >= 0 ? list_place(s, m, nm, (size_t)best) : -1;
}

/* ---- the speaking place of a report ---------------------------------------------- */

/* 在尉犁县第十八届人民代表大会…上, 我代表海拉尔区人民政府: the place whose people's
 * congress hears the report, read from the text even when the gazetteer lacks it. */
static int place_suffix(uint32_t c) { return jb__cp_in(c, "省市州县区旗盟"); }

static char *congress_place(jb_scan *s) {
  size_t lim = s->n < 400 ? s->n : 400;
  for (size_t i = 2; i + 6 <= lim; i++) {
    size_t e = 0;
    if (jb_match_ascii_cn(s->t, s->n, i, "人民代表大会")) {
      e = i;
      while (e > 0 && (jb_is_cn_numeral(s->t[e - 1]) || jb__cp_in(s->t[e - 1], "第届"))) e--;
    } else if (jb_match_ascii_cn(s->t, s->n, i, "人民政府") && i >= 3 &&
               jb_match_ascii_cn(s->t, s->n, i - 2, "代表") == 0) {
      e = i;
    }
    if (!e || !place_suffix(s->t[e - 1])) continue;
    size_t a = e - 1;
    while (a > 0 && e - a < 8 && jb_is_han(s->t[a - 1]) && !jb__cp_in(s->t[a - 1], "在代表向的和、年月日"))
      a--;
    if (e - a >= 2) return jb_facts_cps(s->f, s->t, a, e);
  }
  return NULL;
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

/* The main actor, "<province>第N批援藏工作队" as most often named: candidate strings
 * in text order with their counts; the winner is the first to reach the highest
 * count. "我省" candidates wait as "\1<rest>" until the province is known (it is
 * counted over the whole document, which may be read in pieces). */
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

static void actor_scan(jb_ctx *ctx, const jb_gazetteer *g, const uint32_t *t, size_t n, actor_acc *a) {
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
    if (lex >= 0) who = g->places[lex].name;
    else if (i >= 2 && jb_match_ascii_cn(t, n, i - 2, "我省")) who = "\1";
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
    for (size_t o = 0; o < a->nc; o++)
      if (o != c && a->cnt[o] && a->cnt[c] && !strcmp(a->cand[o], name)) {
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

/* ---- measure ------------------------------------------------------------------------- */

static const char *const lead_words[] = {"分别", "共计", "合计", "总计", "先后", "已经",
                                         "全年", "每年", "其中", "共", "已", "均", "并", "还",
                                         "又", "为", "向", "对", "在", "使", NULL};
static const char *const tail_words[] = {"达到", "共计", "累计", "合计", "总计", "分别为", "分别",
                                         "达", "为", "共", "约", "有", "是", "了", "计", "的",
                                         "近", "超过", "突破", "逾", NULL};

static int trim_char(uint32_t c) {
  return jb_is_hspace(c) || jb__cp_in(c, "“”‘’「」、（）()《》—-·\"'") || c == 0x3001;
}

/* Characters of a leading word at a (lead_words), 0 when it starts a noun (对口市县区援助,
 * 对外贸易, 在建项目, 在校学生) or, for 来 / 以来, when no duration ends right before it
 * (16年来福建省级财政援助资金: the noun starts after 来). */
static size_t lead_at(const jb_scan *s, size_t a, size_t b) {
  static const char *const since[] = {"以来", "来", NULL};
  size_t m = jb_match_any(s->t, b, a, lead_words);
  uint32_t c = s->t[a], n = a + 1 < b ? s->t[a + 1] : 0;
  if (m == 1 && ((c == 0x5BF9 && jb__cp_in(n, "口外")) || (c == 0x5728 && jb__cp_in(n, "建校岗职读编线"))))
    return 0;
  if (!m && a > 0 && s->t[a - 1] == 0x5E74 /* 年 */) m = jb_match_any(s->t, b, a, since);
  return m;
}

static char *measure_for(jb_scan *s, size_t cs, size_t ce, size_t prev_end, const jb_fact *x) {
  size_t a = cs > prev_end ? cs : prev_end, b = x->nstart;
  if (b > a + 24) a = b - 24;
  if (a == prev_end && a > 0 && a < b && jb__cp_in(s->t[a - 1], "年月天周") && jb__cp_in(s->t[a], "内来间后"))
    a++; /* 两年内互访专家: the span's tail */
  for (int changed = 1; changed && a < b;) {
    changed = 0;
    while (a < b && trim_char(s->t[a])) a++, changed = 1;
    size_t m = lead_at(s, a, b);
    if (m && a + m < b) a += m, changed = 1;
  }
  for (int changed = 1; changed && b > a;) {
    changed = 0;
    while (b > a && trim_char(s->t[b - 1])) b--, changed = 1;
    size_t m = jb_match_any_before(s->t, b, tail_words);
    if (m && b - m > a) b -= m, changed = 1;
  }
  if (b >= a + 3 && jb__cp_in(s->t[b - 1], "〕]］】") && jb_is_digit(s->t[b - 2])) { /* 生产总值〔2〕: the note's call */
    size_t k = b - 2;
    while (k > a && jb_is_digit(s->t[k - 1])) k--;
    if (k > a && jb__cp_in(s->t[k - 1], "〔[［【")) b = k - 1;
  }
  if (b <= a + 1) { /* nothing before: what follows the number (14万农牧民群众) */
    a = x->nend;
    b = a;
    while (b < ce && b < a + 12 && !trim_char(s->t[b]) && !jb_is_digit(s->t[b])) b++;
  }
  if (b <= a) return NULL;
  return jb_facts_cps(s->f, s->t, a, b);
}

/* ---- document-wide values ------------------------------------------------------------ */

/* The report's own place (the congress that hears it) as the gazetteer knows it,
 * else -1 with *named set: the facts then take the name as the report writes it. */
static long congress_home(const jb_gazetteer *g, const char *cp, long home, int *named) {
  *named = 0;
  if (!cp) return home;
  uint32_t buf[16];
  size_t n = 0;
  for (const char *q = cp; *q && n < 16;) {
    uint32_t c;
    size_t k = jb_utf8_decode(q, strlen(q), &c);
    if (!k) break;
    buf[n++] = c, q += k;
  }
  long e = jb_lex_match(&g->lex, buf, n, 0);
  if (e >= 0 && g->lex.e[e].n == n) return g->lex.e[e].payload / 4;
  *named = 1;
  return -1;
}

/* Where the names of the title open, after its year (2021 年), when the title
 * names a statistics bulletin or a work report (with plans: 国民经济和社会发展…
 * too), with the title in *t; JB_NONE for other titles. */
static size_t title_opening(const jb_scan *s, int plans, jb_span *t) {
  size_t np = jb_doc_paragraph_count(s->d), ti = jb_doc_title(s->d);
  if (!np) return JB_NONE;
  *t = jb_doc_paragraph(s->d, ti != JB_NONE ? ti : 0);
  static const char *const kinds[] = {"统计公报", "政府工作报告", "国民经济和社会发展", NULL};
  int kind = 0;
  for (size_t i = t->start; i < t->end && i < t->start + 80 && !kind; i++)
    for (int k = 0; kinds[k] && (plans || k < 2) && !kind; k++) kind = jb_match_ascii_cn(s->t, s->n, i, kinds[k]) > 0;
  if (!kind) return JB_NONE;
  size_t i = t->start;
  while (i < t->end && (jb_is_digit(s->t[i]) || s->t[i] == ' ' || s->t[i] == 0x5E74)) i++;
  return i;
}

/* The place a statistics bulletin or a work report is about, when its title
 * opens with it (沙雅县2020年国民经济和社会发展统计公报, 2021年海南州…, 新疆生产建设
 * 兵团第二师铁门关市…: the most specific of the places that open it): the report
 * is that place's, however often it names its region (按照自治区党委…); -1 for
 * others (an aid report's title opens with the aiding side: 广东省…援藏工作队). */
static long title_place(const jb_scan *s) {
  jb_span t;
  size_t i = title_opening(s, 1, &t);
  long best = -1;
  while (i != JB_NONE && i < t.end && i < t.start + 24) {
    long e = jb_lex_match(&s->g->lex, s->t, t.end, i);
    size_t d = i + 2 < t.end && s->t[i + 2] == 0x5E08 ? 3 : i + 3 < t.end && s->t[i + 3] == 0x5E08 ? 4 : 0;
    if (e < 0 && best >= 0 && s->t[i] == 0x7B2C && d) { /* 第二师, 第十四师: a division before its city */
      i += d;
      continue;
    }
    if (e < 0) break;
    long p = s->g->lex.e[e].payload / 4;
    if (best < 0 || s->g->places[p].level > s->g->places[best].level) best = p;
    i += s->g->lex.e[e].n;
  }
  return best >= 0 && s->g->places[best].level == PL_PROVINCE ? -1 : best;
}

/* The name a bulletin's or work report's title opens with when the gazetteer lacks
 * it (2022年和政县国民经济和社会发展统计公报: 和政县), or NULL. */
static char *title_name(jb_scan *s) {
  jb_span t;
  size_t a = title_opening(s, 0, &t);
  if (a == JB_NONE) return NULL;
  for (size_t e = a + 2; e < t.end && e <= a + 6 && jb_is_han(s->t[e - 1]); e++)
    if (place_suffix(s->t[e - 1]) && s->t[e - 1] != 0x7701 /* 省: a province is no county */)
      return jb_facts_cps(s->f, s->t, a, e);
  return NULL;
}

/* Region, aiding side, main place and main actor: of the whole document, or
 * (a piece of a larger one) gathered over all its pieces before. */
static void doc_wide(jb_scan *s, const mention *m, size_t nm, long *home, char **home_name, char **actor) {
  jb_ctx *ctx = s->f->ctx;
  const jb_docwide *w = s->wide;
  if (w && !w->learn) {
    s->region = w->region, s->aider = w->aider, *home = w->home, s->own = w->own;
    *home_name = w->home_name ? jb_facts_strdup(s->f, w->home_name) : NULL;
    *actor = w->actor ? jb_strdup(ctx, w->actor) : NULL;
    return;
  }
  place_counts pc;
  counts_init(ctx, &pc, s->g->n);
  count_mentions(m, nm, &pc);
  s->region = doc_region(ctx, s->g, &pc);
  s->aider = jb_doc_aider(ctx, s->g, s->region, jb_aid_hits(s->t, s->n) >= 2, pc.plain, pc.orig);
  char *cp = congress_place(s);
  int named;
  long tp = title_place(s);
  if (!cp && tp < 0) cp = title_name(s); /* 2022年和政县…统计公报: a county the gazetteer lacks */
  *home = congress_home(s->g, cp, tp >= 0 ? tp : main_place(ctx, s->g, s->region, &pc), &named);
  *home_name = named ? cp : NULL;
  s->own = cp != NULL || tp >= 0;
  if (w) { /* the first piece: its congress and title */
    s->wide->congress = cp ? jb_strdup(w->ctx, cp) : NULL;
    s->wide->title_place = tp, s->wide->own = s->own;
  }
  actor_acc a = {0};
  actor_scan(ctx, s->g, s->t, s->n, &a);
  *actor = actor_best(ctx, s->g, &a, actor_province(s->g, s->region, pc.all));
  jb_free(ctx, pc.all);
}

struct jb_wide_acc {
  jb_ctx *ctx;
  const jb_gazetteer *g;
  place_counts pc;
  actor_acc actors;
  int aid_hits;
  jb_docwide first; /* learnt from the first piece: the anchors and the congress */
};

jb_wide_acc *jb_wide_new(jb_ctx *ctx, const jb_gazetteer *g) {
  jb_wide_acc *a = jb_calloc(ctx, 1, sizeof *a);
  a->ctx = ctx, a->g = g;
  counts_init(ctx, &a->pc, g->n);
  a->first.ctx = ctx, a->first.learn = 1, a->first.title_place = -1;
  return a;
}

void jb_wide_gather(jb_wide_acc *a, jb_ctx *quiet, const jb_doc *d, int first) {
  jb_facts_impl *f = jb_calloc(quiet, 1, sizeof *f); /* scratch facts, in a context that gives no warnings */
  f->ctx = quiet;
  if (first) { /* the anchors (title, dateline, first paragraphs) and the congress */
    f->n_docs = 1;
    f->doc_dates = jb_calloc(quiet, 2, sizeof *f->doc_dates);
    f->cited_as = jb_calloc(quiet, 2, sizeof *f->cited_as);
    jb_scan_doc(f, a->g, d, 0, &a->first);
  }
  jb_scan s = {0};
  s.f = f, s.g = a->g, s.d = d;
  s.t = jb_doc_text(d, &s.n);
  size_t nm;
  mention *m = find_mentions(&s, &nm);
  jb_mark_roles(&s, m, nm);
  count_mentions(m, nm, &a->pc);
  jb_free(quiet, m);
  actor_scan(a->ctx, a->g, s.t, s.n, &a->actors);
  if (a->aid_hits < 2) a->aid_hits += jb_aid_hits(s.t, s.n);
  jb_facts_free(f);
}

void jb_wide_finish(jb_wide_acc *a, jb_docwide *out) {
  jb_ctx *ctx = a->ctx;
  *out = a->first;
  out->learn = 0;
  out->region = doc_region(ctx, a->g, &a->pc);
  out->aider = jb_doc_aider(ctx, a->g, out->region, a->aid_hits >= 2, a->pc.plain, a->pc.orig);
  int named;
  long tp = a->first.title_place;
  out->home = congress_home(a->g, out->congress, tp >= 0 ? tp : main_place(ctx, a->g, out->region, &a->pc), &named);
  out->home_name = named ? jb_strdup(ctx, out->congress) : NULL;
  out->actor = actor_best(ctx, a->g, &a->actors, actor_province(a->g, out->region, a->pc.all));
  jb_free(ctx, a->pc.all);
  jb_free(ctx, a);
}

/* A piece's sections begin with the chain the pieces before left open (from its
 * start to its end until a heading closes them), so a heading inherits, and a
 * fact takes the scope of, the sections a whole read would give it. */
void jb_sections_carry_in(jb_scan *s) {
  jb_docwide *w = s->wide;
  if (!w || w->learn || !w->n_open) return;
  s->sec = jb_grow(s->f->ctx, s->sec, &s->cap_sec, s->n_sec + w->n_open, sizeof *s->sec);
  for (size_t k = 0; k < w->n_open; k++) {
    jb_section x = w->open[k];
    x.start = 0, x.end = s->n, x.parent = k ? (long)(s->n_sec - 1) : -1;
    s->sec[s->n_sec++] = x;
  }
}

void jb_sections_carry_out(jb_scan *s) {
  jb_docwide *w = s->wide;
  if (!w || w->learn) return;
  w->n_open = 0;
  for (size_t k = 0; k < s->n_sec; k++) {
    w->scoped_seen |= s->sec[k].type >= 0;
    if (s->sec[k].end != s->n) continue;
    w->open = jb_realloc(w->ctx, w->open, (w->n_open + 1) * sizeof *w->open);
    w->open[w->n_open++] = s->sec[k];
  }
}

void jb_docwide_fini(jb_docwide *w) {
  if (!w->ctx) return;
  jb_free(w->ctx, w->open);
  jb_free(w->ctx, w->actor);
  jb_free(w->ctx, w->home_name);
  jb_free(w->ctx, w->congress);
  jb_free(w->ctx, w->date);
  memset(w, 0, sizeof *w);
}

/* ---- driver ---------------------------------------------------------------------------- */

/* A change's direction from the verb right before its figure (同比下降68.3%, 提高了0.6个
 * 百分点): +1, -1, else 0. 提高到 / 下降为 state a level, not a change: no verb touches it. */
static int direction_of(const jb_scan *s, const jb_fact *x) {
  static const char *const up[] = {"增长", "增加", "提高", "上升", "上涨", NULL};
  static const char *const down[] = {"下降", "减少", "降低", "下滑", "回落", "下跌", NULL};
  if (x->is_label || x->value_type != JB_VALUE_NUMBER || x->kind == JB_KIND_YEAR || x->kind == JB_KIND_DATE)
    return 0;
  size_t p = x->nstart;
  if (p && s->t[p - 1] == 0x4E86 /* 了 */) p--;
  if (jb_match_any_before(s->t, p, up)) return 1;
  return jb_match_any_before(s->t, p, down) ? -1 : 0;
}

void jb_attribute(jb_scan *s) {
  jb_facts_impl *f = s->f;
  jb_ctx *ctx = f->ctx;
  size_t nm;
  mention *m = find_mentions(s, &nm);
  jb_mark_roles(s, m, nm);
  long home;
  char *home_name, *actor; /* home_name: a place the gazetteer lacks, named by the report itself */
  doc_wide(s, m, nm, &home, &home_name, &actor);
  jb_written wr;
  jb_written_init(&wr, s, m, nm);
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
      long pl = place_for(s, m, nm, mi, cs, ce, ss, x, home);
      if (pl < 0) pl = home;
      if (pl >= 0) x->place = jb_place_name(s, place_str, pl);
      else if (home_name) x->place = home_name;
      x->place_src = jb_written_at(&wr, x->nstart, pl);
      x->subject = subject;
    }
    x->measure = measure_for(s, cs, ce, prev_end > cs ? prev_end : cs, x);
    x->direction = direction_of(s, x);
    /* 第一产业增加值: an ordinal inside a noun belongs to the next fact's measure */
    int inner = x->is_label && x->kind == JB_KIND_ORDINAL && s->t[x->nstart] == 0x7B2C &&
                x->nend < s->n && jb_is_han(s->t[x->nend]);
    int call = x->is_label && x->nend < s->n && x->nstart >= 2 && jb__cp_in(s->t[x->nend], "〕]］】") &&
               jb__cp_in(s->t[x->nstart - 1], "〔[［【") && jb_is_han(s->t[x->nstart - 2]); /* 总值〔2〕 */
    if (!inner && !call) prev_end = x->nend;
  }
  jb_doc_anchors(s);
  jb_sections_carry_in(s);
  jb_assign_periods(s);
  jb_assign_status(s);
  jb_sections_carry_out(s);
  jb_series(s, m, nm, place_str);
  jb_series_more(s);
  jb_assign_origins(s, m, nm, place_str);
  jb_written_fini(&wr);
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
        if (jb__cp_in(s->t[close], "；;。")) break; /* 149875(头、只、匹,同比增加…; a bracket left open */
        close++;
      }
      if (depth > 0) continue;
      for (size_t j = i + 1; j < f->n && f->items[j].nstart < close && np < 64; j++)
        if (compatible(tot, &f->items[j]) && !f->items[j].direction) parts[np++] = j; /* a change is no part */
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
