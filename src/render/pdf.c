/* Display list -> PDF. libharu 2.3.0 writes the document (pages, xref,
 * compression, outlines, links); text is written as glyph codes in Type0 fonts
 * that we build through libharu's object API: subset font programs from
 * hb-subset, compact W arrays and a ToUnicode CMap from the glyphs' text.
 * This file (pages, document) and pdf_font.c (fonts) are the only ones that
 * include hpdf.h (compiled without HPDF_SHARED to reach pdf->mmgr, pdf->xref,
 * page->attr). */
#include <png.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "render/pdf_imp.h"

static void on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user) {
  pdf_writer *w = user;
  if (!w->hpdf_error) w->hpdf_error = error_no, w->hpdf_detail = detail_no;
}

int jb_pdf_inject(pdf_writer *w) { return w->fail_at && ++w->calls == w->fail_at; }

int jb_pdf_check(pdf_writer *w, int ok, const char *call) {
  if (!ok && !w->failed_call) w->failed_call = call;
  return ok;
}

/* ---- glyph registry -------------------------------------------------------- */

static void slots_grow(jb_ctx *ctx, pdf_font *f) {
  glyph_slot *old = f->slots;
  size_t old_cap = f->cap;
  f->cap = old_cap ? old_cap * 2 : 256;
  f->slots = jb_malloc(ctx, f->cap * sizeof(glyph_slot));
  for (size_t i = 0; i < f->cap; i++) f->slots[i].gid = UINT32_MAX;
  for (size_t i = 0; i < old_cap; i++)
    if (old[i].gid != UINT32_MAX) *slot_find(f, old[i].gid) = old[i];
  jb_free(ctx, old);
}

static int same_text(const jb_dl *dl, const glyph_slot *s, const jb_dl_glyph *g) {
  return s->text_len == g->text_len &&
         !memcmp(dl->text + s->text_start, dl->text + g->text_start, g->text_len * sizeof(uint32_t));
}

static int glyph_width_1000(pdf_writer *w, pdf_font *f, uint32_t gid) {
  int adv = jb_fonts_glyph_advance(w->dl->fonts, f->face, gid);
  return (int)lround(adv * 1000.0 / f->info.upem);
}

static glyph_slot *register_glyph(pdf_writer *w, pdf_font *f, const jb_dl_glyph *g) {
  if ((f->used + 1) * 2 > f->cap) slots_grow(w->ctx, f);
  glyph_slot *s = slot_find(f, g->gid);
  if (s->gid == UINT32_MAX) {
    s->gid = g->gid;
    f->used++;
    if (f->info.format == JB_FONT_TRUETYPE) s->code = ++f->next_code;
    else s->code = jb_fonts_glyph_cid(w->dl->fonts, f->face, g->gid);
    s->width = glyph_width_1000(w, f, g->gid);
    s->text_start = g->text_start, s->text_len = g->text_len;
  } else if (!s->text_len && g->text_len) {
    s->text_start = g->text_start, s->text_len = g->text_len; /* prefer real text */
  }
  return s;
}

/* ---- small PDF object helpers ------------------------------------------- */

HPDF_Dict jb_pdf_new_dict(pdf_writer *w) {
  HPDF_Dict d;
  if (!PDF_NEW(w, d, HPDF_Dict_New(w->pdf->mmgr))) return NULL;
  return PDF_OK(w, HPDF_Xref_Add(w->pdf->xref, d)) ? d : NULL; /* a failed add frees d */
}

/* Streams are deflated here rather than by libharu, which starts a new zlib
 * state per stream and first copies the raw bytes into its own buffers byte by
 * byte. The dict then says FlateDecode through write_fn: libharu drops a
 * Filter key of a stream it does not filter itself.
 * Level 3, not zlib's default 6 (libharu's), measured on a 100-page briefing:
 * page contents (1.2 MB) 26 -> 17 ms for 6% more bytes; the CFF font program
 * (194 KB) 7.1 -> 5.4 ms for 0.6% more; the file grows 1.5%. */
#define FLATE_LEVEL 3

