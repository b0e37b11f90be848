/* Counties: which get a one-pager (at least two figures of their own), what the
 * page says of the county itself (tiles, one statement per source sentence) and
 * of its prefecture (labelled context, cited once), and the per-county sections
 * of a document in the pack. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose/digest_imp.h"

#define MAX_TILES 6
#define COUNTY_TILES 4

/* A figure after a list of places in its clause (甘孜、新龙、理塘等5个…) is the
 * group's, not the last-named county's. */
static int group_figure(const jb_digest_input *in, const jb_fact *f) {
  size_t len;
  const uint32_t *t = jb_doc_text(in->docs[f->doc], &len);
  int deng = 0;
  for (size_t a = f->nstart; a > 0; a--) {
    uint32_t c = t[a - 1];
    if (c == 0xFF0C || c == 0xFF1B || c == 0x3002 || c == 0xFF1A) return 0;
    if (c == 0x7B49) deng = 1;          /* 等 */
    if (c == 0x3001 && deng) return 1;  /* 、 before it */
  }
  return 0;
}

typedef struct name_ix {
  const char *name;
  size_t i;
} name_ix;

static int by_name(const void *a, const void *b) { return strcmp(((const name_ix *)a)->name, ((const name_ix *)b)->name); }

/* Quantities placed in each of names (own[c]) and in all (*all, when asked), of
 * document doc or (doc = -1) of every one, in one pass over the facts with the names
 * sorted: a pack of 1,000 counties asks for every one. own: a county's own figures
 * only, not a group's (甘孜、新龙、理塘等5个…). */
static void place_counts(jb_ctx *ctx, const jb_digest_input *in, char *const *names, size_t n_names, size_t doc,
                         int own_only, size_t *own, size_t *all) {
  name_ix *ix = jb_malloc(ctx, (n_names + 1) * sizeof *ix);
  for (size_t c = 0; c < n_names; c++) ix[c] = (name_ix){names[c], c}, own[c] = 0;
  qsort(ix, n_names, sizeof *ix, by_name);
  if (all) *all = 0;
  for (size_t i = 0, n = jb_facts_count(in->facts); i < n; i++) {
    const jb_fact *f = jb_dg_fact(in, i);
    if ((doc != (size_t)-1 && f->doc != doc) || !jb_dg_is_quantity(f)) continue;
    if (all) *all += 1;
    name_ix key = {f->place, 0}, *hit = f->place ? bsearch(&key, ix, n_names, sizeof *ix, by_name) : NULL;
    if (hit && !(own_only && group_figure(in, f))) own[hit->i]++;
  }
  jb_free(ctx, ix);
}

/* The document is this place's own report: most of its figures are placed there. */
int jb_dg_doc_is_place(const jb_digest_input *in, size_t doc, const char *place) {
  size_t all = 0, own = 0, n = jb_facts_count(in->facts);
  for (size_t i = 0; i < n; i++) {
    const jb_fact *f = jb_dg_fact(in, i);
    if (f->doc != doc || !jb_dg_is_quantity(f)) continue;
    all++, own += f->place && !strcmp(f->place, place);
  }
  return own > 0 && 2 * own > all;
}

/* The counties of the reports with (with = 1) or without two figures of their own. */
static jb_digest_names counties_by_figures(jb_ctx *ctx, const jb_digest_input *in, int with) {
  jb_digest_names all = jb_digest_places(ctx, in, "county");
  size_t *own = jb_calloc(ctx, all.n + 1, sizeof *own), w = 0;
  place_counts(ctx, in, all.names, all.n, (size_t)-1, 1, own, NULL);
  for (size_t i = 0; i < all.n; i++) {
    if ((own[i] >= 2) == with) all.names[w++] = all.names[i];
    else jb_free(ctx, all.names[i]);
  }
  all.n = w;
  jb_free(ctx, own);
  return all;
}

/* Counties with at least two figures of their own: a page that only says the
 * reports give nothing, or the prefecture's figures again, helps no reader. */
