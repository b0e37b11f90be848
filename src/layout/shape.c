/* Itemize by font coverage and script, shape each run with HarfBuzz, and record
 * which characters every glyph stands for (for the PDF's ToUnicode). */
#include <stdio.h>
#include <string.h>

#include "font_imp.h"

static int is_mark_or_joiner(uint32_t cp) {
  hb_unicode_general_category_t gc = hb_unicode_general_category(hb_unicode_funcs_get_default(), cp);
  if (gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
      gc == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
      gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK)
    return 1;
  return cp == 0x200C || cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) ||
         (cp >= 0xE0100 && cp <= 0xE01EF);
}

static int covers(jb_fonts *f, jb_face *fc, uint32_t cp) {
  uint32_t g;
  return jb__face_glyph(f, fc, cp, &g);
}

#define NO_FACE (-1)
#define SYNTH 0x10000 /* in a chosen face: drawn with synthetic bold */

/* Face per character: first face of the stack that covers it; marks and
 * joiners stay with their base so clusters are never split across fonts. */
static void choose_faces(jb_fonts *f, const jb_stack *st, const uint32_t *text, size_t n, int *face) {
  for (size_t i = 0; i < n; i++) {
    if (i > 0 && is_mark_or_joiner(text[i]) && face[i - 1] != NO_FACE &&
        covers(f, &f->faces[face[i - 1] & ~SYNTH], text[i])) {
      face[i] = face[i - 1];
      continue;
    }
    face[i] = NO_FACE;
    for (int k = 0; k < st->n_faces; k++)
      if (covers(f, &f->faces[st->faces[k]], text[i])) {
        face[i] = st->faces[k] | (st->synth[k] ? SYNTH : 0);
        break;
      }
    if (face[i] == NO_FACE && i > 0 && is_mark_or_joiner(text[i])) face[i] = face[i - 1];
  }
}

static hb_script_t script_of(uint32_t cp) {
  return hb_unicode_script(hb_unicode_funcs_get_default(), cp);
}

static int weak_script(hb_script_t s) {
  return s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN;
}

static void append_glyph(jb_fonts *f, jb_shaped *out, size_t *cap, jb_glyph g) {
  out->glyphs = jb_grow(f->ctx, out->glyphs, cap, out->n_glyphs + 1, sizeof(jb_glyph));
  out->glyphs[out->n_glyphs++] = g;
}

static void report_missing(jb_fonts *f, const uint32_t *text, size_t i, jb_loc origin) {
  char utf8[5] = {0};
  jb_utf8_encode(text[i], utf8);
  jb_loc loc = origin;
  if (loc.offset >= 0) loc.offset += (long)i;
  if (f->strict)
    jb_fail(f->ctx, JB_ERR_FONT, loc, "no font covers '%s' (U+%04X)", utf8, (unsigned)text[i]);
  else
    jb_warn(f->ctx, loc, "no font covers '%s' (U+%04X); it is left out", utf8, (unsigned)text[i]);
}

/* No kerning next to ASCII punctuation: pairs such as ".t" in a file name kern
 * their advance boxes into each other, which checkers read as overlapping
 * glyphs; letters keep their kerning. Returns the number of features. */
#define MAX_KERN_OFF 32
static unsigned kern_exceptions(const uint32_t *text, size_t start, size_t len, hb_feature_t *feat) {
  unsigned n = 0;
  for (size_t i = start; i < start + len; i++) {
    uint32_t c = text[i];
    if (c > 0x7F || !(c == '.' || c == ',' || c == ':' || c == ';' || c == '/' || c == '-' || c == '\'')) continue;
    if (n == MAX_KERN_OFF) { /* too many: no kerning in this run at all */
      feat[0] = (hb_feature_t){HB_TAG('k', 'e', 'r', 'n'), 0, 0, (unsigned)-1};
      return 1;
    }
    feat[n++] = (hb_feature_t){HB_TAG('k', 'e', 'r', 'n'), 0, i > start ? (unsigned)i - 1 : (unsigned)i,
                               (unsigned)i + 1};
  }
  return n;
}

/* One run of the same face and script through HarfBuzz. */
static void shape_run(jb_fonts *f, int face, uint16_t flags, hb_script_t script, const uint32_t *text, size_t n,
                      size_t start, size_t len, double size, jb_shaped *out, size_t *cap) {
  jb_face *fc = &f->faces[face];
  hb_buffer_t *b = f->buf;
  hb_buffer_clear_contents(b);
  hb_buffer_add_utf32(b, text, (int)n, (unsigned)start, (int)len);
  hb_buffer_set_direction(b, HB_DIRECTION_LTR);
  hb_buffer_set_script(b, script);
  hb_buffer_set_language(b, hb_language_from_string(script == HB_SCRIPT_TIBETAN ? "bo" : "zh-Hans", -1));
  hb_feature_t feat[MAX_KERN_OFF];
  hb_shape(jb__face_shape_font(f, fc), b, feat, kern_exceptions(text, start, len, feat));
  unsigned count;
  hb_glyph_info_t *info = hb_buffer_get_glyph_infos(b, &count);
  hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(b, &count);
  double scale = size / fc->upem;
  for (unsigned k = 0; k < count; k++) {
    jb_glyph g = {info[k].codepoint, (uint16_t)face, flags, (float)(pos[k].x_advance * scale),
                  (float)(pos[k].x_offset * scale), (float)(pos[k].y_offset * scale),
                  info[k].cluster, 0, 0};
    append_glyph(f, out, cap, g);
  }
}