static HPDF_STATUS write_flate_filter(HPDF_Dict d, HPDF_Stream out) {
  (void)d;
  return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

static int deflate_into(pdf_writer *w, const void *data, size_t len) {
  z_stream *z = &w->z;
  if (!w->z_ready) {
    memset(z, 0, sizeof *z);
    if (deflateInit(z, FLATE_LEVEL) != Z_OK) return 0;
    w->z_ready = 1;
  } else if (deflateReset(z) != Z_OK) {
    return 0;
  }
  w->packed.len = 0;
  uLong bound = deflateBound(z, (uLong)len);
  jb_buf_reserve(&w->packed, bound);
  z->next_in = (Bytef *)data;
  z->avail_in = (uInt)len;
  z->next_out = (Bytef *)w->packed.data;
  z->avail_out = (uInt)bound;
  if (deflate(z, Z_FINISH) != Z_STREAM_END) return 0;
  w->packed.len = bound - z->avail_out;
  return 1;
}

/* Puts data into the stream of dict d, deflated when compress is set. */
static int stream_data(pdf_writer *w, HPDF_Dict d, const void *data, size_t len, int compress) {
  d->filter = HPDF_STREAM_FILTER_NONE;
  if (compress && deflate_into(w, data, len)) {
    d->write_fn = write_flate_filter;
    data = w->packed.data, len = w->packed.len;
  }
  return PDF_OK(w, HPDF_Stream_Write(d->stream, (const HPDF_BYTE *)data, (HPDF_UINT)len));
}

HPDF_Dict jb_pdf_new_stream(pdf_writer *w, const void *data, size_t len, int compress) {
  HPDF_Dict s;
  if (!PDF_NEW(w, s, HPDF_DictStream_New(w->pdf->mmgr, w->pdf->xref))) return NULL;
  return stream_data(w, s, data, len, compress) ? s : NULL;
}

/* Bookmark and document-information texts: libharu refuses strings over
 * 65,535 bytes (a 32,766-character heading was "libharu error 0x1025"), and
 * no viewer shows more than a line of them, so longer ones end in "…". */
#define MAX_INFO_CHARS 2000

/* UTF-16BE with BOM as a PDF string object (non-BMP via surrogates). */
static HPDF_Binary utf16_string(pdf_writer *w, const char *utf8) {
  jb_buf b;
  jb_buf_init(&b, w->ctx);
  jb_buf_add(&b, "\xFE\xFF", 2);
  size_t n = strlen(utf8), i = 0;
  for (size_t chars = 0; i < n; chars++) {
    if (chars == MAX_INFO_CHARS) {
      jb_buf_add(&b, "\x20\x26", 2); /* U+2026 */
      break;
    }
    uint32_t cp;
    size_t k = jb_utf8_decode(utf8 + i, n - i, &cp);
    if (!k) cp = 0xFFFD, k = 1;
    i += k;
    uint16_t units[2];
    int nu = 1;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      units[0] = (uint16_t)(0xD800 | (cp >> 10)), units[1] = (uint16_t)(0xDC00 | (cp & 0x3FF)), nu = 2;
    } else {
      units[0] = (uint16_t)cp;
    }
    for (int u = 0; u < nu; u++) {
      jb_buf_addc(&b, (char)(units[u] >> 8));
      jb_buf_addc(&b, (char)(units[u] & 0xFF));
    }
  }
  HPDF_Binary bin;
  PDF_NEW(w, bin, HPDF_Binary_New(w->pdf->mmgr, (HPDF_BYTE *)b.data, (HPDF_UINT)b.len));
  jb_buf_fini(&b);
  return bin;
}

/* ---- content streams ------------------------------------------------------ */

static void add_color(jb_buf *b, jb_rgb c, const char *op) {
  jb_buf_add_num(b, c.r, 3);
  jb_buf_addc(b, ' ');
  jb_buf_add_num(b, c.g, 3);
  jb_buf_addc(b, ' ');
  jb_buf_add_num(b, c.b, 3);
  jb_buf_printf(b, " %s\n", op);
}

static void add_xy(jb_buf *b, double x, double y) {
  jb_buf_add_num(b, x, 3);
  jb_buf_addc(b, ' ');
  jb_buf_add_num(b, y, 3);
}

static pdf_font *font_for(pdf_writer *w, unsigned face) { return &w->fonts[face]; }

static HPDF_Dict ensure_type0(pdf_writer *w, pdf_font *f) {
  if (!f->type0) f->type0 = jb_pdf_new_dict(w);
  return f->type0;
}

/* Copy/paste guard: extractors (poppler, mupdf) invent a space wherever two
 * glyphs are 0.1 em or more apart. Han-Latin glue and justification make such
 * gaps, so glyphs joined by one, or a glyph whose text differs from its
 * ToUnicode entry, are wrapped in one ActualText span carrying the exact text. */
#define GAP_GUARD_EM 0.09

static int is_space_glyph(const jb_dl *dl, const jb_dl_glyph *g) {
  return g->text_len == 1 && (dl->text[g->text_start] == ' ' || dl->text[g->text_start] == 0x3000);
}

static double gap_after(pdf_font *f, const jb_dl_glyph *g, const jb_dl_glyph *h, double size) {
  if (fabs(g->y - h->y) > 0.0005) return 0;
  return h->x - (g->x + slot_find(f, g->gid)->width * size / 1000.0);
}