jb_digest_names jb_digest_counties(jb_ctx *ctx, const jb_digest_input *in) { return counties_by_figures(ctx, in, 1); }

/* Counties the reports name without figures of their own (listed, not paged). */
jb_digest_names jb_digest_counties_without(jb_ctx *ctx, const jb_digest_input *in) {
  return counties_by_figures(ctx, in, 0);
}

static int clause_mark(uint32_t c) {
  return c == 0xFF0C || c == 0xFF1B || c == 0xFF1A || c == 0x3002 || c == 0xFF01 || c == 0xFF1F;
}

/* A statement being made of one source sentence: the clauses that hold the
 * county's figures, verbatim but for the parts that only restate a key figure
 * above (the 要点's rule), each figure a reference (so it gets its call). */
typedef struct stmt {
  jb_ctx *ctx;
  const jb_digest_input *in;
  const char *county;
  const size_t *tiles;
  size_t n_tiles;
  cJSON *item;   /* the open statement, NULL until a clause of its sentence is kept */
  size_t doc_i, sent, clause_b; /* the sentence; the end of its last clause handled */
  int open;      /* a sentence is being read */
  cJSON *items;  /* where the statements go */
  jb_buf plain;  /* the open statement's text, to test that it is one */
} stmt;

/* Closes the open statement: one that is no statement an office could forward
 * (一年来, a clause cut before its verb) is taken out, as the 要点 rule does. */
static void stmt_close(stmt *st) {
  const char *p = st->plain.data ? st->plain.data : "";
  /* the predicate list is not every verb: a sentence of 12 characters or more stays (…在墨脱县经商) */
  if (st->item && ((!jb_dg_is_statement(p) && jb_utf8_count(p) < 12) || jb_dg_bare_change(p)))
    cJSON_Delete(cJSON_DetachItemViaPointer(st->items, st->item));
  st->item = NULL;
  st->plain.len = 0;
  if (st->plain.data) st->plain.data[0] = 0;
}

/* Appends text to the statement, to its last run when that is text too. */
static void put_str(stmt *st, const char *text) {
  jb_buf_adds(&st->plain, text);
  cJSON *last = cJSON_GetArrayItem(st->item, cJSON_GetArraySize(st->item) - 1);
  if (!last || !cJSON_IsString(last)) {
    cJSON_AddItemToArray(st->item, cJSON_CreateString(text));
    return;
  }
  jb_buf o;
  jb_buf_init(&o, st->ctx);
  jb_buf_printf(&o, "%s%s", last->valuestring, text);
  cJSON_SetValuestring(last, o.data);
  jb_buf_fini(&o);
}

/* Source text between figures, relative words resolved as in 要点. */
static void put_text(stmt *st, size_t a, size_t b) {
  if (b <= a) return;
  jb_buf o;
  jb_buf_init(&o, st->ctx);
  jb_dg_put_resolved(st->in, st->doc_i, a, b, &o);
  jb_buf_addc(&o, '\0');
  if (o.data && *o.data) put_str(st, o.data);
  jb_buf_fini(&o);
}

/* The text [a, b) with the county's figures in it as references; dates and years
 * (从去年6月份开始) say when, they stay text. */
static void put_with_refs(stmt *st, size_t a, size_t b) {
  size_t n = jb_facts_count(st->in->facts), from = a;
  for (size_t i = 0; i < n; i++) {
    const jb_fact *f = jb_dg_fact(st->in, i);
    if (f->doc != st->doc_i || f->nstart < from || f->nend > b || !f->place || strcmp(f->place, st->county) ||
        !jb_dg_is_quantity(f))
      continue;
    put_text(st, from, f->nstart);
    jb_buf_adds(&st->plain, f->text ? f->text : "");
    cJSON_AddItemToArray(st->item, jb_dg_fact_ref(i));
    from = f->nend;
  }
  put_text(st, from, b);
}

