/* Series in the briefing: a time series becomes a table over its periods and a
 * chart; a series over categories or places becomes labelled bars (分项数据), so
 * that no category is ever drawn as a year. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose/digest_imp.h"

/* ---- series -> tables and charts ------------------------------------------ */

/* A member's label: its own (2015, 城镇, 城关区), else its period. */
static const char *member_label(const jb_fact *f) { return f->series_label ? f->series_label : f->period; }

/* A member the report only estimates (预计) says so in its label, so a chart or
 * table never shows a forecast as a result. */
static cJSON *estimate_label(const jb_fact *f, const char *l) {
  char buf[96];
  if (f->status != JB_STATUS_ESTIMATE) return cJSON_CreateString(l);
  snprintf(buf, sizeof buf, "%s（预计）", l);
  return cJSON_CreateString(buf);
}

/* A time label; a point cut off before its year ends says so (2024年1—7月), so a
 * part year is never read as a fall. */
static cJSON *time_label(const jb_fact *f) {
  const char *l = member_label(f);
  char buf[64];
  int y = atoi(l), ay = f->as_of ? atoi(f->as_of) : 0, am = f->as_of && f->as_of[4] == '-' ? atoi(f->as_of + 5) : 0;
  if (y && y == ay && am >= 1 && am < 12 && strlen(l) == 4) {
    if (am == 1) snprintf(buf, sizeof buf, "%d年1月", y);
    else snprintf(buf, sizeof buf, "%d年1—%d月", y, am);
    return estimate_label(f, buf);
  }
  return estimate_label(f, l);
}

static int distinct_labels(const jb_digest_input *in, const series_info *s) {
  for (size_t i = 0; i < s->n; i++) {
    if (!member_label(jb_dg_fact(in, s->members[i]))) return 0;
    for (size_t j = i + 1; j < s->n; j++)
      if (!strcmp(member_label(jb_dg_fact(in, s->members[i])), member_label(jb_dg_fact(in, s->members[j]))))
        return 0;
  }
  return 1;
}

static size_t collect(const jb_digest_input *in, size_t doc, const char *place, series_info *out,
                      size_t max, int time) {
  size_t n = jb_facts_count(in->facts), k = 0;
  for (size_t i = 0; i < n; i++) {
    const jb_fact *f = jb_dg_fact(in, i);
    /* only a time series is drawn over periods; a category is never a year */
    if (f->doc != doc || f->series < 0 || !jb_dg_is_quantity(f) || !member_label(f) ||
        (jb_facts_series(in->facts, (size_t)f->series)->dim == JB_DIM_TIME) != time ||
        f->status == JB_STATUS_TARGET)
      continue;
    if (place && (!f->place || strcmp(f->place, place))) continue;
    size_t s = 0;
    while (s < k && out[s].id != f->series) s++;
    if (s == k) {
      if (k == max) continue;
      out[k++] = (series_info){f->series, {0}, 0};
    }
    if (out[s].n < 16) out[s].members[out[s].n++] = i;
  }
  size_t w = 0; /* a chart needs two points at least, at distinct times or categories */
  for (size_t s = 0; s < k; s++)
    if (out[s].n >= 2 && distinct_labels(in, &out[s])) out[w++] = out[s];
  return w;
}

size_t jb_digest_collect_series(const jb_digest_input *in, size_t doc, const char *place, series_info *out,
                                size_t max) {
  return collect(in, doc, place, out, max, 1);
}

static int same_periods(const jb_digest_input *in, const series_info *a, const series_info *b) {
  if (a->n != b->n) return 0;
  for (size_t i = 0; i < a->n; i++)
    if (strcmp(member_label(jb_dg_fact(in, a->members[i])), member_label(jb_dg_fact(in, b->members[i])))) return 0;
  return 1;
}

static const char *series_name(const jb_digest_input *in, const series_info *s) {
  const jb_fact *f = jb_dg_fact(in, s->members[0]);
  return f->measure ? f->measure : f->text;
}

