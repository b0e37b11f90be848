/* jianbao extract in bounded memory: the JSON of jb_facts_to_json, written as
 * it is made, from reports read in pieces of whole lines.
 *
 * A 200 MB report dense in numbers took 5.8 GB when its text, normalized text,
 * offset map, every fact and the whole JSON were held at once. Here only the
 * files' bytes stay; each piece (about 1 MB of whole lines) is ingested,
 * extracted, written and freed. Two passes: the "documents" part comes first in
 * the JSON, so pass 1 writes it (paragraphs and sentences spooled to temporary
 * files, as they follow the sections) and gathers what a document's facts
 * share (region, main place, main actor); pass 2 extracts the facts with those,
 * spooling the checks that follow them. A piece never splits a paragraph, so
 * sentences, periods, series and checks see what they saw in the whole text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extract/internal.h"

typedef struct file_in {
  const char *name;
  char *data;
  size_t len;
  jb_doc *kept;     /* a small file's document, ingested once for both passes */
  jb_docwide wide;  /* a file in several pieces: its document-wide values */
  int pieces;       /* more than one piece */
} file_in;

typedef struct streamer {
  jb_ctx *ctx;
  jb_ingest_opts opts;
  size_t piece;
  jb_gazetteer g;
  jb_jw w;          /* the output */
  FILE *paras, *sents, *checks; /* spools */
  size_t n_facts, n_checks;
  long next_series;
} streamer;

static jb_status spool_write(void *user, const void *data, size_t len) {
  return fwrite(data, 1, len, user) == len ? JB_OK : JB_ERR_IO;
}

/* Appends a spool to the output and empties it. */
static void spool_copy(streamer *st, FILE *f) {
  char buf[65536];
  size_t n;
  fflush(f);
  rewind(f);
  jb_jw_flush(&st->w, 1);
  while ((n = fread(buf, 1, sizeof buf, f)) > 0)
    if (!st->w.st) st->w.st = st->w.fn(st->w.user, buf, n);
  rewind(f);
  if (ftruncate(fileno(f), 0) != 0 && !st->w.st)
    st->w.st = jb_fail(st->ctx, JB_ERR_IO, JB_LOC_NONE, "cannot reuse a temporary file");
}

/* End of the piece starting at `at`: whole lines, about st->piece bytes. */
static size_t piece_end(const streamer *st, const file_in *f, size_t at) {
  if (f->len - at <= st->piece) return f->len;
  const char *nl = memchr(f->data + at + st->piece, '\n', f->len - at - st->piece);
  return nl ? (size_t)(nl - f->data) + 1 : f->len;
}

static size_t count_cps(const char *s, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
  return k;
}

/* Ingests bytes [a, b) of f (code-point offset base) as one piece, in ctx
 * (pass 1 ingests in a quiet context: pass 2 gives the warnings). */
static jb_status ingest_piece(streamer *st, jb_ctx *ctx, const file_in *f, size_t a, size_t b, size_t base,
                              jb_doc **out) {
  if (f->kept) {
    *out = f->kept;
    return JB_OK;
  }
  jb_ingest_opts o = st->opts;
  o.base = base, o.continued = a > 0;
  jb_status rc = jb_doc_from_text(ctx, f->name, f->data + a, b - a, &o, out);
  if (rc && ctx != st->ctx) jb_fail(st->ctx, rc, JB_LOC_NONE, "%s", jb_ctx_error(ctx));
  return rc;
}

/* ---- pass 1: documents ------------------------------------------------------ */

typedef struct section {
  int open;
  size_t start, end;
  char *heading;     /* NULL for the part before the first heading */
  jb_span heading_span;
} section;

static void section_close(streamer *st, section *sec, int *first) {
  if (!sec->open) return;
  jb_buf *b = &st->w.b;
  jb_buf_printf(b, "%s{\"start\":%zu,\"end\":%zu,\"heading\":", *first ? "" : ",", sec->start, sec->end);
  jb_json_str(b, sec->heading);
  if (sec->heading) jb_buf_printf(b, ",\"heading_span\":[%zu,%zu]}", sec->heading_span.start, sec->heading_span.end);
  else jb_buf_adds(b, ",\"heading_span\":null}");
  jb_free(st->ctx, sec->heading);
  memset(sec, 0, sizeof *sec);
  *first = 0;
  jb_jw_flush(&st->w, 0);
}