/* Adds the clause around fact i to the statement of its sentence (a left-out clause
 * between two kept ones becomes ，), opening one in items when it is the first kept. */
static void stmt_add(stmt *st, const jb_digest_input *in, size_t i, cJSON *items) {
  const jb_fact *f = jb_dg_fact(in, i);
  const jb_doc *doc = in->docs[f->doc];
  size_t len, s = jb_doc_sentence_at(doc, f->nstart);
  const uint32_t *t = jb_doc_text(doc, &len);
  jb_span sp = s != JB_NONE ? jb_doc_sentence(doc, s) : (jb_span){f->nstart, f->nend};
  size_t a = f->nstart, b = f->nend;
  while (a > sp.start && !clause_mark(t[a - 1])) a--;
  while (b < sp.end && !clause_mark(t[b])) b++;
  int same = st->open && st->doc_i == f->doc && st->sent == s && s != JB_NONE;
  if (same && f->nstart < st->clause_b) return; /* its clause is handled already */
  if (!same) stmt_close(st), st->open = 1, st->doc_i = f->doc, st->sent = s;
  st->clause_b = b;
  jb_dg_piece pc[64];
  size_t np = jb_dg_clause_pieces(in, f->doc, st->tiles, st->n_tiles, a, b, pc, 64);
  if (!np) return; /* it only restates key figures */
  if (st->item) put_str(st, "，");
  else cJSON_AddItemToArray(items, st->item = cJSON_CreateArray());
  for (size_t k = 0; k < np; k++) {
    if (pc[k].a == pc[k].b) put_str(st, "、");
    else put_with_refs(st, pc[k].a, pc[k].b);
  }
}

/* The county's facts (of one document, or all) as statements, one per source
 * sentence; past max statements the rest are cited compactly (文件第3、5段). */
/* A date or year of the county that says when its figure later in the sentence
 * happened (从去年6月份开始，一支38人团队…): kept as text; alone it says nothing. */
static int when_before_figure(const jb_digest_input *in, size_t i) {
  const jb_fact *f = jb_dg_fact(in, i);
  if (f->kind != JB_KIND_DATE && f->kind != JB_KIND_YEAR) return 0;
  size_t s = jb_doc_sentence_at(in->docs[f->doc], f->nstart), n = jb_facts_count(in->facts);
  for (size_t j = i + 1; j < n && s != JB_NONE; j++) {
    const jb_fact *g = jb_dg_fact(in, j);
    if (g->doc != f->doc || jb_doc_sentence_at(in->docs[g->doc], g->nstart) != s) break;
    if (jb_dg_is_quantity(g) && g->place && !strcmp(g->place, f->place)) return 1;
  }
  return 0;
}