/* The month a member's year is cut off at (截至2024年7月 in 2024: 7), else 0. */
static int cut_month(const jb_fact *f) {
  const char *l = member_label(f);
  int ay = f->as_of ? atoi(f->as_of) : 0, am = f->as_of && f->as_of[4] == '-' ? atoi(f->as_of + 5) : 0;
  return l && ay == atoi(l) && am >= 1 && am < 12 ? am : 0;
}

/* Periods down, one column per series: each column has one unit, so the table
 * can state one scale per column (单位 in the header). A year cut off before its
 * end is marked where it is read: in the row's label when the whole row is (2024年1—7月),
 * else in the column's header (投资完成率（2024年为1—7月）). */
static void add_series_table(const jb_digest_input *in, const series_info *ss, const size_t *group, size_t ng,
                             cJSON *blocks) {
  cJSON *b = jb_dg_block(blocks, "table");
  const series_info *first = &ss[group[0]];
  cJSON_AddStringToObject(b, "caption", "分年度情况");
  cJSON *header = cJSON_AddArrayToObject(b, "header");
  cJSON *hrow = cJSON_CreateArray();
  cJSON_AddItemToArray(hrow, cJSON_CreateString("年度"));
  int whole_row[16] = {0};
  for (size_t i = 0; i < first->n && i < 16; i++) {
    whole_row[i] = 1;
    for (size_t g = 0; g < ng; g++) whole_row[i] &= cut_month(jb_dg_fact(in, ss[group[g]].members[i])) > 0;
  }
  jb_buf h;
  jb_buf_init(&h, jb_facts_ctx(in->facts));
  for (size_t g = 0; g < ng; g++) {
    h.len = 0;
    jb_buf_adds(&h, series_name(in, &ss[group[g]]));
    for (size_t i = 0; i < ss[group[g]].n && i < 16; i++) {
      const jb_fact *f = jb_dg_fact(in, ss[group[g]].members[i]);
      int m = cut_month(f);
      if (!m || whole_row[i]) continue;
      if (m == 1) jb_buf_printf(&h, "（%s年为1月）", member_label(f));
      else jb_buf_printf(&h, "（%s年为1—%d月）", member_label(f), m);
    }
    cJSON_AddItemToArray(hrow, cJSON_CreateString(h.data));
  }
  jb_buf_fini(&h);
  cJSON_AddItemToArray(header, hrow);
  cJSON *rows = cJSON_AddArrayToObject(b, "rows");
  for (size_t i = 0; i < first->n; i++) {
    cJSON *row = cJSON_CreateArray();
    const jb_fact *f = jb_dg_fact(in, first->members[i]);
    cJSON_AddItemToArray(row, i < 16 && whole_row[i] ? time_label(f) : estimate_label(f, member_label(f)));
    for (size_t g = 0; g < ng; g++) cJSON_AddItemToArray(row, jb_dg_fact_ref(ss[group[g]].members[i]));
    cJSON_AddItemToArray(rows, row);
  }
  jb_buf src; /* the document's short title, as tiles cite it */
  jb_buf_init(&src, jb_facts_ctx(in->facts));
  jb_dg_cite(in, in->titles, jb_dg_fact(in, first->members[0])->doc, 0, &src);
  cJSON_AddStringToObject(b, "source", src.data ? src.data : "");
  jb_buf_fini(&src);
}