/* Last glyph index of the ActualText span starting at k, or -1 for none. */
static long span_end(pdf_writer *w, pdf_font *f, const jb_dl_item *it, uint32_t k) {
  const jb_dl *dl = w->dl;
  const jb_dl_glyph *g = dl->glyphs + it->start;
  uint32_t e = k;
  int needed = !same_text(dl, slot_find(f, g[k].gid), &g[k]);
  while (e + 1 < it->count && !is_space_glyph(dl, &g[e]) && !is_space_glyph(dl, &g[e + 1]) &&
         gap_after(f, &g[e], &g[e + 1], it->size) > GAP_GUARD_EM * it->size) {
    e++;
    needed = 1;
  }
  for (uint32_t j = k; j <= e && !needed; j++) needed = !same_text(dl, slot_find(f, g[j].gid), &g[j]);
  return needed ? (long)e : -1;
}

/* Literal strings in content streams carry raw bytes: a third of the size
 * of hex. Delimiters and line ends are escaped (a reader would turn a raw CR
 * into LF). */
static void add_lit_byte(jb_buf *b, unsigned char c) {
  char s[2] = {'\\', (char)c};
  if (c == '(' || c == ')' || c == '\\') jb_buf_add(b, s, 2);
  else if (c == '\r') jb_buf_add(b, "\\r", 2);
  else if (c == '\n') jb_buf_add(b, "\\n", 2);
  else jb_buf_addc(b, (char)c);
}

/* A glyph code: two bytes, in a string that holds the run of glyphs between
 * two adjustments. */
static void add_code(jb_buf *b, uint32_t code) {
  add_lit_byte(b, (unsigned char)(code >> 8));
  add_lit_byte(b, (unsigned char)code);
}

static void add_utf16_lit(jb_buf *b, const uint32_t *cps, size_t n) {
  for (size_t i = 0; i < n; i++) {
    uint32_t cp = cps[i], u[2] = {cp, 0};
    int nu = 1;
    if (cp >= 0x10000) cp -= 0x10000, u[0] = 0xD800 | (cp >> 10), u[1] = 0xDC00 | (cp & 0x3FF), nu = 2;
    for (int k = 0; k < nu; k++) add_lit_byte(b, (unsigned char)(u[k] >> 8)), add_lit_byte(b, (unsigned char)u[k]);
  }
}

static void begin_actual_text(jb_buf *b, const jb_dl *dl, const jb_dl_glyph *g, long n) {
  jb_buf_adds(b, "/Span<</ActualText(\xFE\xFF");
  for (long j = 0; j < n; j++) add_utf16_lit(b, dl->text + g[j].text_start, g[j].text_len);
  jb_buf_adds(b, ")>>BDC\n");
}

/* Writes one TEXT item: one Tm, then a TJ whose adjustments move each glyph to
 * its exact position; the pen is tracked with the rounded numbers, so error
 * never accumulates. */
/* Synthetic bold inside a text object: render mode 2 (fill, then stroke) or 0. */
static void set_stroke(jb_buf *b, float stroke) {
  if (stroke > 0) {
    jb_buf_add_num(b, stroke, 3);
    jb_buf_adds(b, " w 2 Tr\n");
  } else {
    jb_buf_adds(b, "0 Tr\n");
  }
}

