/* Periods: the report's date (dateline, delivery line, signature, title), its
 * sections (回顾 / 安排, 过去五年 / 今后五年) and the time expressions of its
 * paragraphs give every fact the period it belongs to, and 截至… its cut-off.
 * A report with no date resolves no relative expression: it never guesses a year. */
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "extract/internal.h"

static uint32_t ch(const jb_scan *s, size_t i) { return i < s->n ? s->t[i] : 0; }
static int at(const jb_scan *s, size_t i, const char *w) {
  return jb_match_ascii_cn(s->t, s->n, i, w);
}

static int contains(const jb_scan *s, jb_span sp, const char *w) {
  for (size_t i = sp.start; i < sp.end; i++)
    if (at(s, i, w) && i + (size_t)at(s, i, w) <= sp.end) return 1;
  return 0;
}

static int contains_any(const jb_scan *s, jb_span sp, const char *const *ws) {
  for (size_t k = 0; ws[k]; k++)
    if (contains(s, sp, ws[k])) return 1;
  return 0;
}

/* ---- the report's date ------------------------------------------------------------- */

/* 2024-03-31, 2024/3/31, 2024.03.31 or 2024年3月31日 at i: 1 and the date, or 0. */
static int date_at(const jb_scan *s, size_t i, int *y, int *m, int *d) {
  size_t k = i;
  int v[3] = {0, 0, 0}, part = 0;
  uint32_t sep = 0;
  while (part < 3) {
    size_t st = k;
    int x = 0;
    while (k < s->n && jb_is_digit(s->t[k]) && k - st < 4) x = x * 10 + (int)(s->t[k++] - '0');
    if (k == st || (part == 0 && k - st != 4) || (part > 0 && k - st > 2)) return 0;
    v[part++] = x;
    if (part == 3) break;
    uint32_t c = ch(s, k);
    if (part == 1 && c == 0x5E74) sep = c;            /* 年 */
    else if (part == 2 && sep == 0x5E74 && c == 0x6708) ; /* 月 */
    else if (!sep && (c == '-' || c == '/' || c == '.')) sep = c;
    else if (sep != c) return 0;
    k++;
  }
  if (v[0] < 1900 || v[0] > 2100 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31) return 0;
  if (sep == 0x5E74 && !jb__cp_in(ch(s, k), "日号")) return 0;
  *y = v[0], *m = v[1], *d = v[2];
  return 1;
}

static int date_in(const jb_scan *s, jb_span sp, int *y, int *m, int *d) {
  for (size_t i = sp.start; i < sp.end; i++)
    if (jb_is_digit(s->t[i]) && (i == 0 || !jb_is_digit(s->t[i - 1])) && date_at(s, i, y, m, d))
      return 1;
  return 0;
}

/* A publication stamp (2024-03-31, 2024/3/31) in the span: 1 or 0. */
static int iso_date_in(const jb_scan *s, jb_span sp) {
  for (size_t i = sp.start; i + 8 < sp.end; i++) {
    if (i > sp.start && jb_is_digit(s->t[i - 1])) continue;
    int y = 0, k;
    for (k = 0; k < 4 && jb_is_digit(ch(s, i + k)); k++) y = y * 10 + (int)(s->t[i + k] - '0');
    if (k < 4 || y < 1900 || y > 2100 || !jb__cp_in(ch(s, i + 4), "-/.") || !jb_is_digit(ch(s, i + 5))) continue;
    size_t j = i + 6 + jb_is_digit(ch(s, i + 6)); /* 2024-03-31, 2024/3/31: a month, then the day (5072.95万元 is none) */
    if (ch(s, j) == ch(s, i + 4) && jb_is_digit(ch(s, j + 1))) return 1;
  }
  return 0;
}

/* The first year (19xx/20xx followed by 年) of a span, or 0. */
static int year_in(const jb_scan *s, jb_span sp) {
  for (size_t i = sp.start; i + 4 < sp.end + 1 && i + 4 <= s->n; i++) {
    if (i > 0 && jb_is_digit(s->t[i - 1])) continue;
    int y = 0, k;
    for (k = 0; k < 4 && jb_is_digit(ch(s, i + k)); k++) y = y * 10 + (int)(s->t[i + k] - '0');
    if (k == 4 && !jb_is_digit(ch(s, i + 4)) && ch(s, i + 4) == 0x5E74 && y >= 1900 && y <= 2100)
      return y;
  }
  return 0;
}

/* The latest year the report states as past or present (not 到2030年, not a label). */
static int latest_year(const jb_scan *s) {
  int best = 0;
  for (size_t i = s->first_fact; i < s->f->n; i++) {
    const jb_fact *x = &s->f->items[i];
    if (x->is_label || (x->kind != JB_KIND_YEAR && x->kind != JB_KIND_DATE)) continue;
    if (x->nstart > 0 && jb__cp_in(s->t[x->nstart - 1], "到至")) continue;
    int y = x->kind == JB_KIND_YEAR ? (int)(x->value_type == JB_VALUE_RANGE ? x->hi : x->value)
                                    : (x->date[0] != 'X' ? atoi(x->date) : 0);
    if (y > best && y <= 2100) best = y;
  }
  return best;
}

/* Where the date of a report stands: a publication line or dateline near the top
 * (2024-03-31 09:38 来源, ——2025年1月19日在…上), a signature at the end, else the
 * first dated sentence near the top; the title's year for a 政府工作报告 (delivered
 * early in that year) or a 统计公报 (of that year). */