static void add_series_chart(const jb_digest_input *in, const series_info *s, cJSON *blocks) {
  cJSON *b = jb_dg_block(blocks, "chart");
  const jb_fact *f0 = jb_dg_fact(in, s->members[0]);
  (void)f0; /* bars from 0: a line on a cut axis shows falls that are not there */
  cJSON_AddStringToObject(b, "kind", "column");
  cJSON_AddStringToObject(b, "caption", series_name(in, s));
  if (s->n <= 4) cJSON_AddNumberToObject(b, "height_mm", 55); /* a few bars need no full-height chart */
  cJSON *cats = cJSON_AddArrayToObject(b, "categories");
  cJSON *series = cJSON_AddArrayToObject(b, "series");
  cJSON *one = cJSON_CreateObject();
  cJSON_AddStringToObject(one, "name", series_name(in, s));
  cJSON *vals = cJSON_AddArrayToObject(one, "values");
  for (size_t i = 0; i < s->n; i++) {
    cJSON_AddItemToArray(cats, time_label(jb_dg_fact(in, s->members[i])));
    cJSON_AddItemToArray(vals, jb_dg_fact_ref(s->members[i]));
  }
  cJSON_AddItemToArray(series, one);
  /* no "source" here: the layout cites the series' sentence under the chart */
}

static int is_rate(const jb_digest_input *in, const series_info *s) {
  return jb_dg_fact(in, s->members[0])->kind == JB_KIND_PERCENT;
}

/* ---- changes both ways ------------------------------------------------------ */

/* A series of changes whose members move both ways (增长2.9%，下降68.3%): a fact holds
 * the size of a change and its direction apart, so bars would draw a fall as a rise.
 * Such a series is a table with 增长/下降 (提高/下降 for points) written beside each
 * figure; returns 0 for any other series. */
static int add_signed_table(const jb_digest_input *in, const series_info *s, cJSON *blocks) {
  int up = 0, down = 0;
  for (size_t i = 0; i < s->n; i++) {
    int d = jb_dg_fact(in, s->members[i])->direction;
    up |= d > 0, down |= d < 0;
  }
  if (!up || !down) return 0;
  const jb_fact *f0 = jb_dg_fact(in, s->members[0]);
  int time = jb_facts_series(in->facts, (size_t)f0->series)->dim == JB_DIM_TIME;
  char cap[96]; /* the measure without its verb: 增加值同比增长 -> 增加值同比增减; 类价格上涨 -> 各类价格涨跌 */
  const char *name = series_name(in, s);
  snprintf(cap, sizeof cap, "%s%s", !strncmp(name, "类", 3) ? "各" : "", name);
  static const char *const verbs[] = {"增长", "增加", "提高", "上升", "下降", "减少", "降低", "上涨", "下跌", NULL};
  for (size_t k = 0; verbs[k]; k++) {
    size_t n = strlen(cap), w = strlen(verbs[k]);
    int price = !strcmp(verbs[k], "上涨") || !strcmp(verbs[k], "下跌");
    if (n > w && !strcmp(cap + n - w, verbs[k])) snprintf(cap + n - w, sizeof cap - (n - w), price ? "涨跌" : "增减");
  }
  cJSON *b = jb_dg_block(blocks, "table");
  cJSON_AddStringToObject(b, "caption", cap); /* its 项目 column names the categories */
  cJSON *hrow = cJSON_CreateArray();
  cJSON_AddItemToArray(hrow, cJSON_CreateString(time ? "年度" : "项目"));
  cJSON_AddItemToArray(hrow, cJSON_CreateString("增减"));
  cJSON_AddItemToArray(hrow, cJSON_CreateString("幅度"));
  cJSON_AddItemToArray(cJSON_AddArrayToObject(b, "header"), hrow);
  cJSON *rows = cJSON_AddArrayToObject(b, "rows");
  for (size_t i = 0; i < s->n; i++) {
    const jb_fact *f = jb_dg_fact(in, s->members[i]);
    cJSON *row = cJSON_CreateArray();
    cJSON_AddItemToArray(row, time ? time_label(f) : estimate_label(f, member_label(f)));
    const char *w = f->direction < 0 ? "下降" : f->direction > 0 && strstr(f->unit, "百分点") ? "提高" : "增长";
    if (f->measure && strstr(f->measure, f->direction > 0 ? "上涨" : "下跌")) w = f->direction > 0 ? "上涨" : "下跌";
    cJSON_AddItemToArray(row, f->direction ? cJSON_CreateString(w) : cJSON_CreateNull());
    cJSON_AddItemToArray(row, jb_dg_fact_ref(s->members[i]));
    cJSON_AddItemToArray(rows, row);
  }
  jb_buf src; /* the document's short title, as tiles cite it */
  jb_buf_init(&src, jb_facts_ctx(in->facts));
  jb_dg_cite(in, in->titles, f0->doc, 0, &src);
  cJSON_AddStringToObject(b, "source", src.data ? src.data : "");
  jb_buf_fini(&src);
  return 1;
}

