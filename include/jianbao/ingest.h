/* Ingest: read, validate, normalize and segment a UTF-8 report -> jb_doc.
 * Offsets are code-point indexes. Every normalized position maps back to its
 * code-point offset in the original file, so facts and warnings can cite the source. */
#ifndef JIANBAO_INGEST_H
#define JIANBAO_INGEST_H

#include "jianbao/core.h"

typedef struct jb_doc jb_doc;

typedef struct jb_span {
  size_t start, end; /* [start, end) */
} jb_span;

typedef struct jb_ingest_opts {
  int normalize; /* 1 (default): NFC, half-width punctuation in Chinese -> full width, ... */
  /* A piece of a larger file (extract reads large reports in pieces of whole
   * lines): base = code-point offset of the piece in its file, added to the
   * offsets of messages and of jb_doc_base; continued = not the start of the
   * file (no BOM, and its first paragraph is never the title). */
  size_t base;
  int continued;
} jb_ingest_opts;

#define JB_INGEST_DEFAULTS ((jb_ingest_opts){1, 0, 0})

/* Reads a file ("-" = stdin). Invalid UTF-8 is refused with the file name and
 * the byte offset of the first bad sequence. */
jb_status jb_doc_load(jb_ctx *ctx, const char *path, const jb_ingest_opts *opts, jb_doc **out);
/* The checks jb_doc_from_text makes first (UTF-8, no NUL byte, size limit),
 * with byte offsets in messages, for a file ingested in pieces. */
jb_status jb_text_validate(jb_ctx *ctx, const char *name, const char *utf8, size_t len);
jb_status jb_doc_from_text(jb_ctx *ctx, const char *name, const char *utf8, size_t len,
                           const jb_ingest_opts *opts, jb_doc **out);
void jb_doc_free(jb_doc *doc);

const char *jb_doc_name(const jb_doc *doc);           /* file name as given */
size_t jb_doc_base(const jb_doc *doc); /* code-point offset of the document in its file (0 unless a piece) */
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

/* The normalized text of span s as UTF-8 (allocated with jb_malloc; jb_free it). */
char *jb_doc_utf8(jb_ctx *ctx, const jb_doc *doc, jb_span s);
/* Appends a readable dump of the structure (paragraphs, kinds, sentences, with
 * normalized and original spans) to out, for tests and --dump=ingest. */
void jb_doc_dump(const jb_doc *doc, jb_buf *out);

#endif
