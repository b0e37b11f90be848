/* Is a condensed 要点 a statement an office can forward? It needs a predicate (a
 * verb that is not nominalised, 9支援藏工作队的入驻, nor attributive, 正在建设的…温室),
 * and must not end where the source went on: at a locative or a particle that
 * shows its clause was cut (…温室大棚里, …的, 除…外). */
#include <string.h>

#include "compose/digest_imp.h"

/* Predicates of work reports and statistical bulletins (longest first where one
 * holds another, so 增长 is not read as 增). Never 支援: 9支援藏 is 9支 + 援藏. */
static const char *const predicates[] = {
    "增长", "下降", "增加", "减少", "提高", "提升", "降低", "上涨", "上升", "下跌", "递增", "达到", "突破",
    "超过", "完成", "实现", "实施", "安排", "投入", "争取", "到位", "落实", "开工", "建成", "竣工", "投产",
    "投用", "使用", "开展", "组织", "举办", "召开", "举行", "签订", "签署", "签约", "引进", "选派", "派出",
    "派遣", "培训", "帮助", "资助", "捐赠", "捐助", "募集", "拨付", "发放", "接待", "惠及", "带动", "覆盖",
    "新建", "改建", "扩建", "建设", "改造", "修复", "认证", "创建", "打造", "成交", "拍卖", "考察", "交流",
    "邀请", "协调", "推动", "推进", "促进", "支持", "援助", "帮扶", "解决", "保持", "稳定", "前进", "位居",
    "位列", "排名", "获得", "荣获", "入选", "通过", "发挥", "开始", "交付", "设立", "成立", "组建", "选送",
    "吸纳", "吸引", "转移", "就业", "救助", "购置", "购买", "捐建", "援建", "援助", "累计", "共计", "合计",
    "总计", "约合", "折合", "拥有", "共有", "还有", "占比", "比重", "发表", "申请", "制定", "立项", "播种",
    "种植", "存栏", "出栏", "生产", "销售", "收入", "支出", "贯通", "搬迁", "入藏", "进藏", "入疆", "赴",
    "有", "是", "为", "达", "占", "超", "获", "增", "降", "建", "送", "计", "派", "拍", "签", NULL};

static int is_digit_or_mark(uint32_t c) {
  return (c >= '0' && c <= '9') || c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == 0x3002 || c == '%';
}

/* Code points of s (at most max). */
static size_t decode(const char *s, uint32_t *out, size_t max) {
  size_t n = 0, len = strlen(s);
  for (size_t i = 0; i < len && n < max;) {
    size_t k = jb_utf8_decode(s + i, len - i, &out[n]);
    if (!k) break;
    i += k, n++;
  }
  return n;
}

size_t jb_dg_word_at(const uint32_t *t, size_t n, size_t i, const char *w) {
  size_t k = 0;
  while (*w) {
    uint32_t c;
    size_t m = jb_utf8_decode(w, strlen(w), &c);
    if (!m || i + k >= n || t[i + k] != c) return 0;
    w += m, k++;
  }
  return k;
}

const char *const jb_dg_bases[] = {"比上年末", "比上年", "比去年", "较上年", "较去年", "同比", "环比", NULL};
const char *const jb_dg_moves[] = {"增长", "下降", "增加", "减少", "提高", "降低", "上升", "上涨", "回落", NULL};

/* The predicate word of t at i, its length in code points; 0 when none starts there. */
static size_t predicate_at(const uint32_t *t, size_t n, size_t i) {
  for (const char *const *v = predicates; *v; v++) {
    size_t k = jb_dg_word_at(t, n, i, *v);
    if (k) return k;
  }
  return 0;
}

size_t jb_dg_predicate_at(const uint32_t *t, size_t n, size_t i) { return predicate_at(t, n, i); }

static const uint32_t DE = 0x7684; /* 的 */

/* A predicate at i..i+len is one of the statement: not after 的 (的入驻), and not
 * before a 的 that closes an attribute with no figure between (建设的“绿之源”…; but
 * 占总人口的37.36% is a predicate). */
static int predicative(const uint32_t *t, size_t n, size_t i, size_t len) {
  if (i > 0 && t[i - 1] == DE) return 0;
  for (size_t j = i + len; j < n && j < i + len + 7; j++) {
    if (is_digit_or_mark(t[j])) return 1;
    if (t[j] == DE) return j + 1 < n && t[j + 1] >= '0' && t[j + 1] <= '9'; /* 占总人口的37.36% */
  }
  return 1;
}

int jb_dg_has_predicate(const uint32_t *t, size_t n) {
  for (size_t i = 0; i < n; i++) {
    size_t len = predicate_at(t, n, i);
    if (len && predicative(t, n, i, len)) return 1;
  }
  return 0;
}

/* The last clause ends at a cut: a locative or a particle (…大棚里, …的), 除…外, or
 * 中 after a noun (在建设中 is a state, 大棚中 a place). */