static void emit_text(pdf_writer *w, HPDF_Page page, const jb_dl_item *it, const jb_dl_item *parts, size_t n_parts) {
  const jb_dl *dl = w->dl;
  pdf_font *f = font_for(w, it->face);
  jb_buf *b = &w->content;
  HPDF_Dict t0 = ensure_type0(w, f);
  const char *fname;
  if (!t0 || !PDF_NEW(w, fname, HPDF_Page_GetLocalFontName(page, (HPDF_Font)t0))) return;
  int stroked = 0;
  for (size_t p = 0; p < n_parts; p++) stroked |= parts[p].stroke > 0;
  if (stroked) {
    /* synthetic bold: fill and stroke in the text colour, inside q/Q so the
     * line width and stroke colour do not reach other items */
    jb_buf_adds(b, "q\n");
    add_color(b, it->color, "RG");
  }
  jb_buf_adds(b, "BT\n");
  /* colour and font outlive BT/ET (only other items use q/Q) */
  if (!w->have_fill || memcmp(&w->fill, &it->color, sizeof it->color)) {
    add_color(b, it->color, "rg");
    w->fill = it->color, w->have_fill = 1;
  }
  if (!w->have_font || w->font_face != it->face || w->font_size != it->size) {
    jb_buf_printf(b, "/%s ", fname);
    jb_buf_add_num(b, it->size, 3);
    jb_buf_adds(b, " Tf\n");
    w->font_face = it->face, w->font_size = it->size, w->have_font = 1;
  }
  double size = it->size, pen = 0, cur_y = 0;
  int in_tj = 0, in_str = 0, have_tm = 0;
  long span_last = -1;
  size_t part = 0;
  uint32_t part_end = parts[0].count;
  float stroke = parts[0].stroke;
  if (stroke > 0) set_stroke(b, stroke);
  for (uint32_t k = 0; k < it->count; k++) {
    const jb_dl_glyph *g = &dl->glyphs[it->start + k];
    if (k == part_end && part + 1 < n_parts) { /* the next part: switch the render mode */
      part_end += parts[++part].count;
      if (parts[part].stroke != stroke) {
        if (in_tj) jb_buf_adds(b, in_str ? ")]TJ\n" : "]TJ\n");
        in_tj = in_str = 0;
        set_stroke(b, stroke = parts[part].stroke);
      }
    }
    long e = (long)k > span_last ? span_end(w, f, it, k) : -1;
    int new_line = !have_tm || fabs(g->y - cur_y) > 0.0005;
    if (in_tj && (new_line || e >= 0)) {
      jb_buf_adds(b, in_str ? ")]TJ\n" : "]TJ\n");
      in_tj = in_str = 0;
    }
    if (new_line) {
      jb_buf_adds(b, "1 0 0 1 ");
      add_xy(b, g->x, g->y);
      jb_buf_adds(b, " Tm\n");
      pen = g->x, cur_y = g->y, have_tm = 1;
    }
    if (e >= 0) begin_actual_text(b, dl, g, e - (long)k + 1), span_last = e;
    if (!in_tj) jb_buf_addc(b, '['), in_tj = 1;
    long adj = lround((pen - g->x) * 1000.0 / size);
    if (adj) {
      if (in_str) jb_buf_addc(b, ')'), in_str = 0;
      jb_buf_add_int(b, adj);
      pen -= adj * size / 1000.0;
    }
    if (!in_str) jb_buf_addc(b, '('), in_str = 1;
    const glyph_slot *sl = slot_find(f, g->gid);
    add_code(b, sl->code);
    pen += sl->width * size / 1000.0;
    if ((long)k == span_last) {
      jb_buf_adds(b, ")]TJ\nEMC\n");
      in_tj = in_str = 0;
    }
  }
  if (in_tj) jb_buf_adds(b, in_str ? ")]TJ\n" : "]TJ\n");
  jb_buf_adds(b, "ET\n");
  if (stroked) { /* Q restores the fill colour and font: set them again next time */
    jb_buf_adds(b, "Q\n");
    w->have_fill = w->have_font = 0;
  }
}

/* Hatch lines 3 pt apart over the box, clipped by the path just built ("W n"
 * follows the path in the stream): mono printing tells series apart by these. */
static void emit_hatch(jb_buf *b, int kind, float x0, float y0, float x1, float y1) {
  const float step = 3;
  float h = y1 - y0;
  jb_buf_adds(b, "W n 0 G 0.4 w\n");
  for (int pass = 0; pass < 2; pass++) {
    int k = pass ? (kind == JB_HATCH_CROSS ? JB_HATCH_BACK : -1) : (kind == JB_HATCH_CROSS ? JB_HATCH_DIAG : kind);
    if (k < 0) break;
    float lo = k == JB_HATCH_HORIZ ? y0 : x0 - (k == JB_HATCH_DIAG || k == JB_HATCH_BACK ? h : 0);
    float hi = k == JB_HATCH_HORIZ ? y1 : x1 + (k == JB_HATCH_BACK ? h : 0);
    for (float c = lo + step / 2; c < hi; c += step) {
      float ax = c, ay = y0, bx = c, by = y1; /* vertical */
      if (k == JB_HATCH_HORIZ) ax = x0, ay = c, bx = x1, by = c;
      else if (k == JB_HATCH_DIAG) bx = c + h;
      else if (k == JB_HATCH_BACK) bx = c - h;
      add_xy(b, ax, ay);
      jb_buf_adds(b, " m ");
      add_xy(b, bx, by);
      jb_buf_adds(b, " l\n");
    }
  }
  jb_buf_adds(b, "S\n");
}

/* Consecutive TEXT items that differ only in synthetic bold (contiguous glyphs,
 * one face, size and colour) go out as one text object: a viewer then sees
 * one run, and the ActualText spans that keep it from inventing spaces at
 * Han-Western glue reach across the switch. Returns the items used. */
static size_t text_run(pdf_writer *w, HPDF_Page page, const jb_dl_item *it, size_t left) {
  size_t n = 1;
  jb_dl_item all = *it;
  while (n < left && n < 64) {
    const jb_dl_item *nx = it + n;
    if (nx->kind != JB_DL_TEXT || nx->face != it->face || nx->size != it->size ||
        memcmp(&nx->color, &it->color, sizeof it->color) || nx->start != all.start + all.count ||
        nx->stroke == nx[-1].stroke)
      break;
    all.count += nx->count;
    n++;
  }
  emit_text(w, page, &all, it, n);
  return n;
}

