/* Labels of key figures: a short noun phrase of what is measured, taken from the
 * fact's measure after its last verb (我省第七批援藏共安排计划内资金 -> 计划内资金,
 * 实现旅游总收入 -> 旅游总收入). A measure that ends in a verb (现已到位, …爱心企业出资)
 * names no measure, and a rate must say it is one (率, 占, 增长 …). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "compose/digest_imp.h"

static const char *const verbs[] = {
    "安排", "投入", "完成", "实现", "争取", "协调", "出资", "拨付", "筹集", "实施", "新建",
    "建成", "引进", "培训", "选派", "达到", "到位", "落实", "带动", "帮助", "提供", "捐赠",
    "募集", "组织", "开展", "举办", "接待", "累计", "共计", "获得",
    "吸引", "签订", "签约", "援建", "建设", "购置", "资助", "发放", "解决", "惠及", "送去",
    "开展了", "进行", "派出", "加快推进", "推进", "加快", "新建", "改造", "支持", "实现了",
    "推动", "促进", "召开", "举行", "邀请", "组建", "成立", "选送", "打造", "创建", "共建", "动员", "包含",
    "包括", "形成", NULL};
/* verbs that belong to a measure's name: 签约总金额, 到位资金, 完成投资 */
static const char *const kept[] = {"签约", "到位", "完成", "协议", NULL};
static const char *const rate_marks[] = {"率", "占", "比重", "增长", "增速", "增幅", "提高", "下降",
                                         "比例", "份额", "覆盖", "上涨", "下跌", "回落", NULL};

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

int jb_dg_has_verb(const char *s) {
  for (const char *const *v = verbs; *v; v++)
    if (strstr(s, *v)) return 1;
  return 0;
}

size_t jb_dg_verb_end(const char *s) {
  size_t end = 0;
  for (const char *const *v = verbs; *v; v++)
    for (const char *p = strstr(s, *v); p; p = strstr(p + 1, *v))
      if ((size_t)(p - s) + strlen(*v) > end) end = (size_t)(p - s) + strlen(*v);
  return end;
}

const char *jb_dg_last_verb(const char *s) {
  const char *at = NULL;
  for (const char *const *v = verbs; *v; v++)
    for (const char *p = strstr(s, *v); p; p = strstr(p + 1, *v))
      if (!at || p > at) at = p;
  return at ? at : s;
}

static int ends_with(const char *s, const char *w) {
  size_t a = strlen(s), b = strlen(w);
  return b && a >= b && !strcmp(s + a - b, w);
}

/* Not a measurable noun phrase: an event or an act (援藏工作队的入驻, 集体学习,
 * 人才入藏, 县脱贫摘帽), a name of a body or a works (新疆兵团, 大古水电站), or an
 * abbreviation-like fragment of two provinces' short names (宁闽商). */
static int event_or_name(const char *m) {
  static const char *const acts[] = {"入藏", "进藏", "入疆", "进疆", "入青", "入驻", "进驻", "摘帽", "脱贫",
                                     "受援", "学习", "授课", "调研", "招商", "打造", "抢救性", "启动", "开工", "竣工",
                                     "测算", "核算", "摸底", NULL};
  static const char *const names[] = {"兵团", "电站", "公司", "集团", "工作队", "工作组", NULL};
  for (const char *const *a = acts; *a; a++)
    if (ends_with(m, *a)) return 1;
  for (const char *const *x = names; *x; x++)
    if (ends_with(m, *x)) return 1;
  static const char abbr[] = "京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川蜀黔贵滇云陕秦甘陇青宁疆藏桂蒙港澳台";
  if (jb_utf8_count(m) == 3) {
    uint32_t c[2];
    size_t k = jb_utf8_decode(m, strlen(m), &c[0]);
    if (k && jb_utf8_decode(m + k, strlen(m + k), &c[1])) {
      char a[5] = {0}, b[5] = {0};
      memcpy(a, m, k);
      size_t k2 = jb_utf8_decode(m + k, strlen(m + k), &c[1]);
      memcpy(b, m + k, k2);
      if (strstr(abbr, a) && strstr(abbr, b)) return 1;
    }
  }
  return 0;
}

