/* What each number means (issue 10): status, periods from the report's date and
 * sections, cut-offs, place roles, series dimensions, and the numbers without
 * digits. Sentences written for the tests in the genre's style. */
#include <stdio.h>
#include <stdlib.h>

#include "extract_run.h"
#include "jbtest.h"
#include "jianbao/extract.h"

typedef xrun mrun;

static const char *str_or(const char *s) { return s ? s : "(none)"; }
#define FIELD(r, t, field) str_or(xrun_find(r, t) ? xrun_find(r, t)->field : NULL)
static const char *status_of(const mrun *r, const char *t) {
  const jb_fact *x = xrun_find(r, t);
  return x ? str_or(jb_status_name(x->status)) : "(missing)";
}

static const char *const report =
    "某市政府工作报告\n"
    "——2026年1月20日在某市第十届人民代表大会第五次会议上\n"
    "一、2025年工作回顾\n"
    "全年完成固定资产投资2125亿元，增长8.1%。城镇和农村居民人均可支配收入分别增长6.0%和7.4%。"
    "农村居民人均可支配收入从2021年的16503元提高到23184元。\n"
    "二、2026年主要预期目标\n"
    "地区生产总值增长7%左右；力争完成投资2440亿元以上；确保完成固定资产投资220亿元。"
    "预计明年新增就业1.2万人。\n";

TEST(extract_meaning_status_from_cues_and_sections) {
  mrun r;
  CHECK(xrun_text(&r, report));
  CHECK_STR(status_of(&r, "2125亿元"), "actual");
  CHECK_STR(status_of(&r, "2440亿元以上"), "target");
  CHECK(xrun_find(&r, "2440亿元以上")->qualifier == JB_Q_AT_LEAST); /* a target keeps 以上 */
  CHECK_STR(status_of(&r, "220亿元"), "target");
  CHECK_STR(status_of(&r, "7%左右"), "target"); /* no cue: the section sets out goals */
  CHECK_STR(status_of(&r, "1.2万人"), "estimate");
  CHECK_STR(status_of(&r, "2025年"), "(none)"); /* years and dates have none */
  xrun_free(&r);
}

TEST(extract_meaning_periods_from_structure) {
  mrun r;
  CHECK(xrun_text(&r, report));
  CHECK_STR(jb_facts_doc_date(r.f, 0), "2026-01-20");
  CHECK_STR(FIELD(&r, "2125亿元", period), "2025");  /* the review section's year */
  CHECK_STR(FIELD(&r, "8.1%", period), "2025");
  CHECK_STR(FIELD(&r, "16503元", period), "2021");   /* 从A: its own year */
  CHECK_STR(FIELD(&r, "23184元", period), "2025");   /* 提高到B: the current period */
  CHECK_STR(FIELD(&r, "2440亿元以上", period), "2026");
  CHECK_STR(FIELD(&r, "1.2万人", period), "2027");   /* 明年 */
  xrun_free(&r);
}

TEST(extract_meaning_series_dimensions) {
  mrun r;
  CHECK(xrun_text(&r, report));
  const jb_fact *a = xrun_find(&r, "6.0%"), *b = xrun_find(&r, "7.4%");
  CHECK(a && b && a->series >= 0 && a->series == b->series);
  if (a && a->series >= 0) {
    CHECK(jb_facts_series(r.f, (size_t)a->series)->dim == JB_DIM_CATEGORY); /* never a year */
    CHECK_STR(str_or(a->series_label), "城镇");
    CHECK_STR(str_or(b->series_label), "农村");
  }
  a = xrun_find(&r, "16503元"), b = xrun_find(&r, "23184元");
  CHECK(a && b && a->series >= 0 && a->series == b->series);
  if (a && a->series >= 0) {
    CHECK(jb_facts_series(r.f, (size_t)a->series)->dim == JB_DIM_TIME);
    CHECK_STR(str_or(a->series_label), "2021");
    CHECK_STR(str_or(b->series_label), "2025");
  }
  xrun_free(&r);
}