static void emit_rect(pdf_writer *w, const jb_dl_item *it) {
  jb_buf *b = &w->content;
  jb_buf_adds(b, "q\n");
  add_color(b, it->color, "rg");
  for (int pass = 0; pass < (it->hatch ? 2 : 1); pass++) {
    add_xy(b, it->x, it->y);
    jb_buf_addc(b, ' ');
    add_xy(b, it->w, it->h);
    jb_buf_adds(b, pass ? " re\n" : " re f\n");
  }
  if (it->hatch) emit_hatch(b, it->hatch, it->x, it->y, it->x + it->w, it->y + it->h);
  jb_buf_adds(b, "Q\n");
}

static void emit_dash(jb_buf *b, float dash) {
  if (dash <= 0) return;
  jb_buf_addc(b, '[');
  jb_buf_add_num(b, dash, 2);
  jb_buf_adds(b, "] 0 d\n");
}

static void emit_line(pdf_writer *w, const jb_dl_item *it) {
  jb_buf *b = &w->content;
  jb_buf_adds(b, "q\n");
  add_color(b, it->color, "RG");
  jb_buf_add_num(b, it->lw, 3);
  jb_buf_adds(b, " w\n");
  emit_dash(b, it->dash);
  add_xy(b, it->x, it->y);
  jb_buf_adds(b, " m ");
  add_xy(b, it->x2, it->y2);
  jb_buf_adds(b, " l S\nQ\n");
}

static void emit_path(pdf_writer *w, const jb_dl_item *it) {
  jb_buf *b = &w->content;
  const float *pt = w->dl->points + 2 * it->start;
  if (it->count < 2) return;
  jb_buf_adds(b, "q\n");
  add_color(b, it->color, it->fill ? "rg" : "RG");
  if (!it->fill) {
    jb_buf_add_num(b, it->lw, 3);
    jb_buf_adds(b, " w 1 j\n");
    emit_dash(b, it->dash);
  }
  float x0 = pt[0], y0 = pt[1], x1 = pt[0], y1 = pt[1];
  for (int pass = 0; pass < (it->fill && it->hatch ? 2 : 1); pass++) {
    for (uint32_t i = 0; i < it->count; i++) {
      add_xy(b, pt[2 * i], pt[2 * i + 1]);
      jb_buf_adds(b, i ? " l\n" : " m\n");
      x0 = fminf(x0, pt[2 * i]), x1 = fmaxf(x1, pt[2 * i]), y0 = fminf(y0, pt[2 * i + 1]), y1 = fmaxf(y1, pt[2 * i + 1]);
    }
    jb_buf_adds(b, pass ? "h\n" : it->fill ? "h f\n" : (it->closed ? "h S\n" : "S\n"));
  }
  if (it->fill && it->hatch) emit_hatch(b, it->hatch, x0, y0, x1, y1);
  jb_buf_adds(b, "Q\n");
}

/* [page /XYZ 0 top null]: keeps the reader's zoom, which libharu's
 * HPDF_Destination_SetXYZ refuses (it rejects zoom 0). */
static HPDF_Destination destination(pdf_writer *w, size_t page, float top) {
  HPDF_Destination d;
  HPDF_Null null;
  if (!PDF_NEW(w, d, HPDF_Page_CreateDestination(w->pages[page]))) return NULL;
  HPDF_Array_Clear(d); /* void */
  int ok = PDF_OK(w, HPDF_Array_Add(d, w->pages[page])) && PDF_OK(w, HPDF_Array_AddName(d, "XYZ")) &&
           PDF_OK(w, HPDF_Array_AddNumber(d, 0)) && PDF_OK(w, HPDF_Array_AddReal(d, top)) &&
           PDF_NEW(w, null, HPDF_Null_New(w->pdf->mmgr)) && PDF_OK(w, HPDF_Array_Add(d, null));
  return ok ? d : NULL;
}

static void emit_link(pdf_writer *w, HPDF_Page page, const jb_dl_item *it) {
  HPDF_Rect r = {it->x, it->y, it->x + it->w, it->y + it->h};
  HPDF_Annotation a;
  if (it->kind == JB_DL_URI) {
    if (!PDF_NEW(w, a, HPDF_Page_CreateURILinkAnnot(page, r, w->dl->strings + it->start))) return;
  } else {
    if (it->target < 0 || (size_t)it->target >= w->dl->n_pages) return;
    HPDF_Destination d = destination(w, (size_t)it->target, it->y2);
    if (!d || !PDF_NEW(w, a, HPDF_Page_CreateLinkAnnot(page, r, d))) return;
  }
  PDF_OK(w, HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0));
}

