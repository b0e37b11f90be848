/* Labels of key figures: a short noun phrase of what is measured, taken from the
 * fact's measure after its last verb (我省第七批援藏共安排计划内资金 -> 计划内资金,
 * 实现旅游总收入 -> 旅游总收入). A measure that ends in a verb (现已到位, …爱心企业出资)
 * names no measure, and a rate must say it is one (率, 占, 增长 …). */
#include <string.h>

#include "compose/digest_imp.h"

static const char *const verbs[] = {
    "安排", "投入", "完成", "实现", "争取", "协调", "出资", "拨付", "筹集", "实施", "新建",
    "建成", "引进", "培训", "选派", "达到", "到位", "落实", "带动", "帮助", "提供", "捐赠",
    "募集", "组织", "开展", "举办", "接待", "累计", "共计", "获得",
    "吸引", "签订", "签约", "援建", "建设", "购置", "资助", "发放", "解决", "惠及", "送去",
    "开展了", "进行", "加快推进", "推进", "加快", "新建", "改造", "支持", "实现了", NULL};
/* verbs that belong to a measure's name: 签约总金额, 到位资金, 完成投资 */
static const char *const kept[] = {"签约", "到位", "完成", "协议", NULL};
static const char *const rate_marks[] = {"率", "占", "比重", "增长", "增速", "增幅", "提高", "下降",
                                         "比例", "份额", "覆盖", NULL};

/* Byte offset where the label starts: after the last verb of m, or at it when the
 * verb is part of the measure's name; 0 when m has no verb. */
static size_t after_last_verb(const char *m) {
  size_t best = 0, at = 0, len = strlen(m);
  for (const char *const *v = verbs; *v; v++) {
    size_t vl = strlen(*v);
    for (const char *p = strstr(m, *v); p; p = strstr(p + 1, *v))
      if ((size_t)(p - m) + vl > best) best = (size_t)(p - m) + vl, at = (size_t)(p - m);
  }
  for (const char *const *k = kept; *k && best; k++)
    if (!strncmp(m + at, *k, strlen(*k)) && best == at + strlen(*k) && best < len) return at;
  return best <= len ? best : 0;
}

static size_t cps(const char *s) {
  size_t n = 0;
  for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

int jb_dg_tile_label(const jb_fact *f, char *out, size_t cap) {
  if (!f->measure || !*f->measure || cap < 8) return 0;
  const char *m = f->measure + after_last_verb(f->measure);
  static const char *const leads[] = {"的", "（", "“", "如今", "目前", "今年", "全年", "共", NULL};
  for (int again = 1; again;) { /* 如今宁夏…: a time word or bracket before the noun */
    again = 0;
    if (*m == '(' || *m == '"') m++, again = 1;
    for (const char *const *l = leads; *l; l++)
      if (!strncmp(m, *l, strlen(*l))) m += strlen(*l), again = 1;
  }
  size_t n = cps(m);
  if (n < 3 || n > 12) return 0; /* a verb at the end (现已到位), a bare noun (资金), or a clause */
  static const char *const bad_starts[] = {"的", "了", "和", "与", "及", "等", "来", "口", "”", "》",
                                           "）", "、", "是", "为", NULL};
  for (const char *const *b = bad_starts; *b; b++) /* cut inside a word: 16年来福建…, 4个对口县… */
    if (!strncmp(m, *b, strlen(*b))) return 0;
  if (strstr(m, "”") && !strstr(m, "“")) return 0; /* 柴达木枸杞”品牌价值 */
  if (f->kind == JB_KIND_PERCENT) {
    int rate = 0;
    for (const char *const *r = rate_marks; *r && !rate; r++) rate = strstr(f->measure, *r) != NULL;
    if (!rate) return 0; /* 应完成总投资 99.64% is a rate of something else */
  }
  size_t len = strlen(m);
  const char *open = strstr(m, "（");
  if (open && !strstr(open, "）")) len = (size_t)(open - m); /* 地区生产总值（GDP: cut at the bracket */
  if (len + 1 > cap || cps(m) < 3) return 0;
  memcpy(out, m, len);
  out[len] = 0;
  return cps(out) >= 3;
}
