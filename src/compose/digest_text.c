/* The parts of a document's section that read its text: the totals-and-parts
 * checks, and the appendix with the full text (quantities in bold, the source's
 * headings as headings); and the front page's contents, which must fit it. */
#include <stdio.h>
#include <string.h>

#include "compose/digest_imp.h"
#include "compose/model.h"

/* A figure's digits and unit as the source writes them (2.26 亿元 of 2.26亿元, 超62
 * 亿元 -> 62 亿元); 0 when its text holds no digits. */
static int written(const jb_fact *f, char *digits, size_t dcap, char *unit, size_t ucap) {
  const char *p = f->text, *q;
  while (*p && !(*p >= '0' && *p <= '9')) p++;
  for (q = p; (*q >= '0' && *q <= '9') || *q == '.' || *q == ','; q++)
    ;
  if (q == p || (size_t)(q - p) >= dcap) return 0;
  size_t k = 0;
  for (const char *c = p; c < q; c++)
    if (*c != ',') digits[k++] = *c;
  digits[k] = 0;
  size_t ul = strlen(q);
  static const char *const tails[] = {"以上", "左右", "以内", "以下", "多", "余", NULL};
  for (const char *const *t = tails; *t; t++) /* 97%以上: the qualifier is no unit */
    if (ul > strlen(*t) && !strcmp(q + ul - strlen(*t), *t)) ul -= strlen(*t);
  if (!strncmp(q, "多", 3) || !strncmp(q, "余", 3)) q += 3, ul -= 3; /* 1200多万元 */
  if (ul >= ucap) return 0;
  memcpy(unit, q, ul);
  unit[ul] = 0;
  return 1;
}

/* The parts' sum in the total's unit, as precise as the parts are there (2.03亿元 +
 * 2300万元 -> 2.26亿元), never base units with separators (226,000,000). */
static void sum_as_written(jb_ctx *ctx, const jb_digest_input *in, const jb_check *ck, jb_buf *out) {
  const jb_fact *tot = jb_dg_fact(in, ck->total);
  char digits[64], unit[32], pd[64], pu[32];
  if (!written(tot, digits, sizeof digits, unit, sizeof unit)) unit[0] = 0;
  int dec = 0;
  for (size_t i = 0; i < ck->n_parts; i++) {
    jb_buf moved;
    jb_buf_init(&moved, ctx);
    int d = written(jb_dg_fact(in, ck->parts[i]), pd, sizeof pd, pu, sizeof pu)
                ? jb_digits_in_unit(pd, pu, unit, &moved) : -1;
    if (d > dec) dec = d > 6 ? 6 : d;
    jb_buf_fini(&moved);
  }
  const char *base;
  double scale = jb_unit_scale(unit, &base);
  if (strcmp(base, tot->unit)) scale = 1; /* a unit of another base: the value as it is */
  jb_buf_printf(out, "%.*f%s", dec, ck->sum / scale, unit);
}

