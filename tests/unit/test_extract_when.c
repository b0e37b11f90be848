/* When a figure holds (session 3 of issue 10): the user's date for a report whose
 * text has none (--doc-date), N年来, spans a report states, comparisons that end
 * at ；, 由A增加到B after a dated pair, years that scope one sentence. Sentences
 * written for the tests in the genre's style. */
#include <stdio.h>
#include <stdlib.h>

#include "extract_run.h"
#include "jbtest.h"
#include "jianbao/extract.h"

typedef xrun wrun;

static const char *period_of(const wrun *r, const char *t) {
  const jb_fact *x = xrun_find(r, t);
  return !x ? "(missing)" : x->period ? x->period : "(none)";
}

static const char *const undated =
    "援藏工作简讯\n工作队到山南一年来，实施项目39个。今年以来，引进企业12家。\n";

TEST(extract_when_user_date_for_an_undated_text) {
  wrun r;
  CHECK(xrun_dated(&r, undated, "2023-08-23"));
  CHECK_STR(jb_facts_doc_date(r.f, 0), "2023-08-23");
  CHECK(jb_facts_doc_date_source(r.f, 0) == JB_DATE_GIVEN);
  CHECK_STR(period_of(&r, "39个"), "2022起"); /* 一年来 in August: since a year before */
  CHECK_STR(period_of(&r, "12家"), "2023");
  char *json = jb_facts_to_json(r.ctx, r.f, (const jb_doc *const *)&r.doc, 1);
  CHECK(json && strstr(json, "\"date\":\"2023-08-23\",\"date_source\":\"given\""));
  jb_free(r.ctx, json);
  xrun_free(&r);
  CHECK(xrun_dated(&r, undated, NULL)); /* without it: no year is guessed */
  CHECK(jb_facts_doc_date(r.f, 0) == NULL && jb_facts_doc_date_source(r.f, 0) != JB_DATE_GIVEN);
  CHECK_STR(period_of(&r, "39个"), "(none)");
  xrun_free(&r);
}

TEST(extract_when_text_date_wins_over_the_users) {
  wrun r;
  CHECK(xrun_dated(&r, "援藏工作简讯\n2024-07-06 09:38 来源：某报\n今年实施项目39个。\n", "2020"));
  CHECK_STR(jb_facts_doc_date(r.f, 0), "2024-07-06");
  CHECK(jb_facts_doc_date_source(r.f, 0) != JB_DATE_GIVEN);
  CHECK_STR(period_of(&r, "39个"), "2024");
  char *json = jb_facts_to_json(r.ctx, r.f, (const jb_doc *const *)&r.doc, 1);
  CHECK(json && strstr(json, "\"date_source\":\"text\""));
  jb_free(r.ctx, json);
  xrun_free(&r);
}

TEST(extract_when_doc_date_is_checked) {
  CHECK(jb_doc_date_valid("2023") && jb_doc_date_valid("2023-08") && jb_doc_date_valid("2024-02-29"));
  CHECK(!jb_doc_date_valid("2023-02-29") && !jb_doc_date_valid("2023-13") && !jb_doc_date_valid("23-08"));
  CHECK(!jb_doc_date_valid("2023/08") && !jb_doc_date_valid("") && !jb_doc_date_valid("2023-08-231"));
}

TEST(extract_when_n_years_since) {
  wrun r;
  CHECK(xrun_dated(&r, "援藏工作简讯\n2022-07-23 10:00 来源：某报\n三年来，援藏干部投入资金12.7亿元。\n", NULL));
  CHECK_STR(period_of(&r, "12.7亿元"), "2019起");
  xrun_free(&r);
  /* a range the report states before gives 16年来 its end */
  CHECK(xrun_dated(&r, "闽宁协作简讯\n2012-10-23 10:31 来源：某报\n1996年到2011年，福建累计援助7.74亿元。\n"
                      "16年来福建省级财政援助资金2.94亿元。\n", NULL));
  CHECK_STR(period_of(&r, "2.94亿元"), "1996-2011");
  xrun_free(&r);
  /* a report of December: 一年来 is this year */
  CHECK(xrun_dated(&r, "工作报告\n2018-12-20 10:00 来源：某报\n一年来，新建学校5所。\n", NULL));
  CHECK_STR(period_of(&r, "5所"), "2018");
  xrun_free(&r);
}

