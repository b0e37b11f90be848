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
      m[n++] = (mention){i, end, le->payload / 4, e, dest_prev, origin, 0};
    }
    i = end;
  }
  *count = n;
  return m;
}

/* The aided province: the receiving region (one whose counties the gazetteer
 * lists: 西藏, 新疆, 青海 …) whose prefectures and counties the report names most (a
 * county or prefecture counts twice, the province itself once); a list of aiding
 * cities (深圳、珠海…) never makes their province the region. */
static long doc_region(const jb_scan *s, const mention *m, size_t n) {
  size_t np = s->g->n;
  size_t *score = jb_calloc(s->f->ctx, np + 1, sizeof *score);
  for (size_t i = 0; i < n; i++) {
    const jb_place *pl = &s->g->places[m[i].place];
    if (pl->province >= 0 && !m[i].origin && !m[i].venue)
      score[pl->province] += pl->level == PL_PROVINCE ? 1 : 2;
  }
  long best = -1, best_aided = -1;
  for (size_t p = 0; p < np; p++) {
    if (!score[p]) continue;
    if (best < 0 || score[p] > score[best]) best = (long)p;
    if (s->g->places[p].aided && (best_aided < 0 || score[p] > score[best_aided])) best_aided = (long)p;
  }
  jb_free(s->f->ctx, score);
  return best_aided >= 0 ? best_aided : best;
}

static int in_region(const jb_scan *s, long place) {
  return s->region >= 0 && s->g->places[place].province == s->region;
}

/* An origin outside the region (上海专家, 引进江苏企业) says nothing of where. */
static int usable_near(const jb_scan *s, const mention *a) {
  return !a->venue && (!a->origin || in_region(s, a->place));
}

static int usable(const jb_scan *s, const mention *a) { return usable_near(s, a); }

/* The report's main place: the prefecture named most (counties count for theirs;
 * the region's prefectures weigh double), or the region itself when the report
 * names it more often than that prefecture (a province-wide report). */