/* A piece of a larger document: the anchors of its first piece. */
static void wide_anchors(jb_scan *s) {
  const jb_docwide *w = s->wide;
  s->ref_year = w->ref_year, s->ref_month = w->ref_month, s->ref_day = w->ref_day;
  s->report_year = w->report_year, s->doc_kind = w->doc_kind;
}

void jb_doc_anchors(jb_scan *s) {
  if (s->wide && !s->wide->learn) {
    wide_anchors(s);
    return;
  }
  const jb_doc *d = s->d;
  size_t np = jb_doc_paragraph_count(d), title = jb_doc_title(d);
  jb_span tsp = np ? jb_doc_paragraph(d, title != JB_NONE ? title : 0) : (jb_span){0, 0};
  if (tsp.end - tsp.start > 80) tsp.end = tsp.start + 80;
  if (contains(s, tsp, "政府工作报告")) s->doc_kind = DOC_WORK_REPORT;
  else if (contains(s, tsp, "统计公报") || contains(s, tsp, "发展统计")) s->doc_kind = DOC_BULLETIN;
  int ty = year_in(s, tsp);
  static const char *const annual[] = {"年度", "工作总结", "工作综述", "年终", "统计公报", NULL};
  if (ty && (s->doc_kind == DOC_BULLETIN || contains_any(s, tsp, annual))) s->report_year = ty;
  int y = 0, m = 0, dd = 0;
  for (size_t p = 0; p < np && p < 4 && !y; p++) {
    jb_span sp = jb_doc_paragraph(d, p);
    if (sp.start > 600) break;
    int line = sp.end - sp.start <= 60; /* a dateline or delivery line, not a sentence of events */
    if (sp.end > sp.start + 200) sp.end = sp.start + 200;
    if (!date_in(s, sp, &y, &m, &dd) || (!line && !iso_date_in(s, sp))) y = 0;
  }
  for (size_t p = np; !y && !s->wide && p-- > 0 && p + 3 >= np;) { /* a signature (not in a first piece) */
    jb_span sp = jb_doc_paragraph(d, p);
    if (sp.end - sp.start <= 30 && !date_in(s, sp, &y, &m, &dd)) y = 0;
  }
  /* --doc-date: the user's date when the text states none (a title's year is the text's own) */
  const char *given = jb_doc_given_date(d);
  int from_user = !y && given && !(ty && (s->doc_kind == DOC_WORK_REPORT || s->doc_kind == DOC_BULLETIN));
  if (from_user) y = atoi(given), m = given[4] ? atoi(given + 5) : 0, dd = given[7] ? atoi(given + 8) : 0;
  int inferred = 0;
  if (!y) { /* the first dated sentence near the top, unless the report speaks of later years */
    const jb_fact *items = s->f->items;
    size_t limit = s->n < 400 ? s->n : 400;
    for (size_t i = s->first_fact; i < s->f->n && items[i].nstart < limit; i++)
      if (items[i].kind == JB_KIND_DATE && items[i].date[0] != 'X') {
        y = atoi(items[i].date), m = atoi(items[i].date + 5);
        dd = items[i].date[7] == '-' ? atoi(items[i].date + 8) : 0;
        break;
      }
    int last = y ? latest_year(s) : 0; /* 2022年6月27日抵达 in a report on 2022—2024 */
    if (last > y) y = last, m = 0, dd = 0;
    inferred = y != 0;
  }
  int assumed = !y && ty && s->doc_kind == DOC_WORK_REPORT; /* heard early in its year: January for 今年 */
  if (assumed) y = ty, m = 1;
  int next_year = !y && ty && s->doc_kind == DOC_BULLETIN; /* published the year after: an assumption */
  if (next_year) y = ty + 1;
  if (!s->report_year && s->doc_kind == DOC_BULLETIN && y) s->report_year = y - 1;
  s->ref_year = y, s->ref_month = m, s->ref_day = dd;
  char buf[16] = "";
  if (y && m && dd) snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, dd);
  else if (y && m && !assumed) snprintf(buf, sizeof buf, "%04d-%02d", y, m); /* the date says no month */
  else if (y) snprintf(buf, sizeof buf, "%04d", y);
  if (s->doc < s->f->n_docs) s->f->doc_dates[s->doc] = buf[0] ? jb_facts_strdup(s->f, buf) : NULL;
  jb_date_source source = from_user              ? JB_DATE_GIVEN
                          : inferred && !assumed ? JB_DATE_INFERRED
                          : next_year            ? JB_DATE_ASSUMED
                                                 : JB_DATE_TEXT;
  if (s->doc < s->f->n_docs && s->f->date_given) s->f->date_given[s->doc] = (unsigned char)source;
  if (s->wide) { /* the first piece of a larger document: what its other pieces take */
    jb_docwide *w = s->wide;
    w->ref_year = y, w->ref_month = m, w->ref_day = dd, w->report_year = s->report_year, w->doc_kind = s->doc_kind;
    w->date_given = source;
    w->date = buf[0] ? jb_strdup(w->ctx, buf) : NULL;
  }
  if (!y && s->f->n > s->first_fact)
    jb_warn(s->f->ctx, (jb_loc){jb_doc_name(d), 0, 0, -1, NULL},
            "no date found in the report: 今年, 去年, 一年来 … are left without a period");
}

/* ---- relative time expressions -------------------------------------------------- */

static const char *const cutoff_words[] = {"截至", "截止", "至", NULL};

