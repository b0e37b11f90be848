/* Relative words resolved from the document a statement is cut from: 今年/去年/
 * 明年 from its date, 截至目前 to its month, 我省/我市 to the aiding side, a bare
 * month to its year. 要点 and the county statements both say it this way. */
#include <stdlib.h>
#include <string.h>

#include "compose/digest_imp.h"

/* The aiding side the document names as 我省/我市 (the origin of its facts). */
static const char *aider(const jb_digest_input *in, size_t doc) {
  for (size_t i = 0; i < jb_facts_count(in->facts); i++) {
    const jb_fact *f = jb_dg_fact(in, i);
    if (f->doc == doc && f->origin && strlen(f->origin) > 3) return f->origin;
  }
  return NULL;
}

static int clause_start(const uint32_t *t, size_t a, size_t i) {
  return i == a || t[i - 1] == 0xFF0C || t[i - 1] == 0x3002 || t[i - 1] == 0xFF1B || t[i - 1] == 0xFF1A;
}

/* The year of a month written without one (截至11月底) at t[i]: the period its fact
 * was given from the text, else the report's year (the year before when the month
 * lies after the report's); 0 when t[i] is no bare month or the year is unknown. */
static int month_year(const jb_digest_input *in, size_t doc, const uint32_t *t, size_t b, size_t i, int y, int m) {
  size_t j = i;
  while (j < b && t[j] >= '0' && t[j] <= '9') j++;
  if (j == i || j - i > 2 || j >= b || t[j] != 0x6708 /* 月 */) return 0;
  for (size_t k = 0; k < jb_facts_count(in->facts); k++) {
    const jb_fact *f = jb_dg_fact(in, k);
    if (f->doc == doc && f->nstart == i && f->period && strlen(f->period) >= 4) return atoi(f->period);
  }
  int month = 0;
  for (size_t k = i; k < j; k++) month = month * 10 + (int)(t[k] - '0');
  return !y ? 0 : m && month > m ? y - 1 : y;
}

/* Appends doc's text [a, b) with relative words resolved from the document:
 * 今年/去年/明年 from its date, 截至目前 to its month, 我省/我市 to the aiding side.
 * 要点 and the county statements both say it this way. */
void jb_dg_put_resolved(const jb_digest_input *in, size_t doc, size_t a, size_t b, jb_buf *o) {
  size_t n;
  const uint32_t *t = jb_doc_text(in->docs[doc], &n);
  if (b > n) b = n;
  const char *date = jb_facts_doc_date(in->facts, doc);
  int y = date ? atoi(date) : 0, m = date && strlen(date) >= 7 ? atoi(date + 5) : 0;
  const char *who = aider(in, doc);
  for (size_t i = a; i < b; i++) {
    uint32_t c = t[i], c2 = i + 1 < b ? t[i + 1] : 0;
    if (y && c2 == 0x5E74 && (c == 0x4ECA || c == 0x53BB || c == 0x660E)) { /* 今年 去年 明年 */
      jb_buf_printf(o, "%d年", c == 0x4ECA ? y : c == 0x53BB ? y - 1 : y + 1);
      i++;
      continue;
    }
    if (c == 0x6211 && (c2 == 0x7701 || c2 == 0x5E02) && who) { /* 我省, 我市 */
      const char *suffix = c2 == 0x7701 ? "省" : "市";
      size_t wl = strlen(who), sl = strlen(suffix);
      if (wl > sl && !strcmp(who + wl - sl, suffix)) {
        jb_buf_adds(o, who);
        i++;
        continue;
      }
    }
    if (y && c == 0x76EE && c2 == 0x524D && i >= 2 && t[i - 2] == 0x622A) { /* 截至目前 */
      if (m) jb_buf_printf(o, "%d年%d月", y, m);
      else jb_buf_printf(o, "%d年", y);
      i++;
      continue;
    }
    if (y && m && c == 0x76EE && c2 == 0x524D && clause_start(t, a, i) && i + 2 < n && t[i + 2] == 0xFF0C) {
      jb_buf_printf(o, "截至%d年%d月", y, m); /* 目前，… opening a clause: the report's month */
      i++;
      continue;
    }
    if (c == 0x3014 && i > a && t[i - 1] >= 0x4E00 && t[i - 1] <= 0x9FFF) { /* 生产总值〔2〕332亿元: a note's call */
      size_t k = i + 1;
      while (k < b && k < i + 3 && t[k] >= '0' && t[k] <= '9') k++;
      if (k > i + 1 && k < b && t[k] == 0x3015) {
        i = k;
        continue;
      }
    }
    if (c == 0x622A && (c2 == 0x81F3 || c2 == 0x6B62)) { /* 截至11月底: the year it means */
      jb_buf_add_utf8(o, c), jb_buf_add_utf8(o, c2), i++;
      int yr = month_year(in, doc, t, b, i + 1, y, m);
      if (yr) jb_buf_printf(o, "%d年", yr);
      continue;
    }
    jb_buf_add_utf8(o, c);
  }
}
