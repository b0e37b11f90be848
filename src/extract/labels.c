/* Numbers that name rather than count: enumerations of topics (四件大事, 五个方面,
 * 十二条措施), plan names (第十五个五年规划, 三年行动), fixed sets (宁夏贫困8县, 4市),
 * voltage classes of works (500千伏输变电工程), sessions (八届六次七次全委会), years
 * in the title of a report (2024年政府工作报告) and numbers of captions. */
#include <string.h>

#include "extract/internal.h"

static uint32_t ch(const jb_scan *s, size_t i) { return i < s->n ? s->t[i] : 0; }
static int at(const jb_scan *s, size_t i, const char *w) {
  return jb_match_ascii_cn(s->t, s->n, i, w);
}

static const char *const topic_nouns[] = {
    "大事", "方面", "措施", "任务", "行动", "重点", "要求", "原则", "战略", "机制", "体系",
    "举措", "意见", "领域", "环节", "工程", "攻坚战", "目标", "抓手", "板块", "转变", "创建",
    "走在前列", "全覆盖", "排头兵", "坚持", "必须", "着力", "聚焦", "突出", "提升", "强化",
    "战役", "工作", NULL};
static const char *const plan_nouns[] = {"规划", "计划", "行动", "攻坚", NULL};
static const char *const works[] = {"送出", "输变电", "变电", "线路", "工程", "电网", "特高压",
                                    "直流", "交流", "联网", "主网", NULL};
static const char *const sessions[] = {"全会", "全委会", "全委", "会议", "代表大会", NULL};

/* 环卫保洁、绿化养护两个PPP项目: a one-character count right after the list it counts
 * (its items joined by 、) names that list's size; it counts nothing new. */
static int counts_its_list(const jb_scan *s, size_t p, size_t k) {
  static const uint32_t cn[] = {0x4E24, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D}; /* 两三…九 */
  if (k != p + 1 || p == 0 || !jb_is_han(s->t[p - 1])) return 0;
  int v = 0;
  for (int d = 0; d < 8 && !v; d++)
    if (cn[d] == s->t[p]) v = d + 2;
  int items = 1;
  for (size_t q = p; q-- > 0 && p - q < 40 && !jb_clause_sep(s->t[q]);)
    if (s->t[q] == 0x3001 /* 、 */) items++;
    else if (jb_is_digit(s->t[q]) || jb_is_cn_numeral(s->t[q])) return 0; /* 学校两所、医院两个: counts */
    else if (!jb_is_han(s->t[q]) && !jb_is_alnum(s->t[q])) break;
  return v >= 2 && items == v;
}

/* A quantity [p, e) whose classifier starts at k: 1 when it is a name. */
int jb_label_after(const jb_scan *s, size_t p, size_t k, size_t e, int cls) {
  uint32_t c = ch(s, k);
  if (cls == U_COUNT && jb__cp_in(c, "个项") && counts_its_list(s, p, k)) return 1;
  /* 前两批援青期间: the first teams, a span of years, not a count */
  if (cls == U_COUNT && c == 0x6279 /* 批 */ && p > 0 && s->t[p - 1] == 0x524D /* 前 */ &&
      jb_is_cn_numeral(s->t[p]))
    return 1;
  if (cls == U_COUNT && jb__cp_in(c, "件个条项点类") && jb_match_any(s->t, s->n, e, topic_nouns))
    return !jb_is_digit(ch(s, p)) || at(s, e, "大事") || at(s, e, "方面") || at(s, e, "措施");
  if (cls == U_COUNT && at(s, k, "方面") && !jb_is_digit(ch(s, p))) return 1; /* not 4方面22类 */
  if (cls == U_TIME && c == 0x5E74 && jb_match_any(s->t, s->n, e, plan_nouns)) return 1;
  if (cls == U_PHYS && at(s, k, "千伏") && (jb_match_any(s->t, s->n, e, works) || (p > 0 && s->t[p - 1] == 0xB1)))
    return 1;
  if (cls == U_COUNT && c == 0x6B21 /* 次 */ && jb_is_cn_numeral(ch(s, p)) &&
      ((p > 0 && jb__cp_in(s->t[p - 1], "次届")) || jb_match_any(s->t, s->n, e, sessions) ||
       (jb_is_cn_numeral(ch(s, e)) && ch(s, e + 1) == 0x6B21)))
    return 1;
  /* 4个对口县, 19个援疆省市: the fixed set of the aid pairing, not a count */
  static const char *const pairing[] = {"对口县", "对口市", "对口支援县", "受援县", "援疆省市", "援藏省市",
                                        "援青省市", NULL};
  if (cls == U_COUNT && c == 0x4E2A /* 个 */ && jb_match_any(s->t, s->n, e, pairing)) return 1;
  if (cls == U_COUNT && c == 0x671F /* 二期 after a quoted name */ && p > 0 && s->t[p - 1] == 0x201D)
    return 1;
  return 0;
}

/* 宁夏贫困8县, 天津、厦门、福州、青岛4市, 西部12省区: a fixed set, not a count. */
size_t jb_fixed_set(const jb_scan *s, size_t k) {
  static const char *const sets[] = {"省区市", "省区", "省市", "地市", "县市", "县", "市", "省", NULL};
  size_t m = jb_match_any(s->t, s->n, k, sets);
  if (!m) return 0;
  uint32_t c = ch(s, k + m);
  if (jb__cp_in(c, "级长委场民值区政")) return 0; /* 3县级, 4市场, 8县区 */
  return m;
}