static void add_relative(jb_scan *s) {
  static const char *const resets[] = {"截至目前", "目前", "至今", "当前", "现阶段", "如今",
                                       "近年来", "近几年", "近些年", "多年来", NULL};
  for (size_t i = 0; i < s->n; i++) {
    uint32_t c = s->t[i];
    if (ch(s, i + 1) == 0x5E74 /* 年 */ && jb__cp_in(c, "今去明前全")) {
      int cut = jb_match_any_before(s->t, i, cutoff_words) > 0;
      int cmp = i > 0 && jb__cp_in(s->t[i - 1], "比较同上");
      if (c == 0x4ECA && !cut) jb_add_texpr(s, i, i + 2, TX_YEAR, REL_THIS_YEAR, 0, 0);
      else if (c == 0x53BB && !cmp && !at(s, i + 2, "同期") && !at(s, i + 2, "底"))
        jb_add_texpr(s, i, i + 2, TX_YEAR, REL_LAST_YEAR, 0, 0);
      else if (c == 0x660E && !cmp) jb_add_texpr(s, i, i + 2, TX_YEAR, REL_NEXT_YEAR, 0, 0);
      else if (c == 0x524D && !cmp && !(i > 0 && jb_is_han(s->t[i - 1]) && !jb__cp_in(s->t[i - 1], "，、。；在至到")))
        jb_add_texpr(s, i, i + 2, TX_YEAR, REL_YEAR_BEFORE, 0, 0);
      else if (c == 0x5168 && !cut) jb_add_texpr(s, i, i + 2, TX_FULL_YEAR, 0, 0, 0);
      if (c != 0x524D || !cmp) {
        i++;
        continue;
      }
    }
    if (c == 0x5E74 && jb__cp_in(ch(s, i + 1), "末底") && (i == 0 || !jb_is_digit(s->t[i - 1])) &&
        (i == 0 || !jb__cp_in(s->t[i - 1], "今去明前全")) && !jb_match_any_before(s->t, i, cutoff_words)) {
      jb_add_texpr(s, i, i + 2, TX_FULL_YEAR, 0, 0, 0); /* 年末全市常住人口 */
      i++;
      continue;
    }
    switch (c) { /* 截 目 至 当 现 如 近 多: the first characters of the resets */
    case 0x622A: case 0x76EE: case 0x81F3: case 0x5F53: case 0x73B0: case 0x5982: case 0x8FD1:
    case 0x591A: break;
    default: continue;
    }
    if (c == 0x76EE && i > 0 && jb__cp_in(s->t[i - 1], "项题节科数栏书条账盲")) continue; /* 项目前期 */
    size_t m = jb_match_any(s->t, s->n, i, resets);
    if (m == 2 && c == 0x81F3 && ch(s, i + 2) == 0x5E74) m = 0; /* 截至今年 */
    if (m) {
      jb_add_texpr(s, i, i + m, TX_RESET, 0, 0, 0);
      /* 目前已落实, 至今, 如今: as of the report's date (截至目前: add_cutoffs) */
      if (s->ref_year && c != 0x622A && c != 0x8FD1 && c != 0x591A && !(i > 0 && s->t[i - 1] == 0x81F3))
        jb_add_texpr(s, i, i + m, TX_CUTOFF, s->ref_year, s->ref_day, s->ref_month);
      i += m - 1;
    }
  }
}

static int resolve_year(const jb_scan *s, int rel, int n, int *y1, int *y2) {
  int r = s->ref_year, past = s->ref_month > 6 ? r : r - 1; /* the last closed year, about */
  if (!r) return 0;
  switch (rel) {
  case REL_THIS_YEAR: *y1 = *y2 = r; return 1;
  case REL_PAST_YEAR: *y1 = *y2 = past; return 1;
  case REL_LAST_YEAR: *y1 = *y2 = r - 1; return 1;
  case REL_NEXT_YEAR: *y1 = *y2 = r + 1; return 1;
  case REL_YEAR_BEFORE: *y1 = *y2 = r - 2; return 1;
  case REL_N_SINCE: *y1 = *y2 = r - n; return 1;
  case REL_PAST_N: *y1 = past - n + 1, *y2 = past; return 1;
  case REL_NEXT_N: *y1 = past + 1, *y2 = past + n; return 1;
  default: return 0;
  }
}

/* A range of explicit years n long that the report states before pos (1996年到2011年 …
 * 16年来). */
static int stated_range(const jb_scan *s, size_t pos, int n, int *y1, int *y2) {
  for (size_t k = 0; k < s->n_tx; k++) {
    const jb_texpr *e = &s->tx[k];
    if (e->type == TX_RANGE && e->pos < pos && jb_is_digit(ch(s, e->pos)) && jb_is_digit(ch(s, e->pos + 3)) && e->y1 > 0 && e->y2 - e->y1 + 1 == n && n > 1) {
      *y1 = e->y1, *y2 = e->y2;
      return 1;
    }
  }
  return 0;
}

static void resolve_relative(jb_scan *s) {
  for (size_t i = 0; i < s->n_tx; i++) {
    jb_texpr *e = &s->tx[i];
    if (e->type == TX_FULL_YEAR || e->type == TX_CUTOFF || e->y1 >= 0 || e->y1 == REL_SCOPE_N) continue;
    if (e->y1 == REL_N_SINCE && stated_range(s, e->pos, e->y2, &e->y1, &e->y2)) {
      e->type = TX_RANGE; /* 1996年到2011年 … 16年来: the range the report states */
      continue;
    }
    /* 一年来 in a report of December: this year, about closed */
    if (e->y1 == REL_N_SINCE && s->ref_month >= 10 && s->ref_year) {
      e->type = TX_RANGE, e->y1 = s->ref_year - e->y2 + 1, e->y2 = s->ref_year;
      continue;
    }
    /* 五年来 in a report delivered at the start of a year: the five closed years */
    if (e->y1 == REL_N_SINCE && s->ref_month && s->ref_month <= 3) e->type = TX_RANGE, e->y1 = REL_PAST_N;
    if (!resolve_year(s, e->y1, e->y2, &e->y1, &e->y2)) e->type = TX_RESET; /* never guessed */
  }
}

