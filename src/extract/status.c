/* Status: whether a quantity is a result (actual), a goal (target) or a forecast
 * (estimate). A section that sets out goals (主要预期目标, 工作安排, 今后五年) makes
 * its figures targets; within a sentence the last cue before a figure decides
 * (力争, 确保, 计划投资, 拟, 将达到, 要…控制在, 预计; 已, 累计, 完成了 for results);
 * a period that starts after the report's year is a target. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/internal.h"

static uint32_t ch(const jb_scan *s, size_t i) { return i < s->n ? s->t[i] : 0; }
static int at(const jb_scan *s, size_t i, const char *w) {
  return jb_match_ascii_cn(s->t, s->n, i, w);
}

/* Words that start a goal wherever they stand. */
static const char *const target_words[] = {"力争", "力求", "预期目标", "预期", "目标是", "目标为",
                                           "确保", "努力实现", "争取实现", "争取达到",
                                           "争取完成", "将于", "将要", "将会", "今后",
                                           "下一步", "未来", NULL};
/* 将 / 要 / 计划 / 拟 are goals only before a verb (将84%以上的资金投入: 把, not future). */
static const char *const modal_words[] = {"将", "要", "拟", "计划", "规划", NULL};
static const char *const plan_verbs[] = {"达到", "完成", "实现", "建成", "新建", "实施", "启动",
                                         "投入", "安排", "开工", "增加", "增长", "提高", "突破",
                                         "超过", "形成", "带动", "惠及", "建设", "举办", "培训",
                                         "选派", "引进", "控制", "保持", "稳定", "改造", "培育",
                                         "打造", "推动", "新增", "投资", "用", "于", "在", "到",
                                         "再", "继续", "全面", "力争", "确保", "累计", "每年",
                                         "年均", "带", "覆盖", NULL};
static const char *const estimate_words[] = {"预计", "约计", "预估", "有望", "达产后", "可实现", "建成后", NULL};
/* 累计, 同比 are neutral: 力争累计完成, 比上年增长7%左右 in a plan are goals. */
static const char *const actual_words[] = {"已经", "已", "完成了", "实现了", "达到了",
                                           "顺利完成", "超额完成", "共完成", NULL};
static const char *const task_words[] = {"加快", "抓好", "推进", "着力", "大力", "扎实", "持续",
                                         "全力", "加强", "推动", "强化", "完善", "健全", "培育",
                                         "打造", "谋划", "探索", "研究制定", "力争", "确保", NULL};
static const char *const result_words[] = {"了", "已", "同比", "比上年", "较上年", "累计", "预计",
                                           NULL};
static const char *const aid_words[] = {"援", "帮扶", "对口", "协作", "支援", "捐", "结对", "我省",
                                        "我市", "工作队", "指挥部", NULL};

static void add_words(jb_lex *l, const char *const *w, int payload) {
  for (size_t k = 0; w[k]; k++) jb_lex_add(l, w[k], payload);
}

/* Built once per extraction with the gazetteer: a cue is then one hashed lookup
 * per character instead of a scan of every word list. */
void jb_status_lexicons(jb_gazetteer *g) {
  add_words(&g->cues, estimate_words, CUE_ESTIMATE);
  add_words(&g->cues, target_words, CUE_TARGET);
  add_words(&g->cues, modal_words, CUE_MODAL);
  add_words(&g->cues, actual_words, CUE_ACTUAL);
  add_words(&g->verbs, plan_verbs, 1);
  add_words(&g->tasks, task_words, 1);
  add_words(&g->results, result_words, 1);
  add_words(&g->aid, aid_words, 1);
}

