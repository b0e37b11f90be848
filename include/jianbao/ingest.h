/* Ingest: read, detect, decode, normalize and segment a report -> jb_doc.
 * Formats: plain text (UTF-8, GB 18030/GBK, UTF-16), Word .docx (also WPS-saved),
 * HTML, and tables from .xlsx and .csv. Offsets are code-point indexes into the
 * document's source: the text of a text file (decoded), or the text extracted
 * from a docx, html, xlsx or csv (paragraphs one a line, table cells separated
 * by tabs; jb_doc_source). Every normalized position maps back to its source
 * offset, so facts and warnings can cite the source. */
#ifndef JIANBAO_INGEST_H
#define JIANBAO_INGEST_H

#include "jianbao/core.h"

typedef struct jb_doc jb_doc;

typedef struct jb_span {
  size_t start, end; /* [start, end) */
} jb_span;

/* What a file holds; AUTO: told by its content (ZIP with [Content_Types].xml:
 * docx or xlsx; HTML markup; else text). */
typedef enum jb_format {
  JB_FMT_AUTO = 0, JB_FMT_TEXT, JB_FMT_DOCX, JB_FMT_HTML, JB_FMT_XLSX, JB_FMT_CSV
} jb_format;

/* The encoding of text and html; AUTO: a byte-order mark, then (html) a meta
 * charset, then UTF-8 when valid, else GB 18030 (covers GBK and GB2312) with a
 * warning naming it. */
typedef enum jb_encoding { JB_ENC_AUTO = 0, JB_ENC_UTF8, JB_ENC_GB18030, JB_ENC_UTF16 } jb_encoding;

typedef struct jb_ingest_opts {
  int normalize; /* 1 (default): NFC, half-width punctuation in Chinese -> full width, ... */
  jb_format from;
  jb_encoding encoding;
  /* A piece of a larger file (extract reads large reports in pieces of whole
   * lines): base = code-point offset of the piece in its file, added to the
   * offsets of messages and of jb_doc_base; continued = not the start of the
   * file (no BOM, and its first paragraph is never the title). */
  size_t base;
  int continued;
  /* The date the user gives the report ("2023", "2023-08", "2023-08-23"; "" for
   * none, checked by jb_doc_date_valid): extract takes it when the text states no
   * date of its own (documents[].date_source "given"). */
  char doc_date[11];
} jb_ingest_opts;

#define JB_INGEST_DEFAULTS ((jb_ingest_opts){1, JB_FMT_AUTO, JB_ENC_AUTO, 0, 0, ""})

/* Whether s is YYYY, YYYY-MM or YYYY-MM-DD with a real month and day (1900-2100). */
int jb_doc_date_valid(const char *s);

/* "docx" -> JB_FMT_DOCX …, "utf-8" -> JB_ENC_UTF8 …; -1 when unknown. */
int jb_format_parse(const char *s);
int jb_encoding_parse(const char *s);

/* Reads a file ("-" = stdin) of any format above. Bad input is refused with a
 * located message: invalid UTF-8 at file:line:col, an undecodable byte at its
 * byte offset, a corrupt, encrypted or oversized (zip bomb) archive, an old
 * binary .doc/.wps, XML with a DTD or entities (never resolved), a formula
 * without a cached value. */
jb_status jb_doc_load(jb_ctx *ctx, const char *path, const jb_ingest_opts *opts, jb_doc **out);
/* jb_doc_load of a file's bytes, already read (by jb_read_file). */
jb_status jb_doc_load_data(jb_ctx *ctx, const char *path, const char *data, size_t len, const jb_ingest_opts *opts,
                           jb_doc **out);
/* Whether jb_doc_load reads these bytes as plain UTF-8 text (no other format or
 * encoding, valid, no NUL byte): then jb_doc_from_text of any run of whole
 * lines of them is a piece of the same document (extract reads large reports so). */
int jb_doc_plain_utf8(const char *path, const char *data, size_t len, const jb_ingest_opts *opts);
jb_status jb_doc_from_text(jb_ctx *ctx, const char *name, const char *utf8, size_t len,
                           const jb_ingest_opts *opts, jb_doc **out);
void jb_doc_free(jb_doc *doc);

const char *jb_doc_name(const jb_doc *doc);           /* file name as given */
size_t jb_doc_base(const jb_doc *doc); /* code-point offset of the document in its file (0 unless a piece) */
const char *jb_doc_given_date(const jb_doc *doc); /* the opts' doc_date, or NULL */
const uint32_t *jb_doc_text(const jb_doc *doc, size_t *len);   /* normalized */
const uint32_t *jb_doc_source(const jb_doc *doc, size_t *len); /* original */
/* Original code-point offset of normalized position pos (pos == len allowed). */
size_t jb_doc_source_offset(const jb_doc *doc, size_t pos);