TEST(extract_meaning_year_and_place_series) {
  mrun r;
  CHECK(xrun_text(&r, "2022年至2024年分别安排项目50个、44个、79个。"
                      "城关区、达孜区和林周县分别投入资金1.26亿元、9800万元和8650万元。"));
  const jb_fact *x = xrun_find(&r, "44个"), *y = xrun_find(&r, "9800万元");
  CHECK(x && x->series >= 0 && jb_facts_series(r.f, (size_t)x->series)->dim == JB_DIM_TIME);
  CHECK_STR(FIELD(&r, "44个", series_label), "2023");
  CHECK(y && y->series >= 0 && jb_facts_series(r.f, (size_t)y->series)->dim == JB_DIM_PLACE);
  CHECK_STR(FIELD(&r, "9800万元", series_label), "达孜区");
  xrun_free(&r);
}

TEST(extract_meaning_cutoffs) {
  mrun r;
  CHECK(xrun_text(&r, "援藏工作综述\n2024-08-05 10:30 来源：某报\n"
                      "截至7月底，累计到位资金14.58亿元。全年安排资金20亿元。"
                      "截至目前，已开工项目35个。截至2023年底，累计投入25亿元。"));
  CHECK_STR(FIELD(&r, "14.58亿元", as_of), "2024-07");
  CHECK_STR(FIELD(&r, "20亿元", as_of), "(none)");     /* a whole year has no cut-off */
  CHECK_STR(FIELD(&r, "35个", as_of), "2024-08-05");   /* 截至目前: the report's date */
  CHECK_STR(FIELD(&r, "25亿元", as_of), "2023-12");
  CHECK_STR(jb_facts_doc_date(r.f, 0), "2024-08-05");
  xrun_free(&r);
}

TEST(extract_meaning_place_roles) {
  mrun r;
  CHECK(xrun_text(&r, "深圳援疆工作综述\n"
                      "深圳市、珠海市、汕头市对口支援喀什地区，安排援疆资金12亿元，实施项目86个。"
                      "深圳援建的疏附县产业园引进企业23家。座谈会在乌鲁木齐召开，会议部署项目15个。"
                      "山南地区实施援藏项目42个。"));
  CHECK_STR(FIELD(&r, "12亿元", place), "喀什地区");   /* not the first aiding city */
  CHECK_STR(FIELD(&r, "86个", place), "喀什地区");
  CHECK(strcmp(FIELD(&r, "12亿元", origin), "(none)") && strcmp(FIELD(&r, "12亿元", origin), "喀什地区"));
  CHECK(strcmp(FIELD(&r, "15个", place), "乌鲁木齐市")); /* a meeting's venue is not the place */
  CHECK_STR(FIELD(&r, "42个", place), "山南市");
  CHECK_STR(FIELD(&r, "42个", place_src), "山南地区"); /* the name the source uses */
  xrun_free(&r);
}

/* A county's own bulletin names its region more often than itself (按照自治区党委…);
 * its figures are the county's. An aid report's title opening with the aiding
 * province leaves the place to the text. */
TEST(extract_meaning_title_place) {
  mrun r;
  CHECK(xrun_text(&r, "沙雅县2020年国民经济和社会发展统计公报\n"
                      "按照自治区党委部署，落实自治区各项政策，自治区下达的任务全面完成。"
                      "全年实现地方生产总值858828万元，比上年增长7.5%。\n"));
  CHECK_STR(FIELD(&r, "858828万元", place), "沙雅县");
  xrun_free(&r);
  CHECK(xrun_text(&r, "新疆生产建设兵团第二师铁门关市2022年国民经济和社会发展统计公报\n"
                      "兵团党委部署的各项任务全面完成，兵团下达的指标全部实现。全年生产总值171.08亿元。\n"));
  CHECK_STR(FIELD(&r, "171.08亿元", place), "铁门关市"); /* the most specific place opening the title */
  xrun_free(&r);
  CHECK(xrun_text(&r, "2021 年海南州国民经济和社会发展统计公报\n按照省委部署，青海省各项任务完成。"
                      "全州生产总值193.61亿元。\n"));
  CHECK_STR(FIELD(&r, "193.61亿元", place), "海南藏族自治州");
  xrun_free(&r);
  CHECK(xrun_text(&r, "2025年湟源县政府工作报告\n一、2024年工作回顾\n过去的一年，习近平总书记再次亲临青海考察，"
                      "我们在省委省政府坚强领导下，交出了满意答卷，地区生产总值增长7%。\n"));
  CHECK_STR(FIELD(&r, "7%", place), "湟源县"); /* the province named before is context in a county's report */
  xrun_free(&r);
  CHECK(xrun_text(&r, "2022年和政县国民经济和社会发展统计公报\n全县地区生产总值341881万元。\n"));
  CHECK_STR(FIELD(&r, "341881万元", place), "和政县"); /* a county the gazetteer lacks, as its title names it */
  xrun_free(&r);
  CHECK(xrun_text(&r, "广东省2023年援藏工作统计公报\n林芝市实施援藏项目42个，完成投资8亿元。\n"));
  CHECK_STR(FIELD(&r, "42个", place), "林芝市");
  xrun_free(&r);
}