/* A clause fragment, not a noun phrase of what is measured: cut before the number
 * at a preposition (贫困发生率从, 工业增加值从, 控制在), a list (乡城、理塘、德格等), a
 * share of something else (占总人口), a period's growth without its measure
 * (上半年增长), or an action on a place (完成巴宜区, …帮扶甘肃). */
static int fragment(const jb_fact *f, const char *m) {
  /* a preposition, a particle or a measure word at the end: the label was cut
   * before its figure (对口县新增的各 1个, 共, 约, 10批 of 10批495名) */
  static const char *const tails[] = {"从", "以", "在", "到", "达", "和", "与", "及", "等", "前", "底",
                                      "的", "由", "为", "至", "向", "先后", "前进", "后退", "各", "每",
                                      "共", "约", "近", "超", "逾", "了", "之", "个", "批", "余", "多",
                                      NULL};
  /* 比上年末增加, 较上年: a change from a base names no measure */
  static const char *const heads[] = {"占", "到", "第", "除", "预计", "特别是", "其中", "比上", "比去年", "较", NULL};
  /* a bare total (总投资 6560万元 of one project) does not say of what */
  static const char *const bare[] = {"总投资", "总金额", "投资总额", "资金总额", "总规模", "增加值", "总产值",
                                     "产值", "利润", "总量", "收入", "支出", "完成增加值", "完成总产值", NULL};
  for (const char *const *b = bare; *b; b++) /* …of what: 农林牧渔业 went with the clause before */
    if (!strcmp(m, *b)) return 1;
  /* 同比下降, 按可比价计算同比增长: how it moved, not what */
  static const char *const reckoned[] = {"按可比价计算", "按可比价格计算", "累计", NULL};
  static const char *const *const frames[] = {reckoned, jb_dg_bases, jb_dg_moves};
  const char *q = m;
  for (int hit = 1; hit && *q;) {
    hit = 0;
    for (size_t l = 0; l < 3 && !hit; l++)
      for (const char *const *fr = frames[l]; *fr && !hit; fr++)
        if (!strncmp(q, *fr, strlen(*fr))) q += strlen(*fr), hit = 1;
  }
  if (!*q) return 1;
  static const char *const growth[] = {"同比增长", "增长", "增速", "增幅", NULL};
  static const char *const periods[] = {"上半年", "下半年", "前三季度", "一季度", "全年", "年均", "期间年均",
                                        "期间", "当年", "同期", "平均", NULL};
  for (const char *const *t = tails; *t; t++)
    if (ends_with(m, *t)) return 1;
  int sector = !strncmp(m, "第", 3) && strlen(m) > 9 && !strncmp(m + 6, "产业", 6); /* 第一产业增加值 */
  for (const char *const *h = heads; *h; h++)
    if (!strncmp(m, *h, strlen(*h)) && !sector) return 1;
  if (strstr(m, "、")) return 1;
  for (const char *const *g = growth; *g; g++) {
    if (!ends_with(m, *g)) continue;
    size_t rest = strlen(m) - strlen(*g);
    if (!rest) return 1;
    for (const char *const *p = periods; *p; p++)
      if (strlen(*p) == rest && !strncmp(m, *p, rest)) return 1;
    break;
  }
  if (event_or_name(m)) return 1;
  if (f->place && *f->place) { /* the label ends with the place the figure is about */
    char stem[64];
    snprintf(stem, sizeof stem, "%s", f->place);
    static const char *const suffixes[] = {"自治区", "地区", "省", "市", "县", "区", "州", NULL};
    for (const char *const *x = suffixes; *x; x++)
      if (ends_with(stem, *x) && strlen(stem) > strlen(*x) + 3) {
        stem[strlen(stem) - strlen(*x)] = 0;
        break;
      }
    if (ends_with(m, f->place) || ends_with(m, stem)) return 1;
  }
  return 0;
}

/* A count of times names what happened (调查, 表彰, 慰问 4次), not who was moved to act
 * (推动中科院华南植物园4次) nor where. */
static int event_count(const char *m) {
  static const char *const events[] = {"调查", "调研", "考察", "表彰", "慰问", "走访", "活动", "会议", "培训",
                                       "检查", "讲座", "义诊", "巡诊", "演出", "座谈", "交流", "宣讲", "比赛",
                                       "展览", "督导", "对接", "互访", "会商", "访问", "宣传", "演练", "招聘会",
                                       "推介会", "洽谈会", "服务", NULL};
  for (const char *const *e = events; *e; e++)
    if (ends_with(m, *e)) return 1;
  return 0;
}

