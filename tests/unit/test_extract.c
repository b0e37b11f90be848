/* Extraction, one pattern family per test, on sentences written for the tests
 * (援藏 report style), not taken from the seeds. */
#include <stdio.h>
#include <stdlib.h>

#include "extract_run.h"
#include "jbtest.h"
#include "jianbao/extract.h"

typedef xrun run;

static int has_text_inside(const run *r, const char *t) { /* any fact overlapping t */
  const char *hit = NULL;
  for (size_t i = 0; i < jb_facts_count(r->f); i++)
    if (strstr(t, jb_facts_get(r->f, i)->text)) hit = t;
  return hit != NULL;
}

#define FACT(r, t, kind_, unit_, value_, q_, label_)                                  \
  do {                                                                                \
    const jb_fact *fx = xrun_find(&(r), (t));                                              \
    if (!fx) {                                                                        \
      jbt_fail(__FILE__, __LINE__, "no fact '%s'", (t));                             \
      xrun_free(&(r));                                                                 \
      return;                                                                         \
    }                                                                                 \
    CHECK_STR(jb_fact_kind_name(fx->kind), (kind_));                                  \
    CHECK_STR(fx->unit, (unit_));                                                     \
    CHECK_NEAR(fx->value, (value_), 1e-6);                                            \
    CHECK_STR(jb_qualifier_name(fx->qualifier), (q_));                                \
    CHECK_INT(fx->is_label, (label_));                                                \
  } while (0)

TEST(extract_money_and_multipliers) {
  run r;
  CHECK(xrun_text(&r, "2023年，浙江省投入援藏资金3.25亿元，其中用于那曲市色尼区的资金1,200万元，"
                     "另有社会捐赠86万余元和约2.5万元物资。"));
  FACT(r, "3.25亿元", "money", "元", 325000000, "exact", 0);
  FACT(r, "1,200万元", "money", "元", 12000000, "exact", 0);
  FACT(r, "86万余元", "money", "元", 860000, "more_than", 0);
  FACT(r, "约2.5万元", "money", "元", 25000, "approx", 0);
  const jb_fact *x = xrun_find(&r, "1,200万元");
  CHECK_STR(x->place, "色尼区");
  CHECK_STR(x->period, "2023");
  xrun_free(&r);
}

TEST(extract_counts_classifiers_and_qualifiers) {
  run r;
  CHECK(xrun_text(&r, "选派教师逾120名，举办培训班36期，培训乡村医生3000余人次，"
                     "建成示范村近20个、卫生室15所以上，服务群众5万多人次，帮扶企业不少于40家。"));
  FACT(r, "逾120名", "count", "名", 120, "more_than", 0);
  FACT(r, "36期", "count", "期", 36, "exact", 0);
  FACT(r, "3000余人次", "count", "人次", 3000, "more_than", 0);
  FACT(r, "近20个", "count", "个", 20, "nearly", 0);
  FACT(r, "15所以上", "count", "所", 15, "at_least", 0);
  FACT(r, "5万多人次", "count", "人次", 50000, "more_than", 0);
  FACT(r, "不少于40家", "count", "家", 40, "at_least", 0);
  xrun_free(&r);
}

TEST(extract_chinese_numerals) {
  run r;
  CHECK(xrun_text(&r, "援藏干部连续三年驻村，先后两次组织专家进藏，累计帮扶一千二百户，"
                     "接待参观者千余人次，工作十多年，培训三百零五人。"));
  FACT(r, "三年", "other", "年", 3, "exact", 0);
  FACT(r, "两次", "count", "次", 2, "exact", 0);
  FACT(r, "一千二百户", "count", "户", 1200, "exact", 0);
  FACT(r, "千余人次", "count", "人次", 1000, "more_than", 0);
  FACT(r, "十多年", "other", "年", 10, "more_than", 0);
  FACT(r, "三百零五人", "count", "人", 305, "exact", 0);
  xrun_free(&r);
}

