/* jianbao extract in bounded memory: the JSON of jb_facts_to_json, written as
 * it is made, with reports over a piece's size read in pieces of whole lines.
 *
 * A report of plain UTF-8 text larger than a piece (1 MB) is never held whole
 * as a document: its bytes stay, and each piece (about 1 MB of whole lines) is
 * ingested, extracted, written and freed. What its facts share is gathered
 * over all pieces first (jb_wide_gather: region, aiding side, main place, main
 * actor; the anchors and the congress of its first piece). Every other input
 * (small, docx, html, xlsx, csv, another encoding) is one document, extracted
 * exactly as jb_extract does. The "documents" part comes first in the JSON, so
 * the facts, series and checks are spooled to temporary files and appended. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extract/internal.h"

typedef struct file_in {
  const char *name;
  jb_ingest_opts opts;
  char *data;       /* a report read in pieces: its bytes */
  size_t len;
  jb_doc *doc;      /* any other input: its document */
} file_in;

typedef struct streamer {
  jb_ctx *ctx;
  size_t piece, n_docs;
  jb_gazetteer g;
  jb_jw w;                      /* the output */
  jb_jw facts, series, checks;  /* spooled, appended after the documents */
  FILE *paras, *sents;          /* a document's paragraphs and sentences, after its sections */
  size_t n_facts, n_checks;
  long n_series;
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

/* Where a long line is cut, in [a, b): after the first sentence end (。！？；),
 * else at the first character boundary from a. */
static size_t long_line_cut(const unsigned char *u, size_t a, size_t b) {
  for (size_t i = a; i + 3 <= b; i++)
    if ((u[i] == 0xE3 && u[i + 1] == 0x80 && u[i + 2] == 0x82) ||
        (u[i] == 0xEF && u[i + 1] == 0xBC && (u[i + 2] == 0x81 || u[i + 2] == 0x9F || u[i + 2] == 0x9B)))
      return i + 3;
  while (a < b && (u[a] & 0xC0) == 0x80) a++;
  return a;
}

/* End of the piece starting at `at`: whole lines, about st->piece bytes. A
 * line going on for more than 64 KB past that ends the piece at a sentence end
 * (*mid set: the next piece continues its paragraph), so a piece never exceeds
 * st->piece + 64 KB, even when the report is one huge line. */
#define LONG_LINE 65536

static size_t piece_end(const streamer *st, const file_in *f, size_t at, int *mid) {
  *mid = 0;
  if (f->len - at <= st->piece) return f->len;
  size_t from = at + st->piece, span = f->len - from < LONG_LINE ? f->len - from : LONG_LINE;
  const char *nl = memchr(f->data + from, '\n', span);
  if (nl) return (size_t)(nl - f->data) + 1;
  if (span < LONG_LINE) return f->len; /* the report ends within the line */
  size_t b = long_line_cut((const unsigned char *)f->data, from, from + span);
  if (b >= f->len) return f->len;
  if (f->data[b] == '\r') b++;
  if (b < f->len && f->data[b] == '\n') return b + 1;
  *mid = 1;
  return b;
}

static size_t count_cps(const char *s, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
  return k;
}

/* ---- facts of one document or piece -------------------------------------------- */

static jb_facts_impl *facts_new(streamer *st) {
  jb_facts_impl *fx = jb_calloc(st->ctx, 1, sizeof *fx);
  fx->ctx = st->ctx;
  fx->n_docs = st->n_docs;
  fx->doc_dates = jb_calloc(st->ctx, st->n_docs + 1, sizeof *fx->doc_dates);
  fx->date_given = jb_calloc(st->ctx, st->n_docs + 1, 1);
  fx->cited_as = jb_calloc(st->ctx, st->n_docs + 1, sizeof *fx->cited_as);
  return fx;
}

/* The facts, series and checks of fx (document d, or a piece of it at code-point
 * offset off and paragraph para) to their spools. */
static void spool_facts(streamer *st, const jb_facts_impl *fx, const jb_doc *d, size_t off, size_t para) {
  jb_jbase o = {off, para, st->n_facts, st->n_series};
  const char *name = jb_base_name(jb_doc_name(d));
  for (size_t i = 0; i < fx->n; i++) jb_jw_fact(&st->facts, fx, i, i ? &fx->items[i - 1] : NULL, d, &o);
  for (size_t k = 0; k < (size_t)fx->next_series; k++)
    jb_jw_series(&st->series, fx, k, st->n_series + (long)k == 0, name, &o);
  for (size_t i = 0; i < fx->n_checks; i++) jb_jw_check(&st->checks, fx, i, st->n_checks + i == 0, name, &o);
  st->n_facts += fx->n, st->n_series += fx->next_series, st->n_checks += fx->n_checks;
  if ((st->facts.st || st->series.st || st->checks.st) && !st->w.st)
    st->w.st = jb_fail(st->ctx, JB_ERR_IO, JB_LOC_NONE, "cannot write a temporary file");
}

/* A document read whole: as jb_extract and jb_facts_to_json do. */
static void whole_doc(streamer *st, const jb_doc *d, size_t di) {
  jb_facts_impl *fx = facts_new(st);
  jb_scan_doc(fx, &st->g, d, di, NULL);
  jb_table_facts(fx, &st->g, d, di, 0);
  jb_facts_finish_doc(fx, d, 0);
  jb_series_compact(fx);
  jb_jw_doc(&st->w, d, fx->doc_dates[di], fx->date_given[di], NULL);
  spool_facts(st, fx, d, 0, 0);
  jb_facts_free(fx);
}

/* ---- a document in pieces -------------------------------------------------------- */

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

typedef struct doc_state {
  section sec;
  int first_sec;
  size_t np, ns; /* paragraphs and sentences so far */
  int pend;      /* the last paragraph is held back: the next piece may continue it */
  jb_span pend_span;
  jb_para_kind pend_kind;
} doc_state;

static void para_flush(streamer *st, doc_state *ds) {
  static const char *const kinds[] = {"body", "heading", "title"};
  if (!ds->pend) return;
  fprintf(st->paras, "%s{\"start\":%zu,\"end\":%zu,\"kind\":\"%s\"}", ds->np++ ? "," : "", ds->pend_span.start,
          ds->pend_span.end, kinds[ds->pend_kind]);
  ds->pend = 0;
}

/* The paragraphs and sentences of one piece (mid: it continues the last
 * paragraph of the piece before): sections to the output, the rest spooled. */
static void doc_piece(streamer *st, const jb_doc *d, doc_state *ds, int mid) {
  size_t base = jb_doc_base(d), title = jb_doc_title(d);
  section *sec = &ds->sec;
  for (size_t p = 0; p < jb_doc_paragraph_count(d); p++) {
    jb_span o = jb_doc_source_span(d, jb_doc_paragraph(d, p));
    o.start += base, o.end += base;
    jb_para_kind kind = jb_doc_paragraph_kind(d, p);
    if (p == 0 && mid && ds->pend) {
      ds->pend_span.end = o.end; /* one paragraph, as in the whole text */
      sec->end = o.end;
      continue;
    }
    para_flush(st, ds);
    ds->pend = 1, ds->pend_span = o, ds->pend_kind = kind;
    if (p == title) continue;
    if (kind == JB_PARA_HEADING) {
      section_close(st, sec, &ds->first_sec);
      sec->heading = jb_doc_utf8(st->ctx, d, jb_doc_paragraph(d, p));
      sec->heading_span = o;
    }
    if (!sec->open) sec->open = 1, sec->start = o.start;
    sec->end = o.end;
  }
  for (size_t i = 0; i < jb_doc_sentence_count(d); i++) {
    jb_span o = jb_doc_source_span(d, jb_doc_sentence(d, i));
    fprintf(st->sents, "%s[%zu,%zu]", ds->ns++ ? "," : "", base + o.start, base + o.end);
  }
}

/* The entry's start: name, date, title (of the first piece); sections follow. */
static void doc_head(streamer *st, const jb_doc *d, const char *date, int given) {
  jb_jw_doc_head(&st->w, d, date, given, NULL);
  jb_buf_adds(&st->w.b, ",\"sections\":[");
}

/* Bytes [a, b) of f as a piece (code-point offset base). */
static jb_status ingest_piece(streamer *st, jb_ctx *ctx, const file_in *f, size_t a, size_t b, size_t base,
                              jb_doc **out) {
  jb_ingest_opts o = f->opts;
  o.base = base, o.continued = a > 0;
  jb_status rc = jb_doc_from_text(ctx, f->name, f->data + a, b - a, &o, out);
  if (rc && ctx != st->ctx) jb_fail(st->ctx, rc, JB_LOC_NONE, "%s", jb_ctx_error(ctx));
  return rc;
}

/* Pass 1: what the facts of the whole document share. */
static jb_status gather(streamer *st, const file_in *f, jb_docwide *wide) {
  jb_wide_acc *acc = jb_wide_new(st->ctx, &st->g);
  jb_ctx *quiet = jb_ctx_new(); /* pass 2 gives the warnings */
  jb_status rc = JB_OK;
  size_t base = 0;
  for (size_t a = 0; a < f->len;) {
    int mid;
    size_t b = piece_end(st, f, a, &mid);
    jb_doc *d = NULL;
    rc = ingest_piece(st, quiet, f, a, b, base, &d);
    if (rc) break;
    jb_wide_gather(acc, quiet, d, a == 0);
    jb_doc_free(d);
    base += count_cps(f->data + a, b - a);
    a = b;
  }
  jb_wide_finish(acc, wide);
  jb_ctx_free(quiet);
  return rc;
}

/* Pass 2: the entry of the document and the facts of every piece. */
static jb_status pieces_doc(streamer *st, const file_in *f, size_t di) {
  jb_docwide wide = {0};
  jb_status rc = gather(st, f, &wide);
  doc_state ds = {{0}, 1, 0, 0, 0, {0, 0}, JB_PARA_BODY};
  size_t base = 0, para = 0, facts = st->n_facts;
  int mid = 0; /* this piece continues the last line of the one before */
  for (size_t a = 0; a < f->len && !rc && !st->w.st;) {
    int mid_next;
    size_t b = piece_end(st, f, a, &mid_next);
    jb_doc *d = NULL;
    rc = ingest_piece(st, st->ctx, f, a, b, base, &d);
    if (rc) break;
    if (a == 0) doc_head(st, d, wide.date, wide.date_given);
    doc_piece(st, d, &ds, mid);
    size_t np = jb_doc_paragraph_count(d);
    if (mid && np && para) para--; /* its first paragraph is the last one's */
    jb_facts_impl *fx = facts_new(st);
    jb_scan_doc(fx, &st->g, d, di, &wide);
    jb_facts_finish_doc(fx, d, 0);
    jb_series_compact(fx);
    spool_facts(st, fx, d, base, para);
    jb_facts_free(fx);
    para += np, mid = mid_next;
    jb_doc_free(d);
    base += count_cps(f->data + a, b - a);
    a = b;
  }
  if (!rc && !wide.ref_year && st->n_facts > facts)
    jb_warn(st->ctx, (jb_loc){f->name, 0, 0, -1, NULL},
            "no date found in the report: 今年, 去年, 一年来 … are left without a period");
  jb_docwide_fini(&wide);
  if (rc) {
    jb_free(st->ctx, ds.sec.heading);
    return rc;
  }
  para_flush(st, &ds);
  section_close(st, &ds.sec, &ds.first_sec);
  jb_buf_adds(&st->w.b, "],\"paragraphs\":[");
  spool_copy(st, st->paras);
  jb_buf_adds(&st->w.b, "],\"sentences\":[");
  spool_copy(st, st->sents);
  jb_buf_adds(&st->w.b, "]}");
  return st->w.st;
}

/* ---- driver ------------------------------------------------------------------- */

/* Reads every file before anything is written: a report of plain UTF-8 text
 * over a piece keeps its bytes; any other input is loaded as jb_doc_load does. */
static jb_status read_files(streamer *st, file_in *in, const char *const *files, size_t n,
                            const jb_ingest_opts *opts) {
  for (size_t i = 0; i < n; i++) {
    in[i].name = files[i];
    in[i].opts = opts ? opts[i] : JB_INGEST_DEFAULTS;
    char *data;
    size_t len;
    jb_status rc = jb_read_file(st->ctx, files[i], &data, &len);
    if (rc) return rc;
    if (len > st->piece && jb_doc_plain_utf8(files[i], data, len, &in[i].opts)) {
      in[i].data = data, in[i].len = len;
      continue;
    }
    rc = jb_doc_load_data(st->ctx, files[i], data, len, &in[i].opts, &in[i].doc);
    jb_free(st->ctx, data);
    if (rc) return rc;
  }
  return JB_OK;
}

static jb_status spool_open(streamer *st, jb_jw *w, FILE **f) {
  *f = tmpfile();
  if (w) *w = (jb_jw){st->ctx, {0}, spool_write, *f, JB_OK}, jb_buf_init(&w->b, st->ctx);
  return *f ? JB_OK : jb_fail(st->ctx, JB_ERR_IO, JB_LOC_NONE, "cannot make a temporary file");
}

static void spool_append(streamer *st, jb_jw *w) {
  jb_jw_flush(w, 1);
  if (w->st && !st->w.st) st->w.st = jb_fail(st->ctx, JB_ERR_IO, JB_LOC_NONE, "cannot write a temporary file");
  spool_copy(st, w->user);
}

static jb_status write_all(streamer *st, file_in *in, size_t n) {
  jb_buf_adds(&st->w.b, "{\"documents\":[");
  for (size_t d = 0; d < n && !st->w.st; d++) {
    if (d) jb_buf_adds(&st->w.b, ",\n");
    if (in[d].doc) {
      whole_doc(st, in[d].doc, d);
      jb_doc_free(in[d].doc), in[d].doc = NULL;
    } else {
      jb_status rc = pieces_doc(st, &in[d], d);
      if (rc) return rc;
    }
  }
  jb_buf_adds(&st->w.b, "],\n\"facts\":[");
  spool_append(st, &st->facts);
  jb_buf_adds(&st->w.b, "],\n\"series\":[");
  spool_append(st, &st->series);
  jb_buf_adds(&st->w.b, "],\n\"checks\":[");
  spool_append(st, &st->checks);
  jb_buf_adds(&st->w.b, "]}\n");
  jb_jw_flush(&st->w, 1);
  return st->w.st;
}

static void streamer_fini(streamer *st, file_in *in, size_t n) {
  FILE *spools[] = {st->facts.user, st->series.user, st->checks.user, st->paras, st->sents};
  for (size_t i = 0; i < sizeof spools / sizeof spools[0]; i++)
    if (spools[i]) fclose(spools[i]);
  jb_buf_fini(&st->facts.b), jb_buf_fini(&st->series.b), jb_buf_fini(&st->checks.b);
  for (size_t i = 0; i < n; i++) {
    jb_doc_free(in[i].doc);
    jb_free(st->ctx, in[i].data);
  }
  jb_free(st->ctx, in);
  jb_buf_fini(&st->w.b);
  jb_gazetteer_fini(st->ctx, &st->g);
}

jb_status jb_extract_files_json(jb_ctx *ctx, const char *const *files, size_t n, const jb_ingest_opts *opts,
                                size_t piece, jb_write_fn fn, void *user) {
  streamer st = {0};
  st.ctx = ctx;
  st.n_docs = n;
  st.piece = piece ? piece : JB_EXTRACT_PIECE;
  st.w = (jb_jw){ctx, {0}, fn, user, JB_OK};
  jb_buf_init(&st.w.b, ctx);
  file_in *in = jb_calloc(ctx, n + 1, sizeof *in);
  jb_status rc = read_files(&st, in, files, n, opts);
  if (!rc) rc = jb_gazetteer_load(ctx, &st.g);
  FILE *f;
  if (!rc) rc = spool_open(&st, &st.facts, &f);
  if (!rc) rc = spool_open(&st, &st.series, &f);
  if (!rc) rc = spool_open(&st, &st.checks, &f);
  if (!rc) rc = spool_open(&st, NULL, &st.paras);
  if (!rc) rc = spool_open(&st, NULL, &st.sents);
  if (!rc) rc = write_all(&st, in, n);
  streamer_fini(&st, in, n);
  return rc;
}