/* ---- cut-offs: 截至2024年7月底, 截至目前 ------------------------------------------ */

static const jb_fact *fact_at(const jb_scan *s, size_t pos, size_t *lo) {
  const jb_facts_impl *f = s->f;
  while (*lo < f->n && f->items[*lo].nstart < pos) (*lo)++;
  return *lo < f->n && f->items[*lo].nstart <= pos + 1 ? &f->items[*lo] : NULL;
}

static void cutoff_from_fact(jb_scan *s, size_t i, const jb_fact *x, int this_year) {
  int y = 0, mo = 0, day = 0;
  if (x->kind == JB_KIND_YEAR && x->value_type == JB_VALUE_NUMBER) y = (int)x->value;
  else if (x->kind == JB_KIND_DATE) {
    if (x->date[0] != 'X') y = atoi(x->date);
    mo = atoi(x->date + 5);
    day = x->date[7] == '-' ? atoi(x->date + 8) : 0;
    if (jb__cp_in(ch(s, x->nend - 1), "底末")) day = 0; /* 7月底: the month */
    if (x->nend >= 2 && ch(s, x->nend - 2) == 0x5E74 && jb__cp_in(ch(s, x->nend - 1), "底末"))
      mo = 12, day = 0;  /* 2023年底 */
    if (!y && this_year) y = s->ref_year;
    else if (!y && s->ref_year) y = mo <= s->ref_month || !s->ref_month ? s->ref_year : s->ref_year - 1;
  } else {
    return;
  }
  if (y) jb_add_texpr(s, i, x->nend, TX_CUTOFF, y, day, mo);
}

/* The year of a bare 截至年底 at i: the year the report reviews, else a year
 * stated earlier in the sentence (2014年，…共安排…，截至年底，…), else the
 * report's year, or the year before when the report was written before the
 * end of its year (a result is never as of a date still to come). from: where
 * the text after the last sentence end before i begins; *lo: as fact_at.
 * Only this document's facts (s->first_fact on), and no text scanned twice: a
 * sentence of thousands of 截至年底 is read once. */
static int year_end_of(const jb_scan *s, size_t i, size_t *lo, size_t from) {
  if (s->report_year) return s->report_year;
  while (*lo < s->f->n && s->f->items[*lo].nstart < i) (*lo)++; /* the first fact at or after i */
  for (size_t k = *lo; k-- > s->first_fact;) {
    const jb_fact *x = &s->f->items[k];
    if (x->nend > i) continue;
    if (x->nend < from) break; /* a sentence end between it and i */
    if (x->kind == JB_KIND_YEAR && x->value_type == JB_VALUE_NUMBER) return (int)x->value;
  }
  if (s->ref_month && s->ref_month < 12) return s->ref_year - 1;
  return s->ref_year;
}

static void add_cutoffs(jb_scan *s) {
  size_t lo = s->first_fact, from = 0, seen = 0; /* from: as year_end_of, for text [0, seen) */
  for (size_t i = 0; i + 2 < s->n; i++) {
    if (s->t[i] != 0x622A || !jb__cp_in(s->t[i + 1], "至止")) continue; /* 截至 截止 */
    size_t k = i + 2;
    if (jb__cp_in(ch(s, k), "到于")) k++;
    if (at(s, s->n > k ? k : 0, "目前") || at(s, k, "当前") || at(s, k, "现在") || at(s, k, "今天")) {
      if (s->ref_year) jb_add_texpr(s, i, k + 2, TX_CUTOFF, s->ref_year, s->ref_day, s->ref_month);
      continue;
    }
    int this_year = at(s, k, "今年") > 0;
    if (this_year) k += 2;
    if ((at(s, k, "年底") || at(s, k, "年末")) && (s->report_year || s->ref_year)) {
      for (; seen < i; seen++)
        if (jb__cp_in(s->t[seen], "。！？；\n")) from = seen + 1;
      int y = this_year ? s->ref_year : year_end_of(s, i, &lo, from);
      if (y) jb_add_texpr(s, i, k + 2, TX_CUTOFF, y, 0, 12);
      continue;
    }
    const jb_fact *x = fact_at(s, k, &lo);
    if (x) cutoff_from_fact(s, i, x, this_year);
  }
}

static void cutoff_str(const jb_texpr *e, char *out, size_t cap) {
  if (e->month && e->y2) snprintf(out, cap, "%04d-%02d-%02d", e->y1, e->month, e->y2);
  else if (e->month) snprintf(out, cap, "%04d-%02d", e->y1, e->month);
  else snprintf(out, cap, "%04d", e->y1);
}

/* ---- sections -------------------------------------------------------------------- */

/* 0 for a caption (图1, 表2, "1  2015-2022年…"): not a section. */
static int heading_level(const jb_scan *s, jb_span sp) {
  size_t i = sp.start;
  if (jb__cp_in(ch(s, i), "图表") && (jb_is_digit(ch(s, i + 1)) || jb_is_cn_numeral(ch(s, i + 1))))
    return 0;
  if (at(s, i, "附表")) return 0;
  if (ch(s, i) == 0xFF08 || ch(s, i) == '(') return 2;
  if (jb_is_digit(ch(s, i))) {
    while (jb_is_digit(ch(s, i))) i++;
    if (jb_is_hspace(ch(s, i))) return 0;
    return jb__cp_in(ch(s, i), ".．、") ? 3 : 1;
  }
  return 1;
}