TEST(extract_units_of_measure) {
  run r;
  CHECK(xrun_text(&r, "新增光伏装机突破1300万千瓦，种植青稞2.6万亩，年产牦牛肉800吨，"
                     "修建道路12.5公里，受益儿童3—6岁。"));
  FACT(r, "突破1300万千瓦", "other", "千瓦", 13000000, "more_than", 0);
  FACT(r, "2.6万亩", "other", "亩", 26000, "exact", 0);
  FACT(r, "800吨", "other", "吨", 800, "exact", 0);
  FACT(r, "12.5公里", "other", "公里", 12.5, "exact", 0);
  const jb_fact *x = xrun_find(&r, "3—6岁");
  CHECK(x != NULL);
  CHECK_INT(x->value_type, JB_VALUE_RANGE);
  CHECK_NEAR(x->lo, 3, 0);
  CHECK_NEAR(x->hi, 6, 0);
  xrun_free(&r);
}

TEST(extract_percent_and_per_mille) {
  run r;
  CHECK(xrun_text(&r, "入学率达到99.6%，贫困发生率降至1.5%以下，八成以上群众受益，"
                     "按1‰安排资金，增长约12％。"));
  FACT(r, "99.6%", "percent", "%", 99.6, "exact", 0);
  FACT(r, "1.5%以下", "percent", "%", 1.5, "less_than", 0);
  FACT(r, "八成以上", "percent", "%", 80, "at_least", 0);
  FACT(r, "1‰", "per_mille", "‰", 1, "exact", 0);
  FACT(r, "约12％", "percent", "%", 12, "approx", 0);
  xrun_free(&r);
}

TEST(extract_dates_years_and_ranges) {
  run r;
  CHECK(xrun_text(&r, "2019年3月5日，工作队进驻昌都市。2020至2022年累计投入5亿元。"
                     "截至今年6月底，完成投资4亿元。2021年度考核优秀。二〇二三年开局良好。"));
  const jb_fact *d = xrun_find(&r, "2019年3月5日");
  CHECK(d && d->kind == JB_KIND_DATE);
  CHECK_STR(d->date, "2019-03-05");
  const jb_fact *m = xrun_find(&r, "6月底");
  CHECK(m != NULL);
  CHECK_STR(m->date, "XXXX-06-30");
  const jb_fact *y = xrun_find(&r, "2020至2022年");
  CHECK(y && y->value_type == JB_VALUE_RANGE && y->kind == JB_KIND_YEAR);
  CHECK_STR(xrun_find(&r, "5亿元")->period, "2020-2022");
  FACT(r, "2021年度", "year", "年", 2021, "exact", 0);
  FACT(r, "二〇二三年", "year", "年", 2023, "exact", 0);
  xrun_free(&r);
}

TEST(extract_series_respectively) {
  run r;
  CHECK(xrun_text(&r, "2021至2023年分别实施项目12个、15个和18个，分别超过3000万元、4000万元。"));
  const jb_fact *a = xrun_find(&r, "12个"), *b = xrun_find(&r, "15个"), *c = xrun_find(&r, "18个");
  CHECK(a && b && c);
  CHECK(a->series >= 0 && a->series == b->series && b->series == c->series);
  CHECK_STR(a->period, "2021");
  CHECK_STR(b->period, "2022");
  CHECK_STR(c->period, "2023");
  CHECK_STR(b->measure, a->measure);
  const jb_fact *m2 = xrun_find(&r, "4000万元");
  CHECK(m2 && m2->qualifier == JB_Q_MORE_THAN); /* the qualifier distributed by 分别 */
  CHECK(m2->series != a->series && m2->series >= 0);
  xrun_free(&r);
}