/* The parts of a planned whole are planned; a headline restating a planned figure
 * is no result. */
TEST(extract_meaning_parts_of_a_plan) {
  mrun r;
  CHECK(xrun_text(&r, "17.56亿元援疆资金助力地区发展\n2023-04-20 来源：日报\n"
                      "近日，省发改委下达2023年度援疆项目实施计划，阿克苏地区计划实施援疆项目370个，安排援疆资金17.56亿元。\n"
                      "其中：智力支援类项目58个，安排援疆资金0.87亿元；产业支援类项目98个，安排援疆资金4.62亿元。\n"
                      "去年完成援疆项目300个。其中，已建成200个。\n"));
  CHECK_STR(status_of(&r, "58个"), "target");
  CHECK_STR(status_of(&r, "4.62亿元"), "target");
  CHECK_STR(status_of(&r, "300个"), "actual");
  CHECK_STR(status_of(&r, "200个"), "actual");
  const jb_fact *head = xrun_find(&r, "17.56亿元"); /* the headline's, first in the text */
  CHECK(head && head->status == JB_STATUS_TARGET);
  xrun_free(&r);
}

/* 两年内互访医疗教育专家超1600人次: the span's tail (内) is not the measure's head. */
TEST(extract_meaning_measure_after_a_span) {
  mrun r;
  CHECK(xrun_text(&r, "援青简讯\n2025-07-01 来源：日报\n开展人才交流，两年内互访医疗教育专家超1600人次，三年来培训干部300名。\n"));
  CHECK_STR(FIELD(&r, "超1600人次", measure), "互访医疗教育专家");
  CHECK_STR(FIELD(&r, "300名", measure), "培训干部");
  xrun_free(&r);
}

/* A figure's number glued to the year its caption opens with (图3 2023年… copied as
 * 32023年…) is no quantity. */
TEST(extract_meaning_caption_numbers) {
  mrun r;
  CHECK(xrun_text(&r, "某区统计公报\n全年生产总值100亿元。\n32023年某区居民消费价格月度涨跌幅度\n"
                      "12019年-2023年某区生产总值及增长速度\n全年新增就业3000人。\n"));
  const jb_fact *a = xrun_find(&r, "32023年"), *b = xrun_find(&r, "12019年-2023年");
  CHECK(a && a->is_label);
  CHECK(b && b->is_label);
  CHECK_STR(status_of(&r, "3000人"), "actual");
  xrun_free(&r);
}

/* 生产总值〔2〕332亿元: the bracketed number calls a note; the figure keeps its measure. */
TEST(extract_meaning_note_calls) {
  mrun r;
  CHECK(xrun_text(&r, "2020年某市统计公报\n初步核算，全年第一师阿拉尔市生产总值〔2〕332亿元，比上年增长6.2%。\n"));
  const jb_fact *call = xrun_find(&r, "2");
  CHECK(call && call->is_label);
  CHECK_STR(FIELD(&r, "332亿元", measure), "第一师阿拉尔市生产总值");
  xrun_free(&r);
}

/* 广东省（含深圳市）已累计投入援疆资金: the bracket includes 深圳 in the actor; it is not
 * where the money went. */
TEST(extract_meaning_bracketed_inclusion) {
  mrun r;
  CHECK(xrun_text(&r, "广东援疆综述\n2025-08-01 来源：民生周刊\n“十四五”以来，广东省（含深圳市）已累计投入援疆资金逾163.9亿元。\n"));
  CHECK(strcmp(FIELD(&r, "逾163.9亿元", place), "深圳市"));
  xrun_free(&r);
}

