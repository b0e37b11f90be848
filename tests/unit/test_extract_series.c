/* Series written as separate clauses or sentences (session 3 of issue 10, second
 * pass): parts of a stated total, parts of a year, sentences opened by successive
 * years, two columns of named items, a slash pair, a quoted name, 年均增长 after
 * levels. Sentences written for the tests in the genre's style. */
#include <stdio.h>
#include <stdlib.h>

#include "extract_run.h"
#include "jbtest.h"
#include "jianbao/extract.h"

typedef xrun srun;

/* a and b in one series of dimension dim, labelled la and lb (NULL: not checked). */
static int in_series(const srun *r, const char *a, const char *b, jb_series_dim dim, const char *la,
                     const char *lb) {
  const jb_fact *x = xrun_find(r, a), *y = xrun_find(r, b);
  if (!x || !y || x->series < 0 || x->series != y->series) return 0;
  if (jb_facts_series(r->f, (size_t)x->series)->dim != dim) return 0;
  if (!la) return 1;
  return x->series_label && y->series_label && !strcmp(x->series_label, la) && !strcmp(y->series_label, lb);
}

static int no_series(const srun *r, const char *a) {
  const jb_fact *x = xrun_find(r, a);
  return x && x->series < 0;
}

TEST(extract_series_parts_of_a_stated_total) {
  srun r;
  CHECK(xrun_text(&r, "协作简讯\n1996年到2011年，福建累计援助7.74亿元。\n"
                      "其中省级财政援助资金2.94亿元，对口市县区援助3.35亿元，社会各界捐助折款1.45亿元，"
                      "用于支持特色产业。全年人口出生率14.24‰，死亡率5.48‰，自然增长率8.76‰。"
                      "地区生产总值30亿元，固定资产投资20亿元，财政收入5亿元。\n"));
  CHECK(in_series(&r, "2.94亿元", "1.45亿元", JB_DIM_CATEGORY, "省级财政援助资金", "社会各界捐助折款"));
  CHECK(no_series(&r, "5.48‰"));   /* a figure beside them is no total */
  CHECK(no_series(&r, "20亿元"));  /* indicators side by side add up to nothing stated */
  xrun_free(&r);
}

TEST(extract_series_parts_of_a_year) {
  srun r;
  CHECK(xrun_text(&r, "统计公报\n分季度看，一季度地区生产总值同比增长9.7%，上半年增长8.2%，"
                      "前三季度增长8.5%，全年增长6.6%。\n"));
  CHECK(in_series(&r, "9.7%", "8.2%", JB_DIM_TIME, "一季度", "上半年"));
  CHECK(in_series(&r, "8.5%", "6.6%", JB_DIM_TIME, "前三季度", "全年"));
  xrun_free(&r);
}

TEST(extract_series_sentences_opened_by_years) {
  srun r;
  CHECK(xrun_text(&r, "协作简讯\n2019-07-22 09:38 来源：甘肃日报\n主任介绍，2018年东部四市向甘肃省投入财政援助资金19.79亿元。"
                      "2019年截至目前已投入23亿元，实施帮扶项目1155个。"
                      "2020年新建学校12所。\n"));
  CHECK(in_series(&r, "19.79亿元", "23亿元", JB_DIM_TIME, "2018", "2019"));
  CHECK(no_series(&r, "12所")); /* another measure */
  xrun_free(&r);
}

TEST(extract_series_two_columns_and_pairs) {
  srun r;
  CHECK(xrun_text(&r, "援藏简讯\n30年来，河北省先后选派10批495名干部人才、11批284名短期援助专业技术人才入藏工作。"
                      "打造4个乡村振兴示范镇和21个“一抓双促”示范镇。天气:8℃/23℃ 晴\n"));
  CHECK(in_series(&r, "10批", "11批", JB_DIM_CATEGORY, "干部人才", "短期援助专业技术人才"));
  CHECK(in_series(&r, "495名", "284名", JB_DIM_CATEGORY, "干部人才", "短期援助专业技术人才"));
  CHECK(in_series(&r, "4个", "21个", JB_DIM_CATEGORY, "乡村振兴示范镇", "“一抓双促”"));
  CHECK(in_series(&r, "8℃", "23℃", JB_DIM_CATEGORY, "低", "高"));
  xrun_free(&r);
}