TEST(extract_labels_are_not_quantities) {
  run r;
  CHECK(xrun_text(&r, "江苏省第九批援藏工作队深入学习党的二十大精神，落实“十四五”规划和“3+2”帮扶模式。"
                     "一是抓党建；二是抓产业。拉萨市一中二期项目建成，创建三级医院，开展“一村一品”活动，"
                     "在全区率先开通“12345”热线。"));
  FACT(r, "第九批", "ordinal", "批", 9, "exact", 1);
  FACT(r, "二十大", "ordinal", "", 20, "exact", 1);
  FACT(r, "十四五", "ordinal", "", 14, "exact", 1);
  CHECK(xrun_find(&r, "3+2") && xrun_find(&r, "3+2")->is_label);
  CHECK(xrun_find(&r, "一是") && xrun_find(&r, "一是")->is_label);
  CHECK(xrun_find(&r, "二是") && xrun_find(&r, "二是")->is_label);
  CHECK(xrun_find(&r, "一中") && xrun_find(&r, "一中")->is_label);
  CHECK(xrun_find(&r, "二期") && xrun_find(&r, "二期")->is_label);
  CHECK(xrun_find(&r, "三级") && xrun_find(&r, "三级")->is_label);
  CHECK(xrun_find(&r, "12345") && xrun_find(&r, "12345")->is_label);
  for (size_t i = 0; i < jb_facts_count(r.f); i++) /* nothing here is a quantity */
    CHECK(jb_facts_get(r.f, i)->is_label);
  xrun_free(&r);
}

TEST(extract_indefinite_and_words_are_not_numbers) {
  run r;
  CHECK(xrun_text(&r, "打造一支队伍，形成一批品牌，统一部署，千方百计推动一站式服务，进一步巩固成果。"));
  CHECK_INT(jb_facts_count(r.f), 0);
  CHECK(!has_text_inside(&r, "一批"));
  xrun_free(&r);
}

TEST(extract_ranks) {
  run r;
  CHECK(xrun_text(&r, "日喀则市在全区考核中获得第一名，就业率位居西藏第三，是增速最快的两个地市之一。"));
  FACT(r, "第一名", "rank", "名", 1, "exact", 0);
  FACT(r, "第三", "rank", "", 3, "exact", 0);
  xrun_free(&r);
}

TEST(extract_places_gazetteer_and_former_names) {
  run r;
  CHECK(xrun_text(&r, "山南市援藏工作情况\n为乃东县群众捐赠物资30万元；为错那县修建道路8公里；"
                     "选派20名教师赴湖南培训；在贡嘎茶场发放助学金5万元。"));
  CHECK_STR(xrun_find(&r, "30万元")->place, "乃东区");
  CHECK_STR(xrun_find(&r, "8公里")->place, "错那市");
  CHECK_STR(xrun_find(&r, "20名")->place, "湖南省");
  CHECK_STR(xrun_find(&r, "5万元")->place, "山南市"); /* 贡嘎茶场 is not 贡嘎县 */
  xrun_free(&r);
}

TEST(extract_consistency_checks) {
  run r;
  CHECK(xrun_text(&r, "共培训干部120人次，其中县级干部50人次（男30人次，女20人次），乡级干部70人次。"
                     "建成项目10个（已验收6个，在建5个）。"));
  CHECK_INT(jb_facts_check_count(r.f), 3);
  int holding = 0, failing = 0;
  for (size_t i = 0; i < jb_facts_check_count(r.f); i++) {
    const jb_check *c = jb_facts_check(r.f, i);
    holding += c->holds;
    failing += !c->holds;
    if (!c->holds) {
      CHECK_STR(jb_facts_get(r.f, c->total)->text, "10个");
      CHECK_NEAR(c->sum, 11, 0);
    }
  }
  CHECK_INT(holding, 2);
  CHECK_INT(failing, 1);
  xrun_free(&r);
}

/* A bracket of units left open (149875(头、只、匹,同比增加6219(头、只、匹);…) is no
 * breakdown, and a change is no part: no check says 不符 where nothing is wrong. */