/* 预计…将突破: the modal after 预计 is the forecast's; 将 alone is a goal. */
TEST(extract_meaning_forecast_modal) {
  mrun r;
  CHECK(xrun_text(&r, "药业简讯\n2023-06-26 来源：网\n预计2023年销售额将突破2000万元。明年产量将达到500吨。\n"));
  CHECK_STR(status_of(&r, "突破2000万元"), "estimate");
  CHECK_STR(status_of(&r, "500吨"), "target");
  xrun_free(&r);
  CHECK(xrun_text(&r, "援疆简讯\n2021-01-08 来源：网\n黑木耳基地占地面积2万多平方米，达产后可实现年产值1500万元。\n"));
  CHECK_STR(status_of(&r, "1500万元"), "estimate"); /* a prospect, not a result */
  xrun_free(&r);
}

/* 民和县 is the everyday name of 民和回族土族自治县, not a former one: no 今 beside it. */
TEST(extract_meaning_short_county_names) {
  mrun r;
  CHECK(xrun_text(&r, "民和县2023年国民经济和社会发展统计公报\n全年地区生产总值121.5亿元。\n"));
  CHECK_STR(FIELD(&r, "121.5亿元", place), "民和回族土族自治县");
  CHECK_STR(FIELD(&r, "121.5亿元", place_src), "(none)");
  xrun_free(&r);
}

TEST(extract_meaning_numbers_without_digits) {
  mrun r;
  CHECK(xrun_text(&r, "农村居民收入连续十五年保持两位数增长\n"
                      "粮食产量突破百万吨，带动上万人就业，建成数十个合作社，贫困人口清零。"
                      "落实“28+10”项措施，援藏十多年来成效显著，从24日起在拉萨召开会议。\n"));
  const jb_fact *x = xrun_find(&r, "两位数");
  CHECK(x && x->kind == JB_KIND_PERCENT && x->value == 10 && x->qualifier == JB_Q_AT_LEAST);
  x = xrun_find(&r, "十五年");
  CHECK(x && !x->is_label && x->value == 15 && !strcmp(x->unit, "年")); /* a headline's count */
  x = xrun_find(&r, "突破百万吨");
  CHECK(x && x->value == 1e6 && x->qualifier == JB_Q_MORE_THAN && !strcmp(x->unit, "吨"));
  x = xrun_find(&r, "上万人");
  CHECK(x && x->value == 1e4 && x->qualifier == JB_Q_AT_LEAST);
  x = xrun_find(&r, "数十个");
  CHECK(x && x->value == 10 && x->qualifier == JB_Q_AT_LEAST);
  x = xrun_find(&r, "清零");
  CHECK(x && x->value == 0 && !x->is_label);
  x = xrun_find(&r, "“28+10”项");
  CHECK(x && x->value == 38 && x->kind == JB_KIND_COUNT && !x->is_label);
  x = xrun_find(&r, "十多年");
  CHECK(x && x->value == 10 && x->qualifier == JB_Q_MORE_THAN && !x->is_label);
  x = xrun_find(&r, "24日");
  CHECK(x && x->kind == JB_KIND_DATE && !strcmp(x->date, "XXXX-XX-24"));
  xrun_free(&r);
}

TEST(extract_meaning_enumerations_are_labels) {
  mrun r;
  CHECK(xrun_text(&r, "2026年某市政府工作报告\n全力抓好四件大事，做好五个方面工作，出台十二条措施，"
                      "编制第十五个五年规划，统筹八个方面工作。新建学校5所。\n"));
  const char *labels[] = {"2026年", "四件", "五个", "十二条", "五年", "八个"};
  for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
    const jb_fact *x = xrun_find(&r, labels[i]);
    CHECK(x && x->is_label);
    if (!x || !x->is_label) printf("    not a label: %s\n", labels[i]);
  }
  CHECK(xrun_find(&r, "5所") && !xrun_find(&r, "5所")->is_label);
  xrun_free(&r);
}

TEST(extract_meaning_no_date_no_guess) {
  mrun r;
  CHECK(xrun_text(&r, "援藏工作简讯\n今年实施项目12个，去年投入资金3亿元。\n"));
  CHECK_STR(FIELD(&r, "12个", period), "(none)");  /* 今年 of an undated report: unknown */
  CHECK_STR(FIELD(&r, "3亿元", period), "(none)");
  CHECK(jb_facts_doc_date(r.f, 0) == NULL);
  int warned = 0;
  for (size_t i = 0; i < jb_ctx_warning_count(r.ctx); i++)
    warned |= strstr(jb_ctx_warning(r.ctx, i), "no date") != NULL;
  CHECK(warned);
  xrun_free(&r);
}