/* Under heading (at level), added only when a statement is left. */
static void add_fact_list(jb_ctx *ctx, const jb_digest_input *in, size_t doc, const char *county,
                          const size_t *tiles, size_t n_tiles, size_t max, int level, const char *heading,
                          cJSON *blocks) {
  size_t n = jb_facts_count(in->facts), shown = 0, rest = 0, last_doc = (size_t)-1, last_para = 0;
  cJSON *items = NULL, *list = NULL, *head = NULL;
  stmt st = {ctx, in, county, tiles, n_tiles, NULL, 0, 0, 0, 0, NULL, {0}};
  jb_buf_init(&st.plain, ctx);
  jb_buf more;
  jb_buf_init(&more, ctx);
  for (size_t i = 0; i < n; i++) {
    const jb_fact *f = jb_dg_fact(in, i);
    if (!f->place || strcmp(f->place, county) || (doc != (size_t)-1 && f->doc != doc) ||
        !(jb_dg_is_quantity(f) || when_before_figure(in, i)))
      continue;
    size_t s = jb_doc_sentence_at(in->docs[f->doc], f->nstart);
    int same = st.open && st.doc_i == f->doc && st.sent == s && s != JB_NONE;
    if (!same && shown >= max) { /* the rest cited by document and paragraph */
      st.open = 0;
      rest++;
      size_t para = s != JB_NONE ? jb_doc_sentence_paragraph(in->docs[f->doc], s) + 1 : 0;
      if (f->doc != last_doc) {
        if (last_doc != (size_t)-1) jb_buf_adds(&more, "段，");
        jb_dg_cite(in, in->titles, f->doc, 0, &more);
        jb_buf_printf(&more, "第%zu", para);
      } else if (para != last_para) jb_buf_printf(&more, "、%zu", para);
      if (f->doc != last_doc || para != last_para) last_doc = f->doc, last_para = para;
      continue;
    }
    if (!items) {
      jb_dg_heading(blocks, level, heading);
      head = cJSON_GetArrayItem(blocks, cJSON_GetArraySize(blocks) - 1);
      list = jb_dg_block(blocks, "list"), items = st.items = cJSON_AddArrayToObject(list, "items");
    }
    size_t before = (size_t)cJSON_GetArraySize(items);
    stmt_add(&st, in, i, items);
    shown += (size_t)cJSON_GetArraySize(items) > before;
  }
  stmt_close(&st);
  jb_buf_fini(&st.plain);
  if (list && !cJSON_GetArraySize(items)) { /* every figure is a key figure above, or no statement */
    cJSON_Delete(cJSON_DetachItemViaPointer(blocks, list));
    cJSON_Delete(cJSON_DetachItemViaPointer(blocks, head));
  }
  if (rest) {
    jb_buf line;
    jb_buf_init(&line, ctx);
    jb_buf_printf(&line, "另有 %zu 项，出自%s段。", rest, more.data);
    jb_dg_paragraph(blocks, "footnote", line.data);
    jb_buf_fini(&line);
  }
  jb_buf_fini(&more);
}

void jb_dg_county_own(jb_ctx *ctx, const jb_digest_input *in, size_t doc, const char *county, int prefecture,
                      size_t max_facts, cJSON *blocks) {
  size_t idx[MAX_TILES], k = doc != (size_t)-1 ? jb_dg_pick_tiles(in, doc, county, idx, COUNTY_TILES) : 0;
  if (k >= 2) { /* one tile alone is a list item in a box */
    jb_dg_heading(blocks, 2, prefecture ? "本市（地区）主要数字" : "本县（区）主要数字");
    jb_dg_add_tiles(ctx, in, idx, k, 1, blocks);
  }
  if (k < 2) k = 0; /* no tiles shown: every figure is stated */
  add_fact_list(ctx, in, (size_t)-1, county, idx, k, max_facts, 2, prefecture ? "本市（地区）要点" : "本县（区）要点",
                blocks);
}

/* The prefecture's key figures (the document's when it places fewer than two
 * there), never the county's own, under a heading that says they are context,
 * cited once under them. */