/* A document's totals and their parts, after its tables; nothing when it has none. */
void jb_dg_add_checks(jb_ctx *ctx, const jb_digest_input *in, size_t d, cJSON *blocks) {
  size_t n = jb_facts_check_count(in->facts), k = 0;
  for (size_t c = 0; c < n; c++) k += jb_facts_check(in->facts, c)->doc == d;
  if (!k) return;
  jb_dg_heading(blocks, 2, "数据一致性核验");
  jb_dg_paragraph(blocks, "paragraph", "核对文中给出的总数与其分项之和，只报告，不改动原文。");
  cJSON *b = jb_dg_block(blocks, "table");
  cJSON *header = cJSON_AddArrayToObject(b, "header"), *h = cJSON_CreateArray();
  const char *cols[] = {"指标", "出处", "总数", "分项", "分项之和", "结论"};
  for (size_t i = 0; i < 6; i++) cJSON_AddItemToArray(h, cJSON_CreateString(cols[i]));
  cJSON_AddItemToArray(header, h);
  cJSON *rows = cJSON_AddArrayToObject(b, "rows");
  for (size_t c = 0; c < n; c++) {
    const jb_check *ck = jb_facts_check(in->facts, c);
    if (ck->doc != d) continue;
    const jb_fact *tot = jb_dg_fact(in, ck->total);
    cJSON *row = cJSON_CreateArray();
    char label[96];
    cJSON_AddItemToArray(row, cJSON_CreateString(jb_dg_tile_label(tot, label, sizeof label) ? label
                                                 : tot->measure ? tot->measure : ""));
    jb_buf name;
    jb_buf_init(&name, ctx);
    size_t s = jb_doc_sentence_at(in->docs[d], tot->nstart);
    jb_buf_printf(&name, "第%zu段", s != JB_NONE ? jb_doc_sentence_paragraph(in->docs[d], s) + 1 : 0);
    cJSON_AddItemToArray(row, cJSON_CreateString(name.data));
    jb_buf_fini(&name);
    cJSON_AddItemToArray(row, cJSON_CreateString(tot->text)); /* units as the source writes them */
    jb_buf parts;
    jb_buf_init(&parts, ctx);
    for (size_t p = 0; p < ck->n_parts; p++) jb_buf_printf(&parts, "%s%s", p ? " + " : "", jb_dg_fact(in, ck->parts[p])->text);
    cJSON_AddItemToArray(row, cJSON_CreateString(parts.data ? parts.data : ""));
    jb_buf_fini(&parts);
    jb_buf sum;
    jb_buf_init(&sum, ctx);
    sum_as_written(ctx, in, ck, &sum);
    cJSON_AddItemToArray(row, cJSON_CreateString(sum.data));
    jb_buf_fini(&sum);
    cJSON_AddItemToArray(row, cJSON_CreateString(ck->holds ? "相符" : "不符"));
    cJSON_AddItemToArray(rows, row);
  }
}

/* The full text, numbers in bold, paragraphs numbered 〔n〕 as the source list cites them. */
void jb_dg_add_appendix(jb_ctx *ctx, const jb_digest_input *in, cJSON *blocks) {
  jb_dg_block(blocks, "pagebreak");
  jb_dg_heading(blocks, 1, "附录：原文");
  size_t nf = jb_facts_count(in->facts);
  for (size_t d = 0; d < in->n_docs; d++) {
    const jb_doc *doc = in->docs[d];
    jb_dg_heading(blocks, 2, in->titles && in->titles[d] ? in->titles[d] : jb_doc_name(doc));
    size_t f = 0;
    while (f < nf && jb_dg_fact(in, f)->doc < d) f++;
    for (size_t p = 0; p < jb_doc_paragraph_count(doc); p++) {
      jb_span sp = jb_doc_paragraph(doc, p);
      if (jb_doc_paragraph_kind(doc, p) != JB_PARA_BODY) { /* the source's headings stay headings */
        while (f < nf && jb_dg_fact(in, f)->doc == d && jb_dg_fact(in, f)->nstart < sp.end) f++;
        if (jb_doc_paragraph_kind(doc, p) == JB_PARA_TITLE) continue;
        char *h = jb_doc_utf8(ctx, doc, sp);
        jb_dg_heading(blocks, 3, h);
        cJSON_AddFalseToObject(cJSON_GetArrayItem(blocks, cJSON_GetArraySize(blocks) - 1), "numbered");
        jb_free(ctx, h);
        continue;
      }
      cJSON *para = jb_dg_block(blocks, "paragraph"), *runs = cJSON_AddArrayToObject(para, "text");
      char mark[32];
      snprintf(mark, sizeof mark, "〔%zu〕", p + 1);
      cJSON_AddItemToArray(runs, cJSON_CreateString(mark));
      size_t pos = sp.start;
      for (; f < nf && jb_dg_fact(in, f)->doc == d && jb_dg_fact(in, f)->nstart < sp.end; f++) {
        const jb_fact *x = jb_dg_fact(in, f);
        if (x->nstart < pos || !(jb_dg_is_quantity(x) || x->kind == JB_KIND_RANK)) continue; /* names stay plain */
        char *plain = jb_doc_utf8(ctx, doc, (jb_span){pos, x->nstart});
        if (*plain) cJSON_AddItemToArray(runs, cJSON_CreateString(plain));
        jb_free(ctx, plain);
        char *num = jb_doc_utf8(ctx, doc, (jb_span){x->nstart, x->nend});
        cJSON *r = cJSON_CreateObject();
        cJSON_AddStringToObject(r, "text", num);
        cJSON_AddTrueToObject(r, "bold");
        cJSON_AddItemToArray(runs, r);
        jb_free(ctx, num);
        pos = x->nend;
      }
      char *tail = jb_doc_utf8(ctx, doc, (jb_span){pos, sp.end});
      if (*tail) cJSON_AddItemToArray(runs, cJSON_CreateString(tail));
      jb_free(ctx, tail);
    }
  }
}