static int cut_end(const uint32_t *t, size_t n) {
  static const uint32_t cuts[] = {0x91CC /* 里 */, 0x7684 /* 的 */, 0x4E4B /* 之 */, 0x548C /* 和 */,
                                  0x4E0E /* 与 */, 0x53CA /* 及 */, 0x6216 /* 或 */, 0x5728 /* 在 */,
                                  0x4ECE /* 从 */, 0x5411 /* 向 */, 0x628A /* 把 */, 0x88AB /* 被 */};
  if (!n) return 1;
  uint32_t last = t[n - 1];
  for (size_t k = 0; k < sizeof cuts / sizeof *cuts; k++)
    if (last == cuts[k]) return 1;
  if (last == 0x4E2D /* 中 */) return !(n >= 3 && predicate_at(t, n, n - 3) == 2);
  if (last == 0x5916 /* 外 */) /* 除…外 in the last clause */
    for (size_t i = n - 1; i-- > 0 && t[i] != 0xFF0C;)
      if (t[i] == 0x9664 /* 除 */) return 1;
  return 0;
}

/* Does the statement open with a bare comparison, with nothing said of what
 * changed (比上年增长7.5%, 同比下降3%, 增长6.05%)? A piece cut from the clause
 * after its measure's figure (…生产总值858828万元，按可比价计算，比上年增长7.5%). */
static int bare_change(const uint32_t *t, size_t n) {
  for (int k = 0; jb_dg_bases[k]; k++)
    if (jb_dg_word_at(t, n, 0, jb_dg_bases[k])) return 1;
  if (jb_dg_word_at(t, n, 0, "比上")) return 1; /* 比上半年 */
  if (n >= 2 && t[0] == 0x6BD4 /* 比 */ && t[1] >= '0' && t[1] <= '9') return 1; /* 比2019年 */
  for (int k = 0; jb_dg_moves[k]; k++) {
    if (n < 3 || !jb_dg_word_at(t, n, 0, jb_dg_moves[k])) continue;
    size_t i = 2;
    while (i < n && ((t[i] >= '0' && t[i] <= '9') || t[i] == '.')) i++;
    return i > 2 && i < n && (t[i] == '%' || t[i] == 0x4E2A /* 个百分点 */);
  }
  return 0;
}

/* Past the clauses that only say how a figure was reckoned (经省统计局统一核算，
 * 按可比价格计算，): where what the statement says starts. */
static size_t past_reckoning(const uint32_t *t, size_t n) {
  size_t a = 0;
  for (;;) {
    size_t e = a, frame = 0;
    while (e < n && t[e] != 0xFF0C) e++;
    for (size_t i = a; i + 1 < e; i++)
      frame |= (t[i] == 0x6838 && t[i + 1] == 0x7B97) || (t[i] == 0x8BA1 && t[i + 1] == 0x7B97); /* 核算 计算 */
    frame |= e > a + 2 && e - a <= 8 && t[a] == 0x6309 && t[e - 1] == 0x5206; /* 按城乡分, 按产业分 */
    frame |= e == a + 5 && t[a + 4] == 0x5E74 && t[a] >= '0' && t[a] <= '9'; /* 2023年，: when, not what */
    if (!frame || e >= n) return a;
    a = e + 1;
  }
}

/* 由2010年的年均增长13.8%: a from-to whose figures were cut out (a table shows them)
 * leaves 由/从 …年的 with no figure after it. */
static int lost_from(const uint32_t *t, size_t n) {
  for (size_t i = 0; i + 6 < n; i++) {
    if (t[i] != 0x7531 /* 由 */ && t[i] != 0x4ECE /* 从 */) continue;
    size_t k = i + 1;
    while (k < n && t[k] >= '0' && t[k] <= '9') k++;
    if (k - i == 5 && k + 1 < n && t[k] == 0x5E74 && t[k + 1] == 0x7684 && !(k + 2 < n && t[k + 2] >= '0' && t[k + 2] <= '9'))
      return 1;
  }
  return 0;
}

int jb_dg_bare_change(const char *s) {
  uint32_t t[64];
  size_t n = decode(s, t, sizeof t / sizeof *t), a = past_reckoning(t, n);
  return bare_change(t + a, n - a);
}

/* 投入13.23亿元: a verb and its figure, what for left out (保障农业优先发展) — no statement. */
static int verb_and_figure(const uint32_t *t, size_t n) {
  size_t k = predicate_at(t, n, 0);
  if (k < 2 || k >= n || !(t[k] >= '0' && t[k] <= '9')) return 0;
  for (size_t i = k; i < n; i++)
    if (t[i] == 0xFF0C || t[i] == 0xFF1B) return 0; /* more follows */
  return 1;
}

int jb_dg_is_statement(const char *s) {
  uint32_t t[512];
  size_t n = decode(s, t, sizeof t / sizeof *t);
  while (n && (t[n - 1] == 0x3002 || t[n - 1] == ' ')) n--; /* the closing 。 */
  for (size_t i = 0; i + 1 < n; i++)
    if (t[i] == 0x2026) return 0; /* …… : the source trails off, the point would too */
  size_t a = past_reckoning(t, n);
  return n && !cut_end(t, n) && !bare_change(t + a, n - a) && !lost_from(t, n) && !verb_and_figure(t, n) &&
         jb_dg_has_predicate(t, n);
}