void jb_dg_county_context(jb_ctx *ctx, const jb_digest_input *in, const char *county, const char *prefecture,
                          size_t doc, size_t max, cJSON *blocks) {
  size_t idx[MAX_TILES];
  if (max > MAX_TILES) max = MAX_TILES;
  int named = strcmp(prefecture, "-") != 0;
  size_t k = named ? jb_dg_pick_tiles(in, doc, prefecture, idx, max) : 0;
  if (k < 2) {
    named = 0;
    k = jb_dg_pick_tiles(in, doc, NULL, idx, MAX_TILES);
    size_t w = 0; /* the document's figures of other places only */
    for (size_t i = 0; i < k; i++) {
      const jb_fact *f = jb_dg_fact(in, idx[i]);
      if (w < max && (!f->place || strcmp(f->place, county))) idx[w++] = idx[i];
    }
    k = w;
  }
  if (k < 2) return; /* one figure is no context */
  char title[200];
  if (named) snprintf(title, sizeof title, "%s（所属地市）情况", prefecture);
  else snprintf(title, sizeof title, "所收报告总体情况（背景）");
  jb_dg_heading(blocks, 2, title);
  jb_dg_add_tiles(ctx, in, idx, k, 0, blocks);
  jb_buf src, seen; /* 《short title》第22、24、19段: one line for all of them */
  jb_buf_init(&src, ctx);
  jb_buf_init(&seen, ctx);
  jb_buf_adds(&src, "数据来源：");
  jb_dg_cite(in, in->titles, doc, 0, &src);
  jb_buf_adds(&seen, "|");
  for (size_t i = 0, first = 1; i < k; i++) {
    const jb_fact *f = jb_dg_fact(in, idx[i]);
    size_t s = jb_doc_sentence_at(in->docs[doc], f->nstart);
    if (s == JB_NONE) continue;
    char key[24];
    snprintf(key, sizeof key, "|%zu|", jb_doc_sentence_paragraph(in->docs[doc], s) + 1);
    if (strstr(seen.data, key)) continue;
    jb_buf_printf(&seen, "%s|", key + 1);
    jb_buf_printf(&src, "%s%s", first ? "第" : "、", key + 1);
    src.len--, src.data[src.len] = 0; /* the closing | */
    first = 0;
  }
  if (strstr(src.data, "第")) jb_buf_adds(&src, "段");
  jb_dg_paragraph(blocks, "source", src.data);
  jb_buf_fini(&src);
  jb_buf_fini(&seen);
}

/* Per county of this document: its facts with their sentences. */
#define MAX_COUNTY_SECTIONS 30

/* Many counties: one row each (name and the facts as written). */
static void add_county_table(jb_ctx *ctx, const jb_digest_input *in, size_t d, const jb_digest_names *names,
                             cJSON *blocks) {
  cJSON *b = jb_dg_block(blocks, "table");
  cJSON_AddStringToObject(b, "caption", "分县（区）数字一览");
  cJSON *h = cJSON_CreateArray();
  cJSON_AddItemToArray(h, cJSON_CreateString("县（区）"));
  cJSON_AddItemToArray(h, cJSON_CreateString("原文中的数字"));
  cJSON_AddItemToArray(cJSON_AddArrayToObject(b, "header"), h);
  cJSON *rows = cJSON_AddArrayToObject(b, "rows");
  size_t n = jb_facts_count(in->facts);
  for (size_t c = 0; c < names->n; c++) {
    jb_buf list;
    jb_buf_init(&list, ctx);
    size_t here = 0;
    for (size_t i = 0; i < n; i++) {
      const jb_fact *f = jb_dg_fact(in, i);
      if (f->doc != d || !f->place || strcmp(f->place, names->names[c])) continue;
      jb_buf_printf(&list, "%s%s", here++ ? "、" : "", f->text);
    }
    if (here) {
      cJSON *row = cJSON_CreateArray();
      cJSON_AddItemToArray(row, cJSON_CreateString(names->names[c]));
      cJSON_AddItemToArray(row, cJSON_CreateString(list.data));
      cJSON_AddItemToArray(rows, row);
    }
    jb_buf_fini(&list);
  }
}