/* The paragraphs and sentences of one piece: sections to the output, the rest spooled. */
static void doc_piece(streamer *st, const jb_doc *d, section *sec, int *first_sec, size_t *np, size_t *ns) {
  static const char *const kinds[] = {"body", "heading", "title"};
  size_t base = jb_doc_base(d), title = jb_doc_title(d);
  for (size_t p = 0; p < jb_doc_paragraph_count(d); p++) {
    jb_span o = jb_doc_source_span(d, jb_doc_paragraph(d, p));
    o.start += base, o.end += base;
    jb_para_kind kind = jb_doc_paragraph_kind(d, p);
    fprintf(st->paras, "%s{\"start\":%zu,\"end\":%zu,\"kind\":\"%s\"}", (*np)++ ? "," : "", o.start, o.end,
            kinds[kind]);
    if (p == title) continue;
    if (kind == JB_PARA_HEADING) {
      section_close(st, sec, first_sec);
      sec->heading = jb_doc_utf8(st->ctx, d, jb_doc_paragraph(d, p));
      sec->heading_span = o;
    }
    if (!sec->open) sec->open = 1, sec->start = o.start;
    sec->end = o.end;
  }
  for (size_t i = 0; i < jb_doc_sentence_count(d); i++) {
    jb_span o = jb_doc_source_span(d, jb_doc_sentence(d, i));
    fprintf(st->sents, "%s[%zu,%zu]", (*ns)++ ? "," : "", base + o.start, base + o.end);
  }
}

static void doc_title(streamer *st, const jb_doc *d) {
  jb_buf *b = &st->w.b;
  jb_buf_adds(b, "{\"name\":");
  jb_json_str(b, jb_base_name(jb_doc_name(d)));
  size_t title = jb_doc_title(d);
  if (title == JB_NONE) {
    jb_buf_adds(b, ",\"title\":null,\"sections\":[");
    return;
  }
  char *s = jb_doc_utf8(st->ctx, d, jb_doc_paragraph(d, title));
  jb_span o = jb_doc_source_span(d, jb_doc_paragraph(d, title));
  jb_buf_printf(b, ",\"title\":{\"start\":%zu,\"end\":%zu,\"text\":", o.start, o.end);
  jb_json_str(b, s);
  jb_buf_adds(b, "},\"sections\":[");
  jb_free(st->ctx, s);
}

/* One file's entry of "documents"; gathers its document-wide values when it has pieces. */
static jb_status pass_documents(streamer *st, file_in *f) {
  section sec = {0};
  int first_sec = 1;
  size_t np = 0, ns = 0, base = 0;
  jb_wide_acc *acc = f->pieces ? jb_wide_new(st->ctx, &st->g) : NULL;
  jb_facts_impl *scratch = jb_calloc(st->ctx, 1, sizeof *scratch); /* the gatherer's facts */
  scratch->ctx = st->ctx;
  jb_status rc = JB_OK;
  jb_ctx *quiet = jb_ctx_new();
  for (size_t a = 0; a < f->len || a == 0;) {
    size_t b = piece_end(st, f, a);
    jb_doc *d = NULL;
    rc = ingest_piece(st, quiet, f, a, b, base, &d);
    if (rc) break;
    if (a == 0) doc_title(st, d);
    doc_piece(st, d, &sec, &first_sec, &np, &ns);
    if (acc) jb_wide_gather(acc, scratch, d);
    if (d != f->kept) jb_doc_free(d);
    base += count_cps(f->data + a, b - a);
    if (b == f->len) break;
    a = b;
  }
  jb_ctx_free(quiet);
  jb_facts_free(scratch);
  if (acc) jb_wide_finish(acc, &f->wide);
  if (rc) {
    jb_free(st->ctx, sec.heading);
    return rc;
  }
  section_close(st, &sec, &first_sec);
  jb_buf_adds(&st->w.b, "],\"paragraphs\":[");
  spool_copy(st, st->paras);
  jb_buf_adds(&st->w.b, "],\"sentences\":[");
  spool_copy(st, st->sents);
  jb_buf_adds(&st->w.b, "]}");
  return st->w.st;
}

/* ---- pass 2: facts ------------------------------------------------------------ */

static void facts_piece(streamer *st, file_in *f, const jb_doc *d, size_t doc_index) {
  jb_facts_impl *fx = jb_calloc(st->ctx, 1, sizeof *fx);
  fx->ctx = st->ctx;
  fx->next_series = st->next_series;
  jb_scan_doc(fx, &st->g, d, doc_index, f->pieces ? &f->wide : NULL);
  jb_facts_finish_doc(fx, d, 0);
  st->next_series = fx->next_series;
  for (size_t i = 0; i < fx->n; i++)
    jb_jw_fact(&st->w, &fx->items[i], i ? &fx->items[i - 1] : NULL, st->n_facts++, d);
  jb_jw checks = {st->ctx, {0}, spool_write, st->checks, JB_OK};
  jb_buf_init(&checks.b, st->ctx);
  for (size_t i = 0; i < fx->n_checks; i++)
    jb_jw_check(&checks, &fx->checks[i], fx->items, st->n_checks++ == 0, jb_base_name(f->name), jb_doc_base(d));
  jb_jw_flush(&checks, 1);
  jb_buf_fini(&checks.b);
  if (checks.st && !st->w.st)
    st->w.st = jb_fail(st->ctx, JB_ERR_IO, JB_LOC_NONE, "cannot write a temporary file");
  jb_facts_free(fx);
}