/* One table per set of series over the same periods; one chart per series. Rates
 * among amounts go to a chart beside the table (a table of 个 and 亿元, a chart of
 * 完成率), so neither repeats the other; several amounts read best as a table. */
void jb_digest_add_series(const jb_digest_input *in, size_t doc, const char *place, cJSON *blocks,
                          int charts) {
  series_info ss[32];
  size_t n = jb_digest_collect_series(in, doc, place, ss, 32);
  if (!n) return;
  jb_dg_heading(blocks, 2, "分年度数据");
  int used[32] = {0};
  for (size_t i = 0; i < n; i++) used[i] = add_signed_table(in, &ss[i], blocks);
  for (size_t i = 0; i < n; i++) {
    if (used[i]) continue;
    size_t group[32] = {0}, ng = 0, amounts[32], na = 0, rates[32], nr = 0;
    for (size_t j = i; j < n; j++)
      if (!used[j] && same_periods(in, &ss[i], &ss[j])) group[ng++] = j, used[j] = 1;
    for (size_t g = 0; g < ng; g++) {
      if (is_rate(in, &ss[group[g]])) rates[nr++] = group[g];
      else amounts[na++] = group[g];
    }
    if (charts && ng > 1 && na && nr) {
      add_series_table(in, ss, amounts, na, blocks);
      for (size_t r = 0; r < nr; r++) add_series_chart(in, &ss[rates[r]], blocks);
    } else if (ng > 1 || !charts) add_series_table(in, ss, group, ng, blocks);
    else add_series_chart(in, &ss[group[0]], blocks);
  }
}


/* ---- category charts: a title the members share, the whole list -------------- */

/* A category's label: its own, else (a member the list goes on with) its measure. */
static const char *cat_label(const jb_fact *f) { return f->series_label ? f->series_label : f->measure; }

/* Bytes of the longest common tail of a and b, in whole characters. */
static size_t common_tail(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b), n = 0;
  while (n < la && n < lb && a[la - 1 - n] == b[lb - 1 - n]) n++;
  while (n && ((unsigned char)a[la - n] & 0xC0) == 0x80) n--;
  return n;
}

enum { REST_WHOLE, REST_PREFIX, REST_SUFFIX };

/* The measure without the member's label: 发放 of 发放城乡低保金[城乡低保金] (a verb
 * phrase before the list), 人口 of 城镇人口[城镇], the measure itself when it holds no label. */
static int measure_rest(const jb_fact *f, char *out, size_t cap) {
  const char *m = f->measure ? f->measure : "", *l = cat_label(f), *p = l && *l ? strstr(m, l) : NULL;
  int kind = !p ? REST_WHOLE : p == m ? REST_SUFFIX : p[strlen(l)] ? REST_WHOLE : REST_PREFIX;
  if (kind == REST_PREFIX) snprintf(out, cap, "%.*s", (int)(p - m), m);
  else snprintf(out, cap, "%s", kind == REST_SUFFIX ? m + strlen(l) : m);
  return kind;
}

/* The head the labels share (岗位 of 公务员岗位/事业单位岗位), each keeping 2 characters
 * of its own before it (not 租房 of 廉租房/公租房); 0 bytes when none. */