static const char *const review =
    "某区政府工作报告\n——2016年2月19日在某区人民代表大会上\n一、“十二五”时期工作回顾\n"
    "五年来，收入由2010年的5.6亿元增加到2015年的15.07亿元；支出由11.66亿元增加到29.33亿元。"
    "2015年城镇居民收入30788元，比2010年增加13480元；农村居民收入22250元。"
    "新建酒店10家，项目前期工作顺利，道路投资3.5亿元。\n"
    "二、2016年工作安排\n到2017年底前实现贫困人口96户稳定脱贫。提高2600人的生活水平。\n";

TEST(extract_when_years_in_a_review) {
  wrun r;
  CHECK(xrun_dated(&r, review, NULL));
  CHECK_STR(period_of(&r, "11.66亿元"), "2010"); /* the years of the dated pair before */
  CHECK_STR(period_of(&r, "29.33亿元"), "2015");
  CHECK_STR(period_of(&r, "13480元"), "2010-2015"); /* 比2010年 */
  CHECK_STR(period_of(&r, "22250元"), "2015");      /* the comparison ends at ； */
  CHECK_STR(period_of(&r, "10家"), "2011-2015");    /* 2015年 scoped its sentence only */
  CHECK_STR(period_of(&r, "3.5亿元"), "2011-2015"); /* 项目前期 is no 目前 */
  CHECK_STR(period_of(&r, "96户"), "2017");         /* a deadline … */
  CHECK_STR(period_of(&r, "2600人"), "2016");       /* … for its sentence */
  xrun_free(&r);
}

/* ---- series a report writes without 分别 ---------------------------------------------- */

static const jb_fact *wfind(const wrun *r, const char *t) {
  for (size_t i = 0; r->f && i < jb_facts_count(r->f); i++)
    if (!strcmp(jb_facts_get(r->f, i)->text, t)) return jb_facts_get(r->f, i);
  return NULL;
}

/* a and b in one series of dimension dim, labelled la and lb. */
static int same_series(const wrun *r, const char *a, const char *b, jb_series_dim dim, const char *la,
                       const char *lb) {
  const jb_fact *x = wfind(r, a), *y = wfind(r, b);
  if (!x || !y || x->series < 0 || x->series != y->series) return 0;
  if (jb_facts_series(r->f, (size_t)x->series)->dim != dim) return 0;
  return x->series_label && y->series_label && !strcmp(x->series_label, la) && !strcmp(y->series_label, lb);
}

TEST(extract_when_series_of_rows) {
  wrun r;
  CHECK(xrun_dated(&r, "项目简讯\n这些项目包括了城乡住房项目69个，完成投资14.40亿元；社会事业项目38个，"
                      "完成投资3.61亿元；支持产业发展项目22个，完成投资1.30亿元。\n"
                      "地区生产总值增长7.5%，达到309亿元；公共财政预算收入增长5%，达到15.8亿元。\n", NULL));
  CHECK(same_series(&r, "69个", "38个", JB_DIM_CATEGORY, "城乡住房", "社会事业"));
  CHECK(same_series(&r, "14.40亿元", "1.30亿元", JB_DIM_CATEGORY, "城乡住房", "支持产业发展"));
  xrun_free(&r);
  CHECK(xrun_dated(&r, "政府工作报告\n地区生产总值增长7%；固定资产投资增长30.6%；地方一般公共预算收入增长4%；"
                      "全体居民人均可支配收入增长5.7%。\n", NULL));
  const jb_fact *inc = wfind(&r, "4%"); /* two incomes, each a measure of its own, are no categories */
  CHECK(inc && inc->series < 0);
  xrun_free(&r);
  CHECK(xrun_dated(&r, "政府工作报告\n全州完成地区生产总值100.4亿元，同比增长3.2%；全体居民人均可支配收入达到23735元，"
                      "同比增长9.4%；地方公共财政预算收入6.46亿元，同比增长19.5%。\n", NULL));
  const jb_fact *lvl = wfind(&r, "23735元"); /* a level and its rate a row: indicators, not categories */
  CHECK(lvl && lvl->series < 0);
  xrun_free(&r);
  CHECK(xrun_dated(&r, "项目简讯\n这些项目包括了城乡住房项目69个，完成投资14.40亿元；社会事业项目38个，"
                      "完成投资3.61亿元；支持产业发展项目22个，完成投资1.30亿元。\n"
                      "地区生产总值增长7.5%，达到309亿元；公共财政预算收入增长5%，达到15.8亿元。\n", NULL));
  const jb_fact *x = wfind(&r, "309亿元"); /* indicators side by side are no categories */
  CHECK(x && x->series < 0);
  xrun_free(&r);
}