/* After a verb, a bare generic noun (投入资金, 实施项目) is no label alone (资金):
 * with its verb it names the measure. Where the verb starts, else m itself. */
static const char *with_verb(const char *measure, const char *m) {
  static const char *const generic[] = {"资金", "项目", "投资", NULL};
  for (const char *const *g = generic; *g; g++) {
    if (strcmp(m, *g)) continue;
    for (const char *const *v = verbs; *v; v++) {
      size_t vl = strlen(*v);
      if ((size_t)(m - measure) >= vl && !strncmp(m - vl, *v, vl)) return m - vl;
    }
  }
  return m;
}

/* 年末全区常住人口总数 -> 年末常住人口总数: the place word after a time word. */
static void drop_place_after_time(char *s) {
  static const char *const times[] = {"年末", "年底", "年初", NULL};
  static const char *const places[] = {"全地区", "全州", "全区", "全县", "全市", "全省", "全盟", "全师", NULL};
  for (const char *const *t = times; *t; t++) {
    if (strncmp(s, *t, strlen(*t))) continue;
    char *p = s + strlen(*t);
    for (const char *const *w = places; *w; w++)
      if (!strncmp(p, *w, strlen(*w)) && jb_utf8_count(p + strlen(*w)) >= 2) {
        memmove(p, p + strlen(*w), strlen(p + strlen(*w)) + 1);
        return;
      }
  }
}

/* 省区市, 县市区: the places a number follows (西部10个省区市73.1万名农村劳动力), not what it counts. */
static int places_only(const char *m) {
  static const char *const units = "省区市县州盟旗乡镇村地";
  if (!*m) return 0;
  for (const char *p = m; *p;) {
    size_t k = 1;
    while (((unsigned char)p[k] & 0xC0) == 0x80) k++;
    char one[8] = {0};
    memcpy(one, p, k < 7 ? k : 7);
    if (!strstr(units, one)) return 0;
    p += k;
  }
  return 1;
}

int jb_dg_tile_label(const jb_fact *f, char *out, size_t cap) {
  if (!f->measure || !*f->measure || cap < 8) return 0;
  const char *m = with_verb(f->measure, f->measure + after_last_verb(f->measure));
  if (m - f->measure >= 6 && !strncmp(m - 6, "累计", 6)) m -= 6; /* 累计完成投资: a total over years, say so */
  /* 全州地区生产总值: the note names the place, the label the measure */
  static const char *const leads[] = {"的", "（", "“", "如今", "目前", "今年", "全年", "共", "全州", "全区",
                                      "全县", "全市", "全省", "全盟", "全师", "全地区", NULL};
  const char *at = f->place && *f->place ? strstr(m, f->place) : NULL; /* 第一师阿拉尔市生产总值: the note names it */
  if (at && at - m <= 12 && strlen(at + strlen(f->place)) >= 6) m = at + strlen(f->place);
  for (int again = 1; again;) { /* 如今宁夏…: a time word or bracket before the noun */
    again = 0;
    if (*m == '(' || *m == '"') m++, again = 1;
    if (!strncmp(m, "开发", strlen("开发")) && strncmp(m, "开发区", strlen("开发区"))) /* 开发就业岗位 */
      m += strlen("开发"), again = 1;
    for (const char *const *l = leads; *l; l++)
      if (!strncmp(m, *l, strlen(*l))) m += strlen(*l), again = 1;
  }
  size_t n = jb_utf8_count(m);
  if (n < 3 || n > 12 || places_only(m)) return 0; /* a verb at the end (现已到位), a bare noun (资金), or a clause */
  static const char *const place_ends[] = {"地区", "省区市", "省市", "县市", "乡镇", NULL};
  for (const char *const *e = place_ends; *e; e++) /* 结对帮扶西部地区7452个村: what is counted follows */
    if (f->kind == JB_KIND_COUNT && ends_with(m, *e)) return 0;
  static const char *const bad_starts[] = {"的", "了", "和", "与", "及", "等", "来", "口", "”", "》",
                                           "）", "、", "是", "为", NULL};
  for (const char *const *b = bad_starts; *b; b++) /* cut inside a word: 16年来福建…, 4个对口县… */
    if (!strncmp(m, *b, strlen(*b))) return 0;
  if (strstr(m, "”") && !strstr(m, "“")) return 0; /* 柴达木枸杞”品牌价值 */
  if (strstr(m, "）") && !strstr(m, "（")) return 0; /* 8县(区)派遣…: 区）派遣支教教师 */
  if (strstr(m, "是")) return 0; /* 背后是广东援疆力量4.5亿元的倾力投入: a sentence, not a measure */
  if (fragment(f, m)) return 0;
  if (!strcmp(f->unit, "次") && !event_count(m)) return 0; /* 中科院华南植物园 4次 */
  if (f->kind == JB_KIND_PERCENT) {
    int rate = 0;
    for (const char *const *r = rate_marks; *r && !rate; r++) rate = strstr(f->measure, *r) != NULL;
    if (!rate) return 0; /* 应完成总投资 99.64% is a rate of something else */
  }
  size_t len = strlen(m);
  const char *open = strstr(m, "（");
  if (open && !strstr(open, "）")) len = (size_t)(open - m); /* 地区生产总值（GDP: cut at the bracket */
  if (len + 1 > cap || jb_utf8_count(m) < 3) return 0;
  memcpy(out, m, len);
  out[len] = 0;
  drop_place_after_time(out);
  return jb_utf8_count(out) >= 3;
}