static jb_status pass_facts(streamer *st, file_in *f, size_t doc_index) {
  size_t base = 0;
  for (size_t a = 0; a < f->len || a == 0;) {
    size_t b = piece_end(st, f, a);
    jb_doc *d = NULL;
    jb_status rc = ingest_piece(st, st->ctx, f, a, b, base, &d);
    if (rc) return rc;
    facts_piece(st, f, d, doc_index);
    if (d != f->kept) jb_doc_free(d);
    if (st->w.st) return st->w.st;
    base += count_cps(f->data + a, b - a);
    if (b == f->len) break;
    a = b;
  }
  return JB_OK;
}

/* ---- driver ------------------------------------------------------------------- */

/* Reads and checks every file before anything is written; a small file is
 * ingested once and kept for both passes while they add up to little. */
static jb_status read_files(streamer *st, file_in *in, const char *const *files, size_t n) {
  size_t kept = 0;
  for (size_t i = 0; i < n; i++) {
    in[i].name = files[i];
    jb_status rc = jb_read_file(st->ctx, files[i], &in[i].data, &in[i].len);
    if (!rc) rc = jb_text_validate(st->ctx, files[i], in[i].data, in[i].len);
    if (rc) return rc;
    in[i].pieces = piece_end(st, &in[i], 0) < in[i].len;
    if (!in[i].pieces && kept + in[i].len <= 2 * st->piece) {
      kept += in[i].len;
      rc = ingest_piece(st, st->ctx, &in[i], 0, in[i].len, 0, &in[i].kept);
      if (rc) return rc;
    }
  }
  return JB_OK;
}

static jb_status write_all(streamer *st, file_in *in, size_t n) {
  jb_buf_adds(&st->w.b, "{\"documents\":[");
  for (size_t d = 0; d < n && !st->w.st; d++) {
    if (d) jb_buf_adds(&st->w.b, ",\n");
    jb_status rc = pass_documents(st, &in[d]);
    if (rc) return rc;
  }
  jb_buf_adds(&st->w.b, "],\n\"facts\":[");
  for (size_t d = 0; d < n && !st->w.st; d++) {
    jb_status rc = pass_facts(st, &in[d], d);
    if (rc) return rc;
  }
  jb_buf_adds(&st->w.b, "],\n\"checks\":[");
  spool_copy(st, st->checks);
  jb_buf_adds(&st->w.b, "]}\n");
  jb_jw_flush(&st->w, 1);
  return st->w.st;
}

jb_status jb_extract_files_json(jb_ctx *ctx, const char *const *files, size_t n, const jb_ingest_opts *opts,
                                size_t piece, jb_write_fn fn, void *user) {
  streamer st = {0};
  st.ctx = ctx;
  st.opts = opts ? *opts : JB_INGEST_DEFAULTS;
  st.piece = piece ? piece : JB_EXTRACT_PIECE;
  st.w = (jb_jw){ctx, {0}, fn, user, JB_OK};
  jb_buf_init(&st.w.b, ctx);
  file_in *in = jb_calloc(ctx, n + 1, sizeof *in);
  jb_status rc = jb_gazetteer_load(ctx, &st.g);
  if (!rc) rc = read_files(&st, in, files, n);
  if (!rc) {
    st.paras = tmpfile(), st.sents = tmpfile(), st.checks = tmpfile();
    if (!st.paras || !st.sents || !st.checks)
      rc = jb_fail(ctx, JB_ERR_IO, JB_LOC_NONE, "cannot make a temporary file");
  }
  if (!rc) rc = write_all(&st, in, n);
  for (FILE **f = &st.paras; f <= &st.checks; f++)
    if (*f) fclose(*f);
  for (size_t i = 0; i < n; i++) {
    jb_doc_free(in[i].kept);
    jb_free(ctx, in[i].data);
    jb_free(ctx, in[i].wide.actor);
  }
  jb_free(ctx, in);
  jb_buf_fini(&st.w.b);
  jb_gazetteer_fini(ctx, &st.g);
  return rc;
}
