/* The document object and the structure readers of structured formats (docx,
 * html, xlsx, csv) attach to it (internal header). */
#ifndef JB_INGEST_DOC_H
#define JB_INGEST_DOC_H

#include "jianbao/ingest.h"

typedef struct sentence {
  jb_span span;
  size_t para;
} sentence;

/* One paragraph of a structured document as its reader saw it: where it lies in
 * the extracted text (code points), its role and heading level. */
typedef struct jb_block {
  size_t start, end;
  uint8_t role;  /* jb_para_role */
  uint8_t level; /* heading level 1-9, 0 = none */
  uint8_t title; /* the document's title */
} jb_block;

typedef struct jb_doc_struct {
  jb_block *blocks;
  size_t n_blocks;
  jb_doc_tbl *tables;
  size_t n_tables;
  jb_doc_cell *cells; /* spans in extracted-text code points until attached, then normalized */
  size_t n_cells;
  uint8_t *roles, *levels; /* per paragraph of the jb_doc */
} jb_doc_struct;

struct jb_doc {
  jb_ctx *ctx;
  char *name;
  uint32_t *src;
  size_t src_len;
  uint32_t *text;
  size_t len, cap;
  uint32_t *map;  /* len + 1 entries: original offset of each character */
  uint8_t *olen;  /* original code points covered by each character */
  jb_span *paras;
  uint8_t *kinds;
  size_t n_paras, title;
  sentence *sents;
  size_t n_sents;
  int keep_tabs;        /* tabs separate table cells: never dropped as stray spaces */
  const char *format;   /* "text", "docx", "html", "xlsx", "csv" (static strings) */
  const char *encoding; /* of a text or html file: "UTF-8", "GB18030", "UTF-16LE" … */
  jb_doc_struct *st;    /* NULL for plain text */
  size_t base;          /* offset of this piece in its file (messages, jb_doc_base) */
  int continued;        /* a piece after the first: no BOM, no title */
  char given_date[11];  /* the date the user gave (jb_ingest_opts.doc_date), or "" */
};

void jb_doc_struct_free(jb_ctx *ctx, jb_doc_struct *st);

/* Builds the document from UTF-8 text (valid, checked by the caller when it
 * comes from a reader); keep_tabs for structured text. */
jb_status jb_doc_make(jb_ctx *ctx, const char *name, const char *utf8, size_t len, const jb_ingest_opts *opts,
                      int keep_tabs, jb_doc **out);

#endif

/* ---- builder: the readers of structured formats write paragraphs, table cells
 * and their roles into it; jb_bld_finish makes the jb_doc. */
typedef struct jb_builder {
  jb_ctx *ctx;
  jb_buf text;
  size_t ncp; /* code points in text */
  jb_block *blocks;
  size_t n_blocks, cap_blocks;
  jb_doc_tbl *tables;
  size_t n_tables, cap_tables;
  jb_doc_cell *cells;
  size_t n_cells, cap_cells;
  int open;            /* a paragraph is open */
  size_t pstart, pbyte; /* its start (code points, bytes) */
  uint8_t role, level, title;
  int depth;           /* tables open (a nested table's text flows into the outer cell) */
  int in_cell, discard; /* inside a cell; its text is dropped (a merged continuation) */
  size_t row, col, row_cells, row_start, row_byte;
  int row_all_header, headers_on_top;
  size_t *busy, cap_busy; /* per grid column: the first row a rowspan from above leaves free */
  char *title_meta;    /* dc:title or <title> */
} jb_builder;

void jb_bld_init(jb_builder *b, jb_ctx *ctx);
void jb_bld_fini(jb_builder *b);
/* Text of the open paragraph or cell (opens a body paragraph if none); line
 * breaks, tabs and control characters become spaces. */
void jb_bld_add(jb_builder *b, const char *utf8, size_t n);
void jb_bld_para(jb_builder *b, jb_para_role role, int level); /* ends any open paragraph */
void jb_bld_end(jb_builder *b);   /* ends the paragraph (dropped when only white space) */
void jb_bld_break(jb_builder *b); /* a line break: a new paragraph of the same role */
void jb_bld_table(jb_builder *b);
void jb_bld_row(jb_builder *b, int header);
/* vcont: continues the cell above (w:vMerge): its text is dropped and the cell
 * above grows by a row. */
void jb_bld_cell(jb_builder *b, size_t colspan, size_t rowspan, int vcont, int header);
void jb_bld_cell_end(jb_builder *b);
void jb_bld_row_end(jb_builder *b);
void jb_bld_table_end(jb_builder *b);
/* The structured document: the title from metadata goes first as the title
 * paragraph when the body gives none. */
jb_status jb_bld_finish(jb_builder *b, const char *name, const jb_ingest_opts *o, const char *format,
                        jb_doc **out);

/* ---- readers (zip.c, docx.c, xlsx.c, html.c, csv.c, decode.c) ------------------ */
typedef struct jb_zip jb_zip;
/* Opens a ZIP archive held in memory; a corrupt or truncated one, or one with
 * encrypted entries, is refused. */
jb_status jb_zip_open(jb_ctx *ctx, const char *name, const char *data, size_t len, jb_zip **out);
int jb_zip_has(const jb_zip *z, const char *entry);
/* Reads an entry whole (NUL-terminated). Absent: *out = NULL, an error only when
 * required. The expanded size is capped (the input limit) and so is the ratio of
 * expanded to compressed size past the first megabyte: a zip bomb is refused. */
jb_status jb_zip_read(jb_zip *z, const char *entry, int required, char **out, size_t *n);
void jb_zip_close(jb_zip *z);
/* Parses an XML part without ever reading a DTD or substituting an entity (a
 * part holding <!DOCTYPE or <!ENTITY is refused) and without network access.
 * Returns an xmlDocPtr in *doc. */
jb_status jb_xml_read(jb_ctx *ctx, const char *name, const char *part, const char *data, size_t n, void **doc);

jb_status jb_read_docx(jb_ctx *ctx, const char *name, jb_zip *z, const jb_ingest_opts *o, jb_doc **out);
jb_status jb_read_xlsx(jb_ctx *ctx, const char *name, jb_zip *z, const jb_ingest_opts *o, jb_doc **out);
jb_status jb_read_html(jb_ctx *ctx, const char *name, const char *utf8, size_t n, const jb_ingest_opts *o,
                       jb_doc **out);
jb_status jb_read_csv(jb_ctx *ctx, const char *name, const char *utf8, size_t n, const jb_ingest_opts *o,
                      jb_doc **out);
/* Text in enc ("GB18030", "UTF-16LE", "UTF-16BE") to UTF-8 through iconv; a byte
 * that cannot be decoded is an error at its byte offset in the original. */
jb_status jb_decode(jb_ctx *ctx, const char *name, const char *data, size_t n, const char *enc, char **out,
                    size_t *out_len);
