/* Baseline for the benchmark: the same text through libharu's own UTF-8
 * TrueType path (HPDF_UseUTFEncodings + HPDF_LoadTTFontFromFile2 + TextOut),
 * fixed characters per line, A4, 12 pt. Not part of jianbao. */
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void on_error(HPDF_STATUS e, HPDF_STATUS d, void *u) {
  (void)u;
  fprintf(stderr, "libharu error %04X/%u\n", (unsigned)e, (unsigned)d);
  exit(1);
}

static size_t utf8_len(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

int main(int argc, char **argv) {
  if (argc < 4) return fprintf(stderr, "usage: libharu_utf8 FONT.ttc TEXT.txt OUT.pdf\n"), 2;
  FILE *f = fopen(argv[2], "rb");
  if (!f) return 1;
  static char text[1 << 20];
  size_t n = fread(text, 1, sizeof text - 1, f);
  fclose(f);
  HPDF_Doc pdf = HPDF_New(on_error, NULL);
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(pdf);
  HPDF_SetCurrentEncoder(pdf, "UTF-8");
  const char *name = HPDF_LoadTTFontFromFile2(pdf, argv[1], 0, HPDF_TRUE);
  HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
  HPDF_Page page = NULL;
  double y = 0;
  size_t i = 0;
  while (i < n) {
    if (!page || y < 72) {
      page = HPDF_AddPage(pdf);
      HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
      y = 770;
    }
    char line[256];
    size_t k = 0, chars = 0;
    while (i < n && chars < 38 && text[i] != '\n') {
      size_t l = utf8_len((unsigned char)text[i]);
      memcpy(line + k, text + i, l), k += l, i += l, chars++;
    }
    if (i < n && text[i] == '\n') i++;
    line[k] = 0;
    if (!k) continue;
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, font, 12);
    HPDF_Page_TextOut(page, 70, (HPDF_REAL)y, line);
    HPDF_Page_EndText(page);
    y -= 21;
  }
  HPDF_SaveToFile(pdf, argv[3]);
  HPDF_Free(pdf);
  return 0;
}