static const char *const plan_words[] = {"目标", "安排", "任务", "计划", "打算", "展望", "今后",
                                         "未来", "思路", "重点工作", "工作重点", "部署",
                                         "下一步", "建议", NULL};
static const char *const review_words[] = {"回顾", "成就", "成绩", "过去", "总结", "成效", "进展",
                                           "完成情况", "工作情况", "主要工作", "以来", NULL};

/* The time scope and kind of each heading; a heading without its own scope takes
 * its parent's. */
void jb_sections(jb_scan *s) {
  const jb_doc *d = s->d;
  size_t np = jb_doc_paragraph_count(d), ti = 0;
  for (size_t p = 0; p < np; p++) {
    if (jb_doc_paragraph_kind(d, p) != JB_PARA_HEADING) continue;
    jb_span sp = jb_doc_paragraph(d, p);
    jb_section x = {sp.start, s->n, heading_level(s, sp), -1, 0, 0, 0, -1};
    if (!x.level) continue;
    while (ti < s->n_tx && s->tx[ti].pos < sp.start) ti++;
    for (size_t k = ti; k < s->n_tx && s->tx[k].pos < sp.end; k++) {
      const jb_texpr *e = &s->tx[k];
      if (e->type == TX_YEAR || e->type == TX_RANGE || e->type == TX_SINCE) {
        x.type = e->type, x.y1 = e->y1, x.y2 = e->y2;
        break;
      }
    }
    int review = contains_any(s, sp, review_words), plan = contains_any(s, sp, plan_words);
    x.plan = plan && !review;
    if (x.type >= 0 && s->ref_year && x.y1 > s->ref_year) x.plan = 1;
    if (x.type >= 0 && s->ref_year && s->ref_month && s->ref_month <= 3 && x.y1 == s->ref_year &&
        x.y2 == x.y1 && s->doc_kind == DOC_WORK_REPORT && !review)
      x.plan = 1; /* 2025年 in a report delivered in January 2025 */
    for (size_t k = s->n_sec; k-- > 0;) { /* close siblings and deeper; inherit from the parent */
      jb_section *o = &s->sec[k];
      if (o->end != s->n) continue;
      if (o->level >= x.level) o->end = sp.start;
      else {
        if (x.type < 0) x.type = o->type, x.y1 = o->y1, x.y2 = o->y2;
        if (!review && o->plan) x.plan = 1;
        x.parent = (long)k;
        break;
      }
    }
    s->sec = jb_grow(s->f->ctx, s->sec, &s->cap_sec, s->n_sec + 1, sizeof *s->sec);
    s->sec[s->n_sec++] = x;
  }
}

const jb_section *jb_section_next(const jb_scan *s, size_t pos, long *cursor) {
  while ((size_t)(*cursor + 1) < s->n_sec && s->sec[*cursor + 1].start <= pos) (*cursor)++;
  long k = *cursor;
  while (k >= 0 && s->sec[k].end <= pos) k = s->sec[k].parent; /* depth <= 3 */
  return k >= 0 ? &s->sec[k] : NULL;
}

/* ---- assigning periods ------------------------------------------------------------- */

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

int jb_only_joiners(const jb_scan *s, size_t a, size_t b) {
  if (b < a || b - a > 3) return 0;
  for (size_t k = a; k < b; k++)
    if (!jb__cp_in(s->t[k], "、和与及,，") && !jb_is_hspace(s->t[k])) return 0;
  return 1;
}

/* What a paragraph starts from: its section's scope, else the year a report
 * reviews (a 统计公报 of 2023, a 2023年度 summary), else the frame a news item's
 * lead sets (今年以来，…; 2010年新一轮对口援疆以来，…). */
static scope base_scope(const jb_scan *s, const jb_section *sec, const scope *lead) {
  if (sec && sec->type >= 0) return (scope){sec->type, sec->y1, sec->y2, 0};
  if (s->report_year) return (scope){TX_YEAR, s->report_year, s->report_year, 0};
  if (lead) return *lead;
  return (scope){-1, 0, 0, 0};
}

/* The lead's frame: a time expression opening one of the first body paragraphs
 * of a news item or summary (not a work report, which has sections). */
static int lead_frame(const jb_scan *s, scope *out) {
  if (s->doc_kind != DOC_OTHER) return 0;
  for (size_t k = 0; k < s->n_sec; k++) /* sections with their own time scope govern instead */
    if (s->sec[k].type >= 0) return 0;
  jb_docwide *wd = s->wide;
  if (wd && !wd->learn) { /* a piece: the frame of the report's lead, in its first piece */
    *out = (scope){wd->lead_type, wd->lead_y1, wd->lead_y2, 0};
    return wd->lead && !wd->scoped_seen;
  }
  size_t np = jb_doc_paragraph_count(s->d), body = 0, ti = 0;
  for (size_t p = 0; p < np && body < 3; p++) {
    if (jb_doc_is_heading(s->d, p)) continue;
    jb_span sp = jb_doc_paragraph(s->d, p);
    if (sp.end - sp.start < 40) continue; /* bylines, datelines */
    body++;
    while (ti < s->n_tx && s->tx[ti].pos < sp.start) ti++;
    for (size_t k = ti; k < s->n_tx && s->tx[k].pos < sp.start + 30 && s->tx[k].pos < sp.end; k++) {
      const jb_texpr *e = &s->tx[k];
      if ((e->type == TX_YEAR || e->type == TX_SINCE || e->type == TX_RANGE) && e->y1 > 0) {
        *out = (scope){e->type, e->y1, e->y2, 0};
        if (wd) wd->lead = 1, wd->lead_type = e->type, wd->lead_y1 = e->y1, wd->lead_y2 = e->y2;
        return 1;
      }
    }
  }
  return 0;
}