TEST(extract_series_average_growth_after_levels) {
  srun r;
  CHECK(xrun_text(&r, "工作报告\n城镇居民人均可支配收入达29354元，年均增长8.82%；"
                      "农村居民人均可支配收入达11455元，年均增长3.04%。\n"));
  CHECK(in_series(&r, "29354元", "11455元", JB_DIM_CATEGORY, NULL, NULL));
  CHECK(in_series(&r, "8.82%", "3.04%", JB_DIM_CATEGORY, NULL, NULL));
  xrun_free(&r);
}

/* A measure keeps 对口 and 在建; 16年来 is no part of the noun after it. */
TEST(extract_measure_keeps_nouns_opened_by_a_preposition) {
  srun r;
  CHECK(xrun_text(&r, "协作简讯\n16年来福建省级财政援助资金2.94亿元，对口市县区援助3.35亿元，在建项目12个，"
                      "对外贸易进出口总额5亿元，向灾区捐款300万元。\n"));
  const char *want[][2] = {{"2.94亿元", "福建省级财政援助资金"}, {"3.35亿元", "对口市县区援助"},
                           {"12个", "在建项目"}, {"5亿元", "对外贸易进出口总额"}, {"300万元", "灾区捐款"}};
  for (size_t i = 0; i < 5; i++) {
    const jb_fact *x = xrun_find(&r, want[i][0]);
    if (!x || !x->measure || strcmp(x->measure, want[i][1])) printf("    %s: %s\n", want[i][0], x && x->measure ? x->measure : "?");
    CHECK(x && x->measure && !strcmp(x->measure, want[i][1]));
  }
  xrun_free(&r);
}

/* Changes of both directions are one measure: each fact carries its direction. */
TEST(extract_series_changes_both_ways) {
  srun r;
  CHECK(xrun_text(&r, "统计公报\n第一产业完成增加值30.61亿元，同比增长2.9%；第二产业完成增加值7.56亿元，"
                      "同比下降68.3%；第三产业完成增加值15.44亿元，同比增长8.1%。\n"
                      "与上年相比，第一产业比重提高0.6个百分点，第二产业提高1.3个百分点，第三产业下降了1.9个百分点。"
                      "全年粮食产量提高到9762吨，增速为5%。\n"));
  CHECK(in_series(&r, "2.9%", "68.3%", JB_DIM_CATEGORY, "第一产业", "第二产业"));
  CHECK(in_series(&r, "68.3%", "8.1%", JB_DIM_CATEGORY, NULL, NULL));
  CHECK(in_series(&r, "0.6个百分点", "1.9个百分点", JB_DIM_CATEGORY, "第一产业", "第三产业"));
  const jb_fact *up = xrun_find(&r, "2.9%"), *down = xrun_find(&r, "68.3%"), *pts = xrun_find(&r, "1.9个百分点");
  CHECK(up && up->direction == 1 && up->value == 2.9);
  CHECK(down && down->direction == -1 && down->value == 68.3); /* the size, never signed */
  CHECK(pts && pts->direction == -1);                          /* 下降了 */
  const jb_fact *level = xrun_find(&r, "9762吨"), *rate = xrun_find(&r, "5%"), *gdp = xrun_find(&r, "30.61亿元");
  CHECK(level && level->direction == 0); /* 提高到: a level */
  CHECK(rate && rate->direction == 0);   /* 增速为: no verb of change */
  CHECK(gdp && gdp->direction == 0);
  xrun_free(&r);
}

/* The base said once for a breakdown (比上年增长1.5%；…下降37.5%；…增长0.1%): one series. */
TEST(extract_series_changes_with_the_base_said_once) {
  srun r;
  CHECK(xrun_text(&r, "统计公报\n全年实现生产总值171.08亿元。其中，第一产业增加值61.86亿元，比上年增长1.5%；"
                      "第二产业增加值34.19亿元，下降37.5%；第三产业增加值75.04亿元，增长0.1%。\n"));
  CHECK(in_series(&r, "1.5%", "37.5%", JB_DIM_CATEGORY, "第一产业", "第二产业"));
  CHECK(in_series(&r, "37.5%", "0.1%", JB_DIM_CATEGORY, NULL, NULL));
  xrun_free(&r);
}

/* A breakdown of changes both ways with the base inside each measure (居住同比上涨2.6%,
 * 交通通信同比下降0.1%) and heads up to 8 characters: one series of 8 categories. */