TEST(extract_when_series_of_named_items) {
  wrun r;
  CHECK(xrun_dated(&r, "援青简讯\n累计建成高原美丽城镇12个、高原美丽乡村39个。"
                      "选派291名挂职干部、1764名专技人才到结对县开展帮扶。\n", NULL));
  CHECK(same_series(&r, "12个", "39个", JB_DIM_CATEGORY, "高原美丽城镇", "高原美丽乡村"));
  CHECK(same_series(&r, "291名", "1764名", JB_DIM_CATEGORY, "挂职干部", "专技人才"));
  xrun_free(&r);
}

TEST(extract_when_series_from_to_without_years) {
  wrun r;
  CHECK(xrun_dated(&r, "工作报告\n五年来，地区生产总值从2015年的39.70亿元增长到2020年61.95亿元；"
                      "工业增加值从1.66亿元增长到2.05亿元。\n", NULL));
  CHECK(same_series(&r, "1.66亿元", "2.05亿元", JB_DIM_TIME, "2015", "2020"));
  xrun_free(&r);
}

TEST(extract_when_no_origin_for_the_aided_sides_results) {
  wrun r;
  CHECK(xrun_dated(&r, "山东援疆工作综述\n山东援疆坚持民生援疆，山东省投入援疆资金12亿元。"
                      "助力受援四县打造4个乡村振兴示范镇。山东援疆带动脱贫人口3万人。"
                      "山东援疆协作的喀什地区20个贫困县脱贫摘帽，招商引资协议资金36亿元。"
                      "山东援疆开展义诊巡诊，受益群众达1.6万人。\n", NULL));
  const jb_fact *x = wfind(&r, "12亿元");
  CHECK(x && x->origin && !strcmp(x->origin, "山东省"));
  x = wfind(&r, "3万人"); /* 带动脱贫: the aiding side's work */
  CHECK(x && x->origin && !strcmp(x->origin, "山东省"));
  const char *none[] = {"4个", "20个", "36亿元", "1.6万人"};
  for (size_t i = 0; i < 4; i++) {
    x = wfind(&r, none[i]);
    CHECK(x && !x->origin);
    if (x && x->origin) printf("    %s: origin %s\n", none[i], x->origin);
  }
  xrun_free(&r);
}

/* 将于 dates one event: its clause only, not the results after it. */
TEST(extract_when_dated_future_event_scopes_its_clause) {
  wrun r;
  CHECK(xrun_dated(&r, "援疆工作综述\n2023-08-01 来源：喀什日报\n地区中医院将于今年10月1日前开诊，"
                      "两所县级医院新建病房大楼投入使用，今年将实现6所妇幼保健院达标。\n", NULL));
  const jb_fact *x = wfind(&r, "两所");
  CHECK(x && x->status == JB_STATUS_ACTUAL);
  x = wfind(&r, "6所"); /* 将实现: a goal */
  CHECK(x && x->status == JB_STATUS_TARGET);
  xrun_free(&r);
}

