/* Structure of a document read from docx, html, xlsx or csv: the builder's
 * paragraphs and tables attached to the jb_doc (roles, heading levels, cells in
 * normalized offsets), their accessors and the --dump=ingest text. */
#include <string.h>

#include "ingest/cjk.h"
#include "ingest/doc.h"

void jb_doc_struct_free(jb_ctx *ctx, jb_doc_struct *st) {
  if (!st) return;
  jb_free(ctx, st->blocks);
  jb_free(ctx, st->tables);
  jb_free(ctx, st->cells);
  jb_free(ctx, st->roles);
  jb_free(ctx, st->levels);
  jb_free(ctx, st);
}

/* A first paragraph that reads as a title (short, no full stop): the body has
 * one and the metadata's title is not added. */
static int reads_as_title(const char *s, size_t n) {
  size_t cps = 0;
  for (size_t i = 0; i < n; i++) cps += ((unsigned char)s[i] & 0xC0) != 0x80;
  return cps <= 40 && !strstr(s, "\xE3\x80\x82"); /* 。 */
}

static void shift(jb_builder *b, size_t by) {
  for (size_t i = 0; i < b->n_blocks; i++) b->blocks[i].start += by, b->blocks[i].end += by;
  for (size_t i = 0; i < b->n_cells; i++) b->cells[i].span.start += by, b->cells[i].span.end += by;
}

/* The metadata title goes first when the body has no title paragraph. */
static void add_meta_title(jb_builder *b) {
  for (size_t i = 0; i < b->n_blocks; i++)
    if (b->blocks[i].title) return;
  char *t = b->title_meta;
  if (!t) return;
  while (*t == ' ') t++;
  size_t n = strlen(t);
  while (n && t[n - 1] == ' ') n--;
  if (!n) return;
  if (b->n_blocks && b->blocks[0].role != JB_PR_ROW) {
    const jb_block *f = &b->blocks[0];
    size_t s = 0, k = 0; /* byte offsets of the first block */
    for (; k < b->text.len && s < f->start; k++) s += ((unsigned char)b->text.data[k] & 0xC0) != 0x80;
    const char *p = b->text.data + k, *nl = memchr(p, '\n', b->text.len - k);
    size_t len = nl ? (size_t)(nl - p) : b->text.len - k;
    if (len == n && !memcmp(p, t, n)) {
      b->blocks[0].title = 1, b->blocks[0].role = JB_PR_TITLE;
      return;
    }
    char *first = jb_strndup(b->ctx, p, len);
    int titled = f->role == JB_PR_PARA && reads_as_title(first, len); /* an unstyled title line */
    jb_free(b->ctx, first);
    if (titled) return;
  }
  jb_buf nb;
  jb_buf_init(&nb, b->ctx);
  jb_buf_add(&nb, t, n);
  jb_buf_addc(&nb, '\n');
  size_t cps = 1;
  for (size_t i = 0; i < n; i++) cps += ((unsigned char)t[i] & 0xC0) != 0x80;
  jb_buf_add(&nb, b->text.data, b->text.len);
  jb_buf_fini(&b->text);
  b->text = nb;
  b->ncp += cps;
  shift(b, cps);
  b->blocks = jb_grow(b->ctx, b->blocks, &b->cap_blocks, b->n_blocks + 1, sizeof *b->blocks);
  memmove(b->blocks + 1, b->blocks, b->n_blocks * sizeof *b->blocks);
  b->blocks[0] = (jb_block){0, cps - 1, JB_PR_TITLE, 0, 1};
  b->n_blocks++;
}

/* First normalized position whose source offset is at least o. */
static size_t norm_at(const jb_doc *d, size_t o) {
  size_t lo = 0, hi = d->len;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (d->map[mid] < o) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

static size_t block_at(const jb_doc_struct *st, size_t o) {
  size_t lo = 0, hi = st->n_blocks; /* first block ending after o */
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (st->blocks[mid].end <= o) lo = mid + 1;
    else hi = mid;
  }
  return lo < st->n_blocks && st->blocks[lo].start <= o ? lo : JB_NONE;
}