/* Per county of this document: its facts with their sentences (a table when there are many). */
void jb_dg_add_county_sections(jb_ctx *ctx, const jb_digest_input *in, size_t d, const jb_digest_names *names,
                                cJSON *blocks) {
  size_t with_facts = 0, all;
  unsigned char *has = jb_calloc(ctx, names->n + 1, 1);
  size_t *own = jb_calloc(ctx, names->n + 1, sizeof *own), *own_all = jb_calloc(ctx, names->n + 1, sizeof *own_all);
  place_counts(ctx, in, names->names, names->n, d, 0, own, &all);
  place_counts(ctx, in, names->names, names->n, (size_t)-1, 1, own_all, NULL);
  for (size_t c = 0; c < names->n; c++) {
    /* figures to state (dates alone say nothing; nor an altitude); a county's own report
     * (沙雅县…统计公报): the document's section is that county's already */
    has[c] = own[c] > 0 && 2 * own[c] <= all;
    with_facts += has[c];
  }
  jb_free(ctx, own);
  if (with_facts) jb_dg_heading(blocks, 2, "分县（区）情况");
  if (with_facts > MAX_COUNTY_SECTIONS) {
    add_county_table(ctx, in, d, names, blocks);
  } else {
    for (size_t c = 0; c < names->n; c++) {
      if (!has[c]) continue;
      add_fact_list(ctx, in, d, names->names[c], NULL, 0, (size_t)-1, 3, names->names[c], blocks);
    }
  }
  jb_buf no_page; /* counties listed here but given no one-pager, and why */
  jb_buf_init(&no_page, ctx);
  for (size_t c = 0; c < names->n; c++)
    if (has[c] && own_all[c] < 2) /* the one-pager rule (counties_by_figures) */
      jb_buf_printf(&no_page, "%s%s", no_page.len ? "、" : "", names->names[c]);
  if (no_page.len) {
    jb_buf_adds(&no_page, "：报告没有给出两个以上本县（区）数字，未单独成页。");
    jb_dg_paragraph(blocks, "paragraph", no_page.data);
  }
  jb_buf_fini(&no_page);
  jb_free(ctx, has), jb_free(ctx, own_all);
}


/* ---- how full a sheet will be ------------------------------------------------ */

#define LINE_CHARS 46   /* characters of a body line on an A4 sheet at full size, indents aside */
#define SHEET_LINES 30  /* body lines a sheet should hold before the layout enlarges it to fill */


static size_t text_chars(const cJSON *v) {
  if (cJSON_IsString(v)) return jb_utf8_count(v->valuestring);
  size_t n = 0;
  const cJSON *x;
  if (cJSON_IsArray(v)) cJSON_ArrayForEach(x, v) n += cJSON_IsString(x) ? jb_utf8_count(x->valuestring) : 4;
  return n;
}

static double lines_of(size_t chars) { return (double)((chars + LINE_CHARS - 1) / LINE_CHARS); }

/* A rough height of blocks in body lines (compose does not know the page): a
 * heading 1.5, a row of four tiles 5, a chart 13, a table its rows, text its
 * characters; an item with a figure adds its note (2.5). */
static double blocks_lines(const cJSON *blocks) {
  double l = 0;
  const cJSON *b, *x;
  cJSON_ArrayForEach(b, blocks) {
    const char *type = cJSON_GetStringValue(cJSON_GetObjectItem(b, "type"));
    const cJSON *items = cJSON_GetObjectItem(b, "items");
    if (!type) continue;
    if (!strcmp(type, "heading")) l += 1.5;
    else if (!strcmp(type, "tiles")) l += 5 * (double)((cJSON_GetArraySize(items) + 3) / 4);
    else if (!strcmp(type, "chart")) l += 13;
    else if (!strcmp(type, "table")) l += 3 + cJSON_GetArraySize(cJSON_GetObjectItem(b, "rows"));
    else if (!strcmp(type, "list")) {
      cJSON_ArrayForEach(x, items) l += lines_of(text_chars(x)) + (cJSON_IsArray(x) ? 2.5 : 0);
    } else l += lines_of(text_chars(cJSON_GetObjectItem(b, "text")));
  }
  return l;
}

/* Characters of source text a county sheet may still quote: what a sheet of
 * blocks (title and notes heading included, context_rows rows of context tiles
 * to come) lacks of SHEET_LINES, 0 when it is long enough as it is. */
size_t jb_dg_short_sheet_chars(const cJSON *blocks, int context_rows) {
  double l = 4 + 1.5 + blocks_lines(blocks) + (context_rows ? 2.5 + 5 * context_rows : 0);
  return l < SHEET_LINES ? (size_t)((SHEET_LINES - l) * LINE_CHARS) : 0;
}