/* PNG through libpng (Debian's libharu has no PNG support): 8-bit RGB with any
 * alpha composited over white, handed to libharu as a raw image. */
static HPDF_Image load_png(pdf_writer *w, const unsigned char *d, size_t len) {
  png_image im;
  memset(&im, 0, sizeof im);
  im.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&im, d, len)) return NULL;
  im.format = PNG_FORMAT_RGB;
  size_t n = PNG_IMAGE_SIZE(im);
  unsigned char *px = jb_malloc(w->ctx, n ? n : 1);
  png_color white = {255, 255, 255};
  HPDF_Image img = NULL;
  if (png_image_finish_read(&im, &white, px, 0, NULL))
    img = HPDF_LoadRawImageFromMem(w->pdf, px, im.width, im.height, HPDF_CS_DEVICE_RGB, 8);
  png_image_free(&im);
  jb_free(w->ctx, px);
  return img;
}

/* Images are loaded once per file (PNG or JPEG by signature) and drawn as XObjects. */
static HPDF_Image image_for(pdf_writer *w, uint32_t start) {
  for (size_t i = 0; i < w->n_images; i++)
    if (w->images[i].start == start) return w->images[i].img;
  const char *path = w->dl->strings + start;
  char *data = NULL;
  size_t len = 0;
  HPDF_Image img = NULL;
  if (jb_read_file(w->ctx, path, &data, &len) == JB_OK) {
    const unsigned char *d = (const unsigned char *)data;
    if (len > 8 && d[0] == 0x89 && d[1] == 'P') img = load_png(w, d, len);
    else if (len > 4 && d[0] == 0xFF && d[1] == 0xD8) img = HPDF_LoadJpegImageFromMem(w->pdf, d, (HPDF_UINT)len);
  } else {
    jb_ctx_clear_error(w->ctx);
  }
  jb_free(w->ctx, data);
  if (!img && !w->bad_image) w->bad_image = path;
  w->images = jb_grow(w->ctx, w->images, &w->cap_images, w->n_images + 1, sizeof(pdf_image));
  w->images[w->n_images++] = (pdf_image){start, img};
  return img;
}

static void emit_image(pdf_writer *w, HPDF_Page page, const jb_dl_item *it) {
  HPDF_Image img = image_for(w, it->start);
  if (!img) return;
  const char *name;
  if (!PDF_NEW(w, name, HPDF_Page_GetXObjectName(page, img))) return;
  jb_buf *b = &w->content;
  jb_buf_adds(b, "q\n");
  jb_buf_add_num(b, it->w, 3);
  jb_buf_adds(b, " 0 0 ");
  jb_buf_add_num(b, it->h, 3);
  jb_buf_addc(b, ' ');
  add_xy(b, it->x, it->y);
  jb_buf_printf(b, " cm\n/%s Do\nQ\n", name);
}

static void emit_page(pdf_writer *w, size_t p) {
  const jb_dl_page *pg = &w->dl->pages[p];
  HPDF_Page page = w->pages[p];
  w->content.len = 0;
  w->have_fill = w->have_font = 0;
  for (size_t i = 0; i < pg->item_count && !w->failed_call; i++) {
    const jb_dl_item *it = &w->dl->items[pg->item_start + i];
    switch (it->kind) {
      case JB_DL_TEXT: i += text_run(w, page, it, pg->item_count - i) - 1; break;
      case JB_DL_RECT: emit_rect(w, it); break;
      case JB_DL_LINE: emit_line(w, it); break;
      case JB_DL_PATH: emit_path(w, it); break;
      case JB_DL_LINK:
      case JB_DL_URI: emit_link(w, page, it); break;
      case JB_DL_IMAGE: emit_image(w, page, it); break;
    }
  }
  HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
  if (!w->failed_call) stream_data(w, attr->contents, w->content.data, w->content.len, w->compress);
}

/* ---- document ------------------------------------------------------------- */

static void set_info_text(pdf_writer *w, HPDF_InfoType type, const char *key, const char *utf8) {
  if (!utf8 || !*utf8 || !PDF_OK(w, HPDF_SetInfoAttr(w->pdf, type, "-"))) return;
  HPDF_Binary s = utf16_string(w, utf8);
  if (s) PDF_OK(w, HPDF_Dict_Add(w->pdf->info, key, s));
}