/* 1 target, 2 estimate, 3 actual, 0 none: the cue that starts at i. */
static int cue_at(const jb_scan *s, size_t i, size_t *len) {
  long e = jb_lex_match(&s->g->cues, s->t, s->n, i);
  if (e < 0) return 0;
  const jb_lex_entry *le = &s->g->cues.e[e];
  uint32_t c = s->t[i], p = i > 0 ? s->t[i - 1] : 0;
  *len = le->n;
  switch (le->payload) {
  case CUE_ESTIMATE: return 2;
  case CUE_TARGET:
    /* 完成目标, 实现目标: results; 确保了 as well */
    if (i >= 2 && (at(s, i - 2, "完成") || at(s, i - 2, "实现"))) return 0;
    if (c == 0x786E && ch(s, i + 2) == 0x4E86) return 0;
    return 1;
  case CUE_MODAL:
    if (c == 0x8981 && jb__cp_in(p, "主重需只纪摘提概必不想紧首")) return 0;
    if (c == 0x62DF && jb__cp_in(p, "模虚草比")) return 0;
    if (c == 0x5C06 && p == 0x5373 /* 即将 is still future, but 即 is rare */) return 0;
    if (c == 0x8BA1 && jb__cp_in(p, "按原")) return 0;
    size_t k = i + le->n; /* 《规划》共安排项目34个: the plan's content */
    while (c == 0x89C4 /* 规划 */ && k < s->n && jb__cp_in(s->t[k], "》”共总")) k++;
    return jb_lex_match(&s->g->verbs, s->t, s->n, k) >= 0 ? 1 : 0;
  case CUE_ACTUAL:
    if (c == 0x5DF2 && jb__cp_in(ch(s, i + 1), "知有")) return 0; /* 已知 */
    return 3;
  default: return 0;
  }
}

/* The last cue between the sentence's start and the fact (ties: the later wins). 将于
 * dates one event (地区中医院将于10月1日前开诊，…，两所医院新建病房大楼投入使用): its
 * clause only. */
static int sentence_cue(const jb_scan *s, size_t from, size_t to) {
  int last = 0, dated = 0;
  for (size_t i = from; i < to;) {
    size_t len = 0;
    int c = cue_at(s, i, &len);
    /* 预计2023年销售额将突破2000万元: a modal after 预计 is the forecast's, not a goal */
    if (c == 1 && last == 2 && (at(s, i, "将") || at(s, i, "要"))) c = 2;
    if (c) last = c, dated = at(s, i, "将于"), i += len;
    else {
      if (dated && jb_clause_sep(s->t[i])) last = 0, dated = 0;
      i++;
    }
  }
  return last;
}

static int period_start(const char *p) { return p ? atoi(p) : 0; }

/* A work report's paragraph of tasks when no heading says so (a report printed
 * across pages, 上接第一版): imperative verbs and no word of a result. */
static int plan_paragraph(const jb_scan *s, jb_span p) {
  int t = 0;
  for (size_t i = p.start; i < p.end && i < s->n; i++) {
    if (jb_lex_match(&s->g->results, s->t, p.end, i) >= 0) return 0;
    if (jb_lex_match(&s->g->tasks, s->t, p.end, i) >= 0) t++;
  }
  return t >= 3;
}

/* 以年度招商引资实际到位资金5亿元为目标: the goal named after the figure. */
static int goal_after(const jb_scan *s, size_t e) {
  for (size_t k = e; k < s->n && k < e + 6 && !jb_clause_sep(s->t[k]); k++)
    if (at(s, k, "为目标") || at(s, k, "的目标")) return 1;
  return 0;
}

/* A range that ends after the report's year ("2016-2020" in 2018). */
static int open_range(const jb_scan *s, const char *p) {
  if (!p || !s->ref_year || strlen(p) != 9 || p[4] != '-') return 0;
  return atoi(p + 5) > s->ref_year && atoi(p) <= s->ref_year;
}

/* The statuses of facts [a, b) (quantities only): *goals and *results counted. */
static jb_status_kind count_statuses(const jb_facts_impl *f, size_t a, size_t b, int *goals, int *results) {
  jb_status_kind goal = JB_STATUS_TARGET;
  *goals = *results = 0;
  for (size_t k = a; k < b; k++) {
    const jb_fact *y = &f->items[k];
    if (y->is_label || y->status == JB_STATUS_NONE) continue;
    if (y->status == JB_STATUS_TARGET || y->status == JB_STATUS_ESTIMATE) *goals += 1, goal = y->status;
    else *results += 1;
  }
  return goal;
}

/* The parts (其中：智力支援类项目58个，安排…) of a whole that is a goal (计划实施援疆
 * 项目370个，安排援疆资金17.56亿元) are goals too, unless their own words say
 * otherwise; a headline restating a figure of the text (17.56亿元援疆资金…) says
 * what the text says of it. */