/* 如今…已 sums up since the report's latest 以来; a multiple after 是 is the level's. */
TEST(extract_when_stock_so_far_and_multiples_of_a_level) {
  wrun r;
  CHECK(xrun_dated(&r, "闽宁协作综述\n2012年5月\n1996年以来，两省区坚持联席会议制度。\n"
                      "如今，福建已在西海固地区援建卫生院303个。如今宁夏有4万多名劳动力在福建务工。\n"
                      "2011年农村居民人均纯收入达到5410元，同比增长12.7%；是2005年2100元的2.58倍。\n", NULL));
  CHECK_STR(period_of(&r, "303个"), "1996起");
  CHECK_STR(period_of(&r, "4万多名"), "2012"); /* no 已: now */
  CHECK_STR(period_of(&r, "2.58倍"), "2011");
  CHECK_STR(period_of(&r, "2100元"), "2005"); /* the base keeps its year */
  xrun_free(&r);
}

static const char *as_of_of(const wrun *r, const char *t) {
  const jb_fact *x = wfind(r, t);
  return !x ? "(missing)" : x->as_of ? x->as_of : "(none)";
}

/* A batch's totals (第七批…共安排, its 其中 parts) cover its whole term: no year, the
 * report's date as their cut-off; a year stated in the sentence keeps its total. */
TEST(extract_when_batch_totals_have_no_year) {
  wrun r;
  CHECK(xrun_dated(&r, "湖北援藏简讯\n2015年1月14日从拉萨传来喜讯，我省第七批援藏干部人才在刚刚过去的一年里"
                      "克服困难，取得新突破。\n我省第七批援藏共安排计划内资金2.945亿元，实施项目共计42个。"
                      "2014年已完成投资2.4亿元。\n2014年，第七批援藏共争取资金1.2亿元。\n"
                      "第七批援藏干部人才共计68名，其中党政干部21名。\n", NULL));
  CHECK_STR(period_of(&r, "2.945亿元"), "(none)");
  CHECK_STR(as_of_of(&r, "2.945亿元"), "2015-01-14");
  CHECK_STR(period_of(&r, "42个"), "(none)");
  CHECK_STR(period_of(&r, "21名"), "(none)"); /* a part of the batch */
  CHECK_STR(as_of_of(&r, "21名"), "2015-01-14");
  CHECK_STR(period_of(&r, "2.4亿元"), "2014");
  CHECK_STR(period_of(&r, "1.2亿元"), "2014"); /* 2014年 in its sentence */
  CHECK_STR(as_of_of(&r, "1.2亿元"), "(none)");
  xrun_free(&r);
}

/* 自…开展以来 with no year: so far, from an unstated start; a year later resets it. */
TEST(extract_when_since_an_undated_start) {
  wrun r;
  CHECK(xrun_dated(&r, "东西部扶贫协作简讯\n2019-07-22 01:32 中国新闻网\n"
                      "自东西部扶贫协作开展以来，4市累计选派291名挂职干部到甘肃开展帮扶。"
                      "甘肃省也先后选派529名挂职干部到4市交流学习。2018年，4市投入帮扶资金19.79亿元。\n",
                      NULL));
  CHECK_STR(period_of(&r, "291名"), "(none)");
  CHECK_STR(as_of_of(&r, "291名"), "2019-07-22");
  CHECK_STR(period_of(&r, "529名"), "(none)"); /* the paragraph's frame */
  CHECK_STR(period_of(&r, "19.79亿元"), "2018");
  xrun_free(&r);
}

/* 累计 in a paragraph that only a news lead's year scopes: a total beyond that year;
 * 上半年累计 is the year's so far. */
TEST(extract_when_totals_under_a_lead_year) {
  wrun r;
  CHECK(xrun_dated(&r, "援藏简讯\n2024-01-18 09:00 来源：林芝日报\n"
                      "2022年6月27日，广东省第十批援藏工作队170名干部人才抵达西藏林芝开展对口援藏工作。\n"
                      "工作队累计举办各类培训班22场次，培训林芝干部2600余人次。\n", NULL));
  CHECK_STR(period_of(&r, "22场次"), "(none)");
  CHECK_STR(as_of_of(&r, "22场次"), "2024-01-18");
  xrun_free(&r);
  CHECK(xrun_dated(&r, "兵团援疆简讯\n2013-07-25 来源：兵团日报\n今年上半年，新疆兵团共有196个援疆项目开工建设，"
                      "开工率为98.5%，到位援助资金9.53亿元，占年度援助资金的57.8%。\n城乡住房项目69个，上半年累计完成投资14.40亿元；社会事业项目38个，"
                      "累计完成投资3.61亿元。\n", NULL));
  CHECK_STR(period_of(&r, "3.61亿元"), "2013");
  xrun_free(&r);
}