static long main_place(const jb_scan *s, const mention *m, size_t n) {
  size_t np = s->g->n;
  size_t *score = jb_calloc(s->f->ctx, 2 * (np + 1), sizeof *score), *direct = score + np + 1;
  int any_region = 0;
  for (size_t i = 0; i < n && !any_region; i++)
    any_region = in_region(s, m[i].place) && !m[i].venue;
  for (size_t i = 0; i < n; i++) {
    long p = m[i].place;
    if (!usable(s, &m[i]) || m[i].venue) continue;
    if (any_region && s->g->places[s->region].aided && !in_region(s, p)) continue;
    direct[p]++;
    const jb_place *pl = &s->g->places[p];
    if (pl->level == PL_COUNTY && pl->parent >= 0) p = pl->parent;
    if (in_region(s, p) && s->g->places[p].level == PL_PREFECTURE) score[p] += 2;
    else score[p] += 1;
  }
  long best = -1;
  for (size_t p = 0; p < np; p++)
    if (score[p] && (best < 0 || score[p] > score[best])) best = (long)p;
  if (best >= 0 && s->region >= 0 && best != s->region && direct[s->region] > direct[best])
    best = s->region;
  jb_free(s->f->ctx, score);
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

/* The main actor: "<province>第N批援藏工作队" as most often named ("我省" resolves
 * to the province the report names most). */
static char *main_actor(jb_scan *s, const mention *m, size_t nm) {
  jb_ctx *ctx = s->f->ctx;
  long prov = -1;
  {
    size_t *score = jb_calloc(ctx, s->g->n + 1, sizeof *score);
    for (size_t i = 0; i < nm; i++) {
      const jb_place *p = &s->g->places[m[i].place];
      if (p->level == PL_PROVINCE && m[i].place != s->region) score[m[i].place]++;
    }
    for (size_t i = 0; i < s->g->n; i++)
      if (score[i] && (prov < 0 || score[i] > score[prov])) prov = (long)i;
    jb_free(ctx, score);
  }
  /* count candidate actor strings; keep the most frequent */
  char *best = NULL;
  size_t best_n = 0;
  char **cand = NULL;
  size_t *cnt = NULL, nc = 0, cap1 = 0, cap2 = 0;
  for (size_t i = 0; i + 4 < s->n; i++) {
    if (s->t[i] != 0x7B2C) continue;
    size_t k = i + 1;
    while (k < s->n && k < i + 4 && jb_is_cn_numeral(s->t[k])) k++;
    if (k == i + 1 || ch(s, k) != 0x6279 /* 批 */ || ch(s, k + 1) != 0x63F4 /* 援 */ ||
        !jb__cp_in(ch(s, k + 2), "藏疆青宁川"))
      continue;
    const char *who = NULL;
    long lex = -1;
    for (size_t back = 2; back <= 8 && back <= i; back++) {
      long e = jb_lex_match(&s->g->lex, s->t, i, i - back);
      if (e >= 0 && s->g->lex.e[e].n == back) {
        lex = s->g->lex.e[e].payload / 4;
        break;
      }
    }
    if (lex >= 0) who = s->g->places[lex].name;
    else if (i >= 2 && jb_match_ascii_cn(s->t, s->n, i - 2, "我省") && prov >= 0)
      who = s->g->places[prov].name;
    if (!who) continue;
    jb_buf b;
    jb_buf_init(&b, ctx);
    jb_buf_adds(&b, who);
    for (size_t q = i; q <= k + 2; q++) jb_buf_add_utf8(&b, s->t[q]);
    jb_buf_adds(&b, "工作队");
    char *str = jb_buf_steal(&b);
    size_t c;
    for (c = 0; c < nc && strcmp(cand[c], str); c++)
      ;
    if (c == nc) {
      cand = jb_grow(ctx, cand, &cap1, nc + 1, sizeof *cand);
      cnt = jb_grow(ctx, cnt, &cap2, nc + 1, sizeof *cnt);
      cand[nc] = str, cnt[nc] = 0, nc++;
    } else {
      jb_free(ctx, str);
    }
    if (++cnt[c] > best_n) best_n = cnt[c], best = cand[c];
    if (nc > 64) break; /* enough evidence; bounded work */
  }
  char *r = best ? jb_strdup(ctx, best) : NULL;
  for (size_t c = 0; c < nc; c++) jb_free(ctx, cand[c]);
  jb_free(ctx, cand);
  jb_free(ctx, cnt);
  return r;
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

/* ---- driver ---------------------------------------------------------------------------- */

void jb_attribute(jb_scan *s) {
  jb_facts_impl *f = s->f;
  jb_ctx *ctx = f->ctx;
  size_t nm;
  mention *m = find_mentions(s, &nm);
  jb_mark_roles(s, m, nm);
  s->region = doc_region(s, m, nm);
  s->aider = jb_doc_aider(s, m, nm);
  long home = main_place(s, m, nm);
  char *home_name = NULL; /* a place the gazetteer lacks, named by the report itself */
  char *cp = congress_place(s);
  if (cp) {
    uint32_t buf[16];
    size_t n = 0;
    for (const char *q = cp; *q && n < 16;) {
      uint32_t c;
      size_t k = jb_utf8_decode(q, strlen(q), &c);
      if (!k) break;
      buf[n++] = c, q += k;
    }
    long e = jb_lex_match(&s->g->lex, buf, n, 0);
    if (e >= 0 && s->g->lex.e[e].n == n) home = s->g->lex.e[e].payload / 4;
    else home = -1, home_name = cp;
  }
  jb_written wr;
  jb_written_init(&wr, s, m, nm);
  char *actor = main_actor(s, m, nm);
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
      if (pl >= 0) x->place = jb_place_name(s, place_str, pl);
      else if (home_name) x->place = home_name;
      x->place_src = jb_written_at(&wr, x->nstart, pl);
      x->subject = subject;
    }
    x->measure = measure_for(s, cs, ce, prev_end > cs ? prev_end : cs, x);
    /* 第一产业增加值: an ordinal inside a noun belongs to the next fact's measure */
    int inner = x->is_label && x->kind == JB_KIND_ORDINAL && s->t[x->nstart] == 0x7B2C &&
                x->nend < s->n && jb_is_han(s->t[x->nend]);
    if (!inner) prev_end = x->nend;
  }
  jb_doc_anchors(s);
  jb_assign_periods(s);
  jb_assign_status(s);
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