TEST(extract_consistency_checks_need_parts) {
  run r;
  CHECK(xrun_text(&r, "畜禽产量：截至年底，牲畜存栏总头数149875(头、只、匹,同比增加6219(头、只、匹)；"
                     "牲畜出栏总头数54076(头、只)，同比增加1691(头、只、匹)；肉类产量3536.69吨。"));
  CHECK_INT(jb_facts_check_count(r.f), 0);
  xrun_free(&r);
}

TEST(extract_offsets_refer_to_original_text) {
  run r;
  /* CRLF, a BOM, a stray space and ASCII commas: offsets still index the file */
  const char *src = "\xEF\xBB\xBF标题\r\n投入 资金,共计500万元,完成12个项目。\r\n";
  CHECK(xrun_text(&r, src));
  uint32_t *cps;
  size_t n = jb_utf8_to_cps(r.ctx, src, strlen(src), &cps);
  const jb_fact *a = xrun_find(&r, "500万元"), *b = xrun_find(&r, "12个");
  CHECK(a && b);
  CHECK(a->end <= n && b->end <= n);
  char *ta = NULL;
  {
    jb_buf bb;
    jb_buf_init(&bb, r.ctx);
    for (size_t k = a->start; k < a->end; k++) jb_buf_add_utf8(&bb, cps[k]);
    ta = jb_buf_steal(&bb);
  }
  CHECK_STR(ta, "500万元");
  jb_free(r.ctx, ta);
  jb_free(r.ctx, cps);
  CHECK(a->sent_start < a->start && a->sent_end > b->end);
  xrun_free(&r);
}

TEST(extract_absurd_numbers_are_flagged_not_clamped) {
  run r;
  char big[600];
  strcpy(big, "资金");
  size_t len = strlen(big);
  for (int i = 0; i < 400; i++) big[len++] = (char)('1' + i % 9);
  strcpy(big + len, "元，另有九千九百九十九亿亿元和12万亿亿元。");
  CHECK(xrun_text(&r, big));
  size_t flagged = 0;
  for (size_t i = 0; i < jb_facts_count(r.f); i++) flagged += jb_facts_get(r.f, i)->value_overflow;
  CHECK_INT(flagged, 3);
  CHECK(jb_ctx_warning_count(r.ctx) >= 3);
  char *json = jb_facts_to_json(r.ctx, r.f, (const jb_doc *const *)&r.doc, 1);
  CHECK(json && strstr(json, "\"value\":null") && strstr(json, "\"value_overflow\":true"));
  jb_free(r.ctx, json);
  xrun_free(&r);
}

TEST(extract_empty_document) {
  run r;
  CHECK(xrun_text(&r, ""));
  CHECK_INT(jb_facts_count(r.f), 0);
  char *json = jb_facts_to_json(r.ctx, r.f, (const jb_doc *const *)&r.doc, 1);
  CHECK(strstr(json, "\"facts\":[]") != NULL);
  jb_free(r.ctx, json);
  xrun_free(&r);
}

TEST(extract_seed_checks_hold) {
  jb_ctx *ctx = jb_ctx_new();
  char path[512];
  snprintf(path, sizeof path, "%s/../../seeds/000_49bb09d571b726a9.txt", jbt_data_dir);
  jb_doc *d = NULL;
  CHECK_INT(jb_doc_load(ctx, path, NULL, &d), JB_OK);
  jb_facts *f = jb_extract(ctx, (const jb_doc *const *)&d, 1);
  CHECK(f != NULL);
  CHECK_INT(jb_facts_check_count(f), 3);
  double totals[3];
  for (size_t i = 0; i < 3; i++) {
    const jb_check *c = jb_facts_check(f, i);
    CHECK(c->holds);
    totals[i] = c->total_value;
  }
  CHECK_NEAR(totals[0], 69, 0);
  CHECK_NEAR(totals[1], 6, 0);
  CHECK_NEAR(totals[2], 63, 0);
  jb_facts_free(f);
  jb_doc_free(d);
  jb_ctx_free(ctx);
}