/* 总投资30亿元的…项目: a project's size, no period; 当年完成投资 is the year's. A
 * lead's 自1994年…以来 (long) is a start; one event under it has no year. */
TEST(extract_when_project_sizes_and_events) {
  wrun r;
  CHECK(xrun_dated(&r, "政府工作报告\n——2016年2月19日在海拉尔区第十四届人民代表大会第五次会议上\n"
                      "一、2015年工作回顾\n总投资30亿元的商贸综合体项目当年完成投资6.1亿元。\n", NULL));
  CHECK_STR(period_of(&r, "30亿元"), "(none)");
  CHECK_STR(as_of_of(&r, "30亿元"), "(none)");
  CHECK_STR(period_of(&r, "6.1亿元"), "2015");
  xrun_free(&r);
  CHECK(xrun_dated(&r, "河北援藏\n2024-07-06 19:33:31\n自1994年中央第三次西藏工作座谈会作出“分片负责、"
                      "对口支援、定期轮换”重大决策以来，河北省对口支援阿里，成效显著。\n"
                      "产业援藏\n在日土县羊绒竞拍现场，本次活动共拍卖羊绒40.18吨，竞拍额达1298万元。\n",
                      NULL));
  CHECK_STR(period_of(&r, "40.18吨"), "(none)");
  CHECK_STR(period_of(&r, "1298万元"), "(none)");
  xrun_free(&r);
}

/* A bare 截至年底 is never a date still to come: the year stated earlier in its
 * sentence, else the year before a report written before December. */
TEST(extract_when_year_end_cutoff) {
  wrun r;
  CHECK(xrun_dated(&r, "援疆简讯\n发布时间:2015-02-09 05:26:41\n2014年，兵团共安排援疆项目187个，截至年底，"
                      "累计完成投资48.2亿元。\n去年各项工作进展顺利，截至年底，到位资金15.3亿元。\n", NULL));
  CHECK_STR(as_of_of(&r, "48.2亿元"), "2014-12");
  CHECK_STR(as_of_of(&r, "15.3亿元"), "2014-12");
  xrun_free(&r);
  CHECK(xrun_dated(&r, "工作简讯\n2023-12-28 来源：日报\n截至年底，全县累计建成通村公路120公里。\n", NULL));
  CHECK_STR(as_of_of(&r, "120公里"), "2023-12");
  xrun_free(&r);
}

/* 由2019年的A变化为2020年的B: B and what follows are 2020's (为…年的 names a
 * multiple's base only before 倍); a year written 2021 年 (a converted PDF) is a year. */
TEST(extract_when_level_after_wei_and_spaced_year) {
  wrun r;
  CHECK(xrun_dated(&r, "某县统计公报\n2021-03-02 来源：统计局\n产业结构由2019年的30.5:17.2:52.3变化为2020年的"
                      "32.0:18.5:49.5，人均生产总值29932元。收入达14598元，是2010年的2.18倍。\n"
                      "2018 年，全县粮食产量12万吨。\n", NULL));
  CHECK_STR(period_of(&r, "29932元"), "2020");
  CHECK_STR(period_of(&r, "32.0"), "2020");
  CHECK_STR(period_of(&r, "30.5"), "2019");
  CHECK_STR(period_of(&r, "12万吨"), "2018");
  int spaced = 0;
  for (size_t i = 0; i < jb_facts_count(r.f); i++) {
    const jb_fact *x = jb_facts_get(r.f, i);
    spaced += !strcmp(x->text, "2018 年") && x->kind == JB_KIND_YEAR && !x->is_label;
  }
  CHECK(spaced == 1);
  xrun_free(&r);
}

/* A work report dated only by its title's year: heard early in that year (今年 is
 * that year) but its date says no month the text does not give. */