/* Lines a front-matter block takes, estimated at about 40 characters a line. */
static int front_lines(const cJSON *b) {
  const char *type = cJSON_GetStringValue(cJSON_GetObjectItem(b, "type"));
  const cJSON *items = cJSON_GetObjectItem(b, "items"), *it;
  int n = 0;
  if (type && !strcmp(type, "heading")) return 2;
  if (cJSON_IsArray(items)) {
    cJSON_ArrayForEach(it, items) n += 1 + (cJSON_IsString(it) ? (int)(strlen(it->valuestring) / 120) : 0);
    return n;
  }
  const char *text = cJSON_GetStringValue(cJSON_GetObjectItem(b, "text"));
  return text ? 1 + (int)(strlen(text) / 120) : 0;
}

/* The contents never spill a line or two onto a page of their own: with the
 * front page's list of documents they fit as they are (about 32 estimated lines), or
 * listing the documents only, or they start a page of their own. */
void jb_dg_toc_levels(cJSON *blocks) {
  cJSON *toc = NULL, *b;
  int pre = 0, all = 0, docs = 0, at = 0, i = 0;
  cJSON_ArrayForEach(b, blocks) {
    const char *type = cJSON_GetStringValue(cJSON_GetObjectItem(b, "type"));
    int heading = type && !strcmp(type, "heading");
    double level = heading ? cJSON_GetNumberValue(cJSON_GetObjectItem(b, "level")) : 0;
    if (type && !strcmp(type, "toc")) toc = b, at = i;
    else if (!toc) pre += front_lines(b);
    else if (heading && level <= 2) all++, docs += level <= 1;
    i++;
  }
  enum { PAGE = 32 }; /* in these estimated lines: the title block and item gaps take the rest */
  if (!toc || pre + 2 + all <= PAGE) return;
  if (pre + 2 + docs <= PAGE || all > PAGE) cJSON_AddNumberToObject(toc, "levels", 1);
  if (pre + 2 + docs > PAGE) { /* the contents on a page of their own */
    cJSON *brk = cJSON_CreateObject();
    cJSON_AddStringToObject(brk, "type", "pagebreak");
    /* cJSON_InsertItemInArray returned false on this array (cJSON 1.7.15), so the tail is moved */
    cJSON *tail = cJSON_CreateArray();
    while (cJSON_GetArraySize(blocks) > at) cJSON_AddItemToArray(tail, cJSON_DetachItemFromArray(blocks, at));
    cJSON_AddItemToArray(blocks, brk);
    while (cJSON_GetArraySize(tail) > 0) cJSON_AddItemToArray(blocks, cJSON_DetachItemFromArray(tail, 0));
    cJSON_Delete(tail);
  }
}
