/* Titles and citations a reader can resolve: a document without a title line gets
 * one composed from its subject, place and years (广东省第十批援藏工作队工作情况
 * （2022—2024年）), never its file name; a citation names the document's short title
 * and paragraph (《广东省第十批援藏工作队对口…》第22段). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose/digest_imp.h"

/* The years the document's facts speak of. */
static int years(const jb_digest_input *in, size_t doc, long *lo, long *hi) {
  int any = 0;
  for (size_t i = 0; i < jb_facts_count(in->facts); i++) {
    const jb_fact *f = jb_dg_fact(in, i);
    if (f->doc != doc || f->is_label) continue;
    long y0 = 0, y1 = 0;
    if (f->kind == JB_KIND_YEAR && f->value_type == JB_VALUE_NUMBER) y0 = y1 = (long)f->value;
    else if (f->kind == JB_KIND_YEAR && f->value_type == JB_VALUE_RANGE) y0 = (long)f->lo, y1 = (long)f->hi;
    else continue;
    if (y0 < 1900 || y1 > 2100) continue;
    if (!any || y0 < *lo) *lo = y0;
    if (!any || y1 > *hi) *hi = y1;
    any = 1;
  }
  return any;
}

/* The place most of the document's facts are about (places are shared strings). */
static const char *main_place(const jb_digest_input *in, size_t doc) {
  const char *seen[64];
  size_t count[64], ns = 0, best = 0;
  for (size_t i = 0; i < jb_facts_count(in->facts); i++) {
    const jb_fact *f = jb_dg_fact(in, i);
    if (f->doc != doc || !f->place) continue;
    size_t k = 0;
    while (k < ns && seen[k] != f->place) k++;
    if (k == ns) {
      if (ns == 64) continue;
      seen[ns] = f->place, count[ns++] = 0;
    }
    if (++count[k] > count[best]) best = k;
  }
  return ns ? seen[best] : NULL;
}

char *jb_dg_composed_title(jb_ctx *ctx, const jb_digest_input *in, size_t doc, const char *subject) {
  jb_buf b;
  jb_buf_init(&b, ctx);
  const char *place = main_place(in, doc);
  if (subject) jb_buf_adds(&b, subject);
  else if (place) jb_buf_adds(&b, place);
  else jb_buf_adds(&b, "未署标题的报告");
  jb_buf_adds(&b, "工作情况");
  long lo = 0, hi = 0;
  if (years(in, doc, &lo, &hi)) {
    if (lo == hi) jb_buf_printf(&b, "（%ld年）", lo);
    else jb_buf_printf(&b, "（%ld—%ld年）", lo, hi);
  }
  return jb_buf_steal(&b);
}

/* 海拉尔区政府工作报告（2016年）: a bare 政府工作报告 with its place and year. */
char *jb_dg_work_report_title(jb_ctx *ctx, const jb_digest_input *in, size_t doc) {
  jb_buf b;
  jb_buf_init(&b, ctx);
  const char *place = main_place(in, doc), *date = jb_facts_doc_date(in->facts, doc);
  if (place) jb_buf_adds(&b, place);
  jb_buf_adds(&b, "政府工作报告");
  if (date) jb_buf_printf(&b, "（%.4s年）", date);
  return jb_buf_steal(&b);
}

/* 〔综述〕 and similar tags before a title say nothing in a citation. */
static const char *skip_tag(const char *t) {
  static const char *const open[] = {"〔", "【", "［", "[", NULL};
  static const char *const close[] = {"〕", "】", "］", "]", NULL};
  for (size_t k = 0; open[k]; k++) {
    size_t ol = strlen(open[k]);
    if (strncmp(t, open[k], ol)) continue;
    const char *e = strstr(t + ol, close[k]);
    if (e && e - t < 40) return e + strlen(close[k]);
  }
  return t;
}

/* t[0, n) inside 《》: a title within it takes 〈〉 (《〈江苏省对口支援新疆建设志〉正式出版发行》). */
void jb_dg_add_inner_title(jb_buf *out, const char *t, size_t n) {
  for (size_t i = 0; i < n;) {
    if (i + 3 <= n && !strncmp(t + i, "《", 3)) jb_buf_adds(out, "〈"), i += 3;
    else if (i + 3 <= n && !strncmp(t + i, "》", 3)) jb_buf_adds(out, "〉"), i += 3;
    else jb_buf_add(out, t + i, 1), i++;
  }
}

void jb_dg_short_title(const char *title, jb_buf *out) {
  const char *t = skip_tag(title);
  size_t n = 0;
  const char *p = t, *open = NULL; /* the last opening mark not yet closed */
  int depth = 0;
  while (*p && n < 14) { /* 14 characters, then … */
    if (!strncmp(p, "（", 3) || !strncmp(p, "“", 3) || !strncmp(p, "《", 3) || !strncmp(p, "〈", 3) ||
        !strncmp(p, "【", 3))
      open = depth++ ? open : p;
    else if (depth && (!strncmp(p, "）", 3) || !strncmp(p, "”", 3) || !strncmp(p, "》", 3) || !strncmp(p, "〉", 3) ||
                       !strncmp(p, "】", 3)))
      depth--;
    p++;
    while (((unsigned char)*p & 0xC0) == 0x80) p++;
    n++;
  }
  if (*p && depth && open && open > t) p = open; /* 《…工作情况（202…》: cut before the bracket, not in it */
  jb_buf_adds(out, "《");
  jb_dg_add_inner_title(out, t, (size_t)(p - t));
  if (*p) jb_buf_adds(out, "…");
  jb_buf_adds(out, "》");
}

void jb_dg_cite(const jb_digest_input *in, const char *const *titles, size_t doc, size_t para, jb_buf *out) {
  jb_dg_short_title(titles && titles[doc] ? titles[doc] : "", out);
  if (para) jb_buf_printf(out, "第%zu段", para);
  (void)in;
}

/* A period as printed: 2022—2024, 2015年起 (never an ASCII hyphen). */
void jb_dg_period_zh(const char *p, jb_buf *out) {
  for (; *p; p++) {
    if (*p == '-') jb_buf_adds(out, "—");
    else jb_buf_addc(out, *p);
    if (*p >= '0' && *p <= '9' && !strncmp(p + 1, "起", strlen("起"))) jb_buf_adds(out, "年");
  }
}

/* 2020, 2022-2024: years alone, which a note writes with 年 */
static int year_only(const char *p) {
  size_t n = strlen(p);
  if (n != 4 && n != 9) return 0;
  for (size_t i = 0; i < n; i++)
    if (!(i == 4 ? p[i] == '-' : p[i] >= '0' && p[i] <= '9')) return 0;
  return 1;
}

void jb_dg_period_note(const char *p, jb_buf *out) {
  jb_dg_period_zh(p, out);
  if (year_only(p)) jb_buf_adds(out, "年"); /* 2020年, 2022—2024年 */
}