TEST(extract_series_price_breakdown) {
  srun r;
  CHECK(xrun_text(&r, "统计公报\n分类别看，食品烟酒同比下降2.1%，衣着同比下降0.8%，居住同比上涨2.6%，"
                      "生活用品及服务同比下降0.4%，交通通信同比下降0.1%，教育文化娱乐同比上涨0.5%，"
                      "医疗保健同比上涨1.3%，其他用品及服务同比上涨2.9%。\n"));
  CHECK(in_series(&r, "2.1%", "2.9%", JB_DIM_CATEGORY, "食品烟酒", "其他用品及服务"));
  CHECK(in_series(&r, "0.8%", "0.4%", JB_DIM_CATEGORY, "衣着", "生活用品及服务"));
  xrun_free(&r);
}

/* The share's base said once (第一产业增加值占地区生产总值比重为16.6%，第二产业增加值比重为
 * 23.5%，…): one series of three. */
TEST(extract_series_shares_with_the_base_said_once) {
  srun r;
  CHECK(xrun_text(&r, "统计公报\n第一产业增加值占地区生产总值比重为16.6%，第二产业增加值比重为23.5%，"
                      "第三产业增加值比重为59.9%。\n"));
  CHECK(in_series(&r, "16.6%", "23.5%", JB_DIM_CATEGORY, NULL, NULL));
  CHECK(in_series(&r, "23.5%", "59.9%", JB_DIM_CATEGORY, NULL, NULL));
  xrun_free(&r);
}

/* 城镇居民…收入, 农牧民…收入: the categories keep 民 (城镇居民, 农牧民, not 城镇居, 农牧). */
TEST(extract_series_categories_keep_their_word) {
  srun r;
  CHECK(xrun_text(&r, "政府工作报告\n城镇居民人均可支配收入41703元，增长5.7%；农牧民人均可支配收入11516元，增长8.7%。\n"));
  CHECK(in_series(&r, "41703元", "11516元", JB_DIM_CATEGORY, "城镇居民", "农牧民"));
  xrun_free(&r);
}

/* ---- numerals that name (labels) -------------------------------------------------- */

static int is_label(const srun *r, const char *t) {
  const jb_fact *x = xrun_find(r, t);
  return x && x->is_label;
}

TEST(extract_labels_sessions_quarters_ordinal_lists_and_pairings) {
  srun r;
  CHECK(xrun_text(&r, "工作报告\n学习贯彻党的十八届三中、四中、五中全会精神。实施三中分校项目。"
                      "一季度增长9.7%，前三季度增长8.5%。第一、二、三产业增加值分别增长6.2%、5.6%和2.4%。"
                      "福建支持4个对口县民生项目2300万元。促进三次产业融合发展，严格执行环保一票否决制。\n"));
  const char *labels[] = {"三中", "四中", "五中", "一季度", "三季度", "二", "三", "4个", "三次产业", "一票否决"};
  for (size_t i = 0; i < sizeof labels / sizeof *labels; i++) {
    if (!is_label(&r, labels[i])) printf("    not a label: %s\n", labels[i]);
    CHECK(is_label(&r, labels[i]));
  }
  const jb_fact *x = xrun_find(&r, "2300万元"); /* the figure stays a quantity */
  CHECK(x && !x->is_label);
  xrun_free(&r);
}

TEST(extract_labels_a_lists_size_and_the_first_teams) {
  srun r;
  CHECK(xrun_text(&r, "工作报告\n环卫保洁、绿化养护两个PPP项目取得阶段性成果。"
                      "2010年开始的前两批援青期间，我省共安排援青资金8.48亿元。新建学校两所、医院两个。\n"));
  CHECK(is_label(&r, "两个"));
  CHECK(is_label(&r, "两批"));
  const jb_fact *x = xrun_find(&r, "两所"); /* items that hold counts: counts */
  CHECK(x && !x->is_label);
  x = xrun_find(&r, "8.48亿元");
  CHECK(x && !x->is_label);
  x = NULL;
  for (size_t i = 0; i < jb_facts_count(r.f); i++) /* the second 两个 */
    if (!strcmp(jb_facts_get(r.f, i)->text, "两个") && jb_facts_get(r.f, i)->start > 40) x = jb_facts_get(r.f, i);
  CHECK(x && !x->is_label);
  xrun_free(&r);
}