/* A measure that reads whole as what is measured (接待游客, 总值): 2 to 12 characters,
 * not a verb at its end (首批培训), a time or preposition at its start (从去年), a
 * numeral word (一支) or a fragment (完成巴宜区 for 巴宜区). */
static const char *const note_starts[] = {"从", "在", "自", "于", "今年", "去年", "一", "为", NULL};

static int whole_measure(const jb_fact *f) {
  const char *m = f->measure;
  size_t n = jb_utf8_count(m), len = strlen(m);
  if (n < 2 || n > 12 || after_last_verb(m) >= len) return 0;
  if ((n <= 3 && !strncmp(m, "全", strlen("全"))) || places_only(m)) return 0; /* 全县6005户: where, not what */
  if (!strcmp(f->unit, "次") && !event_count(m)) return 0;
  for (const char *const *v = verbs; *v; v++)
    if (ends_with(m, *v)) return 0;
  static const char *const rates[] = {"增速", "增幅", "同比增长", NULL}; /* of the figure before it */
  for (const char *const *r = rates; *r; r++)
    if (!strcmp(m, *r)) return 1;
  return !fragment(f, m);
}

int jb_digest_measure_label(const char *measure, const char *unit, const char *place, char *out, size_t cap) {
  jb_fact f;
  memset(&f, 0, sizeof f);
  f.measure = (char *)(uintptr_t)measure; /* read only */
  f.place = (char *)(uintptr_t)place;
  f.kind = unit && !strcmp(unit, "%") ? JB_KIND_PERCENT : JB_KIND_OTHER;
  if (unit) snprintf(f.unit, sizeof f.unit, "%s", unit);
  if (!measure || !*measure) return 0;
  for (const char *const *x = note_starts; *x; x++) /* 从去年, 一支: a time or a numeral, no measure */
    if (!strncmp(measure, *x, strlen(*x))) return 0;
  if (whole_measure(&f) && strlen(measure) < cap) return snprintf(out, cap, "%s", measure), 1;
  return jb_dg_tile_label(&f, out, cap);
}

/* part follows whole after 其中, in its sentence or the next (农林牧渔业总产值…增长6.05%。
 * 其中：农业产值…): a share of a key figure, not a figure of its own beside it. */
