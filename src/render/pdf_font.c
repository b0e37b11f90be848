/* Type0 fonts of the PDF: subset font programs from hb-subset, compact W
 * arrays, CIDToGIDMap and a ToUnicode CMap from the glyphs' text. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/pdf_imp.h"

static void add_hex16(jb_buf *b, uint32_t v) {
  static const char hex[] = "0123456789ABCDEF";
  char s[4] = {hex[(v >> 12) & 15], hex[(v >> 8) & 15], hex[(v >> 4) & 15], hex[v & 15]};
  jb_buf_add(b, s, 4);
}

static void add_utf16_hex(jb_buf *b, const uint32_t *cps, size_t n) {
  for (size_t i = 0; i < n; i++) {
    uint32_t cp = cps[i];
    if (cp >= 0x10000) {
      cp -= 0x10000;
      add_hex16(b, 0xD800 | (cp >> 10));
      add_hex16(b, 0xDC00 | (cp & 0x3FF));
    } else {
      add_hex16(b, cp);
    }
  }
}

static int by_code(const void *a, const void *b) {
  uint32_t x = ((const glyph_slot *)a)->code, y = ((const glyph_slot *)b)->code;
  return x < y ? -1 : x > y;
}

/* Used slots sorted by code. */
static glyph_slot *sorted_slots(pdf_writer *w, pdf_font *f) {
  glyph_slot *v = jb_malloc(w->ctx, (f->used + 1) * sizeof(glyph_slot));
  size_t n = 0;
  for (size_t i = 0; i < f->cap; i++)
    if (f->slots[i].gid != UINT32_MAX) v[n++] = f->slots[i];
  qsort(v, n, sizeof *v, by_code);
  return v;
}

/* 6-letter subset tag from the glyph set, so identical input gives identical output. */
static void subset_tag(const glyph_slot *v, size_t n, char tag[8]) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) h = (h ^ v[i].gid) * 16777619u;
  for (int i = 0; i < 6; i++) tag[i] = (char)('A' + h % 26), h /= 26;
  tag[6] = '+', tag[7] = 0;
}

/* The W array of cid, attached before it is filled (a failure part-way then
 * leaves nothing unowned). Returns 0 when a libharu call failed. */
static int widths_array(pdf_writer *w, HPDF_Dict cid, const glyph_slot *v, size_t n) {
  HPDF_Array arr, run = NULL;
  if (!PDF_NEW(w, arr, HPDF_Array_New(w->pdf->mmgr)) || !PDF_OK(w, HPDF_Dict_Add(cid, "W", arr))) return 0;
  uint32_t prev = UINT32_MAX;
  size_t run_len = 0;
  for (size_t i = 0; i < n; i++) {
    int wd = v[i].width;
    if (wd == 1000) {
      run = NULL;
      continue;
    }
    if (!run || v[i].code != prev + 1 || run_len >= 4000) {
      if (!PDF_OK(w, HPDF_Array_AddNumber(arr, (HPDF_INT32)v[i].code)) || !PDF_NEW(w, run, HPDF_Array_New(w->pdf->mmgr)) ||
          !PDF_OK(w, HPDF_Array_Add(arr, run)))
        return 0;
      run_len = 0;
    }
    if (!PDF_OK(w, HPDF_Array_AddNumber(run, wd))) return 0;
    run_len++;
    prev = v[i].code;
  }
  return 1;
}