static void set_metadata(pdf_writer *w) {
  const jb_dl_meta *m = &w->dl->meta;
  set_info_text(w, HPDF_INFO_TITLE, "Title", m->title);
  set_info_text(w, HPDF_INFO_AUTHOR, "Author", m->author);
  set_info_text(w, HPDF_INFO_SUBJECT, "Subject", m->subject);
  set_info_text(w, HPDF_INFO_KEYWORDS, "Keywords", m->keywords);
  set_info_text(w, HPDF_INFO_CREATOR, "Creator", m->creator ? m->creator : "jianbao " JB_VERSION);
  set_info_text(w, HPDF_INFO_PRODUCER, "Producer", "jianbao " JB_VERSION " with libharu 2.3.0");
  time_t t = (time_t)m->date;
  struct tm tm;
  if (m->date >= 0 && gmtime_r(&t, &tm) && tm.tm_year + 1900 <= 9999) { /* PDF dates have four-digit years */
    HPDF_Date d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, 'Z', 0, 0};
    if (!PDF_OK(w, HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_CREATION_DATE, d)) ||
        !PDF_OK(w, HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_MOD_DATE, d)))
      return;
  }
  HPDF_MMgr mm = w->pdf->mmgr;
  HPDF_String lang;
  HPDF_Dict prefs;
  HPDF_Boolean yes;
  if (PDF_NEW(w, lang, HPDF_String_New(mm, m->lang ? m->lang : "zh-CN", NULL)) &&
      PDF_OK(w, HPDF_Dict_Add(w->pdf->catalog, "Lang", lang)) && PDF_NEW(w, prefs, HPDF_Dict_New(mm)) &&
      PDF_OK(w, HPDF_Dict_Add(w->pdf->catalog, "ViewerPreferences", prefs)) &&
      PDF_NEW(w, yes, HPDF_Boolean_New(mm, HPDF_TRUE)))
    PDF_OK(w, HPDF_Dict_Add(prefs, "DisplayDocTitle", yes));
}

/* Outline entries nest by level: each hangs under the nearest earlier entry of a lower level. */
static void build_outline(pdf_writer *w) {
  HPDF_Outline parents[8] = {NULL};
  for (size_t i = 0; i < w->dl->n_outline && !w->failed_call; i++) {
    const jb_outline *o = &w->dl->outline[i];
    int level = o->level < 1 ? 1 : (o->level > 7 ? 7 : o->level);
    HPDF_Outline parent = NULL, ol;
    for (int l = level - 1; l >= 1 && !parent; l--) parent = parents[l];
    HPDF_Binary title;
    HPDF_Destination d = NULL;
    if (!PDF_NEW(w, ol, HPDF_CreateOutline(w->pdf, parent, "-", NULL)) || !(title = utf16_string(w, o->title)) ||
        !PDF_OK(w, HPDF_Dict_Add(ol, "Title", title)))
      return;
    if (o->page >= 0 && (size_t)o->page < w->dl->n_pages &&
        (!(d = destination(w, (size_t)o->page, o->y)) || !PDF_OK(w, HPDF_Outline_SetDestination(ol, d))))
      return;
    if (!PDF_OK(w, HPDF_Outline_SetOpened(ol, level == 1))) return;
    parents[level] = ol;
    for (int l = level + 1; l < 8; l++) parents[l] = NULL;
  }
  if (w->dl->n_outline && !w->failed_call) PDF_OK(w, HPDF_SetPageMode(w->pdf, HPDF_PAGE_MODE_USE_OUTLINE));
}

static void register_all_glyphs(pdf_writer *w) {
  const jb_dl *dl = w->dl;
  for (size_t i = 0; i < dl->n_items; i++) {
    const jb_dl_item *it = &dl->items[i];
    if (it->kind != JB_DL_TEXT) continue;
    pdf_font *f = font_for(w, it->face);
    for (uint32_t k = 0; k < it->count; k++) register_glyph(w, f, &dl->glyphs[it->start + k]);
  }
}

static int save(pdf_writer *w, jb_buf *out) {
  if (!PDF_OK(w, HPDF_SaveToStream(w->pdf))) return 0;
  HPDF_UINT32 size = HPDF_GetStreamSize(w->pdf);
  if (!jb_pdf_check(w, size > 0, "HPDF_GetStreamSize")) return 0;
  jb_buf_reserve(out, size);
  HPDF_UINT32 got = size;
  HPDF_STATUS rs = HPDF_ReadFromStream(w->pdf, (HPDF_BYTE *)out->data + out->len, &got);
  if (!jb_pdf_check(w, (rs == HPDF_OK || rs == HPDF_STREAM_EOF) && got == size, "HPDF_ReadFromStream")) return 0;
  out->len += got;
  return 1;
}