int jb_dg_share_of(const jb_digest_input *in, const jb_fact *whole, const jb_fact *part) {
  if (whole->doc != part->doc || whole->nend > part->nstart) return 0;
  size_t n, ends = 0;
  const uint32_t *t = jb_doc_text(in->docs[part->doc], &n);
  int among = 0;
  for (size_t i = whole->nend; i < part->nstart && i < n; i++) {
    int end = t[i] == '\n' || t[i] == 0x3002 /* 。 */ || t[i] == 0xFF01 || t[i] == 0xFF1F;
    int again = end && t[i] == '\n' && i > whole->nend && (t[i - 1] == 0x3002 || t[i - 1] == 0xFF01 || t[i - 1] == 0xFF1F);
    if (end && !again && (among || ++ends > 1)) return 0; /* the next sentence, or paragraph (其中： on a line) */
    if (i + 1 < n && t[i] == 0x5176 && t[i + 1] == 0x4E2D) among = 1; /* 其中 */
    if (t[i] == 0x6309 && i + 8 < n) /* 按城乡分，城镇常住人口…: a breakdown too */
      for (size_t k = i + 2; k < i + 8 && t[k] != 0xFF0C && t[k] != 0x3002; k++)
        if (t[k] == 0x5206 && (t[k + 1] == 0xFF0C || t[k + 1] == 0xFF1A)) among = 1;
  }
  return among;
}

/* 各1个, 每人500元, 均为3个: a figure of each one, not a total (never a key figure). */
int jb_dg_distributive(const jb_digest_input *in, const jb_fact *f) {
  size_t n, i = f->nstart;
  const uint32_t *t = jb_doc_text(in->docs[f->doc], &n);
  while (i > 0 && i <= n && (t[i - 1] == ' ' || t[i - 1] == 0x3000)) i--;
  if (!i || i > n) return 0;
  uint32_t c = t[i - 1], c2 = i >= 2 ? t[i - 2] : 0;
  return c == 0x5404 /* 各 */ || c == 0x6BCF /* 每 */ || c2 == 0x6BCF ||
         (c == 0x4E3A /* 为 */ && (c2 == 0x5404 || c2 == 0x5747 /* 均 */));
}

/* A headline figure the text states again (17.56亿元援疆资金助力… then 安排援疆资金
 * 17.56亿元): the text's sentence names what it measures; the headline's words do not. */
int jb_dg_headline_again(const jb_digest_input *in, size_t i) {
  const jb_fact *f = jb_dg_fact(in, i);
  const jb_doc *d = in->docs[f->doc];
  size_t ti = jb_doc_title(d);
  if (ti == JB_NONE) return 0;
  jb_span t = jb_doc_paragraph(d, ti);
  if (f->nstart < t.start || f->nstart >= t.end) return 0;
  for (size_t k = i + 1, n = jb_facts_count(in->facts); k < n; k++) {
    const jb_fact *g = jb_dg_fact(in, k);
    if (g->doc != f->doc) break;
    if (g->nstart >= t.end && !g->is_label && g->value == f->value && !strcmp(g->unit, f->unit)) return 1;
  }
  return 0;
}

/* 2510家企业, 7452个村, 73.1万名农村劳动力: a count whose noun follows it; the words
 * before it (新增引导, 结对帮扶西部地区) do not say what it counts, so it makes no tile. */
int jb_dg_noun_follows(const jb_digest_input *in, const jb_fact *f) {
  if (f->kind != JB_KIND_COUNT) return 0;
  size_t n;
  const uint32_t *t = jb_doc_text(in->docs[f->doc], &n);
  if (f->nend >= n) return 0;
  uint32_t c = t[f->nend];
  /* qualifiers (以上 左右 多 余 等 的 次) and prepositions (204人到宁夏, 赴 在 进 向 与 和 及 为 参加) */
  static const uint32_t quals[] = {0x4EE5, 0x5DE6, 0x591A, 0x4F59, 0x7B49, 0x7684, 0x6B21, 0x5230, 0x8D74, 0x5728,
                                   0x8FDB, 0x5411, 0x4E0E, 0x548C, 0x53CA, 0x4E3A, 0x53C2};
  for (size_t k = 0; k < sizeof quals / sizeof *quals; k++)
    if (c == quals[k]) return 0;
  return c >= 0x4E00 && c <= 0x9FFF;
}

/* 数十亿元, 数十个, 几百人: a size in words says no figure a tile could show. */
int jb_dg_vague(const jb_fact *f) {
  return strstr(f->text, "数十") || strstr(f->text, "数百") || strstr(f->text, "数千") || strstr(f->text, "数万") ||
         strstr(f->text, "几");
}