static void attach_paragraphs(jb_doc *d) {
  jb_doc_struct *st = d->st;
  st->roles = jb_calloc(d->ctx, d->n_paras + 1, 1);
  st->levels = jb_calloc(d->ctx, d->n_paras + 1, 1);
  int titled = 0;
  for (size_t p = 0; p < d->n_paras; p++) {
    size_t k = block_at(st, d->map[d->paras[p].start]);
    if (k == JB_NONE) continue;
    const jb_block *bl = &st->blocks[k];
    st->roles[p] = bl->role, st->levels[p] = bl->level;
    if (bl->title && !titled) { /* the document says which paragraph is its title */
      if (d->title != JB_NONE && d->title != p) d->kinds[d->title] = JB_PARA_BODY;
      d->kinds[p] = JB_PARA_TITLE, d->title = p, titled = 1;
    } else if (bl->role == JB_PR_HEADING) {
      d->kinds[p] = JB_PARA_HEADING;
    } else if (bl->role == JB_PR_ROW || bl->role == JB_PR_FOOTNOTE || bl->role == JB_PR_CAPTION) {
      if (d->title == p) d->title = JB_NONE;
      d->kinds[p] = JB_PARA_BODY; /* a short cell is no heading */
    }
  }
}

static void attach_tables(jb_doc *d) {
  jb_doc_struct *st = d->st;
  for (size_t i = 0; i < st->n_cells; i++) {
    jb_doc_cell *c = &st->cells[i];
    size_t s = norm_at(d, c->span.start), e = norm_at(d, c->span.end);
    while (s < e && jb_is_hspace(d->text[s])) s++;
    while (e > s && jb_is_hspace(d->text[e - 1])) e--;
    c->span = (jb_span){s, e};
  }
  for (size_t t = 0; t < st->n_tables; t++) {
    jb_doc_tbl *tb = &st->tables[t];
    size_t first = tb->first_para;
    tb->cells = st->cells + first;
    size_t p0 = JB_NONE, p1 = 0;
    for (size_t k = 0; k < tb->n_cells; k++) {
      size_t si = jb_doc_sentence_at(d, tb->cells[k].span.start);
      if (si == JB_NONE) continue;
      size_t p = jb_doc_sentence_paragraph(d, si);
      if (p0 == JB_NONE || p < p0) p0 = p;
      if (p + 1 > p1) p1 = p + 1;
    }
    tb->first_para = p0 == JB_NONE ? 0 : p0;
    tb->n_paras = p0 == JB_NONE ? 0 : p1 - p0;
  }
}

jb_status jb_bld_finish(jb_builder *b, const char *name, const jb_ingest_opts *o, const char *format,
                        jb_doc **out) {
  jb_bld_end(b);
  while (b->depth) jb_bld_table_end(b);
  add_meta_title(b);
  jb_buf_addc(&b->text, 0);
  b->text.len--;
  jb_status s = jb_doc_make(b->ctx, name, b->text.data, b->text.len, o, 1, out);
  if (s) return s;
  jb_doc *d = *out;
  d->format = format;
  d->encoding = NULL;
  jb_doc_struct *st = d->st = jb_calloc(b->ctx, 1, sizeof *st);
  st->blocks = b->blocks, st->n_blocks = b->n_blocks, b->blocks = NULL;
  st->tables = b->tables, st->n_tables = b->n_tables, b->tables = NULL;
  st->cells = b->cells, st->n_cells = b->n_cells, b->cells = NULL;
  attach_paragraphs(d);
  attach_tables(d);
  return JB_OK;
}

/* ---- accessors ---------------------------------------------------------------- */

const char *jb_doc_format(const jb_doc *d) { return d->format; }
const char *jb_doc_encoding(const jb_doc *d) { return d->encoding; }

jb_para_role jb_doc_paragraph_role(const jb_doc *d, size_t i) {
  if (d->st && i < d->n_paras) return (jb_para_role)d->st->roles[i];
  if (i < d->n_paras && d->kinds[i] == JB_PARA_TITLE) return JB_PR_TITLE;
  return i < d->n_paras && d->kinds[i] == JB_PARA_HEADING ? JB_PR_HEADING : JB_PR_PARA;
}

int jb_doc_paragraph_level(const jb_doc *d, size_t i) {
  return d->st && i < d->n_paras ? d->st->levels[i] : 0;
}