/* Original code-point offset just after the normalized character pos - 1, so a
 * normalized span [s, e) covers the original [jb_doc_source_offset(s),
 * jb_doc_source_end(e)) without any removed white space that follows it. */
size_t jb_doc_source_end(const jb_doc *doc, size_t pos);
jb_span jb_doc_source_span(const jb_doc *doc, jb_span normalized);

/* Paragraphs (non-empty lines of the normalized text, without the line break). */
size_t jb_doc_paragraph_count(const jb_doc *doc);
jb_span jb_doc_paragraph(const jb_doc *doc, size_t i);

/* Structure. A heading is a short paragraph without closing punctuation (the
 * sub-headings of a report); the title is the first paragraph when it is short and
 * reads as a heading. The title paragraph has kind JB_PARA_TITLE, not heading. */
typedef enum jb_para_kind { JB_PARA_BODY = 0, JB_PARA_HEADING, JB_PARA_TITLE } jb_para_kind;
#define JB_NONE ((size_t)-1)
jb_para_kind jb_doc_paragraph_kind(const jb_doc *doc, size_t i);
int jb_doc_is_heading(const jb_doc *doc, size_t i); /* heading or title */
size_t jb_doc_title(const jb_doc *doc);             /* paragraph index or JB_NONE */

/* Sentences: split after 。！？ (and ! ? when they end a sentence), with closing
 * quotes and brackets kept in the sentence; a paragraph end also ends one.
 * Sentences never cross paragraphs and are in text order. */
size_t jb_doc_sentence_count(const jb_doc *doc);
jb_span jb_doc_sentence(const jb_doc *doc, size_t i);
size_t jb_doc_sentence_paragraph(const jb_doc *doc, size_t i);
/* Index of the sentence containing normalized position pos (JB_NONE if none). */
size_t jb_doc_sentence_at(const jb_doc *doc, size_t pos);

/* What was read: "text", "docx", "html", "xlsx" or "csv", and the encoding of
 * a text or html file ("UTF-8", "GB18030", "UTF-16LE", "UTF-16BE"), else NULL. */
const char *jb_doc_format(const jb_doc *doc);
const char *jb_doc_encoding(const jb_doc *doc);

/* The structure a docx or html gave a paragraph (plain text: JB_PR_PARA). */
typedef enum jb_para_role {
  JB_PR_PARA = 0, JB_PR_HEADING, JB_PR_TITLE, JB_PR_LIST, JB_PR_ROW, JB_PR_FOOTNOTE,
  JB_PR_TEXTBOX, JB_PR_CAPTION
} jb_para_role;
jb_para_role jb_doc_paragraph_role(const jb_doc *doc, size_t i);
int jb_doc_paragraph_level(const jb_doc *doc, size_t i); /* heading or list level 1-9, 0 none */

/* Tables of a docx, html, xlsx or csv. A table's rows are paragraphs of kind
 * JB_PR_ROW; a cell covers grid rows [row, row + rowspan) and columns
 * [col, col + colspan); span is its text in the normalized text. */
typedef struct jb_doc_cell {
  jb_span span;
  size_t row, col, rowspan, colspan;
  int header; /* marked as a header (w:tblHeader, th, thead, first row of a data file) */
} jb_doc_cell;
typedef struct jb_doc_tbl {
  const jb_doc_cell *cells; /* row-major */
  size_t n_cells, n_rows, n_cols;
  size_t header_rows;   /* leading rows marked as headers by the file (0: none said) */
  size_t first_para, n_paras;
} jb_doc_tbl;
size_t jb_doc_table_count(const jb_doc *doc);
const jb_doc_tbl *jb_doc_table(const jb_doc *doc, size_t i);

/* The normalized text of span s as UTF-8 (allocated with jb_malloc; jb_free it). */
char *jb_doc_utf8(jb_ctx *ctx, const jb_doc *doc, jb_span s);
/* Appends a readable dump of the structure (paragraphs, kinds, sentences, with
 * normalized and original spans) to out, for tests and --dump=ingest. */
void jb_doc_dump(const jb_doc *doc, jb_buf *out);
/* The source text (what offsets index) as UTF-8, for extract --dump=text. */
void jb_doc_source_utf8(const jb_doc *doc, jb_buf *out);

#endif