static size_t shared_head(const jb_digest_input *in, const series_info *s) {
  const char *a = cat_label(jb_dg_fact(in, s->members[0]));
  size_t n = strlen(a);
  for (size_t i = 1; i < s->n; i++) {
    size_t t = common_tail(a, cat_label(jb_dg_fact(in, s->members[i])));
    if (t < n) n = t;
  }
  for (size_t i = 0; i < s->n && n; i++) {
    const char *l = cat_label(jb_dg_fact(in, s->members[i]));
    char own[96];
    snprintf(own, sizeof own, "%.*s", (int)(strlen(l) - n), l);
    if (jb_utf8_count(own) < 2) n = 0;
  }
  return jb_utf8_count(a + strlen(a) - n) >= 2 ? n : 0;
}

static void list_labels(const jb_digest_input *in, const series_info *s, jb_buf *out) {
  for (size_t i = 0; i < s->n; i++) jb_buf_printf(out, "%s%s", i ? "、" : "", cat_label(jb_dg_fact(in, s->members[i])));
}

/* Bytes of the longest common head of a and b, in whole characters. */
static size_t common_head(const char *a, const char *b) {
  size_t n = 0;
  while (a[n] && a[n] == b[n]) n++;
  while (n && ((unsigned char)a[n] & 0xC0) == 0x80) n--;
  return n;
}

/* A title that names no category (增加值 over 第一产业/第二产业/第三产业, 人口 over
 * 出生/死亡, 率) does not say what it counts: the categories go before it as the
 * reports write them (第一、二、三产业增加值, 出生、死亡人口, 出生率、死亡率), where
 * they are short; a title that already names them (城乡…) is kept, and so is a clause
 * (…分别建成…) or one ending as the last category does (有机产品, 认证产品). */
static void name_categories(const jb_digest_input *in, const series_info *s, jb_buf *title) {
  const char *l0 = cat_label(jb_dg_fact(in, s->members[0])), *t = title->data ? title->data : "";
  size_t head = strlen(l0), tail = strlen(l0), len = 0;
  if (s->n < 2 || s->n > 5) return;
  for (size_t i = 0; i < s->n; i++) {
    const char *l = cat_label(jb_dg_fact(in, s->members[i]));
    if (!l || !*l || strstr(t, l)) return;
    size_t h = common_head(l0, l), e = common_tail(l0, l);
    if (h < head) head = h;
    if (e < tail) tail = e;
    len += jb_utf8_count(l);
  }
  for (size_t i = 0; i < s->n; i++) /* each keeps a part of its own: 第一 of 第一产业 */
    if (head + tail >= strlen(cat_label(jb_dg_fact(in, s->members[i])))) head = tail = 0;
  char first[5] = {0}; /* 城乡居民收入 over 城镇/农村 names them already */
  uint32_t c;
  memcpy(first, l0, jb_utf8_decode(l0, strlen(l0), &c));
  if (len > 12 || jb_utf8_count(t) > 12 || strstr(t, first) || strstr(t, "分别") || jb_dg_has_verb(t)) return;
  const char *ln = cat_label(jb_dg_fact(in, s->members[s->n - 1]));
  if (jb_utf8_count(ln + strlen(ln) - common_tail(ln, t)) >= 2) return; /* 有机产品 + 认证产品 */
  jb_buf o;
  jb_buf_init(&o, jb_facts_ctx(in->facts));
  int each = jb_utf8_count(t) == 1 && !head && !tail; /* 出生率、死亡率, not 出生、死亡率 */
  for (size_t i = 0; i < s->n; i++) {
    const char *l = cat_label(jb_dg_fact(in, s->members[i]));
    size_t from = i ? head : 0, n = strlen(l) - from - (i + 1 < s->n ? tail : 0);
    jb_buf_printf(&o, "%s%.*s%s", i ? "、" : "", (int)n, l + from, each ? t : "");
  }
  size_t skip = tail && !strncmp(t, l0 + strlen(l0) - tail, tail) ? tail : 0; /* 产业 + 产业增加值所占比重 */
  if (!each) jb_buf_adds(&o, t + skip);
  title->len = 0;
  jb_buf_adds(title, o.data);
  jb_buf_fini(&o);
}