/* 全年, 年末: the year in scope, else the year the report reviews. */
static scope full_year(const jb_scan *s, scope cur, const jb_section *sec) {
  if (cur.type == TX_YEAR || (cur.type == TX_RANGE && cur.y1 == cur.y2)) return cur;
  scope b = base_scope(s, sec, NULL);
  if (b.type == TX_YEAR) return b;
  int y1, y2;
  if (resolve_year(s, REL_PAST_YEAR, 0, &y1, &y2)) return (scope){TX_YEAR, y1, y1, 0};
  return cur;
}

typedef struct walk {
  scope cur, base, before_cmp, before_from, before_sent;
  scope since; /* the report's latest 1996年以来 (any paragraph): what 如今…已 sums up */
  const jb_texpr *prev_year, *cutoff;
  jb_texpr year_end;
  size_t para, cmp_sent, cmp_end, from_pos, cut_sent, sent_only;
  int from, from_y;
  int pair_from, pair_to, pair_pending; /* 由2010年的A增加到2015年的B: the years of a later 由C增加到D */
  size_t pair_para;
  const jb_section *sec;
  int own;         /* an expression of the paragraph set cur (not its section or lead) */
  size_t own_sent; /* the sentence of the last one */
} walk;

/* A year that scopes its sentence only: a deadline (到2017年底前实现…) or one year
 * of the span the paragraph speaks of (五年来，…。2015年旅游收入达到69亿元…。). */
static int sentence_year(const jb_scan *s, const walk *w, const jb_texpr *e, size_t es) {
  if (w->from || es == JB_NONE) return 0;
  if (e->pos > 0 && jb__cp_in(s->t[e->pos - 1], "到至") && s->ref_year && e->y1 > s->ref_year) return 1;
  const scope *c = &w->cur;
  if (c->type != TX_RANGE || c->y1 >= c->y2 || e->y1 < c->y1 || e->y1 > c->y2) return 0;
  /* not in the paragraph's first sentence: 刚刚过去的2015年，… frames the whole paragraph */
  return jb_doc_sentence(s->d, es).start > jb_doc_paragraph(s->d, jb_doc_sentence_paragraph(s->d, es)).start;
}

/* 已 in the clause after p (past one comma: 如今，福建已援建): a stock so far. */
static int stock_after(const jb_scan *s, size_t p) {
  if (p < s->n && jb_clause_sep(s->t[p])) p++;
  for (size_t k = p; k < s->n && k < p + 16 && !jb_clause_sep(s->t[k]); k++)
    if (s->t[k] == 0x5DF2 /* 已 */) return 1;
  return 0;
}

/* 从2021年的46503元提高到58794元: the year is the start's; after 到 the scope returns. */
static int from_year(const jb_scan *s, const jb_texpr *e) {
  return e->type == TX_YEAR && e->pos > 0 && jb__cp_in(s->t[e->pos - 1], "从由") &&
         (jb__cp_in(ch(s, e->end), "的末底") || ch(s, e->end) == 0x7684);
}