/* The paragraph at p names a document (the title of a 报告, 公报, 规划 near the top)
 * or is a caption (图1, 表2, "1  2015-2022年…"): its numbers are names. */
int jb_names_document(const jb_scan *s, size_t p) {
  size_t si = jb_doc_sentence_at(s->d, p);
  if (si == JB_NONE) return 0;
  size_t pi = jb_doc_sentence_paragraph(s->d, si);
  if (!jb_doc_is_heading(s->d, pi)) return 0;
  jb_span sp = jb_doc_paragraph(s->d, pi);
  size_t q = sp.start;
  while (q < sp.end && jb_is_digit(s->t[q])) q++;
  if (q > sp.start && q < sp.end && jb_is_hspace(s->t[q])) return 1;
  if (jb__cp_in(ch(s, sp.start), "图表") && jb_is_digit(ch(s, sp.start + 1))) return 1;
  static const char *const docs[] = {"报告", "公报", "规划", "纲要", "白皮书", "决议", NULL};
  if (pi >= 4) return 0;
  for (q = sp.start; q < sp.end; q++)
    if (jb_match_any(s->t, sp.end, q, docs)) return 1;
  return 0;
}

/* 第一、二、 before the 、 at q: an ordinal list that goes on. */
static int list_of_ordinals(const jb_scan *s, size_t q) {
  while (q >= 2 && s->t[q] == 0x3001 && jb_is_cn_numeral(s->t[q - 1])) {
    if (s->t[q - 2] == 0x7B2C /* 第 */) return 1;
    q -= 2;
  }
  return 0;
}

/* Label forms of a Chinese numeral followed by a character that is not a unit. */
size_t jb_chinese_label(jb_scan *s, size_t p, const jb_num *a) {
  size_t k = a->end;
  uint32_t c = ch(s, k), c2 = ch(s, k + 1);
  int one_char = a->end - a->start == 1;
  jb_fact_kind kind = JB_KIND_ORDINAL;
  size_t e = 0;
  const char *unit = NULL;
  if (c == 0x662F /* 是 */ && jb_clause_start(s, p) && a->value <= 20) {
    e = k + 1; /* 一是 二是 */
  } else if (c == 0x3001 /* 、 */ && (p == 0 || s->t[p - 1] == '\n') && a->value <= 30) {
    e = k; /* 一、 at the start of a paragraph: a list marker */
  } else if (c == 0x5927 /* 大 */ && c2 != 0x7C7B /* 类 */) {
    e = k + 1; /* 二十大; 五大中心 */
    if (a->value < 10) kind = JB_KIND_OTHER;
  } else if (one_char && jb__cp_in(c, "中高小") &&
             ((p > 0 && jb_is_han(s->t[p - 1]) && !jb__cp_in(s->t[p - 1], "其之第") &&
               !jb__cp_in(c2, "心央国期旬华型等间共断止学级")) ||
              (c == 0x4E2D && (at(s, k + 1, "全会") || at(s, k + 1, "分校") ||
                               (p >= 2 && s->t[p - 1] == 0x3001 && s->t[p - 2] == 0x4E2D))))) {
    e = k + 1; /* 林芝市一中, 山南一高; 三中、四中全会, 三中分校 */
  } else if (one_char && c == 0x5B63 /* 季 */ && c2 == 0x5EA6 && a->value <= 4) {
    e = k + 2; /* 一季度, 前三季度: a part of the year, not a count */
  } else if (one_char && p >= 3 && s->t[p - 1] == 0x3001 && list_of_ordinals(s, p - 1)) {
    e = k; /* 第一、二、三产业 */
  } else if (one_char && c == 0x672C /* 本 */ &&
             (at(s, k + 1, "上线") || at(s, k + 1, "线") || at(s, k + 1, "批") ||
              at(s, k + 1, "院校") || at(s, k + 1, "录取"))) {
    e = k + 1; /* 一本上线率 */
  } else if (one_char && jb__cp_in(c, "甲乙")) {
    e = k + 1, unit = "级"; /* 二甲 */
  } else if (c == 0x7EA7 /* 级 */) {
    e = k + 1, unit = "级"; /* 三级医院, 三级乙等 */
    if (jb__cp_in(c2, "甲乙丙") && ch(s, k + 2) == 0x7B49 /* 等 */) e = k + 3;
  } else if (c == 0x671F /* 期 */ && ((p >= 2 && at(s, p - 2, "项目")) || at(s, k + 1, "项目") ||
                                      at(s, k + 1, "工程") ||
                                      (p >= 1 && jb__cp_in(s->t[p - 1], "园厂场站馆")))) {
    e = k + 1, unit = "期"; /* 项目二期, 产业园一期 */
  } else if (at(s, k, "地市")) {
    e = k + 2, unit = "地市", kind = JB_KIND_COUNT; /* 七地市 */
  } else if (jb__cp_in(c, "地省县市") && !jb_is_cn_numeral(c2) &&
             !(c == 0x53BF && c2 == 0x7EA7) && !(c == 0x5E02 && jb__cp_in(c2, "场民级值"))) {
    e = k + 1, kind = JB_KIND_COUNT; /* 粤藏两地, 两省, 五县, 三市 (not 三县级, 五市场) */
  }
  if (!e) return 0;
  jb_fact *x = jb_new_fact(s, p, e, kind);
  int of;
  jb_set_value(x, jb_num_value(a, 0, &of), of);
  x->value_overflow = of;
  if (unit) jb_set_unit(x, unit);
  else if (kind == JB_KIND_COUNT) jb_set_unit_cps(x, s->t, k, e);
  x->is_label = 1;
  return e;
}