/* A category chart's title: what its members share, never one member's label. The
 * shared measure (增加值), or its shared rest (产量 of 肉类总产量/奶类产量), or the verb
 * before the list with the labels' head (提供岗位), else with the kind's noun (发放资金)
 * or the labels listed when short (建成廉租房、公租房). */
static void category_title(const jb_digest_input *in, const series_info *s, jb_buf *out) {
  char r0[128] = "", r[128];
  int k0 = -1, same = 1;
  for (size_t i = 0; i < s->n; i++) {
    int k = measure_rest(jb_dg_fact(in, s->members[i]), r, sizeof r);
    if (!*r) continue; /* the measure is the label: 贫困大学生救助金 */
    if (k0 < 0) k0 = k, memcpy(r0, r, sizeof r0);
    else if (k != k0 || strcmp(r, r0)) same = 0;
  }
  const jb_fact *f0 = jb_dg_fact(in, s->members[0]);
  if (same && k0 >= 0 && k0 != REST_PREFIX) {
    jb_buf_adds(out, r0);
    return;
  }
  if (same && k0 == REST_PREFIX) {
    size_t h = shared_head(in, s);
    const char *l0 = cat_label(f0);
    jb_buf_adds(out, jb_dg_last_verb(r0));
    if (h) return jb_buf_adds(out, l0 + strlen(l0) - h);
    if (f0->kind == JB_KIND_MONEY) return jb_buf_adds(out, "资金");
  }
  size_t len = 0, tail = strlen(f0->measure ? f0->measure : "");
  for (size_t i = 0; i < s->n; i++) {
    const jb_fact *f = jb_dg_fact(in, s->members[i]);
    len += jb_utf8_count(cat_label(f)) + 1;
    size_t t = common_tail(f0->measure ? f0->measure : "", f->measure ? f->measure : "");
    if (t < tail) tail = t;
  }
  if (!(same && k0 == REST_PREFIX) && tail && jb_utf8_count(f0->measure + strlen(f0->measure) - tail) >= 2)
    return jb_buf_adds(out, f0->measure + strlen(f0->measure) - tail); /* 完成投资 */
  int verb = same && k0 == REST_PREFIX;
  if (len <= 17) return list_labels(in, s, out); /* short enough to read as a title */
  const char *name = series_name(in, s);
  if (!verb && strcmp(name, cat_label(f0))) return jb_buf_adds(out, name);
  if (len <= 32) return list_labels(in, s, out); /* the measures are the labels */
  /* 发放 … 情况: the sentence's verb, no one member */
  jb_buf_adds(out, verb ? "情况" : f0->kind == JB_KIND_MONEY ? "资金构成" : "分项情况");
}

/* A measure's name, not a change (比上年增加) or a clause (…控制在): a tile label, or
 * up to 16 characters without a verb (城乡特困群体大病医疗救助金). */
static int names_measure(const jb_fact *f) {
  char label[96];
  static const char *const ends[] = {"在", "到", "达", "为", "增加", "减少", "下降", "增长", NULL};
  const char *m = f->measure;
  if (!strncmp(m, "比", 3)) return 0;
  if (jb_dg_tile_label(f, label, sizeof label) && !strcmp(label, m)) return 1;
  if (jb_utf8_count(m) > 16 || jb_dg_has_verb(m)) return 0;
  for (const char *const *e = ends; *e; e++)
    if (strlen(m) >= strlen(*e) && !strcmp(m + strlen(m) - strlen(*e), *e)) return 0;
  return 1;
}

/* A figure the sentence lists right after a category series' last member that the
 * series left out (…623万元，城乡特困群体大病医疗救助金476万元): same sentence, unit,
 * kind, period and status, in no series, with only a mark and its measure between. */