/* Assigns each glyph of a cluster the characters whose nominal glyph it is;
 * characters left over go to the first glyph that has none (ligatures,
 * Tibetan stacks). Text is stored per glyph in out->text order via gtext. */
static void map_cluster_text(jb_fonts *f, jb_shaped *out, size_t g0, size_t g1, size_t c0, size_t c1,
                             uint32_t *owner) {
  if (g1 - g0 == 1) { /* one glyph (nearly always): it owns the whole cluster */
    out->glyphs[g0].text_start = c1 > c0 ? (uint32_t)c0 : 0;
    out->glyphs[g0].text_len = (uint32_t)(c1 - c0);
    return;
  }
  for (size_t c = c0; c < c1; c++) owner[c - c0] = UINT32_MAX;
  for (size_t g = g0; g < g1; g++) {
    jb_glyph *gl = &out->glyphs[g];
    for (size_t c = c0; c < c1; c++) {
      uint32_t nominal;
      if (owner[c - c0] == UINT32_MAX && !(gl->flags & JB_GLYPH_MISSING) &&
          jb__face_glyph(f, &f->faces[gl->face], out->text[c], &nominal) && nominal == gl->gid) {
        owner[c - c0] = (uint32_t)g;
        break;
      }
    }
  }
  size_t taker = g0;
  for (size_t g = g0; g < g1; g++) {
    int has = 0;
    for (size_t c = c0; c < c1; c++) has |= owner[c - c0] == g;
    if (!has) {
      taker = g;
      break;
    }
  }
  for (size_t c = c0; c < c1; c++)
    if (owner[c - c0] == UINT32_MAX) owner[c - c0] = (uint32_t)taker;
  /* A glyph's text must be one contiguous range for jb_glyph; when the owners
   * are not contiguous and ordered, give the whole cluster to the first glyph. */
  int ordered = 1;
  for (size_t c = c0 + 1; c < c1; c++) ordered &= owner[c - c0] >= owner[c - c0 - 1];
  for (size_t g = g0; g < g1; g++) out->glyphs[g].text_start = out->glyphs[g].text_len = 0;
  if (!ordered) {
    out->glyphs[g0].text_start = (uint32_t)c0;
    out->glyphs[g0].text_len = (uint32_t)(c1 - c0);
    return;
  }
  for (size_t c = c0; c < c1; c++) {
    jb_glyph *gl = &out->glyphs[owner[c - c0]];
    if (!gl->text_len) gl->text_start = (uint32_t)c;
    gl->text_len++;
  }
}

static void map_text(jb_fonts *f, jb_shaped *out) {
  uint32_t *owner = jb_malloc(f->ctx, (out->text_len + 1) * sizeof(uint32_t));
  size_t g = 0;
  while (g < out->n_glyphs) {
    size_t h = g + 1;
    while (h < out->n_glyphs && out->glyphs[h].cluster == out->glyphs[g].cluster) h++;
    size_t c0 = out->glyphs[g].cluster;
    size_t c1 = h < out->n_glyphs ? out->glyphs[h].cluster : out->text_len;
    if (c1 < c0) c1 = c0; /* never for LTR runs */
    map_cluster_text(f, out, g, h, c0, c1, owner);
    g = h;
  }
  jb_free(f->ctx, owner);
}

jb_status jb_shape(jb_fonts *f, int stack, double size, const uint32_t *text, size_t n, jb_loc origin,
                   jb_shaped *out) {
  memset(out, 0, sizeof *out);
  out->text = text;
  out->text_len = n;
  out->size = size;
  if (stack < 0 || (size_t)stack >= f->n_stacks || !f->stacks[stack].resolved)
    return jb_fail(f->ctx, JB_ERR_INTERNAL, JB_LOC_NONE, "jb_shape: stack %d is not resolved", stack);
  int *face = jb_malloc(f->ctx, (n ? n : 1) * sizeof(int));
  choose_faces(f, &f->stacks[stack], text, n, face);
  size_t cap = 0, i = 0;
  jb_status st = JB_OK;
  while (i < n) {
    if (face[i] == NO_FACE) {
      report_missing(f, text, i, origin);
      if (f->strict) st = JB_ERR_FONT;
      jb_glyph g = {0, (uint16_t)f->stacks[stack].faces[0], JB_GLYPH_MISSING, 0, 0, 0, (uint32_t)i, 0, 0};
      append_glyph(f, out, &cap, g);
      i++;
      continue;
    }
    hb_script_t script = HB_SCRIPT_COMMON;
    size_t j = i;
    for (; j < n && face[j] == face[i]; j++) {
      hb_script_t s = script_of(text[j]);
      if (weak_script(s)) continue;
      if (weak_script(script)) script = s;
      else if (s != script) break;
    }
    if (weak_script(script)) script = HB_SCRIPT_HAN;
    shape_run(f, face[i] & ~SYNTH, (face[i] & SYNTH) ? JB_GLYPH_SYNTH_BOLD : 0, script, text, n, i, j - i,
              size, out, &cap);
    i = j;
  }
  jb_free(f->ctx, face);
  map_text(f, out);
  return st;
}

void jb_shaped_fini(jb_fonts *f, jb_shaped *s) {
  jb_free(f->ctx, s->glyphs);
  memset(s, 0, sizeof *s);
}

double jb_shaped_width(const jb_shaped *s) {
  double w = 0;
  for (size_t i = 0; i < s->n_glyphs; i++) w += s->glyphs[i].x_advance;
  return w;
}