static void parts_and_headlines(jb_scan *s) {
  jb_facts_impl *f = s->f;
  size_t prev0 = s->first_fact, cur0 = s->first_fact, sent = JB_NONE;
  for (size_t i = s->first_fact; i <= f->n; i++) {
    size_t si = i < f->n ? jb_doc_sentence_at(s->d, f->items[i].nstart) : JB_NONE;
    if (i < f->n && si == sent) continue;
    if (sent != JB_NONE && cur0 > prev0) { /* sentence `sent` holds facts [cur0, i) */
      jb_span sp = jb_doc_sentence(s->d, sent);
      int g, r, own = sentence_cue(s, sp.start, sp.end);
      jb_status_kind goal = count_statuses(f, prev0, cur0, &g, &r);
      size_t k0 = sp.start;
      while (k0 < sp.end && (s->t[k0] == 0xFF0C || s->t[k0] == ' ')) k0++;
      if (g && !r && !own && at(s, k0, "其中"))
        for (size_t k = cur0; k < i; k++)
          if (f->items[k].status == JB_STATUS_ACTUAL) f->items[k].status = goal;
    }
    prev0 = cur0, cur0 = i, sent = si;
  }
  size_t ti = jb_doc_title(s->d);
  if (ti == JB_NONE) return;
  jb_span t = jb_doc_paragraph(s->d, ti);
  for (size_t i = s->first_fact; i < f->n && f->items[i].nstart < t.end; i++) {
    jb_fact *x = &f->items[i];
    if (x->nstart < t.start || x->is_label || x->status == JB_STATUS_NONE) continue;
    for (size_t k = i + 1; k < f->n; k++) {
      const jb_fact *y = &f->items[k];
      if (y->nstart < t.end || y->is_label || y->value != x->value || strcmp(y->unit, x->unit)) continue;
      x->status = y->status;
      break;
    }
  }
}

void jb_assign_status(jb_scan *s) {
  jb_facts_impl *f = s->f;
  long cursor = -1;
  size_t sent = JB_NONE, done = 0, para = JB_NONE;
  int cue = 0, plan_para = 0;
  int work_report = s->doc_kind == DOC_WORK_REPORT;
  for (size_t i = s->first_fact; i < f->n; i++) {
    jb_fact *x = &f->items[i];
    const jb_section *sec = jb_section_next(s, x->nstart, &cursor);
    if (x->is_label || x->kind == JB_KIND_YEAR || x->kind == JB_KIND_DATE) {
      x->status = JB_STATUS_NONE;
      continue;
    }
    size_t si = jb_doc_sentence_at(s->d, x->nstart);
    size_t pi = si == JB_NONE ? JB_NONE : jb_doc_sentence_paragraph(s->d, si);
    if (pi != para) {
      para = pi;
      plan_para = work_report && pi != JB_NONE && !(sec && sec->type >= 0) &&
                  plan_paragraph(s, jb_doc_paragraph(s->d, pi));
    }
    if (si != sent) {
      sent = si, cue = 0;
      done = si == JB_NONE ? x->nstart : jb_doc_sentence(s->d, si).start;
    }
    int c = sentence_cue(s, done, x->nstart);
    if (c) cue = c;
    done = x->nstart;
    int y = period_start(x->period);
    if (cue == 1) x->status = JB_STATUS_TARGET;
    else if (cue == 2) x->status = JB_STATUS_ESTIMATE;
    else if (cue == 3) x->status = JB_STATUS_ACTUAL;
    else if ((sec && sec->plan) || plan_para) x->status = JB_STATUS_TARGET;
    else x->status = JB_STATUS_ACTUAL;
    if (x->status != JB_STATUS_TARGET && goal_after(s, x->nend))
      x->status = JB_STATUS_TARGET; /* 以…5亿元为目标 */
    if (x->status == JB_STATUS_ESTIMATE && y && s->ref_year && y < s->ref_year - 1 &&
        (!x->period || !strchr(x->period, '-')))
      x->status = JB_STATUS_ACTUAL; /* 预计…从2015年的A增长到…: a closed year is a result */
    if (x->status == JB_STATUS_ACTUAL && y && s->ref_year && y > s->ref_year && cue != 3)
      x->status = JB_STATUS_TARGET; /* 到2030年…: a year still to come */
    if (x->status == JB_STATUS_ACTUAL && cue != 3 && x->kind != JB_KIND_RANK && open_range(s, x->period))
      x->status = JB_STATUS_TARGET; /* “十三五”时期…增幅8% in 2018: a period not yet over is planned */
    if (x->status == JB_STATUS_TARGET && !x->period && work_report && s->ref_year &&
        s->ref_month >= 1 && s->ref_month <= 3) { /* the tasks of the year it is delivered in */
      char buf[8];
      snprintf(buf, sizeof buf, "%d", s->ref_year);
      x->period = jb_facts_strdup(f, buf);
    }
  }
  parts_and_headlines(s);
}