static HPDF_Dict tounicode_stream(pdf_writer *w, const glyph_slot *v, size_t n) {
  jb_buf b;
  jb_buf_init(&b, w->ctx);
  jb_buf_adds(&b,
              "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
              "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
              "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
              "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
  size_t i = 0;
  while (i < n) {
    size_t k = 0;
    for (size_t j = i; j < n && k < 100; j++) k += v[j].text_len > 0;
    if (!k) break;
    jb_buf_printf(&b, "%zu beginbfchar\n", k);
    size_t done = 0;
    for (; i < n && done < k; i++) {
      if (!v[i].text_len) continue;
      jb_buf_addc(&b, '<');
      add_hex16(&b, v[i].code);
      jb_buf_adds(&b, "> <");
      add_utf16_hex(&b, w->dl->text + v[i].text_start, v[i].text_len);
      jb_buf_adds(&b, ">\n");
      done++;
    }
    jb_buf_adds(&b, "endbfchar\n");
  }
  jb_buf_adds(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
  HPDF_Dict s = jb_pdf_new_stream(w, b.data, b.len, 1);
  jb_buf_fini(&b);
  return s;
}

static HPDF_Dict cid_to_gid_map(pdf_writer *w, const glyph_slot *v, size_t n, const uint32_t *new_gid) {
  uint32_t max = n ? v[n - 1].code : 0;
  unsigned char *map = jb_calloc(w->ctx, max + 1, 2);
  for (size_t i = 0; i < n; i++) {
    map[2 * v[i].code] = (unsigned char)(new_gid[i] >> 8);
    map[2 * v[i].code + 1] = (unsigned char)(new_gid[i] & 0xFF);
  }
  HPDF_Dict s = jb_pdf_new_stream(w, map, 2 * (size_t)(max + 1), 1);
  jb_free(w->ctx, map);
  return s;
}

static HPDF_Dict font_descriptor(pdf_writer *w, pdf_font *f, const char *name, const jb_subset *sub) {
  HPDF_MMgr mm = w->pdf->mmgr;
  const jb_face_info *in = &f->info;
  double s = 1000.0 / in->upem;
  HPDF_Box box = {(HPDF_REAL)lround(in->bbox[0] * s), (HPDF_REAL)lround(in->bbox[1] * s),
                  (HPDF_REAL)lround(in->bbox[2] * s), (HPDF_REAL)lround(in->bbox[3] * s)};
  HPDF_Dict fd = jb_pdf_new_dict(w), file;
  HPDF_Array bbox;
  int ok = fd && PDF_OK(w, HPDF_Dict_AddName(fd, "Type", "FontDescriptor")) &&
           PDF_OK(w, HPDF_Dict_AddName(fd, "FontName", name)) &&
           PDF_OK(w, HPDF_Dict_AddNumber(fd, "Flags", 4 | (in->serif ? 2 : 0) | (in->fixed_pitch ? 1 : 0))) &&
           PDF_NEW(w, bbox, HPDF_Box_Array_New(mm, box)) && PDF_OK(w, HPDF_Dict_Add(fd, "FontBBox", bbox)) &&
           PDF_OK(w, HPDF_Dict_AddNumber(fd, "ItalicAngle", 0)) &&
           PDF_OK(w, HPDF_Dict_AddNumber(fd, "Ascent", (HPDF_INT32)lround(in->ascender * s))) &&
           PDF_OK(w, HPDF_Dict_AddNumber(fd, "Descent", (HPDF_INT32)lround(in->descender * s))) &&
           PDF_OK(w, HPDF_Dict_AddNumber(fd, "CapHeight", (HPDF_INT32)lround(in->cap_height * s))) &&
           PDF_OK(w, HPDF_Dict_AddNumber(fd, "StemV", 80)) && (file = jb_pdf_new_stream(w, sub->data, sub->len, 1));
  if (ok && in->format == JB_FONT_TRUETYPE)
    ok = PDF_OK(w, HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)sub->len)) &&
         PDF_OK(w, HPDF_Dict_Add(fd, "FontFile2", file));
  else if (ok)
    ok = PDF_OK(w, HPDF_Dict_AddName(file, "Subtype", "CIDFontType0C")) && PDF_OK(w, HPDF_Dict_Add(fd, "FontFile3", file));
  return ok ? fd : NULL;
}