static void take_texpr(jb_scan *s, walk *w, const jb_texpr *e) {
  size_t es = jb_doc_sentence_at(s->d, e->pos);
  size_t ep = es == JB_NONE ? JB_NONE : jb_doc_sentence_paragraph(s->d, es);
  if (w->sent_only != JB_NONE && es != w->sent_only) w->cur = w->before_sent, w->sent_only = JB_NONE;
  if (ep != w->para)
    w->cur = w->base, w->para = ep, w->prev_year = NULL, w->from = w->own = 0, w->sent_only = JB_NONE;
  if (e->type != TX_COMPARE) w->cmp_sent = JB_NONE;
  if (e->type != TX_CUTOFF && e->type != TX_BASE) w->own = 1, w->own_sent = es;
  scope *cur = &w->cur;
  switch (e->type) {
  case TX_RESET: /* 目前, 如今, 截至目前: now, the report's year; 近年来: unknown */
    cur->type = -1;
    if (s->ref_year && !jb__cp_in(s->t[e->pos], "近多")) *cur = (scope){TX_YEAR, s->ref_year, s->ref_year, 0};
    if (s->t[e->pos] == 0x5982 /* 如今 */ && w->since.type == TX_SINCE && stock_after(s, e->end))
      *cur = w->since; /* 1996年以来…。如今，福建已援建卫生院303个: all of them so far */
    break;
  case TX_CUTOFF: w->cutoff = e, w->cut_sent = es; return;
  case TX_FULL_YEAR:
    *cur = full_year(s, *cur, w->sec);
    if (s->t[e->pos] == 0x5E74 && cur->type == TX_YEAR) { /* 年末全区常住人口: a year-end stock */
      w->year_end = (jb_texpr){e->pos, e->end, TX_CUTOFF, cur->y1, 0, 12};
      w->cutoff = &w->year_end, w->cut_sent = es;
    }
    break;
  case TX_YEAR:
    if (w->from && e->pos > 0 && jb__cp_in(s->t[e->pos - 1], "到至"))
      w->pair_from = w->from_y, w->pair_to = e->y1, w->pair_para = ep;
    if (from_year(s, e)) {
      if (!w->from) w->before_from = *cur;
      w->from = 1, w->from_pos = e->end, w->from_y = e->y1;
    }
    if (w->sent_only != es && sentence_year(s, w, e, es)) w->before_sent = *cur, w->sent_only = es;
    if (w->prev_year && jb_only_joiners(s, w->prev_year->end, e->pos) && e->y1 > cur->y1 &&
        (cur->type == TX_YEAR || cur->type == TX_RANGE))
      *cur = (scope){TX_RANGE, cur->y1, e->y1, 0}; /* 2022年、2023年 */
    else *cur = (scope){TX_YEAR, e->y1, e->y1, 0};
    w->prev_year = e;
    return;
  case TX_RANGE:
    if (e->y1 == REL_SCOPE_N) { /* 连续18年: ending with the year in scope */
      int end = cur->type == TX_YEAR || cur->type == TX_RANGE ? cur->y2 : 0, y1, y2;
      if (!end && resolve_year(s, REL_PAST_YEAR, 0, &y1, &y2)) end = y2;
      if (end) { /* for its sentence only, like 较2022年 */
        w->before_cmp = *cur, w->cmp_sent = es, w->cmp_end = e->end;
        *cur = (scope){TX_RANGE, end - e->y2 + 1, end, 0};
      }
      return;
    }
    *cur = (scope){TX_RANGE, e->y1, e->y2, 0};
    w->sent_only = JB_NONE;
    break;
  case TX_SINCE: w->since = *cur = (scope){TX_SINCE, e->y1, e->y1, 0}, w->sent_only = JB_NONE; break;
  case TX_MONTH_SINCE: *cur = (scope){TX_MONTH_SINCE, e->y1, e->y1, e->month}; break;
  case TX_OPEN_SINCE: *cur = (scope){TX_OPEN_SINCE, 0, 0, 0}, w->sent_only = JB_NONE; break;
  case TX_COMPARE:
    if (cur->type == TX_YEAR && cur->y1 > e->y1) {
      w->before_cmp = *cur, w->cmp_sent = es, w->cmp_end = e->end;
      *cur = (scope){TX_RANGE, e->y1, cur->y1, 0};
    }
    break;
  default: break;
  }
  w->prev_year = NULL;
}

/* A ； between the comparison (较2022年) and pos ends its scope; *from moves to pos. */
static int clause_ended(const jb_scan *s, size_t *from, size_t pos) {
  for (size_t k = *from; k < pos && k < s->n; k++)
    if (s->t[k] == 0xFF1B || s->t[k] == ';') return 1;
  if (pos > *from) *from = pos;
  return 0;
}

/* 由11.66亿元增加到29.33亿元 after 由2010年的…增加到2015年的… in its paragraph: the
 * same two years. 1 and the scope, or 0. */
static int yearless_pair(const jb_scan *s, walk *w, const jb_fact *x, size_t para, scope *out) {
  if (!w->pair_from || w->pair_para != para || x->nstart == 0 || x->is_label) return 0;
  uint32_t c = s->t[x->nstart - 1];
  if (jb__cp_in(c, "由从")) {
    w->pair_pending = 1;
    *out = (scope){TX_YEAR, w->pair_from, w->pair_from, 0};
    return 1;
  }
  if (w->pair_pending && jb__cp_in(c, "到至")) {
    w->pair_pending = 0;
    *out = (scope){TX_YEAR, w->pair_to, w->pair_to, 0};
    return 1;
  }
  return 0;
}

/* After 从A…到: the scope before 从 (the report's current period) again. */
static void end_from(const jb_scan *s, walk *w, size_t pos) {
  for (size_t k = w->from_pos; k < pos && k < s->n; k++) {
    if (jb_clause_sep(s->t[k]) && s->t[k] != 0xFF0C && s->t[k] != ',') break;
    if (jb__cp_in(s->t[k], "到至")) {
      w->cur = w->before_from, w->from = 0;
      return;
    }
  }
}

/* 城镇居民人均可支配收入达29354元 in a five-year review: the level at the end. */
static int level_reached(const jb_scan *s, const jb_fact *x) {
  static const char *const reach[] = {"达到", "达", "增加到", "提高到", "增长到", "上升到", NULL};
  if (x->kind != JB_KIND_MONEY && x->kind != JB_KIND_COUNT && x->kind != JB_KIND_OTHER) return 0;
  if (!jb_match_any_before(s->t, x->nstart, reach)) return 0;
  for (size_t k = x->nstart; k > 0 && x->nstart - k < 30 && !jb_clause_sep(s->t[k - 1]); k--)
    if (jb__cp_in(s->t[k - 1], "累共合总") || at(s, k - 1, "年均")) return 0; /* 累计, 共计: the whole range */
  return 1;
}

static char *fact_period(jb_scan *s, const walk *w, const jb_fact *x) {
  char buf[32];
  buf[0] = 0;
  if (x->kind == JB_KIND_YEAR) { /* a year is its own period */
    if (x->value_type == JB_VALUE_RANGE) snprintf(buf, sizeof buf, "%d-%d", (int)x->lo, (int)x->hi);
    else snprintf(buf, sizeof buf, "%d", (int)x->value);
  } else if (x->kind == JB_KIND_DATE) {
    int mo = x->date[5] == 'X' ? 0 : atoi(x->date + 5);
    if (x->date[0] != 'X') snprintf(buf, sizeof buf, "%.4s", x->date);
    else if (w->cur.type == TX_YEAR) snprintf(buf, sizeof buf, "%d", w->cur.y1);
    else if (s->ref_year && s->ref_month) /* 7月23日 in a report of 2022-07: 2022 */
      snprintf(buf, sizeof buf, "%d", mo <= s->ref_month + 2 ? s->ref_year : s->ref_year - 1);
  } else if (!x->is_label) {
    scope r = w->cur;
    if (r.type == TX_RANGE && r.y2 > r.y1 && level_reached(s, x)) r = (scope){TX_YEAR, r.y2, r.y2, 0};
    scope_str(&r, buf, sizeof buf);
  }
  return buf[0] ? jb_facts_strdup(s->f, buf) : NULL;
}