TEST(extract_when_title_year_only) {
  wrun r;
  CHECK(xrun_dated(&r, "2025年湟源县政府工作报告\n各位代表：\n今年全县计划实施项目30个。过去一年完成投资12亿元。\n", NULL));
  CHECK_STR(jb_facts_doc_date(r.f, 0), "2025");
  CHECK_STR(period_of(&r, "30个"), "2025");
  xrun_free(&r);
}

/* A text with no dateline: the first date near its top is taken for 今年 and marked
 * inferred (the cover says so); a decimal (5072.95万元) is no publication stamp. */
TEST(extract_when_inferred_date) {
  wrun r;
  CHECK(xrun_dated(&r, "援藏工作成效\n两年来，工作队在多领域结出硕果。\n研究中心总投资5072.95万元，该项目于2024年4月20日开工，"
                      "截至目前，已到位资金4500万元，包含援藏资金3000万元，为项目顺利开展提供重大帮助。\n", NULL));
  CHECK_STR(jb_facts_doc_date(r.f, 0), "2024-04-20");
  CHECK(jb_facts_doc_date_source(r.f, 0) == JB_DATE_INFERRED);
  char *json = jb_facts_to_json(r.ctx, r.f, (const jb_doc *const *)&r.doc, 1);
  CHECK(json && strstr(json, "\"date_source\":\"inferred\""));
  jb_free(r.ctx, json);
  xrun_free(&r);
  CHECK(xrun_dated(&r, "简讯\n2024-03-31 09:38 来源：日报\n今年完成投资3亿元。\n", NULL));
  CHECK(jb_facts_doc_date_source(r.f, 0) == JB_DATE_TEXT);
  xrun_free(&r);
}

/* Reports extracted together (pack): a bare 截至年底 never takes its year from the
 * report before it (doc 1's 2009年 ended before doc 2's 截至 in doc 2's offsets). */
TEST(extract_when_year_end_cutoff_stays_in_its_report) {
  jb_ctx *ctx = jb_ctx_new();
  jb_ingest_opts o = JB_INGEST_DEFAULTS;
  snprintf(o.doc_date, sizeof o.doc_date, "2015-02-09");
  const char *a = "简讯\n2009年，建成项目5个。\n";
  const char *b = "兵团各师市援疆工作进展顺利，各项目稳步推进，截至年底，累计完成投资48.2亿元。\n";
  jb_doc *d[2] = {NULL, NULL};
  CHECK_INT(jb_doc_from_text(ctx, "a.txt", a, strlen(a), &o, &d[0]), JB_OK);
  CHECK_INT(jb_doc_from_text(ctx, "b.txt", b, strlen(b), &o, &d[1]), JB_OK);
  jb_facts *f = jb_extract(ctx, (const jb_doc *const *)d, 2);
  CHECK(f != NULL);
  const jb_fact *x = NULL;
  for (size_t i = 0; f && i < jb_facts_count(f); i++)
    if (!strcmp(jb_facts_get(f, i)->text, "48.2亿元")) x = jb_facts_get(f, i);
  CHECK(x != NULL);
  if (x) CHECK_STR(x->as_of ? x->as_of : "(none)", "2014-12"); /* written in February: last year's end */
  jb_facts_free(f);
  jb_doc_free(d[0]), jb_doc_free(d[1]);
  jb_ctx_free(ctx);
}

/* A statistics bulletin with no date of its own: published the year after the one it
 * reviews, an assumption the date's source says (the cover then says 未注明日期). */
TEST(extract_when_bulletin_year_assumed) {
  wrun r;
  CHECK(xrun_dated(&r, "吐鲁番市2021年国民经济和社会发展统计公报\n全年地区生产总值366亿元。\n", NULL));
  CHECK_STR(jb_facts_doc_date(r.f, 0), "2022");
  CHECK(jb_facts_doc_date_source(r.f, 0) == JB_DATE_ASSUMED);
  char *json = jb_facts_to_json(r.ctx, r.f, (const jb_doc *const *)&r.doc, 1);
  CHECK(json && strstr(json, "\"date_source\":\"assumed\""));
  jb_free(r.ctx, json);
  xrun_free(&r);
}