/* The first failed libharu call, named, with what its error code means. */
static jb_status libharu_failed(pdf_writer *w) {
  unsigned e = (unsigned)(w->hpdf_error ? w->hpdf_error : HPDF_GetError(w->pdf));
  const char *what = e == HPDF_FAILD_TO_ALLOC_MEM ? ": out of memory"
                   : e == HPDF_ARRAY_COUNT_ERR ? ": too many objects in one array or page tree"
                   : e == HPDF_BINARY_LENGTH_ERR || e == HPDF_STRING_OUT_OF_RANGE ? ": a string is too long"
                   : "";
  const char *call = w->failed_call ? w->failed_call : "libharu";
  if (w->fail_at && w->calls >= w->fail_at && !e)
    return jb_fail(w->ctx, JB_ERR_INTERNAL, JB_LOC_NONE,
                   "cannot write the PDF: %.*s failed (libharu error made by the test hook at call %lu); "
                   "nothing was written", (int)strcspn(call, "("), call, w->fail_at);
  return jb_fail(w->ctx, JB_ERR_INTERNAL, JB_LOC_NONE,
                 "cannot write the PDF: %.*s failed (libharu error 0x%04X%s, detail %u); nothing was written",
                 (int)strcspn(call, "("), call, e, what, (unsigned)w->hpdf_detail);
}

/* One libharu page per display-list page; over 8,000 a two-level page tree
 * (libharu's one Pages node holds at most 8,191 kids by its documentation). */
static int add_pages(pdf_writer *w) {
  const jb_dl *dl = w->dl;
  if (dl->n_pages > 8000 && !PDF_OK(w, HPDF_SetPagesConfiguration(w->pdf, 8000))) return 0;
  for (size_t p = 0; p < dl->n_pages; p++) {
    if (!PDF_NEW(w, w->pages[p], HPDF_AddPage(w->pdf)) ||
        !PDF_OK(w, HPDF_Page_SetWidth(w->pages[p], dl->pages[p].width)) ||
        !PDF_OK(w, HPDF_Page_SetHeight(w->pages[p], dl->pages[p].height)))
      return 0;
  }
  return 1;
}

static jb_status render(pdf_writer *w, jb_buf *out, int compress) {
  const jb_dl *dl = w->dl;
  if (!PDF_OK(w, HPDF_SetCompressionMode(w->pdf, compress ? HPDF_COMP_ALL : HPDF_COMP_NONE))) return libharu_failed(w);
  w->compress = compress;
  w->n_fonts = jb_fonts_face_count(dl->fonts);
  w->fonts = jb_calloc(w->ctx, w->n_fonts + 1, sizeof(pdf_font));
  for (size_t i = 0; i < w->n_fonts; i++) {
    w->fonts[i].face = (unsigned)i;
    jb_fonts_face_info(dl->fonts, (unsigned)i, &w->fonts[i].info);
  }
  register_all_glyphs(w);
  w->pages = jb_calloc(w->ctx, dl->n_pages + 1, sizeof(HPDF_Page));
  if (!add_pages(w)) return libharu_failed(w);
  for (size_t p = 0; p < dl->n_pages && !w->failed_call; p++) emit_page(w, p);
  for (size_t i = 0; i < w->n_fonts && !w->failed_call; i++) {
    if (!w->fonts[i].used) continue;
    jb_status st = jb_pdf_finish_font(w, &w->fonts[i]);
    if (st) return st;
  }
  if (!w->failed_call) set_metadata(w);
  if (!w->failed_call) build_outline(w);
  if (w->bad_image)
    return jb_fail(w->ctx, JB_ERR_INPUT, (jb_loc){w->bad_image, 0, 0, -1, NULL},
                   "cannot embed the image (libharu error 0x%04X): use an 8-bit PNG or a baseline JPEG",
                   (unsigned)w->hpdf_error);
  if (w->failed_call || w->hpdf_error || !save(w, out) || w->hpdf_error) return libharu_failed(w);
  return JB_OK;
}

jb_status jb_render_pdf(jb_ctx *ctx, const jb_dl *dl, const jb_pdf_opts *opts, jb_buf *out) {
  pdf_writer w;
  memset(&w, 0, sizeof w);
  w.ctx = ctx;
  w.dl = dl;
  w.fail_at = opts ? opts->fail_at : 0;
  jb_buf_init(&w.content, ctx);
  jb_buf_init(&w.packed, ctx);
  w.pdf = HPDF_New(on_hpdf_error, &w);
  if (!w.pdf) return jb_fail(ctx, JB_ERR_INTERNAL, JB_LOC_NONE, "libharu could not start");
  jb_status st = dl->n_pages ? render(&w, out, opts ? opts->compress : 1)
                             : jb_fail(ctx, JB_ERR_INPUT, JB_LOC_NONE, "nothing to render: no pages");
  HPDF_Free(w.pdf);
  for (size_t i = 0; i < w.n_fonts; i++) jb_free(ctx, w.fonts[i].slots);
  jb_free(ctx, w.fonts);
  jb_free(ctx, w.pages);
  jb_free(ctx, w.images);
  jb_buf_fini(&w.content);
  jb_buf_fini(&w.packed);
  if (w.z_ready) deflateEnd(&w.z);
  return st;
}
