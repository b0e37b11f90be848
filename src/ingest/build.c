/* The builder behind docx, html, xlsx and csv: it writes the extracted text
 * (paragraphs one a line, table rows one a line with cells separated by tabs)
 * and remembers each paragraph's role and each cell's place, then attaches
 * them to the jb_doc made from that text, so offsets and citations work as
 * they do for plain text. */
#include <string.h>

#include "ingest/cjk.h"
#include "ingest/doc.h"

void jb_bld_init(jb_builder *b, jb_ctx *ctx) {
  memset(b, 0, sizeof *b);
  b->ctx = ctx;
  jb_buf_init(&b->text, ctx);
}

void jb_bld_fini(jb_builder *b) {
  jb_buf_fini(&b->text);
  jb_free(b->ctx, b->blocks);
  jb_free(b->ctx, b->tables);
  jb_free(b->ctx, b->cells);
  jb_free(b->ctx, b->busy);
  jb_free(b->ctx, b->title_meta);
  memset(b, 0, sizeof *b);
}

static void put(jb_builder *b, const char *s, size_t n) {
  jb_buf_add(&b->text, s, n);
  for (size_t i = 0; i < n; i++) b->ncp += ((unsigned char)s[i] & 0xC0) != 0x80;
}

static void open_para(jb_builder *b, jb_para_role role, int level) {
  b->open = 1;
  b->pstart = b->ncp, b->pbyte = b->text.len;
  b->role = (uint8_t)role, b->level = (uint8_t)level, b->title = role == JB_PR_TITLE;
}

void jb_bld_add(jb_builder *b, const char *s, size_t n) {
  if (b->in_cell && b->discard) return;
  if (!b->in_cell && !b->open) open_para(b, JB_PR_PARA, 0);
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c != 0x7F) continue;
    put(b, s + run, i - run); /* line breaks, tabs and controls: one space */
    if (c) put(b, " ", 1);
    run = i + 1;
  }
  put(b, s + run, n - run);
}

static int only_space(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t k = jb_utf8_decode(s + i, n - i, &cp);
    if (!k) return 0;
    if (!jb_is_hspace(cp)) return 0;
    i += k;
  }
  return 1;
}

static void push_block(jb_builder *b, size_t start, jb_para_role role, int level, int title) {
  b->blocks = jb_grow(b->ctx, b->blocks, &b->cap_blocks, b->n_blocks + 1, sizeof *b->blocks);
  b->blocks[b->n_blocks++] = (jb_block){start, b->ncp, (uint8_t)role, (uint8_t)level, (uint8_t)title};
}

void jb_bld_end(jb_builder *b) {
  if (b->in_cell || !b->open) return;
  b->open = 0;
  if (only_space(b->text.data + b->pbyte, b->text.len - b->pbyte)) { /* an empty paragraph */
    b->text.len = b->pbyte, b->ncp = b->pstart;
    return;
  }
  push_block(b, b->pstart, (jb_para_role)b->role, b->level, b->title);
  put(b, "\n", 1);
}

void jb_bld_para(jb_builder *b, jb_para_role role, int level) {
  if (b->in_cell) { /* paragraphs of a cell are joined by a space */
    if (b->text.len && b->text.data[b->text.len - 1] != '\t' && !b->discard) put(b, " ", 1);
    return;
  }
  jb_bld_end(b);
  open_para(b, role, level);
}

void jb_bld_break(jb_builder *b) {
  if (b->in_cell) {
    if (!b->discard) put(b, " ", 1);
    return;
  }
  jb_para_role role = b->open ? (jb_para_role)b->role : JB_PR_PARA;
  int level = b->open ? b->level : 0;
  jb_bld_end(b);
  open_para(b, role, level);
}

void jb_bld_table(jb_builder *b) {
  if (b->depth++) {
    jb_bld_break(b);
    return;
  }
  jb_bld_end(b);
  b->tables = jb_grow(b->ctx, b->tables, &b->cap_tables, b->n_tables + 1, sizeof *b->tables);
  jb_doc_tbl *t = &b->tables[b->n_tables++];
  memset(t, 0, sizeof *t);
  t->first_para = b->n_cells; /* first cell index until the table is attached */
  b->row = 0, b->headers_on_top = 1;
  for (size_t i = 0; i < b->cap_busy; i++) b->busy[i] = 0;
}

