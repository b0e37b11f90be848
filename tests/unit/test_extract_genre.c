/* Extraction on the constructions of other 对口支援 reports (援疆, 闽宁, 援藏 in
 * other prefectures): sentences written for the tests. */
#include <stdio.h>
#include <stdlib.h>

#include "extract_run.h"
#include "jbtest.h"
#include "jianbao/extract.h"

typedef xrun grun;

static const char *place_of(const grun *r, const char *t) {
  const jb_fact *x = xrun_find(r, t);
  return x && x->place ? x->place : "(none)";
}

static const char *period_of(const grun *r, const char *t) {
  const jb_fact *x = xrun_find(r, t);
  return x && x->period ? x->period : "(none)";
}

TEST(extract_genre_spans_and_units) {
  grun r;
  CHECK(xrun_text(&r, "开展手术1860台次，务工人员月收入2500元至3500元，收入增长了35倍多，"
                      "中考平均分提高12.5分，十分重要，三分之一，累计选派十批共计1100余名干部。"));
  const jb_fact *x = xrun_find(&r, "1860台次");
  CHECK(x && !strcmp(x->unit, "台次"));
  x = xrun_find(&r, "2500元至3500元");
  CHECK(x && x->value_type == JB_VALUE_RANGE && x->lo == 2500 && x->hi == 3500);
  x = xrun_find(&r, "35倍多");
  CHECK(x && x->qualifier == JB_Q_MORE_THAN && x->value == 35);
  x = xrun_find(&r, "12.5分");
  CHECK(x && !strcmp(x->unit, "分") && x->kind == JB_KIND_OTHER);
  CHECK(!xrun_find(&r, "十分") && !xrun_find(&r, "三分"));
  x = xrun_find(&r, "十批");
  CHECK(x && x->value == 10 && x->kind == JB_KIND_COUNT && !x->is_label);
  xrun_free(&r);
}

TEST(extract_genre_labels) {
  grun r;
  CHECK(xrun_text(&r, "一、援疆资金和项目\n重点支持47团、224团等团场，为五县培训乡村医生430人次，"
                      "萨迦、拉孜两县新建农田4.2万亩，净土健康产业园一期已投产。"));
  const char *labels[] = {"一", "47团", "224团", "五县", "两县", "一期"};
  for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
    const jb_fact *x = xrun_find(&r, labels[i]);
    CHECK(x && x->is_label);
  }
  CHECK(xrun_find(&r, "430人次") && !xrun_find(&r, "430人次")->is_label);
  xrun_free(&r);
}

TEST(extract_genre_places_in_other_regions) {
  grun r;
  CHECK(xrun_text(&r, "北京援疆和田指挥部工作报告\n"
                      "北京市安排和田地区援疆资金21.7亿元。"
                      "北京援建的洛浦县北京工业园区入驻企业62家。"
                      "于田县、策勒县、民丰县分别建成示范点6个、5个和4个。"
                      "为墨玉、洛浦两县建设幼儿园17所。"
                      "选派和田干部赴北京培训46批次，引进北京企业23家。"));
  CHECK_STR(place_of(&r, "21.7亿元"), "和田地区");
  CHECK_STR(place_of(&r, "62家"), "洛浦县");   /* 北京 starts an institution's name */
  CHECK_STR(place_of(&r, "6个"), "于田县");    /* 分别 distributes the places */
  CHECK_STR(place_of(&r, "5个"), "策勒县");
  CHECK_STR(place_of(&r, "4个"), "民丰县");
  CHECK_STR(place_of(&r, "17所"), "和田地区"); /* a list stands for its prefecture */
  CHECK_STR(place_of(&r, "46批次"), "北京市"); /* destination */
  CHECK_STR(place_of(&r, "23家"), "和田地区"); /* 北京企业 is an origin */
  xrun_free(&r);
}

TEST(extract_genre_province_wide_report) {
  grun r;
  CHECK(xrun_text(&r, "闽宁协作工作总结\n全年福建省投入财政援助资金5.18亿元，助力宁夏发展。"
                      "宁夏各族群众赴闽旅游约5.6万人次。宁夏农村劳动力赴福建务工2.1万人。"
                      "在泾源县建成肉牛基地，存栏2.6万头。宁夏推广菌草3000亩。"));
  CHECK_STR(place_of(&r, "5.18亿元"), "宁夏回族自治区");
  CHECK_STR(place_of(&r, "约5.6万人次"), "福建省");
  CHECK_STR(place_of(&r, "2.1万人"), "福建省");
  CHECK_STR(place_of(&r, "2.6万头"), "泾源县");
  xrun_free(&r);
}

TEST(extract_genre_periods) {
  grun r;
  CHECK(xrun_text(&r, "日喀则2023年12月28日电\n今年完成植树造林1.8万亩。\n"
                      "“十四五”以来，累计投入资金25亿元。\n"
                      "“十四五”前三年，累计安排资金33.6亿元。\n"
                      "自1995年对口支援日喀则地区以来，累计选派干部1100余名。\n"
                      "2023年，本科上线率达92.3%，较2022年提高6.8个百分点。结对村居100对。\n"));
  CHECK_STR(period_of(&r, "1.8万亩"), "2023");
  CHECK_STR(period_of(&r, "25亿元"), "2021起");
  CHECK_STR(period_of(&r, "33.6亿元"), "2021-2023");
  CHECK_STR(period_of(&r, "1100余名"), "1995起");
  CHECK_STR(period_of(&r, "6.8个百分点"), "2022-2023");
  CHECK_STR(period_of(&r, "100对"), "2023"); /* 较2022年 holds for its sentence only */
  xrun_free(&r);
}

TEST(extract_genre_series_members_share_kind) {
  grun r;
  CHECK(xrun_text(&r, "2021年至2023年，赴区外就业分别为186人、243人、317人，3年累计746人。"));
  CHECK_STR(period_of(&r, "186人"), "2021");
  CHECK_STR(period_of(&r, "317人"), "2023");
  const jb_fact *x = xrun_find(&r, "3年");
  CHECK(x && x->series < 0);
  xrun_free(&r);
}