static void extend_list(const jb_digest_input *in, series_info *s) {
  size_t n = jb_facts_count(in->facts);
  for (int more = 1; more && s->n < 16;) {
    more = 0;
    const jb_fact *last = jb_dg_fact(in, s->members[s->n - 1]);
    for (size_t i = 0; i < n && !more; i++) {
      const jb_fact *f = jb_dg_fact(in, i);
      if (f->doc != last->doc || f->series >= 0 || f->sent_start != last->sent_start || !f->measure ||
          strcmp(f->unit, last->unit) || f->kind != last->kind || f->status != last->status || !jb_dg_is_quantity(f) ||
          !(f->period == last->period || (f->period && last->period && !strcmp(f->period, last->period))) ||
          f->start != last->end + 1 + jb_utf8_count(f->measure))
        continue;
      if (!names_measure(f)) continue;
      s->members[s->n++] = i, more = 1;
    }
  }
}

/* A bar named by one character (牧, 渔 of 牧业产值、渔业产值 cut at 业) names no
 * category: the list was split inside its words, so no chart is drawn of it. */
static int cut_labels(const jb_digest_input *in, const series_info *s) {
  for (size_t i = 0; i < s->n; i++) {
    const char *l = cat_label(jb_dg_fact(in, s->members[i]));
    /* 以上 of 60周岁及以上 7 10.0 (a table row in the text read as two categories) */
    if (jb_utf8_count(l) < 2 || !strncmp(l, "以上", 6) || !strncmp(l, "以下", 6) || strchr(l, ' ')) return 1;
  }
  return 0;
}

/* Bars a thousand times apart (23735元 beside 6.46亿元) are no parts of one thing:
 * two measures that share a word, never drawn on one axis. */
static int apart(const jb_digest_input *in, const series_info *s) {
  double lo = 0, hi = 0;
  for (size_t i = 0; i < s->n; i++) {
    double v = jb_dg_fact(in, s->members[i])->value;
    if (v <= 0) continue;
    if (lo == 0 || v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo > 0 && hi / lo > 1000;
}

/* Categories and places: labelled horizontal bars, one chart per series. */
void jb_digest_add_categories(const jb_digest_input *in, size_t doc, const char *place, cJSON *blocks) {
  series_info ss[16];
  size_t n = collect(in, doc, place, ss, 16, 0), named = 0;
  char label[96];
  for (size_t i = 0; i < n; i++) named += jb_dg_tile_label(jb_dg_fact(in, ss[i].members[0]), label, sizeof label);
  if (!named) return;
  jb_dg_heading(blocks, 2, "分项数据");
  for (size_t i = 0; i < n; i++) {
    /* a chart needs a caption that names what it shows */
    if (!jb_dg_tile_label(jb_dg_fact(in, ss[i].members[0]), label, sizeof label) || cut_labels(in, &ss[i]) ||
        apart(in, &ss[i]))
      continue;
    extend_list(in, &ss[i]);
    if (add_signed_table(in, &ss[i], blocks)) continue;
    jb_buf title;
    jb_buf_init(&title, jb_facts_ctx(in->facts));
    category_title(in, &ss[i], &title);
    name_categories(in, &ss[i], &title);
    cJSON *b = jb_dg_block(blocks, "chart");
    cJSON_AddStringToObject(b, "kind", "bar");
    cJSON_AddStringToObject(b, "caption", title.data);
    cJSON_AddNumberToObject(b, "height_mm", 12 + 9 * (double)ss[i].n);
    cJSON *cats = cJSON_AddArrayToObject(b, "categories");
    cJSON *series = cJSON_AddArrayToObject(b, "series");
    cJSON *one = cJSON_CreateObject();
    cJSON_AddStringToObject(one, "name", title.data);
    jb_buf_fini(&title);
    cJSON *vals = cJSON_AddArrayToObject(one, "values");
    for (size_t m = 0; m < ss[i].n; m++) {
      cJSON_AddItemToArray(cats, estimate_label(jb_dg_fact(in, ss[i].members[m]), cat_label(jb_dg_fact(in, ss[i].members[m]))));
      cJSON_AddItemToArray(vals, jb_dg_fact_ref(ss[i].members[m]));
    }
    cJSON_AddItemToArray(series, one);
  }
}