/* The CIDFont dict (fonts[face]'s descendant). Returns 0 when a call failed. */
static int cid_font(pdf_writer *w, pdf_font *f, HPDF_Dict cid, const char *name, const glyph_slot *v, size_t n,
                    const jb_subset *sub) {
  HPDF_MMgr mm = w->pdf->mmgr;
  HPDF_Dict sysinfo, fd, map;
  HPDF_String reg, ord;
  int ok = PDF_OK(w, HPDF_Dict_AddName(cid, "Type", "Font")) &&
           PDF_OK(w, HPDF_Dict_AddName(cid, "Subtype", f->info.format == JB_FONT_TRUETYPE ? "CIDFontType2" : "CIDFontType0")) &&
           PDF_OK(w, HPDF_Dict_AddName(cid, "BaseFont", name)) && PDF_NEW(w, sysinfo, HPDF_Dict_New(mm)) &&
           PDF_OK(w, HPDF_Dict_Add(cid, "CIDSystemInfo", sysinfo)) && PDF_NEW(w, reg, HPDF_String_New(mm, "Adobe", NULL)) &&
           PDF_OK(w, HPDF_Dict_Add(sysinfo, "Registry", reg)) && PDF_NEW(w, ord, HPDF_String_New(mm, "Identity", NULL)) &&
           PDF_OK(w, HPDF_Dict_Add(sysinfo, "Ordering", ord)) && PDF_OK(w, HPDF_Dict_AddNumber(sysinfo, "Supplement", 0)) &&
           (fd = font_descriptor(w, f, name, sub)) && PDF_OK(w, HPDF_Dict_Add(cid, "FontDescriptor", fd)) &&
           PDF_OK(w, HPDF_Dict_AddNumber(cid, "DW", 1000)) && widths_array(w, cid, v, n);
  if (ok && f->info.format == JB_FONT_TRUETYPE)
    ok = (map = cid_to_gid_map(w, v, n, sub->new_gid)) && PDF_OK(w, HPDF_Dict_Add(cid, "CIDToGIDMap", map));
  return ok;
}

jb_status jb_pdf_finish_font(pdf_writer *w, pdf_font *f) {
  HPDF_MMgr mm = w->pdf->mmgr;
  glyph_slot *v = sorted_slots(w, f);
  size_t n = f->used;
  uint32_t *gids = jb_malloc(w->ctx, (n + 1) * sizeof(uint32_t));
  for (size_t i = 0; i < n; i++) gids[i] = v[i].gid;
  jb_subset sub;
  jb_status st = jb_fonts_subset(w->dl->fonts, f->face, gids, n, &sub);
  jb_free(w->ctx, gids);
  if (st) {
    jb_free(w->ctx, v);
    return st;
  }
  char name[300];
  subset_tag(v, n, name);
  snprintf(name + 7, sizeof name - 7, "%s", f->info.ps_name);
  HPDF_Dict cid = jb_pdf_new_dict(w), t0 = f->type0, cmap;
  HPDF_Array desc;
  /* a failure is recorded in w and reported by the caller */
  (void)(t0 && cid && cid_font(w, f, cid, name, v, n, &sub) && PDF_OK(w, HPDF_Dict_AddName(t0, "Type", "Font")) &&
         PDF_OK(w, HPDF_Dict_AddName(t0, "Subtype", "Type0")) && PDF_OK(w, HPDF_Dict_AddName(t0, "BaseFont", name)) &&
         PDF_OK(w, HPDF_Dict_AddName(t0, "Encoding", "Identity-H")) && PDF_NEW(w, desc, HPDF_Array_New(mm)) &&
         PDF_OK(w, HPDF_Dict_Add(t0, "DescendantFonts", desc)) && PDF_OK(w, HPDF_Array_Add(desc, cid)) &&
         (cmap = tounicode_stream(w, v, n)) && PDF_OK(w, HPDF_Dict_Add(t0, "ToUnicode", cmap)));
  if (!t0) jb_pdf_check(w, 0, "HPDF_Page_GetLocalFontName"); /* no Type0 dict: its creation failed */
  jb_subset_fini(w->dl->fonts, &sub);
  jb_free(w->ctx, v);
  return JB_OK;
}
