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
} jb_ingest_opts;

#define JB_INGEST_DEFAULTS ((jb_ingest_opts){1})

/* Reads a file ("-" = stdin). Invalid UTF-8 is refused with the file name and
 * the byte offset of the first bad sequence. */
jb_status jb_doc_load(jb_ctx *ctx, const char *path, const jb_ingest_opts *opts, jb_doc **out);
jb_status jb_doc_from_text(jb_ctx *ctx, const char *name, const char *utf8, size_t len,
                           const jb_ingest_opts *opts, jb_doc **out);
void jb_doc_free(jb_doc *doc);

const char *jb_doc_name(const jb_doc *doc);           /* file name as given */
const uint32_t *jb_doc_text(const jb_doc *doc, size_t *len);   /* normalized */
const uint32_t *jb_doc_source(const jb_doc *doc, size_t *len); /* original */
/* Original code-point offset of normalized position pos (pos == len allowed). */
size_t jb_doc_source_offset(const jb_doc *doc, size_t pos);

/* Paragraphs (non-empty lines of the normalized text, without the line break). */
size_t jb_doc_paragraph_count(const jb_doc *doc);
jb_span jb_doc_paragraph(const jb_doc *doc, size_t i);

#endif