void jb_bld_row(jb_builder *b, int header) {
  if (b->depth != 1) return;
  b->col = 0, b->row_cells = 0, b->row_start = b->ncp, b->row_byte = b->text.len;
  b->row_all_header = 1;
  (void)header;
}

void jb_bld_cell(jb_builder *b, size_t colspan, size_t rowspan, int vcont, int header) {
  if (b->depth != 1) {
    if (b->depth > 1) jb_bld_break(b);
    return;
  }
  if (colspan < 1) colspan = 1;
  if (rowspan < 1) rowspan = 1;
  while (b->col < b->cap_busy && b->busy[b->col] > b->row) b->col++;
  if (b->row_cells++) put(b, "\t", 1);
  b->in_cell = 1, b->discard = 0;
  size_t first = b->tables[b->n_tables - 1].first_para;
  if (vcont) { /* w:vMerge continuation: the cell above in this column grows */
    b->discard = 1;
    for (size_t k = b->n_cells; k-- > first;)
      if (b->cells[k].col == b->col) {
        if (b->cells[k].row + b->cells[k].rowspan == b->row) b->cells[k].rowspan++;
        break;
      }
    b->col += colspan;
    return;
  }
  b->cells = jb_grow(b->ctx, b->cells, &b->cap_cells, b->n_cells + 1, sizeof *b->cells);
  b->cells[b->n_cells++] = (jb_doc_cell){{b->ncp, b->ncp}, b->row, b->col, rowspan, colspan, header};
  if (b->col + colspan > b->cap_busy) {
    size_t old = b->cap_busy;
    b->busy = jb_grow(b->ctx, b->busy, &b->cap_busy, b->col + colspan, sizeof *b->busy);
    for (size_t i = old; i < b->cap_busy; i++) b->busy[i] = 0;
  }
  for (size_t i = b->col; i < b->col + colspan; i++) b->busy[i] = b->row + rowspan;
  if (!header) b->row_all_header = 0;
  b->col += colspan;
}

void jb_bld_cell_end(jb_builder *b) {
  if (b->depth != 1 || !b->in_cell) return;
  if (!b->discard) b->cells[b->n_cells - 1].span.end = b->ncp;
  b->in_cell = 0, b->discard = 0;
}

void jb_bld_row_end(jb_builder *b) {
  if (b->depth != 1) return;
  if (b->in_cell) jb_bld_cell_end(b);
  if (!b->row_cells) return;
  jb_doc_tbl *t = &b->tables[b->n_tables - 1];
  if (b->row_all_header && b->headers_on_top) t->header_rows = b->row + 1;
  else b->headers_on_top = 0;
  if (only_space(b->text.data + b->row_byte, b->text.len - b->row_byte)) {
    put(b, "\n", 1); /* an empty row keeps its line, so cells keep their rows */
  } else {
    push_block(b, b->row_start, JB_PR_ROW, 0, 0);
    put(b, "\n", 1);
  }
  b->row++;
}

void jb_bld_table_end(jb_builder *b) {
  if (b->depth == 0) return;
  if (--b->depth) {
    jb_bld_break(b);
    return;
  }
  if (b->in_cell) jb_bld_row_end(b);
  jb_doc_tbl *t = &b->tables[b->n_tables - 1];
  size_t first = t->first_para;
  t->n_cells = b->n_cells - first;
  t->n_rows = b->row;
  for (size_t k = first; k < b->n_cells; k++) {
    const jb_doc_cell *c = &b->cells[k];
    if (c->col + c->colspan > t->n_cols) t->n_cols = c->col + c->colspan;
    if (c->row + c->rowspan > t->n_rows) t->n_rows = c->row + c->rowspan;
  }
  if (!t->n_cells) b->n_tables--;
}
