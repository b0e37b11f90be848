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

/* A time label; a point cut off before its year ends says so (2024年1—7月), so a
 * part year is never read as a fall. */
static cJSON *time_label(const jb_fact *f) {
  const char *l = member_label(f);
  char buf[48];
  int y = atoi(l), ay = f->as_of ? atoi(f->as_of) : 0, am = f->as_of && f->as_of[4] == '-' ? atoi(f->as_of + 5) : 0;
  if (y && y == ay && am >= 1 && am < 12 && strlen(l) == 4) {
    if (am == 1) snprintf(buf, sizeof buf, "%d年1月", y);
    else snprintf(buf, sizeof buf, "%d年1—%d月", y, am);
    return cJSON_CreateString(buf);
  }
  return cJSON_CreateString(l);
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
    cJSON_AddItemToArray(row, i < 16 && whole_row[i] ? time_label(f) : cJSON_CreateString(member_label(f)));
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
  char cap[96]; /* the measure without its verb: 增加值同比增长 -> 增加值同比增减 */
  snprintf(cap, sizeof cap, "%s", series_name(in, s));
  static const char *const verbs[] = {"增长", "增加", "提高", "上升", "下降", "减少", "降低", NULL};
  for (size_t k = 0; verbs[k]; k++) {
    size_t n = strlen(cap), w = strlen(verbs[k]);
    if (n > w && !strcmp(cap + n - w, verbs[k])) snprintf(cap + n - w, sizeof cap - (n - w), "增减");
  }
  cJSON *b = jb_dg_block(blocks, "table");
  cJSON_AddStringToObject(b, "caption", cap);
  cJSON *hrow = cJSON_CreateArray();
  cJSON_AddItemToArray(hrow, cJSON_CreateString(time ? "年度" : "项目"));
  cJSON_AddItemToArray(hrow, cJSON_CreateString("增减"));
  cJSON_AddItemToArray(hrow, cJSON_CreateString("幅度"));
  cJSON_AddItemToArray(cJSON_AddArrayToObject(b, "header"), hrow);
  cJSON *rows = cJSON_AddArrayToObject(b, "rows");
  for (size_t i = 0; i < s->n; i++) {
    const jb_fact *f = jb_dg_fact(in, s->members[i]);
    cJSON *row = cJSON_CreateArray();
    cJSON_AddItemToArray(row, time ? time_label(f) : cJSON_CreateString(member_label(f)));
    const char *w = f->direction < 0 ? "下降" : f->direction > 0 && strstr(f->unit, "百分点") ? "提高" : "增长";
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
    if (!jb_dg_tile_label(jb_dg_fact(in, ss[i].members[0]), label, sizeof label)) continue;
    if (add_signed_table(in, &ss[i], blocks)) continue;
    cJSON *b = jb_dg_block(blocks, "chart");
    cJSON_AddStringToObject(b, "kind", "bar");
    cJSON_AddStringToObject(b, "caption", series_name(in, &ss[i]));
    cJSON_AddNumberToObject(b, "height_mm", 12 + 9 * (double)ss[i].n);
    cJSON *cats = cJSON_AddArrayToObject(b, "categories");
    cJSON *series = cJSON_AddArrayToObject(b, "series");
    cJSON *one = cJSON_CreateObject();
    cJSON_AddStringToObject(one, "name", series_name(in, &ss[i]));
    cJSON *vals = cJSON_AddArrayToObject(one, "values");
    for (size_t m = 0; m < ss[i].n; m++) {
      cJSON_AddItemToArray(cats, cJSON_CreateString(member_label(jb_dg_fact(in, ss[i].members[m]))));
      cJSON_AddItemToArray(vals, jb_dg_fact_ref(ss[i].members[m]));
    }
    cJSON_AddItemToArray(series, one);
  }
}