size_t jb_doc_table_count(const jb_doc *d) { return d->st ? d->st->n_tables : 0; }
const jb_doc_tbl *jb_doc_table(const jb_doc *d, size_t i) { return &d->st->tables[i]; }

void jb_doc_source_utf8(const jb_doc *d, jb_buf *out) {
  for (size_t k = 0; k < d->src_len; k++) jb_buf_add_utf8(out, d->src[k]);
}

int jb_format_parse(const char *s) {
  static const char *const names[] = {"auto", "text", "docx", "html", "xlsx", "csv"};
  for (int i = 0; i < 6; i++)
    if (!strcmp(s, names[i])) return i;
  return -1;
}

int jb_encoding_parse(const char *s) {
  if (!strcmp(s, "auto")) return JB_ENC_AUTO;
  if (!strcmp(s, "utf-8") || !strcmp(s, "utf8") || !strcmp(s, "UTF-8")) return JB_ENC_UTF8;
  if (!strcmp(s, "gb18030") || !strcmp(s, "gbk") || !strcmp(s, "gb2312") || !strcmp(s, "GB18030")) return JB_ENC_GB18030;
  if (!strcmp(s, "utf-16") || !strcmp(s, "utf16") || !strcmp(s, "UTF-16")) return JB_ENC_UTF16;
  return -1;
}

/* ---- dump ------------------------------------------------------------------------ */

static void dump_span(const jb_doc *d, jb_buf *out, jb_span s) {
  jb_span o = jb_doc_source_span(d, s);
  jb_buf_printf(out, "[%zu,%zu) orig [%zu,%zu) ", s.start, s.end, o.start, o.end);
  for (size_t k = s.start; k < s.end; k++) jb_buf_add_utf8(out, d->text[k] == '\t' ? ' ' : d->text[k]);
  jb_buf_addc(out, '\n');
}

static void dump_tables(const jb_doc *d, jb_buf *out) {
  for (size_t t = 0; t < jb_doc_table_count(d); t++) {
    const jb_doc_tbl *tb = jb_doc_table(d, t);
    jb_buf_printf(out, "table %zu rows=%zu cols=%zu header_rows=%zu paragraphs=%zu-%zu\n", t + 1, tb->n_rows,
                  tb->n_cols, tb->header_rows, tb->first_para, tb->first_para + tb->n_paras - 1);
    for (size_t k = 0; k < tb->n_cells; k++) {
      const jb_doc_cell *c = &tb->cells[k];
      jb_buf_printf(out, "  cell r%zu c%zu", c->row, c->col);
      if (c->rowspan > 1 || c->colspan > 1) jb_buf_printf(out, " span %zux%zu", c->rowspan, c->colspan);
      jb_buf_adds(out, c->header ? " header " : " ");
      dump_span(d, out, c->span);
    }
  }
}

void jb_doc_dump(const jb_doc *d, jb_buf *out) {
  static const char *kinds[] = {"para", "heading", "title"};
  static const char *roles[] = {"para", "heading", "title", "list", "row", "footnote", "textbox", "caption"};
  jb_buf_printf(out, "doc %s chars=%zu source=%zu paragraphs=%zu sentences=%zu\n", d->name, d->len, d->src_len,
                d->n_paras, d->n_sents);
  if (d->st || strcmp(d->encoding ? d->encoding : "", "UTF-8"))
    jb_buf_printf(out, "format %s%s%s tables=%zu\n", d->format, d->encoding ? " encoding " : "",
                  d->encoding ? d->encoding : "", jb_doc_table_count(d));
  size_t s = 0;
  for (size_t p = 0; p < d->n_paras; p++) {
    jb_buf_printf(out, "%s %zu ", kinds[d->kinds[p]], p);
    if (d->st) {
      jb_buf_printf(out, "<%s", roles[d->st->roles[p] < 8 ? d->st->roles[p] : 0]);
      if (d->st->levels[p]) jb_buf_printf(out, " %d", d->st->levels[p]);
      jb_buf_adds(out, "> ");
    }
    dump_span(d, out, d->paras[p]);
    for (; s < d->n_sents && d->sents[s].para == p; s++) {
      jb_buf_printf(out, "  sentence %zu ", s);
      dump_span(d, out, d->sents[s].span);
    }
  }
  dump_tables(d, out);
}
