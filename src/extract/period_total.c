/* Totals that no single year holds. A figure summed over a programme, a team's
 * stay or "so far" (自…开展以来, 第七批援藏共安排, 累计 in a news item whose lead
 * names one year) and a project's size (总投资30亿元的…项目) get no period: the
 * report does not say when they were spent. A total "so far" gets the report's
 * date as its cut-off (as_of), so a briefing can say 截至2015年1月. */
#include <stdio.h>
#include <string.h>

#include "extract/internal.h"

static uint32_t ch(const jb_scan *s, size_t i) { return i < s->n ? s->t[i] : 0; }

/* The start of the clause holding pos (at most 40 characters back). */
static size_t clause_start(const jb_scan *s, size_t pos) {
  size_t k = pos;
  while (k > 0 && pos - k < 40 && !jb_clause_sep(s->t[k - 1])) k--;
  return k;
}

/* 以来 after an event without a year (自东西部扶贫协作开展以来, 进藏以来,
 * 党的十八大以来): a total from an unstated start up to the report's date. A
 * year, 今年, N年 or a plan (“十四五”以来) before it in its clause is a stated
 * start, read by the scan. */
void jb_add_open_since(jb_scan *s) {
  for (size_t i = 1; i + 1 < s->n; i++) {
    if (s->t[i] != 0x4EE5 || s->t[i + 1] != 0x6765) continue; /* 以来 */
    size_t cs = clause_start(s, i);
    int dated = i == cs || jb__cp_in(s->t[i - 1], "”\"’");
    for (size_t k = cs; k < i && !dated; k++)
      dated = jb_is_digit(s->t[k]) || s->t[k] == 0x5E74 /* 年 */ || s->t[k] == 0x6708 /* 月 */;
    if (!dated) jb_add_texpr(s, i, i + 2, TX_OPEN_SINCE, 0, 0, 0);
    i++;
  }
}

/* The start of the sentence holding pos (at most 240 characters back). */
static size_t sentence_start(const jb_scan *s, size_t pos) {
  size_t k = pos;
  while (k > 0 && pos - k < 240 && !jb__cp_in(s->t[k - 1], "。！？\n")) k--;
  return k;
}

/* A word of a total between from and pos: 累计 共计 总计 合计 先后 累积 总共, or
 * 共 before a verb (共安排, 共派出; not 公共, 中共, 共同, 共享, 共建 …). */
static int total_cue(const jb_scan *s, size_t from, size_t pos) {
  static const char *const words[] = {"累计", "共计", "总计", "合计", "先后", "累积", "总共", NULL};
  for (size_t k = from; k < pos; k++) {
    if (jb_match_any(s->t, s->n, k, words)) return 1;
    if (s->t[k] == 0x5171 /* 共 */ && !(k > 0 && jb__cp_in(s->t[k - 1], "公中")) &&
        !jb__cp_in(ch(s, k + 1), "同享建赢识产青和商性用") && k + 1 < pos)
      return 1;
  }
  return 0;
}

/* A part of a year in the sentence before pos (上半年累计完成投资…；社会事业项目38个，
 * 累计完成投资3.61亿元): a year-to-date sum. */
static int part_of_year(const jb_scan *s, size_t pos) {
  static const char *const parts[] = {"上半年", "下半年", "季度", "当年", "年内", "本年", "全年", NULL};
  for (size_t k = sentence_start(s, pos); k < pos; k++)
    if (jb_match_any(s->t, s->n, k, parts) || s->t[k] == 0x6708 /* 月 */) return 1;
  return 0;
}

/* 总投资30亿元的红星美凯龙城市商贸综合体项目, 计划投资2亿元的…工程: the size of a
 * project, not what was spent in the period (完成投资, 当年完成投资 are). */
static int project_size(const jb_scan *s, const jb_fact *x) {
  static const char *const sizes[] = {"总投资", "计划投资", "计划总投资", NULL};
  size_t k = x->nstart;
  if (k > 0 && jb__cp_in(s->t[k - 1], "达为约近超逾")) k--;
  return x->kind == JB_KIND_MONEY && jb_match_any_before(s->t, k, sizes) > 0 &&
         ch(s, x->nend) == 0x7684 /* 的 */;
}

/* 第七批 earlier in the sentence (我省第七批援藏共安排计划内资金2.945亿元): a team's
 * or a programme's batch, whose totals cover its whole term. */
static int batch_in_sentence(const jb_scan *s, size_t pos) {
  for (size_t k = sentence_start(s, pos); k + 2 < pos; k++)
    if (s->t[k] == 0x7B2C /* 第 */ && (jb_is_digit(ch(s, k + 1)) || jb_is_cn_numeral(ch(s, k + 1)))) {
      size_t e = k + 1;
      while (e < pos && (jb_is_digit(s->t[e]) || jb_is_cn_numeral(s->t[e]))) e++;
      if (ch(s, e) == 0x6279 /* 批 */) return 1;
    }
  return 0;
}

/* A paragraph telling one event (本次活动, 竞拍现场, 当天): a lead's 自1994年…以来
 * frames what was done since, not when this happened. */
static int one_event(const jb_scan *s, jb_span para) {
  static const char *const words[] = {"本次", "此次", "当天", "当日", "现场", "日前", "近日", NULL};
  for (size_t k = para.start; k < para.end && k < s->n; k++)
    if (jb_match_any(s->t, s->n, k, words)) return 1;
  return 0;
}

int jb_total_period(const jb_scan *s, const jb_fact *x, int scope, int own_sentence, int lead_only,
                    jb_span para) {
  if (x->is_label || x->kind == JB_KIND_YEAR || x->kind == JB_KIND_DATE) return TOTAL_KEEP;
  if (project_size(s, x)) return TOTAL_UNDATED;
  if (lead_only && (scope == TX_SINCE || scope == TX_MONTH_SINCE) && one_event(s, para))
    return TOTAL_UNDATED;
  if (scope == TX_OPEN_SINCE) return TOTAL_SO_FAR;
  if (own_sentence || (scope != TX_YEAR && scope >= 0) || part_of_year(s, x->nstart))
    return TOTAL_KEEP;
  /* 第十批援藏干部人才共计268名，其中党政干部56名: the batch's figures, its parts too */
  if (batch_in_sentence(s, x->nstart) && total_cue(s, sentence_start(s, x->nstart), x->nstart))
    return TOTAL_SO_FAR;
  if (lead_only && total_cue(s, clause_start(s, x->nstart), x->nstart)) return TOTAL_SO_FAR;
  return TOTAL_KEEP;
}