/* …达到14598元…；是1965年以来的135倍，是2010年4123元的3.54倍: a multiple in a clause
 * opened by 是 belongs to the level before 是 in its sentence, not to its base year. */
static const jb_fact *multiple_of(const jb_scan *s, size_t i) {
  const jb_fact *x = &s->f->items[i];
  if (x->is_label || strcmp(x->unit, "倍")) return NULL;
  size_t cs = x->nstart, sent = jb_doc_sentence_at(s->d, x->nstart);
  while (cs > 0 && !jb_clause_sep(s->t[cs - 1]) && x->nstart - cs < 30) cs--;
  if (s->t[cs] != 0x662F /* 是 */) return NULL;
  for (size_t k = i; k-- > s->first_fact;) {
    const jb_fact *y = &s->f->items[k];
    if (jb_doc_sentence_at(s->d, y->nstart) != sent) break;
    if (y->nstart >= cs || y->is_label || !strcmp(y->unit, "倍") || !strcmp(y->unit, "年")) continue;
    if (y->kind == JB_KIND_MONEY || y->kind == JB_KIND_COUNT || y->kind == JB_KIND_OTHER) return y;
  }
  return NULL;
}

/* Walks facts and time expressions in text order; a paragraph starts from its
 * section's scope and carries its own until a reset (目前) or a new expression. */
void jb_assign_periods(jb_scan *s) {
  add_relative(s);
  resolve_relative(s);
  add_cutoffs(s);
  jb_add_open_since(s);
  if (s->n_tx) qsort(s->tx, s->n_tx, sizeof *s->tx, by_pos);
  jb_sections(s);
  jb_facts_impl *f = s->f;
  size_t ti = 0;
  long cursor = -1;
  walk w;
  memset(&w, 0, sizeof w);
  w.cur.type = w.base.type = w.before_cmp.type = w.before_from.type = w.since.type = -1;
  w.para = w.cmp_sent = w.cut_sent = w.sent_only = JB_NONE;
  scope lead;
  int has_lead = lead_frame(s, &lead);
  for (size_t i = s->first_fact; i < f->n; i++) {
    jb_fact *x = &f->items[i];
    size_t np = jb_doc_sentence_at(s->d, x->nstart);
    size_t pp = np == JB_NONE ? JB_NONE : jb_doc_sentence_paragraph(s->d, np);
    w.sec = jb_section_next(s, x->nstart, &cursor);
    w.base = base_scope(s, w.sec, has_lead ? &lead : NULL);
    while (ti < s->n_tx && s->tx[ti].pos <= x->nstart) take_texpr(s, &w, &s->tx[ti++]);
    if (pp != w.para)
      w.cur = w.base, w.para = pp, w.prev_year = NULL, w.cmp_sent = w.sent_only = JB_NONE, w.from = w.own = 0;
    if (w.cmp_sent != JB_NONE && (np != w.cmp_sent || clause_ended(s, &w.cmp_end, x->nstart)))
      w.cur = w.before_cmp, w.cmp_sent = JB_NONE;
    if (w.sent_only != JB_NONE && np != w.sent_only) w.cur = w.before_sent, w.sent_only = JB_NONE;
    if (w.from) end_from(s, &w, x->nstart);
    scope now = w.cur, pair;
    if (yearless_pair(s, &w, x, pp, &pair)) w.cur = pair;
    x->period = fact_period(s, &w, x);
    const jb_fact *level = multiple_of(s, i);
    if (level) x->period = level->period;
    /* a total no single year holds: 开展以来, 第七批…共安排, 累计 under a news lead's year */
    int lead_only = has_lead && !w.own && !s->report_year && !(w.sec && w.sec->type >= 0);
    jb_span psp = pp == JB_NONE ? (jb_span){0, 0} : jb_doc_paragraph(s->d, pp);
    int total = jb_total_period(s, x, w.cur.type, w.own && w.own_sent == np, lead_only, psp);
    if (total != TOTAL_KEEP) x->period = NULL;
    w.cur = now;
    if (w.cutoff && np != JB_NONE && w.cut_sent != JB_NONE && np == w.cut_sent + 1 &&
        at(s, jb_doc_sentence(s->d, np).start, "其中"))
      w.cut_sent = np; /* 年末常住人口364万人。其中，城镇人口136万人: the same cut-off */
    if (w.cutoff && w.cut_sent == np && !x->is_label && x->kind != JB_KIND_YEAR &&
        x->kind != JB_KIND_DATE) {
      char buf[16];
      cutoff_str(w.cutoff, buf, sizeof buf);
      x->as_of = jb_facts_strdup(f, buf);
    }
    if (total == TOTAL_SO_FAR && !x->as_of && s->ref_year) { /* so far: up to the report's date */
      jb_texpr now_e = {0, 0, TX_CUTOFF, s->ref_year, s->ref_day, s->ref_month};
      char buf[16];
      cutoff_str(&now_e, buf, sizeof buf);
      x->as_of = jb_facts_strdup(f, buf);
    }
  }
}
